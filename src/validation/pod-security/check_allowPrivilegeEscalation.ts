import { containersPhrase, isWindowsPod, sc } from './helpers';
import { CheckFn, PodSecurityCheck } from './types';

const check1_8: CheckFn = (pod) => {
  const bad = pod.containers.filter((r) => sc(r).allowPrivilegeEscalation !== false);
  if (!bad.length) return undefined;
  return {
    paths: bad.map((r) => `${r.path}.securityContext.allowPrivilegeEscalation`),
    message: `${containersPhrase(bad)} must set securityContext.allowPrivilegeEscalation=false`,
    fix: 'set securityContext.allowPrivilegeEscalation: false on every container',
  };
};

/** Restricted, 1.8+: allowPrivilegeEscalation explicitly false; Windows pods exempt from 1.25. */
export const allowPrivilegeEscalation: PodSecurityCheck = {
  id: 'allowPrivilegeEscalation',
  level: 'restricted',
  revisions: [
    { since: 8, check: check1_8 },
    { since: 25, check: (pod) => (isWindowsPod(pod) ? undefined : check1_8(pod)) },
  ],
};
