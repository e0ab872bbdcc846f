import { arr, containersPhrase, isSet, isWindowsPod, obj, quote, sc } from './helpers';
import { CheckFn, PodSecurityCheck } from './types';
import { append } from '../../util/append';

const check1_22: CheckFn = (pod) => {
  const paths: string[] = [];
  const details: string[] = [];
  const missingDrop = pod.containers.filter((r) => {
    const caps = sc(r).capabilities;
    return !isSet(caps) || !arr(obj(caps).drop).includes('ALL');
  });
  if (missingDrop.length) {
    append(paths, missingDrop.map((r) => `${r.path}.securityContext.capabilities.drop`));
    details.push(`${containersPhrase(missingDrop)} must set securityContext.capabilities.drop=["ALL"]`);
  }
  const forbidden = new Set<string>();
  const adding = pod.containers.filter((r) => {
    let found = false;
    arr(obj(sc(r).capabilities).add).forEach((cap, j) => {
      if (cap === 'NET_BIND_SERVICE') return;
      found = true;
      forbidden.add(String(cap));
      paths.push(`${r.path}.securityContext.capabilities.add[${j}]`);
    });
    return found;
  });
  if (adding.length) details.push(`${containersPhrase(adding)} must not include ${[...forbidden].sort().map(quote).join(', ')} in securityContext.capabilities.add`);
  if (!paths.length) return undefined;
  return {
    paths,
    message: details.join('; '),
    fix: 'set securityContext.capabilities: { drop: ["ALL"] } on every container; add back only NET_BIND_SERVICE if needed',
  };
};

/** Restricted, 1.22+: drop ALL, add at most NET_BIND_SERVICE; Windows pods exempt from 1.25. Replaces capabilities_baseline. */
export const capabilitiesRestricted: PodSecurityCheck = {
  id: 'capabilities_restricted',
  level: 'restricted',
  revisions: [
    { since: 22, check: check1_22, overrides: ['capabilities_baseline'] },
    { since: 25, check: (pod) => (isWindowsPod(pod) ? undefined : check1_22(pod)), overrides: ['capabilities_baseline'] },
  ],
};
