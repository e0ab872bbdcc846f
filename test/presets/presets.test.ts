import { ApiObject, Chart, Cron, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as yaml from 'yaml';
import {
  DatabaseMigrationJob, HistoryCleanupCronJob, ProductionCronJob, IndexRefreshCronJob, lintManifest, NightlyReportCronJob, ObjectStorageBackupJob,
  OneOffJob, Severity, ShardedSpotJob, SpotProvider, useKueueQueue, WorkQueueJob,
} from '../../src';
import { promqlErrors } from '../alerts/fixtures';
import { thrown } from '../constructs/helpers';
import { expectProductionReady } from '../support/manifests';

const resources = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } };
const chart = () => new Chart(Testing.app(), 'platform', { namespace: 'team-a', disableResourceNameHashes: true });

const PRESETS: Record<string, (c: Chart) => unknown> = {
  DatabaseMigrationJob: (c) => new DatabaseMigrationJob(c, 'migrate', { image: 'registry.example.com/shop/migrations:42', resources, secretEnv: { DATABASE_URL: { secretName: 'shop-db', key: 'url' } } }),
  NightlyReportCronJob: (c) => new NightlyReportCronJob(c, 'report', { image: 'registry.example.com/reports:2.3.1', resources, timeZone: 'Europe/Berlin' }),
  ShardedSpotJob: (c) => new ShardedSpotJob(c, 'reindex', { image: 'registry.example.com/reindex:5.0.0', resources, shards: 40, spot: SpotProvider.GKE }),
  WorkQueueJob: (c) => new WorkQueueJob(c, 'thumbnails', { image: 'registry.example.com/thumbnails:1.0.0', resources, workers: 5 }),
  IndexRefreshCronJob: (c) => new IndexRefreshCronJob(c, 'embeddings', { image: 'registry.example.com/embed:0.9.0', resources, secretEnv: { OPENAI_API_KEY: { secretName: 'embeddings', key: 'api-key' } } }),
  HistoryCleanupCronJob: (c) => new HistoryCleanupCronJob(c, 'cleanup', { image: 'registry.example.com/cleanup:1.1.0', resources, args: ['--older-than', '30d'] }),
  ObjectStorageBackupJob: (c) => new ObjectStorageBackupJob(c, 'backup', { image: 'registry.example.com/backup:3.0.0', resources, target: 's3://backups/team-a/', serviceAccountName: 'backup-writer' }),
};

describe.each(Object.keys(PRESETS))('%s', (name) => {
  const c = chart();
  PRESETS[name](c);
  const manifests = Testing.synth(c);

  test('output snapshot (workload and PrometheusRule)', () => expect(manifests.map((m) => yaml.stringify(m)).join('---\n')).toMatchSnapshot());
  test('passes the OpenAPI schema and Pod Security restricted', () => expectProductionReady(manifests));
  test('no error findings from the validation engine', () => {
    for (const m of manifests) expect(lintManifest(m).filter((f) => f.severity === Severity.ERROR)).toEqual([]);
  });
  test('has its alerts, and they parse', () => {
    // the workload's threshold series and the shared alert rules (the default alert representation)
    const rules = manifests.filter((m) => m.kind === 'PrometheusRule').flatMap((m) => m.spec.groups.flatMap((g: any) => g.rules));
    expect(rules.filter((r: any) => r.alert).length).toBeGreaterThanOrEqual(2);
    for (const r of rules) expect(promqlErrors(r.expr)).toEqual([]);
  });
});

describe('preset specifics', () => {
  const synth = (name: string) => {
    const c = chart();
    PRESETS[name](c);
    return Testing.synth(c)[0];
  };
  test('migration: no retry, fail fast on exit code 3, short TTL', () => {
    const s = synth('DatabaseMigrationJob').spec;
    expect(s).toMatchObject({ backoffLimit: 0, ttlSecondsAfterFinished: 21600, activeDeadlineSeconds: 900 });
    expect(s.podFailurePolicy.rules[1]).toEqual({ action: 'FailJob', onExitCodes: { containerName: 'migrate', operator: 'In', values: [3] } });
    expect(s.template.spec.containers[0].env).toEqual([{ name: 'DATABASE_URL', valueFrom: { secretKeyRef: { name: 'shop-db', key: 'url' } } }]);
  });
  test('nightly report: 04:00 in the given zone, Forbid', () => {
    expect(synth('NightlyReportCronJob').spec).toMatchObject({ schedule: '0 4 * * *', timeZone: 'Europe/Berlin', concurrencyPolicy: 'Forbid', startingDeadlineSeconds: 1800 });
  });
  test('sharded: Indexed, 10 at a time, per-shard retries, on spot', () => {
    const s = synth('ShardedSpotJob').spec;
    expect(s).toMatchObject({ completionMode: 'Indexed', completions: 40, parallelism: 10, backoffLimitPerIndex: 2 });
    expect(s.template.spec.tolerations[0].key).toBe('cloud.google.com/gke-spot');
  });
  test('work queue: parallelism without completions', () => {
    const s = synth('WorkQueueJob').spec;
    expect(s.parallelism).toBe(5);
    expect(s.completions).toBeUndefined();
  });
  test('backup: workload identity mounts the token; the target is exported', () => {
    const pod = synth('ObjectStorageBackupJob').spec.template.spec;
    expect(pod).toMatchObject({ serviceAccountName: 'backup-writer', automountServiceAccountToken: true });
    expect(pod.containers[0].env).toContainEqual({ name: 'BACKUP_TARGET', value: 's3://backups/team-a/' });
  });
  test.each([
    [() => new DatabaseMigrationJob(chart(), 'm', { resources } as any), 'platform/m: image is required'],
    [() => new NightlyReportCronJob(chart(), 'r', { image: 'a:1', resources } as any), 'platform/r: timeZone is required'],
    [() => new IndexRefreshCronJob(chart(), 'e', { image: 'a:1', resources }), 'platform/e: secretEnv is required'],
    [() => new ObjectStorageBackupJob(chart(), 'b', { image: 'a:1', resources, target: 's3://x/' }), 'platform/b: secretEnv or serviceAccountName is required'],
    [() => new WorkQueueJob(chart(), 'w', { image: 'a:1', resources, workers: 0 }), 'platform/w: workers must be a whole number from 1 (got 0)'],
    [() => new ShardedSpotJob(chart(), 's', { image: 'a:1', resources, shards: 4 } as any), 'platform/s: spot is required'],
    [() => new DatabaseMigrationJob(chart(), 'm', { image: 'a:1', resources, env: { DB_PASSWORD: 'hunter2' } }), 'looks like a secret but is a literal value'],
  ])('errors are reported at synth: %#', (make, message) => expect(thrown(make).message).toContain(message));
});

describe('Kueue', () => {
  test('queueName labels the Job, or every run of a CronJob', () => {
    const c = chart();
    new DatabaseMigrationJob(c, 'm', { image: 'a:1', resources, queueName: 'team-a' });
    new NightlyReportCronJob(c, 'r', { image: 'a:1', resources, timeZone: 'Etc/UTC', queueName: 'team-a' });
    const out = Testing.synth(c);
    const [job, cron] = [out.find((m) => m.kind === 'Job'), out.find((m) => m.kind === 'CronJob')];
    expect(job.metadata.labels).toEqual({ 'kueue.x-k8s.io/queue-name': 'team-a' });
    expect(cron.spec.jobTemplate.metadata.labels).toEqual({ 'kueue.x-k8s.io/queue-name': 'team-a' });
    expect(thrown(() => useKueueQueue(new kplus.Job(c, 'j', { containers: [{ image: 'a:1' }] }), 'Team A'), c).message).toContain('queueName must be a LocalQueue name');
  });
});

describe('OneOffJob.fromCronJob (kubectl create job --from=cronjob)', () => {
  test('copies the rendered job template, marks it manual, no owner', () => {
    const c = chart();
    const report = new NightlyReportCronJob(c, 'report', { name: 'report', image: 'registry.example.com/reports:2.3.1', resources, timeZone: 'Europe/Berlin' });
    OneOffJob.fromCronJob(c, 'rerun', report, { name: 'report-rerun-2026-11-24' });
    const manifests = Testing.synth(c);
    const cron = manifests.find((m) => m.kind === 'CronJob');
    const job = manifests.find((m) => m.kind === 'Job');
    expect(job.metadata).toEqual({ name: 'report-rerun-2026-11-24', namespace: 'team-a', annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' } });
    // The template as is, plus a TTL: no CronJob history limit cleans up a standalone Job.
    expect(job.spec).toEqual({ ...cron.spec.jobTemplate.spec, ttlSecondsAfterFinished: 86400 });
    expect(cron.spec.jobTemplate.spec.ttlSecondsAfterFinished).toBeUndefined();
    expectProductionReady([job]);
  });
  test('TTL: one day by default, the option, or the template\'s own; the no-ttl rule stays quiet on the output', () => {
    const ttlOf = (cronTtl: Duration | undefined, option: Duration | undefined) => {
      const c = chart();
      const report = new ProductionCronJob(c, 'report', {
        metadata: { name: 'report' },
        schedule: '0 4 * * *',
        activeDeadline: Duration.minutes(30),
        ttlAfterFinished: cronTtl,
        containers: [{ name: 'report', image: 'registry.example.com/report:1.0', resources }],
      });
      const job = OneOffJob.fromCronJob(c, 'rerun', report, { ttlAfterFinished: option });
      const m = Testing.synth(c).find((x) => x.kind === 'Job');
      expect(lintManifest(m).map((f) => f.ruleId)).not.toContain('no-ttl');
      expect(ApiObject.of(job)).toBe(job);
      return m.spec.ttlSecondsAfterFinished;
    };
    expect(ttlOf(undefined, undefined)).toBe(86400);
    expect(ttlOf(undefined, Duration.hours(2))).toBe(7200);
    expect(ttlOf(Duration.hours(3), undefined)).toBe(10800);
    expect(ttlOf(Duration.hours(3), Duration.minutes(5))).toBe(300);
  });
  test('bad options are reported at synth, with the nearest option name', () => {
    const c = chart();
    const report = new NightlyReportCronJob(c, 'report', { name: 'report', image: 'a:1', resources, timeZone: 'Etc/UTC' });
    OneOffJob.fromCronJob(c, 'rerun', report, { ttl: Duration.hours(1), ttlAfterFinished: 60 } as any);
    const message = thrown(() => undefined, c).message;
    expect(message).toContain('platform/rerun: ttl is not a property of OneOffJobOptions, so it would be ignored (got 60 minutes). Fix: did you mean ttlAfterFinished?');
    expect(message).toContain('platform/rerun: ttlAfterFinished must be a Duration, not a number (the unit would be a guess) (got 60). Fix: use Duration.seconds(60) or Duration.minutes(1)');
  });
  test('carries the job template labels (a Kueue queue) like kubectl does', () => {
    const c = chart();
    const report = new NightlyReportCronJob(c, 'report', { name: 'report', image: 'a:1', resources, timeZone: 'Etc/UTC', queueName: 'team-a' });
    OneOffJob.fromCronJob(c, 'rerun', report);
    expect(Testing.synth(c).find((m) => m.kind === 'Job').metadata.labels).toEqual({ 'kueue.x-k8s.io/queue-name': 'team-a' });
  });
  test('works on a plain cdk8s-plus CronJob, default name', () => {
    const c = chart();
    const cj = new kplus.CronJob(c, 'plain', { metadata: { name: 'plain' }, schedule: Cron.daily(), containers: [{ image: 'a:1' }] });
    const job = OneOffJob.fromCronJob(c, 'manual', cj);
    expect(job.name).toBe('plain-manual');
    expect(Testing.synth(c).find((m) => m.kind === 'Job').spec.template.spec.containers[0].image).toBe('a:1');
  });
  test('rejects a non-CronJob', () => {
    const c = chart();
    const cm = new ApiObject(c, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(() => OneOffJob.fromCronJob(c, 'x', cm)).toThrow('must be a CronJob');
  });
});
