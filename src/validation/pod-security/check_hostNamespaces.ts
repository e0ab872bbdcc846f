import { PodSecurityCheck } from './types';

/** Baseline, 1.0+: the pod must not share the node's network, PID or IPC namespace. */
export const hostNamespaces: PodSecurityCheck = {
  id: 'hostNamespaces',
  level: 'baseline',
  revisions: [{
    since: 0,
    check: (pod) => {
      const set = ['hostNetwork', 'hostPID', 'hostIPC'].filter((f) => pod.spec[f] === true);
      if (!set.length) return undefined;
      return {
        paths: set.map((f) => `spec.${f}`),
        message: `the pod shares the node's namespaces (${set.map((f) => `${f}=true`).join(', ')})`,
        fix: `remove ${set.join(', ')} (or set false)`,
      };
    },
  }],
};
