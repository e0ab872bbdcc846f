import { Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { checkOutcome, synthOutcome } from './oracle';
import { DatabaseMigrationJob, KubernetesVersion, lintManifest, OneOffJob, PodFailurePolicy, ProductionCronJob, ProductionJob, SpotProvider, SpotTolerantJob } from '../../src';

const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } };
const main = (over: Partial<kplus.ContainerProps> = {}): kplus.ContainerProps => ({ name: 'a0', image: 'registry.example.com/app:1.0.0', resources, ...over });

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'batch' });
}

/** The verdict of the oracle for what `build` adds to a chart: the error message, or undefined for valid output. */
function verdict(build: (c: Chart) => void): { error?: string; invalid: string[] } {
  const c = chart();
  build(c);
  const outcome = synthOutcome(c);
  return { error: outcome.error?.message, invalid: checkOutcome(outcome) };
}

function expectClearError(build: (c: Chart) => void, ...fragments: RegExp[]): void {
  const v = verdict(build);
  expect(v.invalid).toEqual([]);
  expect(v.error).toBeDefined();
  for (const f of fragments) expect(v.error).toMatch(f);
}

const job = (c: Chart, over: any = {}) => new ProductionJob(c, 'job', { activeDeadline: Duration.minutes(10), containers: [main()], ...over });

describe('1: a partial securityContext merges with the hardened one', () => {
  test('capabilities.add keeps drop ALL (container and sidecar)', () => {
    const c = chart();
    const j = job(c, { containers: [main({ securityContext: { capabilities: { add: [kplus.Capability.NET_BIND_SERVICE] } } })] });
    j.addSidecar({ name: 'side', image: 'registry.example.com/side:1', resources, securityContext: { capabilities: { add: [kplus.Capability.NET_BIND_SERVICE] } } });
    const outcome = synthOutcome(c);
    expect(checkOutcome(outcome)).toEqual([]);
    const pod = outcome.manifests!.find((m) => m.kind === 'Job').spec.template.spec;
    for (const ctr of [...pod.containers, ...pod.initContainers]) {
      expect(ctr.securityContext.capabilities).toEqual({ add: ['NET_BIND_SERVICE'], drop: ['ALL'] });
      expect(ctr.securityContext.allowPrivilegeEscalation).toBe(false);
      expect(ctr.securityContext.readOnlyRootFilesystem).toBe(true);
    }
  });
  test('other fields set alone keep the rest of the hardening', () => {
    const v = verdict((c) => job(c, { containers: [main({ securityContext: { user: 1000 } })] }));
    expect(v).toEqual({ error: undefined, invalid: [] });
  });
  test('an explicit unsafe value is a clear error, not silently kept', () => {
    expectClearError((c) => job(c, { containers: [main({ securityContext: { privileged: true } })] }), /privileged/);
  });
});

describe('2: onExitCodes.containerName must name a container', () => {
  test('podFailurePolicy', () => {
    expectClearError((c) => job(c, { podFailurePolicy: PodFailurePolicy.create().failJobOnExitCodes([1], { container: 'aa' }) }), /containerName/, /"aa"/);
  });
  test('nonRetryableExitCodesContainer', () => {
    expectClearError((c) => job(c, { nonRetryableExitCodes: [3], nonRetryableExitCodesContainer: 'aa' }), /nonRetryableExitCodesContainer/);
  });
  test('naming the container is fine', () => {
    expect(verdict((c) => job(c, { nonRetryableExitCodes: [3], nonRetryableExitCodesContainer: 'a0' }))).toEqual({ error: undefined, invalid: [] });
  });
});

describe('3: checkpoint mountPath must not collide with another mount', () => {
  test('/tmp', () => {
    expectClearError((c) => new SpotTolerantJob(c, 'spot', { activeDeadline: Duration.minutes(10), containers: [main()], spot: SpotProvider.GKE, checkpoint: { claimName: 'ckpt', mountPath: '/tmp' } }), /checkpoint\.mountPath/);
  });
  test('a relative path', () => {
    expectClearError((c) => new SpotTolerantJob(c, 'spot', { activeDeadline: Duration.minutes(10), containers: [main()], spot: SpotProvider.GKE, checkpoint: { claimName: 'ckpt', mountPath: 'ckpt' } }), /checkpoint\.mountPath/);
  });
  test('the default mount path is fine', () => {
    expect(verdict((c) => new SpotTolerantJob(c, 'spot', { activeDeadline: Duration.minutes(10), containers: [main()], spot: SpotProvider.GKE, checkpoint: { claimName: 'ckpt' } }))).toEqual({ error: undefined, invalid: [] });
  });
});

describe('4: alert options that would break the rules', () => {
  test('clusterLabel must be a label name', () => {
    expectClearError((c) => job(c, { alerts: { clusterLabel: 'k8s-cluster' } }), /clusterLabel/);
  });
  test('label names and values', () => {
    expectClearError((c) => job(c, { alerts: { labels: { 'team-name': 'x' } } }), /labels/);
    expectClearError((c) => job(c, { alerts: { labels: { team: '\uFFFF\uD800' } } }), /labels\.team/);
    expectClearError((c) => job(c, { alerts: { ruleLabels: { 'a b': 'x' } } }), /ruleLabels/);
  });
  test('a label key "constructor" (which cdk8s cannot render) is a clear error, not a serialization crash', () => {
    expectClearError((c) => job(c, { alerts: { labels: { constructor: 'x' } } }), /alerts\.labels\["constructor"\]/);
    expectClearError((c) => job(c, { alerts: { ruleLabels: { constructor: 'x' } } }), /ruleLabels/);
  });
  test('a kube-state-metrics selector that is not a list of matchers', () => {
    expectClearError((c) => job(c, { alerts: { kubeStateMetricsSelector: 'job=kube-state-metrics' } }), /kubeStateMetricsSelector/);
    expect(verdict((c) => job(c, { alerts: { kubeStateMetricsSelector: 'job="kube-state-metrics", cluster=~"prod|dr"' } }))).toEqual({ error: undefined, invalid: [] });
  });
  test('a cluster label renders parseable rules', () => {
    expect(verdict((c) => job(c, { alerts: { clusterLabel: 'k8s_cluster' } }))).toEqual({ error: undefined, invalid: [] });
  });
});

describe('5: values passed through unchecked', () => {
  test('namespace', () => {
    expectClearError((c) => new DatabaseMigrationJob(c, 'm', { image: 'registry.example.com/app:1', resources, namespace: '{{ .x }}' }), /namespace/);
  });
  test('serviceAccountName', () => {
    expectClearError((c) => new DatabaseMigrationJob(c, 'm', { image: 'registry.example.com/app:1', resources, serviceAccountName: ' ' }), /serviceAccountName/);
  });
  test('empty env name and Secret key', () => {
    expectClearError((c) => new DatabaseMigrationJob(c, 'm', { image: 'registry.example.com/app:1', resources, env: { '': 'x' } }), /env/);
    expectClearError((c) => new DatabaseMigrationJob(c, 'm', { image: 'registry.example.com/app:1', resources, secretEnv: { DB_PASSWORD: { secretName: 'db', key: '' } } }), /key/);
  });
  test('negative cpu', () => {
    expectClearError((c) => job(c, { containers: [main({ resources: { ...resources, cpu: { request: kplus.Cpu.millis(-5e-324) } } })] }), /cpu/);
  });
  test('hostPort and port name', () => {
    expectClearError((c) => job(c, { containers: [main({ ports: [{ number: 8080, hostPort: -1 }] })] }), /hostPort/);
    expectClearError((c) => job(c, { containers: [main({ ports: [{ number: 8080, name: 'a-very-long-port-name' }] })] }), /name/);
  });
  test('toleration effect', () => {
    expectClearError((c) => new SpotTolerantJob(c, 'spot', { activeDeadline: Duration.minutes(10), containers: [main()], spot: SpotProvider.custom('pool', 'spot', ' ') }), /effect|taint/);
  });
});

describe('6: unit errors are the library\'s own', () => {
  test('memory not a whole number of mebibytes', () => {
    expectClearError((c) => job(c, { containers: [main({ resources: { cpu: resources.cpu, memory: { request: Size.kibibytes(1500) } } })] }), /memory/);
  });
  test('ephemeral storage', () => {
    const whole = { ...resources, ephemeralStorage: { request: Size.gibibytes(1) } };
    expect(verdict((c) => job(c, { containers: [main({ resources: whole })] }))).toEqual({ error: undefined, invalid: [] });
    // cdk8s-plus renders ephemeral storage in whole Gi: 512Mi is the library's own error.
    const half = { ...resources, ephemeralStorage: { request: Size.mebibytes(512) } };
    expectClearError((c) => job(c, { containers: [main({ resources: half })] }), /ephemeralStorage\.request must be a whole number of gibibytes/);
    const storage = { ...resources, ephemeralStorage: { request: Size.kibibytes(1500) } };
    expectClearError((c) => job(c, { containers: [main({ resources: storage })] }), /ephemeralStorage/);
  });
  test('terminationGracePeriod', () => {
    expectClearError((c) => job(c, { terminationGracePeriod: Duration.millis(1) }), /terminationGracePeriod/);
  });
  test('missing cpu request with a bad memory size: the library\'s own message', () => {
    expectClearError((c) => job(c, { containers: [main({ resources: { memory: { request: Size.kibibytes(1500) } } })] }), /must request cpu/);
  });
  test('a CronJob too', () => {
    expectClearError((c) => new ProductionCronJob(c, 'cj', { schedule: '0 * * * *', activeDeadline: Duration.minutes(10), containers: [main({ resources: { cpu: resources.cpu, memory: { request: Size.kibibytes(1500) } } })] }), /memory/);
  });
});

describe('found by the property test', () => {
  test('a CronJob without containers: the library\'s message, not "Failed serializing … PodSpec must have at least 1 container"', () => {
    expectClearError((c) => new ProductionCronJob(c, 'cj', { schedule: '0 * * * *', activeDeadline: Duration.minutes(10), containers: [] }), /must hold at least one container/);
  });
  test('a repeated port number or name: a prop error, not cdk8s-plus\'s bare "Port … already exists"', () => {
    expectClearError((c) => job(c, { containers: [main({ ports: [{ number: 80 }, { number: 80 }] })] }), /ports lists port 80\/TCP twice/);
    expectClearError((c) => job(c, { containers: [main({ ports: [{ number: 80, name: 'http' }, { number: 81, name: 'http' }] })] }), /same name/);
  });
  test('a port number that is not a number, twice: compared as cdk8s-plus compares them (seed 334357658)', () => {
    const c = chart();
    job(c, { containers: [main({ ports: [{ number: NaN, protocol: kplus.Protocol.UDP }, { number: NaN, protocol: kplus.Protocol.UDP }] })] });
    const outcome = synthOutcome(c);
    expect(checkOutcome(outcome, true)).toEqual([]); // NaN in the message is the user's own value
    expect(outcome.error?.message).toMatch(/ports lists port NaN\/UDP twice/);
  });
  test('a capability restricted does not allow is kept, and warned about at synth (suppressible, as it may be on purpose)', () => {
    const c = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    job(c, { containers: [main({ securityContext: { capabilities: { add: [kplus.Capability.SYS_ADMIN] } } })] });
    const [m] = Testing.synth(c).filter((x: any) => x.kind === 'Job');
    expect(m.spec.template.spec.containers[0].securityContext.capabilities).toEqual({ add: ['SYS_ADMIN'], drop: ['ALL'] });
    expect(lintManifest(m).map((f) => `${f.severity} ${f.ruleId}`)).toContain('warning pod-security-baseline');
  });
  test('a OneOffJob is checked like its CronJob: a TTL the API server cannot decode is an error at synth (seed 1503847637)', () => {
    const cron = (c: Chart) => new ProductionCronJob(c, 'cron', { schedule: '0 * * * *', activeDeadline: Duration.minutes(10), containers: [main()] });
    expectClearError((c) => OneOffJob.fromCronJob(c, 'manual', cron(c), { ttlAfterFinished: Duration.days(400_000) }),
      /test\/manual: spec.ttlSecondsAfterFinished \[api-decode\].*does not fit in an int32/);
    expect(verdict((c) => OneOffJob.fromCronJob(c, 'manual', cron(c), { ttlAfterFinished: Duration.days(2) }))).toEqual({ error: undefined, invalid: [] });
  });
  test('a OneOffJob is checked at its CronJob\'s target version', () => {
    const c = chart();
    const cron = new ProductionCronJob(c, 'cron', { schedule: '0 * * * *', activeDeadline: Duration.minutes(10), containers: [main()], targetVersion: KubernetesVersion.V1_28 });
    OneOffJob.fromCronJob(c, 'manual', cron).addJsonPatch(JsonPatch.add('/spec/managedBy', 'kueue.x-k8s.io/multikueue'));
    const warnings: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((line: string) => { warnings.push(line); return true; }) as any;
    try {
      Testing.synth(c);
    } finally {
      process.stderr.write = write;
    }
    // managedBy (JobManagedBy) is off by default before 1.32: the 1.28 API server drops it.
    expect(warnings.join('')).toMatch(/field-dropped-at-target test\/manual: spec.managedBy/);
  });
});
