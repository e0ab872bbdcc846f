import { podSecurityViolations } from '../../src/util/pod-security';

const pod = (): any => ({
  securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
  containers: [{ name: 'main', image: 'a:1', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
});

describe('podSecurityViolations (the original per-field API, now on the versioned checks)', () => {
  test('a restricted pod has none', () => expect(podSecurityViolations(pod())).toEqual([]));

  test('one violation per field, containers named, the lowest level broken', () => {
    const p = pod();
    p.containers[0].securityContext.capabilities.add = ['SYS_ADMIN', 'CHOWN'];
    const v = podSecurityViolations(p, 'spec.jobTemplate.spec.template.spec');
    expect(v.map((x) => [x.level, x.field, x.value])).toEqual([
      ['baseline', 'spec.jobTemplate.spec.template.spec.containers[main].securityContext.capabilities.add[0]', 'SYS_ADMIN'],
      ['restricted', 'spec.jobTemplate.spec.template.spec.containers[main].securityContext.capabilities.add[1]', 'CHOWN'],
    ]);
    expect(v[0].problem).toContain('"SYS_ADMIN"');
    expect(v[0].fix.length).toBeGreaterThan(5);
  });

  test('an unnamed container keeps its index', () => {
    const p = pod();
    delete p.containers[0].name;
    p.containers[0].securityContext.privileged = true;
    expect(podSecurityViolations(p).map((x) => x.field)).toContain('spec.template.spec.containers[0].securityContext.privileged');
  });

  test('the policy version is a parameter (default: the library default target)', () => {
    const p = pod();
    p.securityContext.sysctls = [{ name: 'net.ipv4.tcp_rmem', value: '4096 87380 16777216' }];
    expect(podSecurityViolations(p, 'spec', 31).map((x) => x.field)).toEqual(['spec.securityContext.sysctls[0].name']);
    expect(podSecurityViolations(p, 'spec', 32)).toEqual([]);
    expect(podSecurityViolations(p)).toEqual([]); // the default target, 1.34, allows the 1.32 sysctls
  });
});
