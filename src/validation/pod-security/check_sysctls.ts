import { arr, obj, quote } from './helpers';
import { CheckFn, PodSecurityCheck } from './types';

/** Namespaced sysctls isolated from other pods, by the policy version that first allows them. */
export const SAFE_SYSCTLS: ReadonlyArray<[since: number, names: string[]]> = [
  [0, ['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_unprivileged_port_start']],
  [27, ['net.ipv4.ip_local_reserved_ports']],
  [29, ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']],
  [32, ['net.ipv4.tcp_rmem', 'net.ipv4.tcp_wmem']],
  [37, ['net.ipv4.tcp_slow_start_after_idle', 'net.ipv4.tcp_notsent_lowat']],
];

/** The safe sysctls at policy version 1.`minor`. */
export function safeSysctls(minor: number): Set<string> {
  return new Set(SAFE_SYSCTLS.filter(([since]) => since <= minor).flatMap(([, names]) => names));
}

function sysctlCheck(minor: number): CheckFn {
  const safe = safeSysctls(minor);
  return (pod) => {
    const bad = arr(pod.podSc.sysctls).map((s, i) => ({ name: obj(s).name, i })).filter(({ name }) => !safe.has(name));
    if (!bad.length) return undefined;
    return {
      paths: bad.map(({ i }) => `spec.securityContext.sysctls[${i}].name`),
      message: `forbidden ${bad.length === 1 ? 'sysctl' : 'sysctls'} ${bad.map(({ name }) => quote(name)).join(', ')} (not in the safe set at Pod Security v1.${minor})`,
      fix: `remove ${bad.length === 1 ? 'it' : 'them'}; safe sysctls are ${[...safe].join(', ')}`,
    };
  };
}

/** Baseline: only the safe sysctls; the safe set grew in 1.27, 1.29, 1.32 and 1.37. */
export const sysctls: PodSecurityCheck = {
  id: 'sysctls',
  level: 'baseline',
  revisions: SAFE_SYSCTLS.map(([since]) => ({ since, check: sysctlCheck(since) })),
};
