import { containersPhrase, isSet, sc } from './helpers';
import { PodSecurityCheck } from './types';

/**
 * Baseline, 1.37+: no container ulimits (securityContext.ulimits, the ContainerUlimits KEP: only the
 * privileged level may set them). Taken from the upstream policy source at 1.37; the field is alpha and
 * feature-gated, so clusters without the gate drop it before admission anyway.
 */
export const ulimits: PodSecurityCheck = {
  id: 'ulimits',
  level: 'baseline',
  revisions: [{
    since: 37,
    check: (pod) => {
      const bad = pod.containers.filter((r) => isSet(sc(r).ulimits));
      if (!bad.length) return undefined;
      return {
        paths: bad.map((r) => `${r.path}.securityContext.ulimits`),
        message: `${containersPhrase(bad)} must not set securityContext.ulimits`,
        fix: 'remove securityContext.ulimits (only the privileged level allows them)',
      };
    },
  }],
};
