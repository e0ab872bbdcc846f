import { annotationPath, containersPhrase, isSet, obj, quote, sc } from './helpers';
import { CheckFn, PodSecurityCheck } from './types';

const POD_ANNOTATION = 'seccomp.security.alpha.kubernetes.io/pod';
const CONTAINER_ANNOTATION_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';

/** Allowed values of the alpha annotations: runtime/default, docker/default, localhost/<profile>. */
const allowedAnnotation = (v: any) => typeof v === 'string' && (v === 'runtime/default' || v === 'docker/default' || v.startsWith('localhost/'));

/** Policy before 1.19: the alpha annotations, when present, must name a confining profile. */
const annotations1_0: CheckFn = (pod) => {
  const keys = [POD_ANNOTATION, ...pod.containers.map((r) => `${CONTAINER_ANNOTATION_PREFIX}${r.c.name}`)]
    .filter((k) => k in pod.annotations && !allowedAnnotation(pod.annotations[k]));
  if (!keys.length) return undefined;
  return {
    paths: keys.map(annotationPath),
    message: `forbidden seccomp ${keys.length === 1 ? 'profile' : 'profiles'} ${keys.map((k) => `${k}=${quote(pod.annotations[k])}`).join(', ')}`,
    fix: 'use runtime/default (or remove the annotation)',
  };
};

/** 1.19+: seccompProfile.type, when set on the pod or a container, must be RuntimeDefault or Localhost (not Unconfined). */
const fields1_19: CheckFn = (pod) => {
  const forbidden = (p: any) => isSet(p) && !['RuntimeDefault', 'Localhost'].includes(obj(p).type);
  const paths: string[] = [];
  const setters: string[] = [];
  const values = new Set<string>();
  if (forbidden(pod.podSc.seccompProfile)) {
    paths.push('spec.securityContext.seccompProfile.type');
    setters.push('pod');
    values.add(quote(obj(pod.podSc.seccompProfile).type));
  }
  const bad = pod.containers.filter((r) => forbidden(sc(r).seccompProfile));
  for (const r of bad) {
    paths.push(`${r.path}.securityContext.seccompProfile.type`);
    values.add(quote(obj(sc(r).seccompProfile).type));
  }
  if (bad.length) setters.push(containersPhrase(bad));
  if (!paths.length) return undefined;
  return {
    paths,
    message: `${setters.join(' and ')} must not set securityContext.seccompProfile.type to ${[...values].join(', ')}`,
    fix: 'use seccompProfile.type RuntimeDefault (or Localhost with a profile), or leave it unset',
  };
};

/** Baseline: no unconfined seccomp (unset is fine). Replaced by seccompProfile_restricted under restricted (1.19+). */
export const seccompProfileBaseline: PodSecurityCheck = {
  id: 'seccompProfile_baseline',
  level: 'baseline',
  revisions: [
    { since: 0, check: annotations1_0 },
    { since: 19, check: fields1_19 },
  ],
};
