import { containersPhrase, isSet, obj, quote, sc } from './helpers';
import { CheckFn, ContainerRef, PodSecurityCheck } from './types';

const TYPES_1_0 = ['', 'container_t', 'container_init_t', 'container_kvm_t'];
const TYPES_1_31 = [...TYPES_1_0, 'container_engine_t'];

function seLinuxCheck(allowedTypes: string[]): CheckFn {
  const allowed = new Set(allowedTypes);
  return (pod) => {
    const paths: string[] = [];
    const problems = new Set<string>();
    const inspect = (options: any, at: string): boolean => {
      if (!isSet(options)) return false;
      const o = obj(options);
      let bad = false;
      const type = o.type ?? '';
      if (!allowed.has(type)) {
        bad = true;
        paths.push(`${at}.type`);
        problems.add(`type ${quote(type)}`);
      }
      for (const f of ['user', 'role']) {
        if (isSet(o[f]) && o[f] !== '') {
          bad = true;
          paths.push(`${at}.${f}`);
          problems.add(`${f} may not be set`);
        }
      }
      return bad;
    };
    const setters: string[] = [];
    if (inspect(pod.podSc.seLinuxOptions, 'spec.securityContext.seLinuxOptions')) setters.push('pod');
    const bad: ContainerRef[] = pod.containers.filter((r) => inspect(sc(r).seLinuxOptions, `${r.path}.securityContext.seLinuxOptions`));
    if (bad.length) setters.push(containersPhrase(bad));
    if (!paths.length) return undefined;
    return {
      paths,
      message: `${setters.join(' and ')} set forbidden securityContext.seLinuxOptions: ${[...problems].join('; ')}`,
      fix: `remove seLinuxOptions.user and .role; seLinuxOptions.type may only be ${allowedTypes.filter((t) => t).join(', ')} or empty`,
    };
  };
}

/** Baseline: SELinux type from a short allow-list, no user or role. 1.31 adds container_engine_t. */
export const seLinuxOptions: PodSecurityCheck = {
  id: 'seLinuxOptions',
  level: 'baseline',
  revisions: [
    { since: 0, check: seLinuxCheck(TYPES_1_0) },
    { since: 31, check: seLinuxCheck(TYPES_1_31) },
  ],
};
