import { annotationPath, containersPhrase, isSet, obj, sc } from './helpers';
import { CheckFn, PodSecurityCheck } from './types';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Policy before 1.19: the alpha annotations must not say unconfined. */
const annotations1_0: CheckFn = (pod) => {
  const keys = [POD_ANNOTATION, ...pod.containers.map((r) => `${CONTAINER_ANNOTATION_PREFIX}${r.c.name}`)]
    .filter((k) => pod.annotations[k] === 'unconfined');
  if (!keys.length) return undefined;
  return {
    paths: keys.map(annotationPath),
    message: `${keys.join(', ')} must not be "unconfined"`,
    fix: 'use runtime/default (or remove the annotation)',
  };
};

/** 1.19+: seccompProfile.type must not be Unconfined, on the pod or any container. */
const fields1_19: CheckFn = (pod) => {
  const unconfined = (p: any) => isSet(p) && obj(p).type === 'Unconfined';
  const paths: string[] = [];
  const setters: string[] = [];
  if (unconfined(pod.podSc.seccompProfile)) {
    paths.push('spec.securityContext.seccompProfile.type');
    setters.push('pod');
  }
  const bad = pod.containers.filter((r) => unconfined(sc(r).seccompProfile));
  paths.push(...bad.map((r) => `${r.path}.securityContext.seccompProfile.type`));
  if (bad.length) setters.push(containersPhrase(bad));
  if (!paths.length) return undefined;
  return {
    paths,
    message: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to "Unconfined"`,
    fix: 'use seccompProfile.type RuntimeDefault (or Localhost with a profile)',
  };
};

/** Baseline: no unconfined seccomp. Replaced by seccompProfile_restricted under restricted (1.19+). */
export const seccompProfileBaseline: PodSecurityCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  revisions: [
    { since: 0, check: annotations1_0 },
    { since: 19, check: fields1_19 },
  ],
};
