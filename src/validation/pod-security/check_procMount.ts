import { containersPhrase, inUserNamespace, isSet, quote, sc } from './helpers';
import { CheckFn, PodSecurityCheck } from './types';

/** procMount must be Default or unset on every container. */
export const procMountDefaultOnly: CheckFn = (pod) => {
  const bad = pod.containers.filter((r) => isSet(sc(r).procMount) && sc(r).procMount !== 'Default');
  if (!bad.length) return undefined;
  return {
    paths: bad.map((r) => `${r.path}.securityContext.procMount`),
    message: `${containersPhrase(bad)} must not set securityContext.procMount to ${[...new Set(bad.map((r) => quote(sc(r).procMount)))].join(', ')}`,
    fix: 'remove securityContext.procMount (or set Default)',
  };
};

/**
 * Baseline: /proc must stay masked. From 1.35, pods in a user namespace (hostUsers: false) may unmask
 * it under baseline; restricted still forbids that (procMount_restricted).
 */
export const procMount: PodSecurityCheck = {
  id: 'procMount',
  level: 'baseline',
  revisions: [
    { since: 0, check: procMountDefaultOnly },
    { since: 35, check: (pod) => (inUserNamespace(pod) ? undefined : procMountDefaultOnly(pod)) },
  ],
};
