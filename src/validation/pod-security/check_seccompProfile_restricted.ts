import { containersPhrase, isSet, isWindowsPod, obj, quote, sc } from './helpers';
import { CheckFn, PodSecurityCheck } from './types';
import { append } from '../../util/append';

const valid = (profile: any) => ['RuntimeDefault', 'Localhost'].includes(obj(profile).type);

const check1_19: CheckFn = (pod) => {
  const setters: string[] = [];
  const paths: string[] = [];
  const values = new Set<string>();
  const podProfile = pod.podSc.seccompProfile;
  if (isSet(podProfile) && !valid(podProfile)) {
    setters.push('pod');
    paths.push('spec.securityContext.seccompProfile.type');
    values.add(String(obj(podProfile).type));
  }
  const podOk = isSet(podProfile) && valid(podProfile);
  const explicit = pod.containers.filter((r) => isSet(sc(r).seccompProfile) && !valid(sc(r).seccompProfile));
  if (explicit.length) {
    setters.push(containersPhrase(explicit));
    append(paths, explicit.map((r) => `${r.path}.securityContext.seccompProfile.type`));
    explicit.forEach((r) => values.add(String(obj(sc(r).seccompProfile).type)));
  }
  if (setters.length) {
    return {
      paths,
      message: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${[...values].map(quote).join(', ')}`,
      fix: 'use seccompProfile.type RuntimeDefault (or Localhost with a profile)',
    };
  }
  if (podOk) return undefined;
  const implicit = pod.containers.filter((r) => !isSet(sc(r).seccompProfile));
  if (!implicit.length) return undefined;
  return {
    paths: ['spec.securityContext.seccompProfile.type'],
    message: `pod or ${containersPhrase(implicit)} must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost"`,
    fix: 'set securityContext.seccompProfile: { type: RuntimeDefault } at pod level',
  };
};

/** Restricted, 1.19+: seccomp RuntimeDefault or Localhost for every container; Windows pods exempt from 1.25. */
export const seccompProfileRestricted: PodSecurityCheck = {
  id: 'seccompProfile_restricted',
  level: 'restricted',
  revisions: [
    { since: 19, check: check1_19, overrides: ['seccompProfile_baseline'] },
    { since: 25, check: (pod) => (isWindowsPod(pod) ? undefined : check1_19(pod)), overrides: ['seccompProfile_baseline'] },
  ],
};
