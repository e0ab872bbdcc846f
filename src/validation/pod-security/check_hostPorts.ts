import { arr, containersPhrase, isSet, obj } from './helpers';
import { ContainerRef, PodSecurityCheck } from './types';

/** Baseline, 1.0+: no host ports (0 or unset only). */
export const hostPorts: PodSecurityCheck = {
  id: 'hostPorts',
  level: 'baseline',
  revisions: [{
    since: 0,
    check: (pod) => {
      const paths: string[] = [];
      const bad: ContainerRef[] = [];
      const ports: string[] = [];
      for (const r of pod.containers) {
        let found = false;
        arr(r.c.ports).forEach((p, j) => {
          const hp = obj(p).hostPort;
          if (!isSet(hp) || hp === 0) return;
          found = true;
          ports.push(String(hp));
          paths.push(`${r.path}.ports[${j}].hostPort`);
        });
        if (found) bad.push(r);
      }
      if (!bad.length) return undefined;
      return {
        paths,
        message: `${containersPhrase(bad)} use host ${ports.length === 1 ? 'port' : 'ports'} ${ports.join(', ')}`,
        fix: 'remove hostPort (reach the pod through a Service instead)',
      };
    },
  }],
};
