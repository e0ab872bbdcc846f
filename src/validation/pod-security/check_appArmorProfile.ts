import { annotationPath, containersPhrase, isSet, obj, quote, sc } from './helpers';
import { ContainerRef, PodSecurityCheck } from './types';

export const APPARMOR_ANNOTATION_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const ALLOWED_TYPES = new Set(['RuntimeDefault', 'Localhost']);

/** Allowed values of the deprecated per-container annotation: empty, runtime/default or localhost/<profile>. */
const allowedAnnotation = (v: any): boolean => typeof v === 'string' && (v === '' || v === 'runtime/default' || v.startsWith('localhost/'));

/**
 * Baseline, 1.0+ (one revision, amended in place when the appArmorProfile field arrived, so it applies
 * at every policy version): no Unconfined AppArmor profile, neither through the securityContext
 * field (pod or container) nor through the beta annotation.
 */
export const appArmorProfile: PodSecurityCheck = {
  id: 'appArmorProfile',
  level: 'baseline',
  revisions: [{
    since: 0,
    check: (pod) => {
      const paths: string[] = [];
      const setters: string[] = [];
      const values = new Set<string>();
      const badField = (profile: any): boolean => isSet(profile) && !ALLOWED_TYPES.has(obj(profile).type);
      if (badField(pod.podSc.appArmorProfile)) {
        paths.push('spec.securityContext.appArmorProfile.type');
        setters.push('pod');
        values.add(String(obj(pod.podSc.appArmorProfile).type));
      }
      const bad: ContainerRef[] = pod.containers.filter((r) => badField(sc(r).appArmorProfile));
      for (const r of bad) {
        paths.push(`${r.path}.securityContext.appArmorProfile.type`);
        values.add(String(obj(sc(r).appArmorProfile).type));
      }
      if (bad.length) setters.push(containersPhrase(bad));
      const annotations = Object.keys(pod.annotations).sort()
        .filter((k) => k.startsWith(APPARMOR_ANNOTATION_PREFIX) && !allowedAnnotation(pod.annotations[k]));
      for (const k of annotations) {
        paths.push(annotationPath(k));
        setters.push(`annotation ${k}=${quote(pod.annotations[k])}`);
      }
      if (!paths.length) return undefined;
      return {
        paths,
        message: `${setters.join(' and ')} must not use a forbidden AppArmor profile${values.size ? ` (${[...values].map(quote).join(', ')})` : ''}`,
        fix: 'use appArmorProfile.type RuntimeDefault or Localhost (or remove it); annotation values may only be runtime/default or localhost/<profile>',
      };
    },
  }],
};
