/**
 * Pod Security Standards checks ("baseline" and "restricted", as the PodSecurity admission
 * controller applies them) on a plain pod spec. Pure and data-out, so synth-time checks, tests
 * and the linter share it.
 */
export interface PodSecurityViolation {
  /** `baseline` or `restricted`: the lowest level the violation breaks. */
  readonly level: 'baseline' | 'restricted';
  /** Field path, relative to `basePath`. */
  readonly field: string;
  readonly problem: string;
  readonly fix: string;
  readonly value?: unknown;
}

const BASELINE_CAPABILITIES = new Set(['AUDIT_WRITE', 'CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'MKNOD', 'NET_BIND_SERVICE', 'SETFCAP', 'SETGID', 'SETPCAP', 'SETUID', 'SYS_CHROOT']);
const SAFE_SYSCTLS = new Set(['kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies', 'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes']);
const RESTRICTED_VOLUMES = new Set(['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret']);
const SELINUX_TYPES = new Set(['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t']);

/** Every Pod Security violation of `podSpec` (baseline and restricted). */
export function podSecurityViolations(podSpec: any, basePath = 'spec.template.spec'): PodSecurityViolation[] {
  const out: PodSecurityViolation[] = [];
  const spec = podSpec ?? {};
  const add = (level: PodSecurityViolation['level'], field: string, problem: string, fix: string, value?: unknown) =>
    out.push({ level, field: `${basePath}.${field}`, problem, fix, ...(value !== undefined ? { value } : {}) });
  const podSc = spec.securityContext ?? {};

  for (const ns of ['hostNetwork', 'hostPID', 'hostIPC'] as const) {
    if (spec[ns] === true) add('baseline', ns, 'must not share the host namespace', `remove ${ns}`, true);
  }
  for (const sysctl of podSc.sysctls ?? []) {
    if (!SAFE_SYSCTLS.has(sysctl?.name)) add('baseline', 'securityContext.sysctls', `must only set safe sysctls (${sysctl?.name} is not)`, 'remove the sysctl', sysctl?.name);
  }
  checkSeLinux(podSc.seLinuxOptions, 'securityContext.seLinuxOptions', add);
  if (podSc.seccompProfile?.type === 'Unconfined') add('baseline', 'securityContext.seccompProfile.type', 'must not be Unconfined', 'use RuntimeDefault', 'Unconfined');
  if (podSc.appArmorProfile?.type === 'Unconfined') add('baseline', 'securityContext.appArmorProfile.type', 'must not be Unconfined', 'use RuntimeDefault', 'Unconfined');
  if (podSc.windowsOptions?.hostProcess === true) add('baseline', 'securityContext.windowsOptions.hostProcess', 'must not be true', 'remove hostProcess', true);
  if (podSc.runAsUser === 0) add('restricted', 'securityContext.runAsUser', 'must not be 0 (root)', 'use a non-zero user id, e.g. 65532', 0);

  (spec.volumes ?? []).forEach((v: any, i: number) => {
    const type = Object.keys(v ?? {}).find((k) => k !== 'name');
    if (type === 'hostPath') add('baseline', `volumes[${i}].hostPath`, 'must not mount a host path', 'use a PersistentVolumeClaim, emptyDir or projected volume');
    else if (type && !RESTRICTED_VOLUMES.has(type)) add('restricted', `volumes[${i}].${type}`, `volume type ${type} is not allowed under restricted`, 'use configMap, csi, downwardAPI, emptyDir, ephemeral, persistentVolumeClaim, projected or secret');
  });

  const groups: Array<[string, any[]]> = [['containers', spec.containers ?? []], ['initContainers', spec.initContainers ?? []], ['ephemeralContainers', spec.ephemeralContainers ?? []]];
  let everyContainerNonRoot = true;
  let everyContainerSeccomp = true;
  for (const [group, containers] of groups) {
    containers.forEach((c: any, i: number) => {
      const at = `${group}[${c?.name ?? i}]`;
      const sc = c?.securityContext ?? {};
      if (sc.privileged === true) add('baseline', `${at}.securityContext.privileged`, 'must not be true', 'remove privileged', true);
      if (sc.windowsOptions?.hostProcess === true) add('baseline', `${at}.securityContext.windowsOptions.hostProcess`, 'must not be true', 'remove hostProcess', true);
      if (sc.procMount !== undefined && sc.procMount !== 'Default') add('baseline', `${at}.securityContext.procMount`, 'must be Default', 'remove procMount', sc.procMount);
      if (sc.seccompProfile?.type === 'Unconfined') add('baseline', `${at}.securityContext.seccompProfile.type`, 'must not be Unconfined', 'use RuntimeDefault', 'Unconfined');
      if (sc.appArmorProfile?.type === 'Unconfined') add('baseline', `${at}.securityContext.appArmorProfile.type`, 'must not be Unconfined', 'use RuntimeDefault', 'Unconfined');
      checkSeLinux(sc.seLinuxOptions, `${at}.securityContext.seLinuxOptions`, add);
      (c?.ports ?? []).forEach((p: any, j: number) => {
        if (p?.hostPort) add('baseline', `${at}.ports[${j}].hostPort`, 'must not use a host port', 'remove hostPort', p.hostPort);
      });
      const added: string[] = sc.capabilities?.add ?? [];
      for (const cap of added) {
        if (!BASELINE_CAPABILITIES.has(cap)) add('baseline', `${at}.securityContext.capabilities.add`, `must not add ${cap}`, 'remove the capability', cap);
        else if (cap !== 'NET_BIND_SERVICE') add('restricted', `${at}.securityContext.capabilities.add`, `must only add NET_BIND_SERVICE (not ${cap})`, 'remove the capability', cap);
      }
      if (!(sc.capabilities?.drop ?? []).includes('ALL')) add('restricted', `${at}.securityContext.capabilities.drop`, 'must include ALL', 'set capabilities.drop: ["ALL"]', sc.capabilities?.drop);
      if (sc.allowPrivilegeEscalation !== false) add('restricted', `${at}.securityContext.allowPrivilegeEscalation`, 'must be false', 'set allowPrivilegeEscalation: false', sc.allowPrivilegeEscalation);
      if (sc.runAsUser === 0) add('restricted', `${at}.securityContext.runAsUser`, 'must not be 0 (root)', 'use a non-zero user id', 0);
      const nonRoot = sc.runAsNonRoot ?? podSc.runAsNonRoot;
      if (sc.runAsNonRoot === false) add('restricted', `${at}.securityContext.runAsNonRoot`, 'must not be false', 'set runAsNonRoot: true', false);
      else if (nonRoot !== true) everyContainerNonRoot = false;
      const seccomp = sc.seccompProfile?.type ?? podSc.seccompProfile?.type;
      if (seccomp !== 'RuntimeDefault' && seccomp !== 'Localhost') everyContainerSeccomp = false;
    });
  }
  if (!everyContainerNonRoot) add('restricted', 'securityContext.runAsNonRoot', 'must be true for the pod or every container', 'set runAsNonRoot: true');
  if (!everyContainerSeccomp) add('restricted', 'securityContext.seccompProfile.type', 'must be RuntimeDefault or Localhost for the pod or every container', 'set seccompProfile: { type: RuntimeDefault }');
  return out;
}

function checkSeLinux(options: any, field: string, add: (level: 'baseline', field: string, problem: string, fix: string, value?: unknown) => void): void {
  if (!options) return;
  if (!SELINUX_TYPES.has(options.type ?? '')) add('baseline', `${field}.type`, `must be container_t, container_init_t, container_kvm_t or container_engine_t (not ${options.type})`, 'remove the SELinux type', options.type);
  if (options.user) add('baseline', `${field}.user`, 'must not be set', 'remove seLinuxOptions.user', options.user);
  if (options.role) add('baseline', `${field}.role`, 'must not be set', 'remove seLinuxOptions.role', options.role);
}
