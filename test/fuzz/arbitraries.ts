/* eslint-disable @stylistic/max-len */ // generator tables read best one per line
import { Chart, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as fc from 'fast-check';
import {
  AlertOptions, BatchAlert, DatabaseMigrationJob, HistoryCleanupCronJob, IndexedShardJob, IndexRefreshCronJob, KubernetesVersion,
  NightlyReportCronJob, ObjectStorageBackupJob, OneOffJob, PodFailurePolicy, ProductionCronJob, ProductionJob, ShardedSpotJob,
  SpotProvider, SpotTolerantJob, WorkQueueJob,
} from '../../src';

/** Edge strings: empty, blank, unicode, template syntax, too long, names that collide with built-ins. */
export const edgeString = fc.oneof(
  fc.constantFrom('', ' ', 'a', 'a0', 'main', 'Main', 'constructor', '__proto__', 'toString', '{{ .x }}', 'ünïcødé', '😀', 'a-very-long-port-name',
    'x'.repeat(64), 'y'.repeat(300), 'k8s-cluster', 'k8s_cluster', 'team', 'job', '/tmp', '/checkpoint', 'ckpt', 'a.b', 'A_B', '0', '-a', 'a-'),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 6 }),
);
/** Names that are usually valid, sometimes not. */
export const name = fc.oneof({ weight: 12, arbitrary: fc.constantFrom('a0', 'main', 'work', 'side') }, { weight: 1, arbitrary: edgeString });
export const edgeNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, 2, 3, 1.5, -5e-324, 5e-324, 255, 256, 80, 8080, 65535, 65536, 2 ** 31 - 1, 2 ** 31, 1e21, -1e21, NaN, Infinity, -Infinity),
  fc.integer({ min: -10, max: 100 }),
);
const smallNumber = fc.oneof({ weight: 12, arbitrary: fc.integer({ min: 0, max: 20 }) }, { weight: 1, arbitrary: edgeNumber });
/** `make(n)`, for the numbers cdk8s accepts (it throws for a negative Duration or Size). */
function made<T>(make: (n: number) => T): fc.Arbitrary<T> {
  return edgeNumber.filter((n) => {
    try {
      make(n);
      return true;
    } catch {
      return false;
    }
  }).map(make);
}
export const duration = fc.oneof(
  fc.constantFrom(Duration.millis(1), Duration.millis(1500), Duration.seconds(0), Duration.minutes(30), Duration.hours(2), Duration.days(1), Duration.days(400000)),
  made((n) => Duration.seconds(n)),
  fc.integer({ min: 1, max: 600 }).map((n) => Duration.minutes(n)),
);
const size = fc.oneof(
  fc.constantFrom(Size.kibibytes(1500), Size.mebibytes(512), Size.mebibytes(128), Size.mebibytes(0), Size.gibibytes(1), Size.gibibytes(1.5), Size.mebibytes(1e12)),
  made((n) => Size.mebibytes(n)),
);
const cpu = fc.oneof(fc.constantFrom(kplus.Cpu.millis(100), kplus.Cpu.units(0.5), kplus.Cpu.millis(-5e-324), kplus.Cpu.millis(0)), made((n) => kplus.Cpu.millis(n)));
/** Mostly left out: a case with every field set to an edge value would only ever test the first error. */
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined, freq: 5 }).map((x) => x);
/** Mostly `good`, sometimes an edge value: about a third of the cases synthesize, the rest must fail clearly. */
const sane = <T>(good: T, edge: fc.Arbitrary<T>) => fc.oneof({ weight: 25, arbitrary: fc.constant(good) }, { weight: 1, arbitrary: edge });

export const resources: fc.Arbitrary<kplus.ContainerResources | undefined> = fc.oneof(
  { weight: 40, arbitrary: fc.constant({ cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } }) },
  {
    weight: 3,
    arbitrary: fc.record({
      cpu: maybe(fc.record({ request: maybe(cpu), limit: maybe(cpu) }, { requiredKeys: [] })),
      memory: maybe(fc.record({ request: maybe(size), limit: maybe(size) }, { requiredKeys: [] })),
      ephemeralStorage: maybe(fc.record({ request: maybe(size), limit: maybe(size) }, { requiredKeys: [] })),
    }, { requiredKeys: [] }),
  },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const securityContext = fc.record({
  ensureNonRoot: fc.boolean(),
  privileged: fc.boolean(),
  readOnlyRootFilesystem: fc.boolean(),
  allowPrivilegeEscalation: fc.boolean(),
  user: edgeNumber,
  group: edgeNumber,
  capabilities: fc.record({
    add: fc.subarray([kplus.Capability.NET_BIND_SERVICE, kplus.Capability.SYS_ADMIN, kplus.Capability.CHOWN]),
    drop: fc.subarray([kplus.Capability.ALL, kplus.Capability.NET_RAW]),
  }, { requiredKeys: [] }),
}, { requiredKeys: [] });

const port = fc.record({
  number: fc.oneof(fc.constantFrom(8080, 80), edgeNumber),
  hostPort: maybe(edgeNumber),
  name: maybe(edgeString),
  protocol: maybe(fc.constantFrom(kplus.Protocol.TCP, kplus.Protocol.UDP)),
}, { requiredKeys: ['number'] });

/** A container, as data: volumes are made in the chart when it is built. */
export interface ContainerSpec {
  readonly props: Omit<kplus.ContainerProps, 'volumeMounts'>;
  readonly mounts: string[];
}

export const container: fc.Arbitrary<ContainerSpec> = fc.record({
  props: fc.record({
    name: maybe(name),
    image: sane('registry.example.com/app:1.2.3', edgeString),
    resources,
    securityContext: maybe(securityContext),
    ports: maybe(fc.array(port, { maxLength: 2 })),
    envVariables: maybe(fc.dictionary(sane('HOME', fc.oneof(fc.constantFrom('DB_PASSWORD', ''), edgeString)), edgeString.map((v) => kplus.EnvValue.fromValue(v)), { maxKeys: 2 })),
    command: maybe(fc.array(edgeString, { maxLength: 2 })),
    workingDir: maybe(edgeString),
  }, { requiredKeys: ['image'] }),
  mounts: fc.array(fc.oneof({ weight: 8, arbitrary: fc.constantFrom('/data', '/cache') }, { weight: 1, arbitrary: fc.oneof(fc.constantFrom('/tmp', '/checkpoint', 'rel', '/'), edgeString) }), { maxLength: 2 }),
});

function buildContainer(scope: Chart, c: ContainerSpec, i: number): kplus.ContainerProps {
  const volumeMounts = c.mounts.map((path, j) => ({ path, volume: kplus.Volume.fromEmptyDir(scope, `v-${i}-${j}-${scope.node.children.length}`, `vol${i}x${j}`) }));
  return { ...c.props, volumeMounts } as kplus.ContainerProps;
}

const labels = fc.dictionary(fc.oneof(fc.constantFrom('team', 'constructor', 'k8s-cluster', 'job', '__name__', 'release'), edgeString), edgeString, { maxKeys: 2 });
export const alerts: fc.Arbitrary<AlertOptions | undefined> = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(undefined, { labels: { team: 'data' }, clusterLabel: 'cluster' }) }, {
  weight: 1,
  arbitrary: fc.record({
    enabled: fc.boolean(),
    disabledAlerts: fc.subarray([BatchAlert.JOB_FAILED, BatchAlert.CRONJOB_MISSED_SCHEDULE] as BatchAlert[]),
    labels,
    ruleLabels: labels,
    runbookBaseUrl: edgeString,
    kubeStateMetricsSelector: fc.oneof(fc.constantFrom('job="kube-state-metrics"', 'job=ksm', 'a="b",c!~"d|e"'), edgeString),
    clusterLabel: fc.oneof(fc.constantFrom('cluster', 'k8s-cluster', 'k8s_cluster', 'namespace'), edgeString),
    toleratedFailures: smallNumber,
    maxRunSeconds: edgeNumber,
    podsStuckSeconds: edgeNumber,
    kubeStateMetricsVersion: fc.constantFrom('2.13.0', '2.20.0', '1.9.0', 'x', ''),
  }, { requiredKeys: [] }),
});

export const target = fc.constantFrom(...KubernetesVersion.all);
export const spot = fc.oneof(
  fc.constantFrom(SpotProvider.KARPENTER, SpotProvider.EKS, SpotProvider.GKE, SpotProvider.GKE_PREEMPTIBLE, SpotProvider.AKS),
  fc.tuple(edgeString, edgeString, maybe(fc.constantFrom('NoSchedule', 'NoExecute', ' ', '', 'Never'))).map(([k, v, e]) => SpotProvider.custom(k, v, e)),
);
const exitCodes = fc.array(fc.oneof(fc.integer({ min: 1, max: 255 }), edgeNumber), { maxLength: 3 });
const policy = maybe(fc.tuple(exitCodes, maybe(name), fc.boolean()).map(([codes, c, ignore]) => () => {
  let p = PodFailurePolicy.create().failJobOnExitCodes(codes, { container: c });
  if (ignore) p = p.ignorePodConditions(['DisruptionTarget']);
  return p;
}));

/** Props every Job-like construct takes (WorkloadProps + ProductionJobOptions), as data. */
const jobOptions = fc.record({
  activeDeadline: fc.oneof({ weight: 12, arbitrary: fc.constant(Duration.minutes(30)) }, { weight: 2, arbitrary: duration }, { weight: 1, arbitrary: fc.constant(undefined) }),
  backoffLimit: maybe(smallNumber),
  nonRetryableExitCodes: maybe(exitCodes),
  nonRetryableExitCodesContainer: maybe(name),
  podFailurePolicy: policy,
  ignoreDisruptions: maybe(fc.boolean()),
  writableTmp: maybe(fc.boolean()),
  targetVersion: maybe(target),
  ttlAfterFinished: maybe(duration),
  terminationGracePeriod: maybe(duration),
  alerts,
  metadata: maybe(fc.record({ name: maybe(sane('work', edgeString)), namespace: maybe(sane('batch', edgeString)) }, { requiredKeys: [] })),
  serviceAccountName: maybe(sane('batch-runner', edgeString)),
  containers: fc.oneof({ weight: 15, arbitrary: fc.array(container, { minLength: 1, maxLength: 2 }) }, { weight: 1, arbitrary: fc.constant([]) }),
  initContainers: maybe(fc.array(container, { maxLength: 1 })),
  sidecar: maybe(container),
  volume: maybe(fc.constantFrom('/tmp', '/data')),
}, { requiredKeys: ['containers', 'activeDeadline'] });

type JobData = ReturnType<typeof jobOptions.generate>['value'];

/** Turns generated data into the props and calls of a construct. */
function jobProps(scope: Chart, d: JobData): any {
  const { podFailurePolicy, serviceAccountName, containers, initContainers, sidecar, volume, ...rest } = d;
  return {
    ...rest,
    ...(podFailurePolicy ? { podFailurePolicy: podFailurePolicy() } : {}),
    ...(serviceAccountName !== undefined ? { serviceAccount: kplus.ServiceAccount.fromServiceAccountName(scope, `sa-${scope.node.children.length}`, serviceAccountName) } : {}),
    containers: containers.map((c, i) => buildContainer(scope, c, i)),
    ...(initContainers ? { initContainers: initContainers.map((c, i) => buildContainer(scope, c, 10 + i)) } : {}),
  };
}

function afterwards(scope: Chart, job: ProductionJob | ProductionCronJob, d: JobData): void {
  if (d.sidecar) job.addSidecar(buildContainer(scope, d.sidecar, 20));
}

const cronOptions = fc.record({
  schedule: fc.oneof({ weight: 3, arbitrary: fc.constantFrom('0 * * * *', '*/5 * * * *', '@daily', '30 2 * * 1-5') }, { weight: 1, arbitrary: fc.constantFrom('', 'bad', '0 0 31 2 *', '* * * * * *', '@every 5m', 'TZ=UTC 0 * * * *') }),
  timeZone: maybe(fc.constantFrom('Etc/UTC', 'Europe/Berlin', '', ' ', 'Mars/Base', 'America/New_York')),
  concurrencyPolicy: maybe(fc.constantFrom(kplus.ConcurrencyPolicy.FORBID, kplus.ConcurrencyPolicy.ALLOW, kplus.ConcurrencyPolicy.REPLACE)),
  startingDeadline: maybe(duration),
  successfulJobsRetained: maybe(smallNumber),
  failedJobsRetained: maybe(smallNumber),
  suspend: maybe(fc.boolean()),
}, { requiredKeys: ['schedule'] });

const presetProps = fc.record({
  image: sane('registry.example.com/app:1.2.3', edgeString),
  resources,
  command: maybe(fc.array(edgeString, { maxLength: 2 })),
  args: maybe(fc.array(edgeString, { maxLength: 2 })),
  secretEnv: fc.option(fc.dictionary(sane('DB_PASSWORD', fc.oneof(fc.constant(''), edgeString)), fc.record({ secretName: sane('db', edgeString), key: sane('password', edgeString) }), { minKeys: 1, maxKeys: 2 }), { nil: undefined, freq: 8 }),
  env: maybe(fc.dictionary(sane('LOG_LEVEL', fc.oneof(fc.constantFrom('API_TOKEN', ''), edgeString)), edgeString, { maxKeys: 2 })),
  queueName: maybe(sane('team-queue', edgeString)),
  alerts,
  targetVersion: maybe(target),
  name: maybe(sane('work', edgeString)),
  namespace: maybe(sane('batch', fc.oneof(fc.constantFrom('{{ .x }}', 'kube-system'), edgeString))),
  serviceAccountName: maybe(sane('batch-runner', edgeString)),
}, { requiredKeys: ['image'] });

/** One generated case: what it is (for the failure report) and how to build it in a chart. */
export interface FuzzCase {
  readonly kind: string;
  readonly data: unknown;
  /** Adds the construct(s) to the chart; returns the target version the output must be valid for. */
  readonly build: (chart: Chart) => KubernetesVersion;
}

const v = (x: { targetVersion?: KubernetesVersion }) => x.targetVersion ?? KubernetesVersion.DEFAULT;
const c = <T>(kind: string, a: fc.Arbitrary<T>, build: (chart: Chart, d: T) => KubernetesVersion): fc.Arbitrary<FuzzCase> =>
  a.map((data) => ({ kind, data, build: (chart: Chart) => build(chart, data) }));

export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  c('ProductionJob', jobOptions, (ch, d) => { afterwards(ch, new ProductionJob(ch, 'job', jobProps(ch, d)), d); return v(d); }),
  c('ProductionCronJob', fc.tuple(jobOptions, cronOptions), (ch, [d, cron]) => { afterwards(ch, new ProductionCronJob(ch, 'cron', { ...jobProps(ch, d), ...cron }), d); return v(d); }),
  c('IndexedShardJob', fc.tuple(jobOptions, fc.record({ shards: smallNumber, parallelism: maybe(smallNumber), backoffLimitPerIndex: maybe(smallNumber), maxFailedIndexes: maybe(smallNumber), spot: maybe(spot) }, { requiredKeys: ['shards'] })),
    (ch, [d, x]) => { afterwards(ch, new IndexedShardJob(ch, 'shards', { ...jobProps(ch, d), ...x }), d); return v(d); }),
  c('SpotTolerantJob', fc.tuple(jobOptions, fc.record({ spot, requireSpot: maybe(fc.boolean()), checkpoint: maybe(fc.record({ claimName: fc.oneof(fc.constant('ckpt'), edgeString), mountPath: maybe(fc.oneof(fc.constantFrom('/tmp', '/checkpoint', '/data', 'rel', '/', '/tmp/'), edgeString)) }, { requiredKeys: ['claimName'] })) }, { requiredKeys: ['spot'] })),
    (ch, [d, x]) => { afterwards(ch, new SpotTolerantJob(ch, 'spot', { ...jobProps(ch, d), ...x }), d); return v(d); }),
  c('DatabaseMigrationJob', fc.tuple(presetProps, fc.record({ doNotRetryExitCode: maybe(edgeNumber), activeDeadline: maybe(duration), ttlAfterFinished: maybe(duration) }, { requiredKeys: [] })),
    (ch, [p, x]) => { new DatabaseMigrationJob(ch, 'migrate', { ...p, ...x } as any); return v(p); }),
  c('NightlyReportCronJob', fc.tuple(presetProps, fc.record({ schedule: maybe(fc.constantFrom('0 2 * * *', 'bad')), timeZone: fc.constantFrom('Europe/Berlin', 'Etc/UTC', '', 'Mars/Base'), activeDeadline: maybe(duration) }, { requiredKeys: ['timeZone'] })),
    (ch, [p, x]) => { new NightlyReportCronJob(ch, 'report', { ...p, ...x } as any); return v(p); }),
  c('IndexRefreshCronJob', fc.tuple(presetProps, fc.record({ schedule: maybe(fc.constantFrom('*/15 * * * *', 'bad')), timeZone: maybe(fc.constantFrom('Etc/UTC', '')), activeDeadline: maybe(duration) }, { requiredKeys: [] })),
    (ch, [p, x]) => { new IndexRefreshCronJob(ch, 'index', { ...p, ...x } as any); return v(p); }),
  c('HistoryCleanupCronJob', fc.tuple(presetProps, fc.record({ schedule: maybe(fc.constantFrom('0 3 * * 0', 'bad')), timeZone: maybe(fc.constantFrom('Etc/UTC', '')), activeDeadline: maybe(duration) }, { requiredKeys: [] })),
    (ch, [p, x]) => { new HistoryCleanupCronJob(ch, 'cleanup', { ...p, ...x } as any); return v(p); }),
  c('ShardedSpotJob', fc.tuple(presetProps, fc.record({ shards: smallNumber, spot, parallelism: maybe(smallNumber), backoffLimitPerIndex: maybe(smallNumber), activeDeadline: maybe(duration) }, { requiredKeys: ['shards', 'spot'] })),
    (ch, [p, x]) => { new ShardedSpotJob(ch, 'sharded', { ...p, ...x } as any); return v(p); }),
  c('WorkQueueJob', fc.tuple(presetProps, fc.record({ workers: smallNumber, activeDeadline: maybe(duration) }, { requiredKeys: ['workers'] })),
    (ch, [p, x]) => { new WorkQueueJob(ch, 'queue', { ...p, ...x } as any); return v(p); }),
  c('ObjectStorageBackupJob', fc.tuple(presetProps, fc.record({ target: fc.oneof(fc.constant('s3://bucket/backups'), edgeString), activeDeadline: maybe(duration) }, { requiredKeys: ['target'] })),
    (ch, [p, x]) => { new ObjectStorageBackupJob(ch, 'backup', { ...p, ...x } as any); return v(p); }),
  c('OneOffJob.fromCronJob', fc.tuple(jobOptions, cronOptions, fc.record({ name: maybe(edgeString), alerts, ttlAfterFinished: maybe(duration) }, { requiredKeys: [] })),
    (ch, [d, cron, o]) => { const cj = new ProductionCronJob(ch, 'cron', { ...jobProps(ch, d), ...cron }); OneOffJob.fromCronJob(ch, 'manual', cj, o); return v(d); }),
);
