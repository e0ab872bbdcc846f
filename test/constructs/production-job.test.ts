import { ApiObject, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { chart, container, requests, synthError, thrown } from './helpers';
import { KubernetesVersion, PodFailurePolicy, ProductionJob } from '../../src';
import { expectProductionReady } from '../support/manifests';

const job = (c = chart(), props: Partial<ConstructorParameters<typeof ProductionJob>[2]> = {}) => {
  const j = new ProductionJob(c, 'migrate', { activeDeadline: Duration.minutes(15), containers: [container()], ...props });
  return { c, j, spec: () => Testing.synth(c)[0].spec };
};

describe('ProductionJob defaults', () => {
  const { c, spec } = job();
  const s = spec();
  const pod = s.template.spec;
  const main = pod.containers[0];

  test('is production ready: schema-valid and Pod Security restricted', () => expectProductionReady(Testing.synth(c)));
  test('restartPolicy Never', () => expect(pod.restartPolicy).toBe('Never'));
  test('backoffLimit 2 instead of the Kubernetes default 6', () => expect(s.backoffLimit).toBe(2));
  test('the required deadline is rendered', () => expect(s.activeDeadlineSeconds).toBe(900));
  test('finished Jobs are deleted after a day', () => expect(s.ttlSecondsAfterFinished).toBe(86400));
  test('disruptions (eviction, preemption, spot reclaim) do not use up retries', () => {
    expect(s.podFailurePolicy.rules).toEqual([{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }]);
  });
  test('no service account token', () => expect(pod.automountServiceAccountToken).toBe(false));
  test('restricted security context on the pod and the container', () => {
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(main.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      capabilities: { drop: ['ALL'] },
      privileged: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      seccompProfile: { type: 'RuntimeDefault' },
    });
  });
  test('memory limit equals the memory request; no CPU limit (no throttling)', () => {
    expect(main.resources).toEqual({ requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } });
  });
  test('a writable /tmp on a read-only root filesystem', () => {
    expect(main.volumeMounts).toEqual([{ mountPath: '/tmp', name: 'tmp' }]);
    expect(pod.volumes).toEqual([{ name: 'tmp', emptyDir: {} }]);
  });
  test('targets Kubernetes 1.34 by default', () => expect(job().j.targetVersion.name).toBe('1.34'));
  test('exposes the Job ApiObject', () => expect(job().j.resource.kind).toBe('Job'));
});

describe('ProductionJob overrides', () => {
  test('backoffLimit, ttl, memory limit and service account token', () => {
    const { spec } = job(undefined, {
      backoffLimit: 0, ttlAfterFinished: Duration.hours(1), automountServiceAccountToken: true,
    });
    expect(spec().backoffLimit).toBe(0);
    expect(spec().ttlSecondsAfterFinished).toBe(3600);
    expect(spec().template.spec.automountServiceAccountToken).toBe(true);
  });

  test('an explicit memory limit is kept', () => {
    const resources = { ...requests(), memory: { request: Size.mebibytes(128), limit: Size.mebibytes(512) } };
    const { spec } = job(undefined, { containers: [container({ resources })] });
    expect(spec().template.spec.containers[0].resources.limits).toEqual({ memory: '512Mi' });
  });

  test('non-retryable exit codes fail the Job at once, after the disruption rule', () => {
    const { spec } = job(undefined, { nonRetryableExitCodes: [42, 3], nonRetryableExitCodesContainer: 'main' });
    expect(spec().podFailurePolicy.rules).toEqual([
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [3, 42] } },
    ]);
  });

  test('extra pod failure policy rules are appended', () => {
    const { spec } = job(undefined, { podFailurePolicy: PodFailurePolicy.create().countOnExitCodes([1]) });
    expect(spec().podFailurePolicy.rules[1]).toEqual({ action: 'Count', onExitCodes: { operator: 'In', values: [1] } });
  });

  test('ignoreDisruptions: false removes the default rule (and the policy when empty)', () => {
    const { spec } = job(undefined, { ignoreDisruptions: false });
    expect(spec().podFailurePolicy).toBeUndefined();
  });

  test('writableTmp: false adds no /tmp volume', () => {
    const { spec } = job(undefined, { writableTmp: false });
    expect(spec().template.spec.volumes).toBeUndefined();
    expect(spec().template.spec.containers[0].volumeMounts).toBeUndefined();
  });

  test('a user security context wins over the defaults it sets', () => {
    const { spec } = job(undefined, { containers: [container({ securityContext: { readOnlyRootFilesystem: false, user: 1000 } })] });
    expect(spec().template.spec.containers[0].securityContext).toMatchObject({ readOnlyRootFilesystem: false, runAsUser: 1000, capabilities: { drop: ['ALL'] } });
  });

  test('containers added later get the same defaults and checks', () => {
    const { j, spec } = job();
    j.addContainer(container({ name: 'second' }));
    expect(spec().template.spec.containers[1].securityContext.capabilities).toEqual({ drop: ['ALL'] });
    expect(thrown(() => j.addContainer({ name: 'third', image: 'x:1' }), j).message).toMatch(/containers\[third\]\.resources must request cpu and memory/);
  });

  test('secrets by reference', () => {
    const c = chart();
    const { j, spec } = job(c);
    j.addSecretEnv('DB_PASSWORD', kplus.Secret.fromSecretName(c, 'db', 'db-credentials'), 'password');
    expect(spec().template.spec.containers[0].env).toEqual([{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-credentials', key: 'password' } } }]);
  });

  test('native sidecar: an init container with restartPolicy Always, so the Job completes', () => {
    const { j, spec } = job();
    j.addSidecar({ name: 'proxy', image: 'proxy:1.0', resources: requests(50, 64) });
    const init = spec().template.spec.initContainers[0];
    expect(init).toMatchObject({ name: 'proxy', restartPolicy: 'Always', resources: { requests: { cpu: '50m', memory: '64Mi' } } });
  });
});

describe('ProductionJob errors name the construct path, field, value and fix', () => {
  test.each([
    ['missing image', { containers: [{ name: 'main', resources: requests() } as any] }, 'test/migrate: containers[main].image is required (got nothing). Fix: pass the image'],
    ['missing resource requests', { containers: [{ name: 'main', image: 'app:1' }] }, 'test/migrate: containers[main].resources must request cpu and memory'],
    ['missing memory request', { containers: [{ name: 'main', image: 'app:1', resources: { cpu: { request: kplus.Cpu.millis(1) } } }] }, 'containers[main].resources must request memory'],
    ['zero deadline', { activeDeadline: Duration.seconds(0) }, 'test/migrate: activeDeadline must be a whole number of seconds greater than 0 (got "0 seconds")'],
    ['fractional deadline', { activeDeadline: Duration.millis(1500) }, 'activeDeadline must be a whole number of seconds greater than 0'],
    ['missing deadline', { activeDeadline: undefined }, 'test/migrate: activeDeadline is required: a run without a deadline can hang forever. Fix: pass activeDeadline'],
    ['non-integer backoff', { backoffLimit: 1.5 }, 'test/migrate: backoffLimit must be a whole number from 0 (got 1.5)'],
    ['negative backoff', { backoffLimit: -1 }, 'backoffLimit must be a whole number from 0 (got -1)'],
    ['restartPolicy Always', { restartPolicy: kplus.RestartPolicy.ALWAYS }, 'test/migrate: restartPolicy must be Never for a production Job (Always is rejected by the API server for Jobs'],
    ['restartPolicy OnFailure', { restartPolicy: kplus.RestartPolicy.ON_FAILURE }, 'restartPolicy must be Never'],
    ['exit code 0 in a FailJob rule', { nonRetryableExitCodes: [0] }, 'nonRetryableExitCodes must not contain 0 with operator In'],
    ['a literal secret', { containers: [container({ envVariables: { API_TOKEN: kplus.EnvValue.fromValue('hunter2') } })] }, 'containers[main].envVariables.API_TOKEN looks like a secret but is a literal value'],
  ])('%s', (_name, props, message) => {
    const e = thrown(() => job(chart(), props as any));
    expect(e.name).toBe('BatchConfigError');
    expect(e.message).toContain(message);
    expect(e.message).toMatch(/Fix: /);
    expect(e.stack).not.toMatch(/\n\s+at /);
  });

  test('a literal secret added after construction fails synth', () => {
    const { c, j } = job();
    j.containers[0].env.addVariable('DB_PASSWORD', kplus.EnvValue.fromValue('hunter2'));
    expect(synthError(c)).toContain('test/migrate: spec.template.spec.containers[main].env.DB_PASSWORD looks like a secret but is a literal value');
  });

  test('invalid names: not DNS-1123', () => {
    expect(thrown(() => job(chart(), { metadata: { name: 'Bad_Name' } })).message)
      .toContain('test/migrate: metadata.name must be a DNS-1123 subdomain');
  });

  test('invalid names: longer than 63 characters', () => {
    expect(thrown(() => job(chart(), { metadata: { name: 'a'.repeat(64) } })).message)
      .toContain('metadata.name must be at most 63 characters (the name becomes the pods\' batch.kubernetes.io/job-name label value');
    expect(() => job(chart(), { metadata: { name: 'a'.repeat(63) } })).not.toThrow();
  });

  test('a sidecar on a target version without native sidecars', () => {
    const { j } = job(chart(), { targetVersion: KubernetesVersion.V1_28 });
    expect(thrown(() => j.addSidecar({ name: 'proxy', image: 'p:1', resources: requests() }), j).message)
      .toBe('test/migrate: initContainers[proxy].restartPolicy needs Kubernetes 1.29 or newer (Native sidecar containers: beta, on by default, in 1.29; GA in 1.33), but the target version is 1.28. Fix: raise targetVersion to "1.29" or later if your cluster runs it, or stop using spec.template.spec.initContainers[].restartPolicy: Always');
  });

  test('init containers may only use restartPolicy Always', () => {
    const { j } = job();
    expect(thrown(() => j.addInitContainer({ ...container({ name: 'init' }), restartPolicy: 'OnFailure' as any }), j).message).toContain('initContainers[init].restartPolicy may only be Always');
  });

  test('several problems are reported together', () => {
    const e = thrown(() => job(chart(), { activeDeadline: Duration.seconds(0), backoffLimit: -1 }));
    expect(e.message).toMatch(/^2 problems:\n {2}- test\/migrate: activeDeadline .*\n {2}- test\/migrate: backoffLimit /);
  });

  test('the ApiObject escape hatch still works', () => {
    const { c, j } = job();
    ApiObject.of(j).metadata.addLabel('team', 'data');
    expect(Testing.synth(c)[0].metadata.labels).toEqual({ team: 'data' });
  });
});
