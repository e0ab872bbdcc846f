import { NEWEST_POLICY_MINOR, POD_SECURITY_CHECKS, checksFor, podSecurityFindings } from '../../src/validation/pod-security';
import { BASELINE_CAPABILITIES } from '../../src/validation/pod-security/check_capabilities_baseline';
import { safeSysctls } from '../../src/validation/pod-security/check_sysctls';

type Level = 'baseline' | 'restricted';
type Mutate = (t: any) => void;

const secure = () => ({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
/** A pod template that passes restricted at every version. */
const clean = (): any => ({
  metadata: {},
  spec: {
    securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
    initContainers: [{ name: 'init', image: 'a:1', securityContext: secure() }],
    containers: [{ name: 'main', image: 'a:1', securityContext: secure() }],
  },
});
const spec = (t: any) => t.spec;
const main = (t: any) => t.spec.containers[0];
const init = (t: any) => t.spec.initContainers[0];

function run(mutate: Mutate, level: Level, minor: number) {
  const t = clean();
  mutate(t);
  return podSecurityFindings(t, level, minor);
}

// [description, check id, level, policy minor, mutation, a path the failure must name]
type Fires = [string, string, Level, number, Mutate, string];
// [description, check id, level, policy minor, mutation]
type Quiet = [string, string, Level, number, Mutate];

const FIRES: Fires[] = [
  ['hostNetwork', 'hostNamespaces', 'baseline', 28, (t) => { spec(t).hostNetwork = true; }, 'spec.hostNetwork'],
  ['hostPID', 'hostNamespaces', 'baseline', 37, (t) => { spec(t).hostPID = true; }, 'spec.hostPID'],
  ['hostIPC (restricted too)', 'hostNamespaces', 'restricted', 31, (t) => { spec(t).hostIPC = true; }, 'spec.hostIPC'],
  ['privileged init container', 'privileged', 'baseline', 31, (t) => { init(t).securityContext.privileged = true; }, 'spec.initContainers[0].securityContext.privileged'],
  ['SYS_ADMIN', 'capabilities_baseline', 'baseline', 31, (t) => { main(t).securityContext.capabilities.add = ['CHOWN', 'SYS_ADMIN']; }, 'spec.containers[0].securityContext.capabilities.add[1]'],
  ['NET_RAW is not a default capability', 'capabilities_baseline', 'baseline', 37, (t) => { main(t).securityContext.capabilities.add = ['NET_RAW']; }, 'spec.containers[0].securityContext.capabilities.add[0]'],
  ['hostPath volume', 'hostPathVolumes', 'baseline', 31, (t) => { spec(t).volumes = [{ name: 'h', hostPath: { path: '/' } }]; }, 'spec.volumes[0].hostPath'],
  ['host port on an ephemeral container', 'hostPorts', 'baseline', 31, (t) => { spec(t).ephemeralContainers = [{ name: 'debug', image: 'a:1', ports: [{ containerPort: 80, hostPort: 8080 }] }]; }, 'spec.ephemeralContainers[0].ports[0].hostPort'],
  ['AppArmor Unconfined on the pod', 'appArmorProfile', 'baseline', 31, (t) => { spec(t).securityContext.appArmorProfile = { type: 'Unconfined' }; }, 'spec.securityContext.appArmorProfile.type'],
  ['AppArmor Unconfined on a container', 'appArmorProfile', 'baseline', 28, (t) => { main(t).securityContext.appArmorProfile = { type: 'Unconfined' }; }, 'spec.containers[0].securityContext.appArmorProfile.type'],
  ['AppArmor annotation unconfined', 'appArmorProfile', 'baseline', 35, (t) => { t.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/main': 'unconfined' }; }, 'metadata.annotations["container.apparmor.security.beta.kubernetes.io/main"]'],
  ['SELinux container_engine_t before 1.31', 'seLinuxOptions', 'baseline', 30, (t) => { spec(t).securityContext.seLinuxOptions = { type: 'container_engine_t' }; }, 'spec.securityContext.seLinuxOptions.type'],
  ['SELinux custom type', 'seLinuxOptions', 'baseline', 37, (t) => { main(t).securityContext.seLinuxOptions = { type: 'spc_t' }; }, 'spec.containers[0].securityContext.seLinuxOptions.type'],
  ['SELinux user', 'seLinuxOptions', 'baseline', 31, (t) => { main(t).securityContext.seLinuxOptions = { user: 'system_u' }; }, 'spec.containers[0].securityContext.seLinuxOptions.user'],
  ['SELinux role', 'seLinuxOptions', 'baseline', 31, (t) => { spec(t).securityContext.seLinuxOptions = { role: 'system_r' }; }, 'spec.securityContext.seLinuxOptions.role'],
  ['procMount Unmasked', 'procMount', 'baseline', 31, (t) => { main(t).securityContext.procMount = 'Unmasked'; }, 'spec.containers[0].securityContext.procMount'],
  ['procMount Unmasked in a user namespace before 1.35', 'procMount', 'baseline', 34, (t) => { spec(t).hostUsers = false; main(t).securityContext.procMount = 'Unmasked'; }, 'spec.containers[0].securityContext.procMount'],
  ['procMount Unmasked, host users, 1.35', 'procMount', 'baseline', 35, (t) => { spec(t).hostUsers = true; main(t).securityContext.procMount = 'Unmasked'; }, 'spec.containers[0].securityContext.procMount'],
  ['procMount Unmasked under restricted before 1.35 (baseline check)', 'procMount', 'restricted', 34, (t) => { spec(t).hostUsers = false; main(t).securityContext.procMount = 'Unmasked'; }, 'spec.containers[0].securityContext.procMount'],
  ['procMount Unmasked in a user namespace under restricted 1.35', 'procMount_restricted', 'restricted', 35, (t) => { spec(t).hostUsers = false; main(t).securityContext.procMount = 'Unmasked'; }, 'spec.containers[0].securityContext.procMount'],
  ['seccomp Unconfined container', 'seccompProfile_baseline', 'baseline', 31, (t) => { main(t).securityContext.seccompProfile = { type: 'Unconfined' }; }, 'spec.containers[0].securityContext.seccompProfile.type'],
  ['seccomp Unconfined pod', 'seccompProfile_baseline', 'baseline', 28, (t) => { spec(t).securityContext.seccompProfile = { type: 'Unconfined' }; }, 'spec.securityContext.seccompProfile.type'],
  ['seccomp unconfined annotation before 1.19', 'seccompProfile_baseline', 'baseline', 18, (t) => { t.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }; }, 'metadata.annotations["seccomp.security.alpha.kubernetes.io/pod"]'],
  ['seccomp container annotation before 1.19', 'seccompProfile_baseline', 'baseline', 18, (t) => { t.metadata.annotations = { 'container.seccomp.security.alpha.kubernetes.io/main': 'unconfined' }; }, 'metadata.annotations["container.seccomp.security.alpha.kubernetes.io/main"]'],
  ['unknown sysctl', 'sysctls', 'baseline', 37, (t) => { spec(t).securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]; }, 'spec.securityContext.sysctls[0].name'],
  ['ip_local_reserved_ports before 1.27', 'sysctls', 'baseline', 26, (t) => { spec(t).securityContext.sysctls = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '1' }]; }, 'spec.securityContext.sysctls[0].name'],
  ['tcp_keepalive_time before 1.29', 'sysctls', 'baseline', 28, (t) => { spec(t).securityContext.sysctls = [{ name: 'net.ipv4.tcp_keepalive_time', value: '1' }]; }, 'spec.securityContext.sysctls[0].name'],
  ['tcp_rmem before 1.32', 'sysctls', 'restricted', 31, (t) => { spec(t).securityContext.sysctls = [{ name: 'kernel.shm_rmid_forced', value: '0' }, { name: 'net.ipv4.tcp_rmem', value: '1 2 3' }]; }, 'spec.securityContext.sysctls[1].name'],
  ['tcp_notsent_lowat before 1.37', 'sysctls', 'baseline', 36, (t) => { spec(t).securityContext.sysctls = [{ name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }]; }, 'spec.securityContext.sysctls[0].name'],
  ['hostProcess on the pod', 'windowsHostProcess', 'baseline', 31, (t) => { spec(t).securityContext.windowsOptions = { hostProcess: true }; }, 'spec.securityContext.windowsOptions.hostProcess'],
  ['hostProcess on a container', 'windowsHostProcess', 'baseline', 31, (t) => { main(t).securityContext.windowsOptions = { hostProcess: true }; }, 'spec.containers[0].securityContext.windowsOptions.hostProcess'],
  ['probe host from 1.34', 'hostProbesAndHostLifecycle', 'baseline', 34, (t) => { main(t).livenessProbe = { httpGet: { host: '169.254.169.254', port: 80 } }; }, 'spec.containers[0].livenessProbe.httpGet.host'],
  ['tcpSocket probe host', 'hostProbesAndHostLifecycle', 'restricted', 37, (t) => { init(t).readinessProbe = { tcpSocket: { host: '::1', port: 80 } }; }, 'spec.initContainers[0].readinessProbe.tcpSocket.host'],
  ['lifecycle hook host', 'hostProbesAndHostLifecycle', 'baseline', 35, (t) => { main(t).lifecycle = { preStop: { httpGet: { host: 'example.com', port: 80 } } }; }, 'spec.containers[0].lifecycle.preStop.httpGet.host'],
  ['container ulimits from 1.37', 'ulimits', 'baseline', 37, (t) => { init(t).securityContext.ulimits = [{ name: 'nofile', soft: 1024, hard: 2048 }]; }, 'spec.initContainers[0].securityContext.ulimits'],
  ['nfs volume', 'restrictedVolumes', 'restricted', 31, (t) => { spec(t).volumes = [{ name: 'n', nfs: { server: 's', path: '/' } }]; }, 'spec.volumes[0].nfs'],
  ['hostPath under restricted', 'restrictedVolumes', 'restricted', 31, (t) => { spec(t).volumes = [{ name: 'h', hostPath: { path: '/' } }]; }, 'spec.volumes[0].hostPath'],
  ['gitRepo volume', 'restrictedVolumes', 'restricted', 37, (t) => { spec(t).volumes = [{ name: 'g', gitRepo: { repository: 'r' } }]; }, 'spec.volumes[0].gitRepo'],
  ['allowPrivilegeEscalation unset', 'allowPrivilegeEscalation', 'restricted', 31, (t) => { delete init(t).securityContext.allowPrivilegeEscalation; }, 'spec.initContainers[0].securityContext.allowPrivilegeEscalation'],
  ['allowPrivilegeEscalation true', 'allowPrivilegeEscalation', 'restricted', 28, (t) => { main(t).securityContext.allowPrivilegeEscalation = true; }, 'spec.containers[0].securityContext.allowPrivilegeEscalation'],
  ['allowPrivilegeEscalation on a Windows pod before 1.25', 'allowPrivilegeEscalation', 'restricted', 24, (t) => { spec(t).os = { name: 'windows' }; delete main(t).securityContext.allowPrivilegeEscalation; }, 'spec.containers[0].securityContext.allowPrivilegeEscalation'],
  ['runAsNonRoot unset', 'runAsNonRoot', 'restricted', 31, (t) => { delete spec(t).securityContext.runAsNonRoot; }, 'spec.securityContext.runAsNonRoot'],
  ['runAsNonRoot false on the pod', 'runAsNonRoot', 'restricted', 31, (t) => { spec(t).securityContext.runAsNonRoot = false; main(t).securityContext.runAsNonRoot = true; init(t).securityContext.runAsNonRoot = true; }, 'spec.securityContext.runAsNonRoot'],
  ['runAsNonRoot false on a container', 'runAsNonRoot', 'restricted', 37, (t) => { main(t).securityContext.runAsNonRoot = false; }, 'spec.containers[0].securityContext.runAsNonRoot'],
  ['runAsNonRoot unset in a user namespace before 1.35', 'runAsNonRoot', 'restricted', 34, (t) => { spec(t).hostUsers = false; delete spec(t).securityContext.runAsNonRoot; }, 'spec.securityContext.runAsNonRoot'],
  ['runAsUser 0 on the pod', 'runAsUser', 'restricted', 31, (t) => { spec(t).securityContext.runAsUser = 0; }, 'spec.securityContext.runAsUser'],
  ['runAsUser 0 on a container', 'runAsUser', 'restricted', 23, (t) => { main(t).securityContext.runAsUser = 0; }, 'spec.containers[0].securityContext.runAsUser'],
  ['runAsUser 0 in a user namespace before 1.35', 'runAsUser', 'restricted', 34, (t) => { spec(t).hostUsers = false; main(t).securityContext.runAsUser = 0; }, 'spec.containers[0].securityContext.runAsUser'],
  ['seccomp unset', 'seccompProfile_restricted', 'restricted', 31, (t) => { delete spec(t).securityContext.seccompProfile; }, 'spec.securityContext.seccompProfile.type'],
  ['seccomp Unconfined pod, containers fine', 'seccompProfile_restricted', 'restricted', 31, (t) => { spec(t).securityContext.seccompProfile = { type: 'Unconfined' }; main(t).securityContext.seccompProfile = { type: 'RuntimeDefault' }; init(t).securityContext.seccompProfile = { type: 'RuntimeDefault' }; }, 'spec.securityContext.seccompProfile.type'],
  ['seccomp Unconfined container', 'seccompProfile_restricted', 'restricted', 37, (t) => { init(t).securityContext.seccompProfile = { type: 'Unconfined' }; }, 'spec.initContainers[0].securityContext.seccompProfile.type'],
  ['no capabilities', 'capabilities_restricted', 'restricted', 31, (t) => { delete main(t).securityContext.capabilities; }, 'spec.containers[0].securityContext.capabilities.drop'],
  ['drop "all" (case matters)', 'capabilities_restricted', 'restricted', 31, (t) => { main(t).securityContext.capabilities.drop = ['all']; }, 'spec.containers[0].securityContext.capabilities.drop'],
  ['add CHOWN', 'capabilities_restricted', 'restricted', 31, (t) => { main(t).securityContext.capabilities.add = ['NET_BIND_SERVICE', 'CHOWN']; }, 'spec.containers[0].securityContext.capabilities.add[1]'],
  ['SYS_ADMIN under restricted before 1.22 (baseline check)', 'capabilities_baseline', 'restricted', 21, (t) => { main(t).securityContext.capabilities.add = ['SYS_ADMIN']; }, 'spec.containers[0].securityContext.capabilities.add[0]'],
];

const QUIET: Quiet[] = [
  ['host namespaces false', 'hostNamespaces', 'baseline', 31, (t) => { Object.assign(spec(t), { hostNetwork: false, hostPID: false, hostIPC: false }); }],
  ['privileged false', 'privileged', 'baseline', 31, (t) => { main(t).securityContext.privileged = false; }],
  ['the runtime default capabilities', 'capabilities_baseline', 'baseline', 31, (t) => { main(t).securityContext.capabilities.add = [...BASELINE_CAPABILITIES]; }],
  ['emptyDir volume', 'hostPathVolumes', 'baseline', 31, (t) => { spec(t).volumes = [{ name: 'e', emptyDir: {} }]; }],
  ['hostPath is reported once under restricted', 'hostPathVolumes', 'restricted', 31, (t) => { spec(t).volumes = [{ name: 'h', hostPath: { path: '/' } }]; }],
  ['hostPort 0', 'hostPorts', 'baseline', 31, (t) => { main(t).ports = [{ containerPort: 80, hostPort: 0 }, { containerPort: 81 }]; }],
  ['AppArmor RuntimeDefault and Localhost', 'appArmorProfile', 'baseline', 31, (t) => { spec(t).securityContext.appArmorProfile = { type: 'RuntimeDefault' }; main(t).securityContext.appArmorProfile = { type: 'Localhost', localhostProfile: 'p' }; }],
  ['AppArmor annotations runtime/default, localhost/, empty', 'appArmorProfile', 'baseline', 31, (t) => { t.metadata.annotations = { 'container.apparmor.security.beta.kubernetes.io/main': 'runtime/default', 'container.apparmor.security.beta.kubernetes.io/init': 'localhost/p', 'container.apparmor.security.beta.kubernetes.io/x': '', 'other/key': 'unconfined' }; }],
  ['SELinux container_engine_t from 1.31', 'seLinuxOptions', 'baseline', 31, (t) => { spec(t).securityContext.seLinuxOptions = { type: 'container_engine_t', level: 's0:c1,c2' }; }],
  ['SELinux allowed types', 'seLinuxOptions', 'baseline', 28, (t) => { main(t).securityContext.seLinuxOptions = { type: 'container_t' }; init(t).securityContext.seLinuxOptions = { type: 'container_init_t', user: '', role: '' }; }],
  ['procMount Default', 'procMount', 'baseline', 31, (t) => { main(t).securityContext.procMount = 'Default'; }],
  ['procMount Unmasked in a user namespace from 1.35', 'procMount', 'baseline', 35, (t) => { spec(t).hostUsers = false; main(t).securityContext.procMount = 'Unmasked'; }],
  ['procMount is replaced under restricted from 1.35', 'procMount', 'restricted', 35, (t) => { main(t).securityContext.procMount = 'Unmasked'; }],
  ['procMount_restricted does not exist before 1.35', 'procMount_restricted', 'restricted', 34, (t) => { main(t).securityContext.procMount = 'Unmasked'; }],
  ['seccomp RuntimeDefault and Localhost', 'seccompProfile_baseline', 'baseline', 31, (t) => { main(t).securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p.json' }; }],
  ['seccomp annotations runtime/default, docker/default, localhost/ before 1.19', 'seccompProfile_baseline', 'baseline', 18, (t) => { t.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default', 'container.seccomp.security.alpha.kubernetes.io/main': 'docker/default', 'container.seccomp.security.alpha.kubernetes.io/init': 'localhost/p.json', 'container.seccomp.security.alpha.kubernetes.io/gone': 'unconfined' }; }],
  ['seccomp annotations are ignored from 1.19', 'seccompProfile_baseline', 'baseline', 19, (t) => { t.metadata.annotations = { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' }; }],
  ['ip_local_reserved_ports from 1.27', 'sysctls', 'baseline', 27, (t) => { spec(t).securityContext.sysctls = [{ name: 'net.ipv4.ip_local_reserved_ports', value: '1' }]; }],
  ['tcp_keepalive sysctls from 1.29', 'sysctls', 'baseline', 29, (t) => { spec(t).securityContext.sysctls = ['net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout', 'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes'].map((name) => ({ name, value: '1' })); }],
  ['tcp_rmem and tcp_wmem from 1.32', 'sysctls', 'restricted', 32, (t) => { spec(t).securityContext.sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '1 2 3' }, { name: 'net.ipv4.tcp_wmem', value: '1 2 3' }]; }],
  ['tcp_slow_start_after_idle and tcp_notsent_lowat from 1.37', 'sysctls', 'baseline', 37, (t) => { spec(t).securityContext.sysctls = [{ name: 'net.ipv4.tcp_slow_start_after_idle', value: '0' }, { name: 'net.ipv4.tcp_notsent_lowat', value: '16384' }]; }],
  ['hostProcess false', 'windowsHostProcess', 'baseline', 31, (t) => { spec(t).securityContext.windowsOptions = { hostProcess: false }; }],
  ['probe host before 1.34', 'hostProbesAndHostLifecycle', 'baseline', 33, (t) => { main(t).livenessProbe = { httpGet: { host: '169.254.169.254', port: 80 } }; }],
  ['probes without host', 'hostProbesAndHostLifecycle', 'baseline', 37, (t) => { main(t).livenessProbe = { httpGet: { port: 80, host: '' } }; main(t).lifecycle = { postStart: { exec: { command: ['true'] } } }; }],
  ['container ulimits before 1.37', 'ulimits', 'restricted', 36, (t) => { main(t).securityContext.ulimits = [{ name: 'nofile', soft: 1024, hard: 2048 }]; }],
  ['allowed volume types (and a volume with no source: defaulted to emptyDir)', 'restrictedVolumes', 'restricted', 31, (t) => {
    spec(t).volumes = [{ name: 'none' }, { name: 'e', emptyDir: {} }, { name: 's', secret: { secretName: 's' } }, { name: 'c', configMap: { name: 'c' } },
      { name: 'p', persistentVolumeClaim: { claimName: 'p' } }, { name: 'd', downwardAPI: { items: [] } }, { name: 'pr', projected: { sources: [] } },
      { name: 'csi', csi: { driver: 'd' } }, { name: 'eph', ephemeral: { volumeClaimTemplate: { spec: {} } } }, { name: 'img', image: { reference: 'r:1' } }];
  }],
  ['restricted volumes are not a baseline check', 'restrictedVolumes', 'baseline', 31, (t) => { spec(t).volumes = [{ name: 'n', nfs: { server: 's', path: '/' } }]; }],
  ['Windows pod exempt from allowPrivilegeEscalation from 1.25', 'allowPrivilegeEscalation', 'restricted', 25, (t) => { spec(t).os = { name: 'windows' }; delete main(t).securityContext.allowPrivilegeEscalation; }],
  ['runAsNonRoot true on every container only', 'runAsNonRoot', 'restricted', 31, (t) => { delete spec(t).securityContext.runAsNonRoot; main(t).securityContext.runAsNonRoot = true; init(t).securityContext.runAsNonRoot = true; }],
  ['runAsNonRoot unset in a user namespace from 1.35', 'runAsNonRoot', 'restricted', 35, (t) => { spec(t).hostUsers = false; delete spec(t).securityContext.runAsNonRoot; }],
  ['runAsUser non-zero', 'runAsUser', 'restricted', 31, (t) => { spec(t).securityContext.runAsUser = 1000; main(t).securityContext.runAsUser = 65532; }],
  ['runAsUser 0 before 1.23', 'runAsUser', 'restricted', 22, (t) => { main(t).securityContext.runAsUser = 0; }],
  ['runAsUser 0 in a user namespace from 1.35', 'runAsUser', 'restricted', 35, (t) => { spec(t).hostUsers = false; main(t).securityContext.runAsUser = 0; }],
  ['seccomp on every container only', 'seccompProfile_restricted', 'restricted', 31, (t) => { delete spec(t).securityContext.seccompProfile; main(t).securityContext.seccompProfile = { type: 'Localhost', localhostProfile: 'p' }; init(t).securityContext.seccompProfile = { type: 'RuntimeDefault' }; }],
  ['Windows pod exempt from seccomp from 1.25', 'seccompProfile_restricted', 'restricted', 25, (t) => { spec(t).os = { name: 'windows' }; delete spec(t).securityContext.seccompProfile; }],
  ['add NET_BIND_SERVICE', 'capabilities_restricted', 'restricted', 31, (t) => { main(t).securityContext.capabilities.add = ['NET_BIND_SERVICE']; }],
  ['Windows pod exempt from capabilities from 1.25', 'capabilities_restricted', 'restricted', 25, (t) => { spec(t).os = { name: 'windows' }; delete main(t).securityContext.capabilities; }],
  ['capabilities_baseline is replaced under restricted from 1.22', 'capabilities_baseline', 'restricted', 22, (t) => { main(t).securityContext.capabilities.add = ['SYS_ADMIN']; }],
];

describe('every Pod Security check fires', () => {
  test.each(FIRES)('%s (%s, %s v1.%i)', (_d, check, level, minor, mutate, path) => {
    const failure = run(mutate, level, minor).find((f) => f.check === check);
    expect(failure).toBeDefined();
    expect(failure!.paths).toContain(path);
    expect(failure!.message.length).toBeGreaterThan(10);
    expect(failure!.fix.length).toBeGreaterThan(5);
  });
});

describe('and stays quiet', () => {
  test.each(QUIET)('%s (%s, %s v1.%i)', (_d, check, level, minor, mutate) => {
    expect(run(mutate, level, minor).map((f) => f.check)).not.toContain(check);
  });
});

describe('the registry', () => {
  test('every check has a firing and a quiet case', () => {
    for (const c of POD_SECURITY_CHECKS) {
      expect({ check: c.id, fires: FIRES.some((f) => f[1] === c.id) }).toEqual({ check: c.id, fires: true });
      expect({ check: c.id, quiet: QUIET.some((q) => q[1] === c.id) }).toEqual({ check: c.id, quiet: true });
    }
  });

  test('the clean template passes both levels at every version', () => {
    for (let minor = 0; minor <= NEWEST_POLICY_MINOR + 3; minor++) {
      for (const level of ['baseline', 'restricted'] as const) expect({ minor, level, f: podSecurityFindings(clean(), level, minor) }).toEqual({ minor, level, f: [] });
    }
  });

  test('the newest policy version is 1.37; later versions evaluate as 1.37', () => {
    expect(NEWEST_POLICY_MINOR).toBe(37);
    const ids = (level: 'baseline' | 'restricted', minor: number) => checksFor(level, minor).map((c) => `${c.check.id}@${revisionSince(c.revision)}`);
    expect(ids('restricted', 40)).toEqual(ids('restricted', 37));
    expect(safeSysctls(40)).toEqual(safeSysctls(37));
  });

  test('check sets by level and version', () => {
    const ids = (level: 'baseline' | 'restricted', minor: number) => checksFor(level, minor).map((c) => c.check.id).sort();
    expect(ids('baseline', 33)).toEqual(['appArmorProfile', 'capabilities_baseline', 'hostNamespaces', 'hostPathVolumes', 'hostPorts', 'privileged', 'procMount',
      'seLinuxOptions', 'seccompProfile_baseline', 'sysctls', 'windowsHostProcess']);
    expect(ids('baseline', 34)).toContain('hostProbesAndHostLifecycle');
    // Restricted runs every baseline check except those a restricted check replaces.
    expect(ids('restricted', 34)).toEqual(['allowPrivilegeEscalation', 'appArmorProfile', 'capabilities_restricted', 'hostNamespaces', 'hostPorts', 'hostProbesAndHostLifecycle',
      'privileged', 'procMount', 'restrictedVolumes', 'runAsNonRoot', 'runAsUser', 'seLinuxOptions', 'seccompProfile_restricted', 'sysctls', 'windowsHostProcess']);
    expect(ids('restricted', 35)).toContain('procMount_restricted');
    expect(ids('restricted', 35)).not.toContain('procMount');
  });

  test('a failure names its check and level, once per check, with every offending field', () => {
    const failures = run((t) => { main(t).securityContext.privileged = true; init(t).securityContext.privileged = true; delete main(t).securityContext.capabilities; }, 'restricted', 31);
    expect(failures.map((f) => [f.check, f.level])).toEqual([['privileged', 'baseline'], ['capabilities_restricted', 'restricted']]);
    expect(failures[0].paths).toEqual(['spec.initContainers[0].securityContext.privileged', 'spec.containers[0].securityContext.privileged']);
    expect(failures[0].message).toBe('containers "init", "main" must not set securityContext.privileged=true');
  });

  test('garbage in the template is not a crash', () => {
    for (const t of [{}, { spec: null }, { spec: { containers: 'x', volumes: [null, 3], securityContext: [] } }, { metadata: { annotations: 'x' }, spec: { containers: [null, { securityContext: 5 }] } }]) {
      expect(() => podSecurityFindings(t, 'restricted', 31)).not.toThrow();
    }
  });
});

const revisionSince = (r: { since: number }) => r.since;
