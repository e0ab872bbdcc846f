import { KubernetesVersion } from '../../src';
import { requireFeature, supportsFeature } from '../../src/util/features';

describe('KubernetesVersion', () => {
  test.each(['1.31', 'v1.31', '1.31.4', ' 1.31 '])('parses %p as 1.31', (text) => {
    expect(KubernetesVersion.of(text).minor).toBe(31);
  });

  test.each(['1.27', '1.38', '2.0', 'latest', '', '1.x'])('rejects %p with the field, value and fix', (text) => {
    expect(() => KubernetesVersion.of(text)).toThrow(/targetVersion must be a Kubernetes version from 1\.28 to 1\.37 \(got ".*"\)\. Fix: /);
  });

  test('defaults to 1.34, knows 1.28 to 1.37 and orders versions', () => {
    expect(KubernetesVersion.DEFAULT.name).toBe('1.34');
    expect(KubernetesVersion.all.map((v) => v.name)).toEqual(['1.28', '1.29', '1.30', '1.31', '1.32', '1.33', '1.34', '1.35', '1.36', '1.37']);
    expect(KubernetesVersion.of('1.36')).toBe(KubernetesVersion.V1_36);
    expect(KubernetesVersion.V1_31.isAtLeast(KubernetesVersion.V1_29)).toBe(true);
    expect(KubernetesVersion.V1_28.isAtLeast(KubernetesVersion.V1_29)).toBe(false);
  });
});

describe('feature gates', () => {
  test('native sidecars need 1.29', () => {
    expect(supportsFeature(KubernetesVersion.V1_28, 'nativeSidecars')).toBe(false);
    expect(supportsFeature(KubernetesVersion.V1_29, 'nativeSidecars')).toBe(true);
  });

  test('requireFeature names the path, field, versions and fix', () => {
    expect(() => requireFeature(KubernetesVersion.V1_30, 'successPolicy', 'chart/job'))
      .toThrow('chart/job: spec.successPolicy needs Kubernetes 1.31 or newer (Job success policy: beta, on by default, in 1.31; GA in 1.33), but the target version is 1.30. Fix: raise targetVersion to "1.31"');
    expect(() => requireFeature(KubernetesVersion.V1_31, 'successPolicy', 'chart/job')).not.toThrow();
  });

  test('errors carry no stack frames', () => {
    try {
      KubernetesVersion.of('nope');
      throw new Error('expected a throw');
    } catch (e) {
      expect((e as Error).stack).not.toMatch(/\n\s+at /);
    }
  });
});
