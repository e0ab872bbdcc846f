import { podSecurityViolations } from '../../src/util/pod-security';
import { schemaErrors } from '../support/manifests';

const good = () => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'main', image: 'a:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
  volumes: [{ name: 'tmp', emptyDir: {} }],
});

describe('Pod Security Standards checker', () => {
  test('a restricted pod has no violations', () => expect(podSecurityViolations(good())).toEqual([]));
  test.each([
    ['host network', (p: any) => { p.hostNetwork = true; }, 'spec.template.spec.hostNetwork'],
    ['privileged', (p: any) => { p.containers[0].securityContext.privileged = true; }, 'containers[main].securityContext.privileged'],
    ['hostPath', (p: any) => { p.volumes.push({ name: 'h', hostPath: { path: '/' } }); }, 'volumes[1].hostPath'],
    ['nfs volume (not restricted)', (p: any) => { p.volumes.push({ name: 'n', nfs: { server: 's', path: '/' } }); }, 'volumes[1].nfs'],
    ['host port', (p: any) => { p.containers[0].ports = [{ containerPort: 80, hostPort: 80 }]; }, 'containers[main].ports[0].hostPort'],
    ['SYS_ADMIN', (p: any) => { p.containers[0].securityContext.capabilities.add = ['SYS_ADMIN']; }, 'containers[main].securityContext.capabilities.add'],
    ['CHOWN (baseline ok, restricted not)', (p: any) => { p.containers[0].securityContext.capabilities.add = ['CHOWN']; }, 'containers[main].securityContext.capabilities.add'],
    ['no drop ALL', (p: any) => { delete p.containers[0].securityContext.capabilities; }, 'containers[main].securityContext.capabilities.drop'],
    ['privilege escalation', (p: any) => { delete p.containers[0].securityContext.allowPrivilegeEscalation; }, 'containers[main].securityContext.allowPrivilegeEscalation'],
    ['runAsNonRoot missing', (p: any) => { delete p.securityContext.runAsNonRoot; }, 'spec.template.spec.securityContext.runAsNonRoot'],
    ['root user', (p: any) => { p.containers[0].securityContext.runAsUser = 0; }, 'containers[main].securityContext.runAsUser'],
    ['seccomp missing', (p: any) => { delete p.securityContext.seccompProfile; }, 'spec.template.spec.securityContext.seccompProfile.type'],
    ['seccomp Unconfined', (p: any) => { p.containers[0].securityContext.seccompProfile = { type: 'Unconfined' }; }, 'containers[main].securityContext.seccompProfile.type'],
    ['unsafe sysctl', (p: any) => { p.securityContext.sysctls = [{ name: 'kernel.msgmax', value: '1' }]; }, 'spec.template.spec.securityContext.sysctls'],
    ['procMount', (p: any) => { p.containers[0].securityContext.procMount = 'Unmasked'; }, 'containers[main].securityContext.procMount'],
    ['SELinux user', (p: any) => { p.securityContext.seLinuxOptions = { user: 'root' }; }, 'securityContext.seLinuxOptions.user'],
    ['an init container too', (p: any) => { p.initContainers = [{ name: 'init', image: 'a:1' }]; }, 'initContainers[init].securityContext.allowPrivilegeEscalation'],
  ])('%s is a violation', (_n, mutate, field) => {
    const pod = good();
    mutate(pod);
    expect(podSecurityViolations(pod).map((v) => v.field)).toContainEqual(expect.stringContaining(field));
  });
});

describe('schema check', () => {
  test('accepts a valid Job and rejects a wrong type', () => {
    const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'a:1' }] } } } };
    expect(schemaErrors(job)).toEqual([]);
    expect(schemaErrors({ ...job, spec: { ...job.spec, backoffLimit: 'six' } })).not.toEqual([]);
  });
});
