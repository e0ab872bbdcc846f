import { containersPhrase, isSet, obj, quote } from './helpers';
import { ContainerRef, PodSecurityCheck } from './types';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HOOKS = ['postStart', 'preStop'];
const ACTIONS = ['httpGet', 'tcpSocket'];

/** Baseline, 1.34+: probes and lifecycle hooks must not target another host (the node, a metadata service...). */
export const hostProbesAndHostLifecycle: PodSecurityCheck = {
  id: 'hostProbesAndHostLifecycle',
  level: 'baseline',
  revisions: [{
    since: 34,
    check: (pod) => {
      const paths: string[] = [];
      const hosts = new Set<string>();
      const bad: ContainerRef[] = [];
      // Paths are built only for the handlers present: batch containers rarely have any.
      const visit = (handler: any, at: string): boolean => {
        let found = false;
        for (const action of ACTIONS) {
          const host = obj(obj(handler)[action]).host;
          if (!isSet(host) || host === '') continue;
          found = true;
          hosts.add(String(host));
          paths.push(`${at}.${action}.host`);
        }
        return found;
      };
      for (const r of pod.containers) {
        let found = false;
        for (const p of PROBES) if (isSet(r.c[p]) && visit(r.c[p], `${r.path}.${p}`)) found = true;
        const lifecycle = obj(r.c.lifecycle);
        for (const h of HOOKS) if (isSet(lifecycle[h]) && visit(lifecycle[h], `${r.path}.lifecycle.${h}`)) found = true;
        if (found) bad.push(r);
      }
      if (!bad.length) return undefined;
      return {
        paths,
        message: `${containersPhrase(bad)} ${bad.length === 1 ? 'uses' : 'use'} probe or lifecycle ${hosts.size === 1 ? 'host' : 'hosts'} ${[...hosts].map(quote).join(', ')}`,
        fix: 'remove the host field: probes and hooks then target the pod\'s own IP',
      };
    },
  }],
};
