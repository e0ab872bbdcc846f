import { containersPhrase, sc } from './helpers';
import { PodSecurityCheck } from './types';

/** Baseline, 1.0+: no privileged containers. */
export const privileged: PodSecurityCheck = {
  id: 'privileged',
  level: 'baseline',
  revisions: [{
    since: 0,
    check: (pod) => {
      const bad = pod.containers.filter((r) => sc(r).privileged === true);
      if (!bad.length) return undefined;
      return {
        paths: bad.map((r) => `${r.path}.securityContext.privileged`),
        message: `${containersPhrase(bad)} must not set securityContext.privileged=true`,
        fix: 'remove securityContext.privileged (or set false)',
      };
    },
  }],
};
