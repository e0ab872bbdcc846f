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
      for (const r of pod.containers) {
        const handlers: Array<[string, any]> = [
          ...PROBES.map((p): [string, any] => [`${r.path}.${p}`, r.c[p]]),
          ...HOOKS.map((h): [string, any] => [`${r.path}.lifecycle.${h}`, obj(r.c.lifecycle)[h]]),
        ];
        let found = false;
        for (const [at, handler] of handlers) {
          for (const action of ACTIONS) {
            const host = obj(obj(handler)[action]).host;
            if (!isSet(host) || host === '') continue;
            found = true;
            hosts.add(String(host));
            paths.push(`${at}.${action}.host`);
          }
        }
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
