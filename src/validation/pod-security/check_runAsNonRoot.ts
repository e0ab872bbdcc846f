import { containersPhrase, inUserNamespace, isSet, sc } from './helpers';
import { CheckFn, PodSecurityCheck } from './types';
import { append } from '../../util/append';

const check1_0: CheckFn = (pod) => {
  const podValue = pod.podSc.runAsNonRoot;
  const explicit = pod.containers.filter((r) => isSet(sc(r).runAsNonRoot) && sc(r).runAsNonRoot !== true);
  const setters: string[] = [];
  const paths: string[] = [];
  if (isSet(podValue) && podValue !== true) {
    setters.push('pod');
    paths.push('spec.securityContext.runAsNonRoot');
  }
  if (explicit.length) {
    setters.push(containersPhrase(explicit));
    append(paths, explicit.map((r) => `${r.path}.securityContext.runAsNonRoot`));
  }
  if (setters.length) {
    return {
      paths,
      message: `${setters.join(' and ')} must not set securityContext.runAsNonRoot=false`,
      fix: 'set securityContext.runAsNonRoot: true at pod level and remove the false values',
    };
  }
  if (podValue === true) return undefined;
  const implicit = pod.containers.filter((r) => !isSet(sc(r).runAsNonRoot));
  if (!implicit.length) return undefined;
  return {
    paths: ['spec.securityContext.runAsNonRoot'],
    message: `pod or ${containersPhrase(implicit)} must set securityContext.runAsNonRoot=true`,
    fix: 'set securityContext.runAsNonRoot: true at pod level (and run the image as a non-zero UID)',
  };
};

/** Restricted: runAsNonRoot true for every container. From 1.35, pods with hostUsers: false are exempt. */
export const runAsNonRoot: PodSecurityCheck = {
  id: 'runAsNonRoot',
  level: 'restricted',
  revisions: [
    { since: 0, check: check1_0 },
    { since: 35, check: (pod) => (inUserNamespace(pod) ? undefined : check1_0(pod)) },
  ],
};
