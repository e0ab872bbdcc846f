import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import {
  ArgoCdHookDeletePolicy, ArgoCdHookPhase, BatchValidation, DatabaseMigrationJob, HelmHook, HelmHookDeletePolicy, IndexedShardJob,
  KubernetesVersion, lintManifest, NightlyReportCronJob, OneOffJob, PodFailurePolicy, ProductionJob, ProductionJobProps, Severity,
  UpdateStrategy, useKueueQueue, WorkQueueJob,
} from '../../src';
import { canonicalJson, contentHashedName, immutableSpecHash, maxJobNameLength } from '../../src/constructs/update-strategy';

const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } };
const container = (over: Partial<kplus.ContainerProps> = {}): kplus.ContainerProps => ({
  name: 'main', image: 'registry.example.com/app:1.2.3', command: ['/app/run'], resources, envVariables: { MODE: kplus.EnvValue.fromValue('full') }, ...over,
});

function chart(): Chart {
  return new Chart(Testing.app(), 'test', { namespace: 'batch' });
}

/** Synthesizes one ProductionJob and returns its manifests (Job first, then the PrometheusRule). */
function render(over: Partial<ProductionJobProps> = {}, after?: (job: ProductionJob) => void): any[] {
  const c = chart();
  const job = new ProductionJob(c, 'job', {
    metadata: { name: 'report' },
    activeDeadline: Duration.minutes(10),
    containers: [container()],
    updateStrategy: UpdateStrategy.contentHash(),
    ...over,
  });
  after?.(job);
  return Testing.synth(c);
}
const nameOf = (over: Partial<ProductionJobProps> = {}, after?: (job: ProductionJob) => void): string => render(over, after)[0].metadata.name;

describe('content-hashed name', () => {
  const original = nameOf();

  test('is <name>-<10 hex characters>, stable across apps', () => {
    expect(original).toMatch(/^report-[0-9a-f]{10}$/);
    expect(nameOf()).toBe(original);
  });

  test.each<[string, Partial<ProductionJobProps>]>([
    ['image', { containers: [container({ image: 'registry.example.com/app:1.2.4' })] }],
    ['command', { containers: [container({ command: ['/app/run', '--dry-run'] })] }],
    ['args', { containers: [container({ args: ['--since', '1d'] })] }],
    ['env', { containers: [container({ envVariables: { MODE: kplus.EnvValue.fromValue('incremental') } })] }],
    ['resources', { containers: [container({ resources: { ...resources, cpu: { request: kplus.Cpu.millis(200) } } })] }],
    ['podFailurePolicy (immutable)', { nonRetryableExitCodes: [3] }],
    ['a container added', { initContainers: [container({ name: 'init' })] }],
    ['the base name', { metadata: { name: 'report2' } }],
  ])('changes when an immutable part changes: %s', (_what, over) => {
    expect(nameOf(over)).not.toBe(original);
  });

  test.each<[string, Partial<ProductionJobProps>, ((job: ProductionJob) => void)?]>([
    ['activeDeadlineSeconds (mutable)', { activeDeadline: Duration.minutes(20) }, undefined],
    ['backoffLimit (mutable)', { backoffLimit: 1 }, undefined],
    ['ttlSecondsAfterFinished (mutable)', { ttlAfterFinished: Duration.hours(2) }, undefined],
    ['Job labels and annotations (metadata only)', { metadata: { name: 'report', labels: { team: 'a' }, annotations: { owner: 'team-a' } } }, undefined],
    ['alert options', { alerts: { labels: { team: 'a' } } }, undefined],
    ['a Kueue queue label on the Job', {}, (job) => useKueueQueue(job, 'team-a')],
  ])('stays when only a mutable field or metadata changes: %s', (_what, over, after) => {
    expect(nameOf(over, after)).toBe(original);
  });

  test('a suppression (a Job annotation) keeps the name; WorkQueueJob workers (parallelism) too', () => {
    expect(nameOf({}, (job) => BatchValidation.suppress(job, [{ id: 'no-ttl', reason: 'cleaned up by the pipeline' }]))).toBe(original);
    const queue = (workers: number) => {
      const c = chart();
      new WorkQueueJob(c, 'q', { name: 'thumbs', image: 'registry.example.com/thumbs:1.0.0', resources, workers, updateStrategy: UpdateStrategy.contentHash() });
      return Testing.synth(c)[0].metadata.name;
    };
    expect(queue(5)).toBe(queue(8));
    expect(queue(5)).toMatch(/^thumbs-[0-9a-f]{10}$/);
  });

  test('completions and parallelism: completions is immutable, parallelism is not', () => {
    const indexed = (shards: number, parallelism?: number) => {
      const c = chart();
      new IndexedShardJob(c, 'shards', { metadata: { name: 'reindex' }, shards, parallelism, activeDeadline: Duration.hours(1), containers: [container()], updateStrategy: UpdateStrategy.contentHash() });
      return Testing.synth(c)[0].metadata.name;
    };
    expect(indexed(4, 2)).toBe(indexed(4, 3));
    expect(indexed(4)).not.toBe(indexed(5));
  });

  test('the pure hash only reads the immutable fields, whatever the key order', () => {
    const spec = { template: { spec: { containers: [{ name: 'a', image: 'x:1' }] } }, completions: 1, backoffLimit: 2 };
    const same = { backoffLimit: 5, parallelism: 3, activeDeadlineSeconds: 9, ttlSecondsAfterFinished: 1, suspend: true, maxFailedIndexes: 1, podReplacementPolicy: 'Failed', completions: 1, template: { spec: { containers: [{ image: 'x:1', name: 'a' }] } } };
    expect(immutableSpecHash('j', same)).toBe(immutableSpecHash('j', spec));
    for (const [field, value] of [['completionMode', 'Indexed'], ['selector', { matchLabels: { a: 'b' } }], ['backoffLimitPerIndex', 1], ['managedBy', 'example.com/x'], ['successPolicy', { rules: [] }]] as const) {
      expect(immutableSpecHash('j', { ...spec, [field]: value })).not.toBe(immutableSpecHash('j', spec));
    }
    expect(canonicalJson({ b: 1, a: [{ d: 1, c: undefined }] })).toBe('{"a":[{"d":1}],"b":1}');
  });
});

describe('name length limits', () => {
  test('a 63-character name is cut to 52 + "-" + hash = 63, deterministically', () => {
    const long = 'a'.repeat(63);
    const name = nameOf({ metadata: { name: long } });
    expect(name).toHaveLength(63);
    expect(name).toMatch(/^a{52}-[0-9a-f]{10}$/);
    expect(nameOf({ metadata: { name: long } })).toBe(name);
  });

  test('two long names that share the kept prefix still get different names', () => {
    const a = nameOf({ metadata: { name: `${'x'.repeat(55)}-import` } });
    const b = nameOf({ metadata: { name: `${'x'.repeat(55)}-export` } });
    expect(a.slice(0, 52)).toBe(b.slice(0, 52));
    expect(a).not.toBe(b);
  });

  test('a cut never ends the kept part on "-" or "."', () => {
    expect(contentHashedName(`${'a'.repeat(51)}-bcd`, {})).toMatch(/^a{51}-[0-9a-f]{10}$/);
    expect(contentHashedName(`${'a'.repeat(50)}.-bcd`, {})).toMatch(/^a{50}-[0-9a-f]{10}$/);
  });

  test.each([[1, 61], [10, 61], [11, 60], [1000, 59], [100000, 57]])('Indexed Job with %i completions: <name>-<completions-1> stays a DNS label (max name %i)', (completions, max) => {
    expect(maxJobNameLength({ completionMode: 'Indexed', completions })).toBe(max);
    const name = contentHashedName('s'.repeat(63), { completionMode: 'Indexed', completions });
    expect(name).toHaveLength(max);
    expect(`${name}-${completions - 1}`).toMatch(/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/);
  });

  test('an IndexedShardJob at the limit synthesizes a name the API server accepts', () => {
    const c = chart();
    new IndexedShardJob(c, 'shards', { metadata: { name: 'r'.repeat(63) }, shards: 1000, activeDeadline: Duration.hours(1), containers: [container()], updateStrategy: UpdateStrategy.contentHash() });
    const [job] = Testing.synth(c);
    expect(job.metadata.name).toHaveLength(59);
    expect(lintManifest(job).filter((f) => f.severity === Severity.ERROR)).toEqual([]);
  });

  test('generated (cdk8s) names are hashed too', () => {
    const c = chart();
    new ProductionJob(c, 'nightly-import', { activeDeadline: Duration.minutes(5), containers: [container()], updateStrategy: UpdateStrategy.contentHash() });
    expect(Testing.synth(c)[0].metadata.name).toMatch(/^test-nightly-import-c8[0-9a-f]{6}-[0-9a-f]{10}$/);
  });
});

describe('the alerts follow the generated name', () => {
  test('PrometheusRule name and every expression use the hashed name', () => {
    const [job, rule] = render();
    expect(rule.kind).toBe('PrometheusRule');
    expect(rule.metadata.name).toBe(`${job.metadata.name}-alerts`);
    // The threshold series (shared alert representation, the default) carry the hashed name.
    expect(new Set(rule.spec.groups[0].rules.map((r: any) => r.labels.job_name))).toEqual(new Set([job.metadata.name]));
  });

  test('containers added after construction count (the name is computed at synth)', () => {
    const late = nameOf({ containers: [] }, (job) => job.addContainer(container({ image: 'registry.example.com/app:9.9.9' })));
    expect(late).toBe(nameOf({ containers: [container({ image: 'registry.example.com/app:9.9.9' })] }));
  });
});

describe('hooks render what their tool documents', () => {
  const annotations = (strategy: UpdateStrategy) => render({ updateStrategy: strategy })[0].metadata;

  test('Argo CD: PreSync + BeforeHookCreation by default; name unchanged', () => {
    const meta = annotations(UpdateStrategy.argoCdHook());
    expect(meta.name).toBe('report');
    expect(meta.annotations).toEqual({ 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
  });

  test('Argo CD: several phases and policies are comma-separated; sync-wave is a quoted integer', () => {
    const meta = annotations(UpdateStrategy.argoCdHook({
      phases: [ArgoCdHookPhase.PRE_SYNC, ArgoCdHookPhase.SYNC_FAIL],
      deletePolicies: [ArgoCdHookDeletePolicy.HOOK_SUCCEEDED, ArgoCdHookDeletePolicy.BEFORE_HOOK_CREATION],
      syncWave: -2,
    }));
    expect(meta.annotations).toEqual({
      'argocd.argoproj.io/hook': 'PreSync,SyncFail',
      'argocd.argoproj.io/hook-delete-policy': 'HookSucceeded,BeforeHookCreation',
      'argocd.argoproj.io/sync-wave': '-2',
    });
  });

  test('Helm: pre-install,pre-upgrade + before-hook-creation by default; weight only when set', () => {
    expect(annotations(UpdateStrategy.helmHook()).annotations).toEqual({ 'helm.sh/hook': 'pre-install,pre-upgrade', 'helm.sh/hook-delete-policy': 'before-hook-creation' });
    const deletePolicies = [HelmHookDeletePolicy.HOOK_SUCCEEDED, HelmHookDeletePolicy.HOOK_FAILED];
    expect(annotations(UpdateStrategy.helmHook({ hooks: [HelmHook.POST_UPGRADE], weight: 5, deletePolicies })).annotations)
      .toEqual({ 'helm.sh/hook': 'post-upgrade', 'helm.sh/hook-weight': '5', 'helm.sh/hook-delete-policy': 'hook-succeeded,hook-failed' });
  });

  test('Flux: kustomize.toolkit.fluxcd.io/force: enabled', () => {
    expect(annotations(UpdateStrategy.fluxForce()).annotations).toEqual({ 'kustomize.toolkit.fluxcd.io/force': 'enabled' });
  });

  test('content hash: the marker annotation, and the Argo CD sync wave when asked', () => {
    expect(annotations(UpdateStrategy.contentHash()).annotations).toEqual({ 'cdk8s-batch.io/update-strategy': 'content-hash' });
    expect(annotations(UpdateStrategy.contentHash({ argoCdSyncWave: -1 })).annotations)
      .toEqual({ 'cdk8s-batch.io/update-strategy': 'content-hash', 'argocd.argoproj.io/sync-wave': '-1' });
  });

  test('the default (and fixedName()) render exactly what they did before: no annotation, the given name', () => {
    for (const strategy of [undefined, UpdateStrategy.fixedName()]) {
      const [job, rule] = render({ updateStrategy: strategy });
      expect(job.metadata).toEqual({ name: 'report', namespace: 'batch' });
      expect(rule.metadata.name).toBe('report-alerts');
    }
  });
});

describe('values the tools do not accept are clear errors', () => {
  const error = (strategy: unknown): string => {
    try {
      render({ updateStrategy: strategy as UpdateStrategy });
    } catch (e) {
      expect((e as Error).stack).not.toMatch(/\n\s+at /);
      return (e as Error).message;
    }
    throw new Error('no error');
  };

  test.each<[unknown, string]>([
    [UpdateStrategy.argoCdHook({ phases: ['presync' as ArgoCdHookPhase] }), 'test/job: updateStrategy.phases[0] must be a Argo CD hook type (the tool ignores or rejects anything else; values are case-sensitive) (got "presync"). Fix: use one of: PreSync, Sync, PostSync, SyncFail, PreDelete, PostDelete'],
    [UpdateStrategy.argoCdHook({ phases: ['Skip' as ArgoCdHookPhase] }), 'test/job: updateStrategy.phases[0] must not be Skip (got "Skip"). Fix: Skip makes Argo CD never apply the Job'],
    [UpdateStrategy.argoCdHook({ phases: [] }), 'test/job: updateStrategy.phases must list at least one Argo CD hook type (got [])'],
    [UpdateStrategy.argoCdHook({ deletePolicies: [ArgoCdHookDeletePolicy.HOOK_FAILED, ArgoCdHookDeletePolicy.HOOK_FAILED] }), 'test/job: updateStrategy.deletePolicies[1] is listed twice (got "HookFailed")'],
    [UpdateStrategy.argoCdHook({ syncWave: 1.5 }), 'test/job: updateStrategy.syncWave must be a whole number'],
    [UpdateStrategy.helmHook({ hooks: ['pre-sync' as HelmHook] }), 'test/job: updateStrategy.hooks[0] must be a Helm hook'],
    [UpdateStrategy.helmHook({ weight: 2 ** 40 }), 'test/job: updateStrategy.weight must be a whole number'],
    [UpdateStrategy.helmHook({ deletePolicies: ['HookSucceeded' as HelmHookDeletePolicy] }), 'Fix: use one of: before-hook-creation, hook-succeeded, hook-failed'],
    [UpdateStrategy.contentHash({ argoCdSyncWave: Number.NaN }), 'test/job: updateStrategy.argoCdSyncWave must be a whole number'],
    ['content-hash', 'test/job: updateStrategy must be an UpdateStrategy (got "content-hash"). Fix: use UpdateStrategy.contentHash()'],
  ])('%#', (strategy, message) => expect(error(strategy)).toContain(message));

  test('all problems at once', () => {
    expect(error(UpdateStrategy.helmHook({ hooks: ['x' as HelmHook], weight: 0.5 }))).toMatch(/^2 problems:\n {2}- test\/job: updateStrategy.hooks\[0\].*\n {2}- test\/job: updateStrategy.weight/);
  });
});

describe('presets and one-off Jobs', () => {
  test('DatabaseMigrationJob: once per version, before the app under Argo CD (content hash + sync wave -1)', () => {
    const migration = (image: string, over = {}) => {
      const c = chart();
      new DatabaseMigrationJob(c, 'migrate', { name: 'shop-migrate', image, resources, ...over });
      return Testing.synth(c)[0];
    };
    const v42 = migration('registry.example.com/shop/migrations:42');
    expect(v42.metadata.name).toMatch(/^shop-migrate-[0-9a-f]{10}$/);
    expect(v42.metadata.annotations).toEqual({ 'cdk8s-batch.io/update-strategy': 'content-hash', 'argocd.argoproj.io/sync-wave': '-1' });
    expect(migration('registry.example.com/shop/migrations:42').metadata.name).toBe(v42.metadata.name);
    expect(migration('registry.example.com/shop/migrations:43').metadata.name).not.toBe(v42.metadata.name);
    const helm = migration('registry.example.com/shop/migrations:42', { updateStrategy: UpdateStrategy.helmHook() });
    expect(helm.metadata).toMatchObject({ name: 'shop-migrate', annotations: { 'helm.sh/hook': 'pre-install,pre-upgrade' } });
  });

  test('OneOffJob follows the CronJob template with contentHash(), and its alerts follow', () => {
    const run = (image: string) => {
      const c = chart();
      const cron = new NightlyReportCronJob(c, 'report', { name: 'report', image, resources, timeZone: 'Etc/UTC' });
      OneOffJob.fromCronJob(c, 'rerun', cron, { updateStrategy: UpdateStrategy.contentHash() });
      const manifests = Testing.synth(c);
      const job = manifests.find((m) => m.kind === 'Job');
      const rule = manifests.find((m) => m.kind === 'PrometheusRule' && m.metadata.name.startsWith('report-manual'));
      return { job, rule };
    };
    const a = run('registry.example.com/report:1.0.0');
    expect(a.job.metadata.name).toMatch(/^report-manual-[0-9a-f]{10}$/);
    expect(a.job.metadata.annotations).toMatchObject({ 'cronjob.kubernetes.io/instantiate': 'manual', 'cdk8s-batch.io/update-strategy': 'content-hash' });
    expect(a.rule.metadata.name).toBe(`${a.job.metadata.name}-alerts`);
    expect(run('registry.example.com/report:1.0.1').job.metadata.name).not.toBe(a.job.metadata.name);
  });

  test('the production checks still run on a content-hashed Job', () => {
    const c = chart();
    const job = new ProductionJob(c, 'j', {
      activeDeadline: Duration.minutes(5),
      containers: [container()],
      updateStrategy: UpdateStrategy.contentHash(),
      podFailurePolicy: PodFailurePolicy.create().failJobOnExitCodes([42]),
      targetVersion: KubernetesVersion.DEFAULT,
    });
    expect(job.resource.toJson().metadata.name).toMatch(/-[0-9a-f]{10}$/);
    for (const m of Testing.synth(c)) expect(lintManifest(m).filter((f) => f.severity === Severity.ERROR)).toEqual([]);
  });
});
