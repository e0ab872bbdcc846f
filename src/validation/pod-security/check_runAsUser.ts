import { containersPhrase, inUserNamespace, sc } from './helpers';
import { CheckFn, PodSecurityCheck } from './types';
import { append } from '../../util/append';

const check1_23: CheckFn = (pod) => {
  const setters: string[] = [];
  const paths: string[] = [];
  if (pod.podSc.runAsUser === 0) {
    setters.push('pod');
    paths.push('spec.securityContext.runAsUser');
  }
  const bad = pod.containers.filter((r) => sc(r).runAsUser === 0);
  if (bad.length) {
    setters.push(containersPhrase(bad));
    append(paths, bad.map((r) => `${r.path}.securityContext.runAsUser`));
  }
  if (!paths.length) return undefined;
  return {
    paths,
    message: `${setters.join(' and ')} must not set runAsUser=0 (root)`,
    fix: 'use a non-zero user id (e.g. 65532) or remove runAsUser',
  };
};

/** Restricted, 1.23+: runAsUser must not be 0. From 1.35, pods with hostUsers: false are exempt. */
export const runAsUser: PodSecurityCheck = {
  id: 'runAsUser',
  level: 'restricted',
  revisions: [
    { since: 23, check: check1_23 },
    { since: 35, check: (pod) => (inUserNamespace(pod) ? undefined : check1_23(pod)) },
  ],
};
