import { ApiObject, App, Chart, Cron, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import fc from 'fast-check';
import { BatchValidation, IndexedShardJob, KubernetesVersion, lintManifest, ProductionCronJob, ProductionJob, Severity, SpotProvider, SpotTolerantJob } from '../../src';

const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } };

function synthError(app: App): Error | undefined {
  try {
    app.synth();
    return undefined;
  } catch (e) {
    return e as Error;
  }
}

describe('BatchValidation.of(app)', () => {
  test('checks plain cdk8s-plus and raw ApiObject workloads: errors fail synth with path, field, value and fix, no stack trace', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'legacy', { namespace: 'ops' });
    new kplus.CronJob(chart, 'cleanup', { metadata: { name: 'cleanup' }, schedule: Cron.daily(), containers: [{ image: 'a:1' }] });
    new ApiObject(chart, 'raw', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'raw' },
      spec: { schedule: '0 0 * * 7', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'a:1' }] } } } } },
    });
    BatchValidation.of(app);
    const e = synthError(app)!;
    expect(e.name).toBe('BatchConfigError');
    expect(e.message).toContain('legacy/raw: spec.schedule [api-cronjob-spec] Invalid value: "0 0 * * 7": end of range (7) above maximum (6): 7. Fix: use 0-6 for the day of the week');
    expect(e.stack).not.toMatch(/\n\s+at /);
  });

  test('warnings are printed with rule id, construct path and fix, once each', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'legacy2');
    new kplus.Job(chart, 'job', { metadata: { name: 'job' }, containers: [{ image: 'a:1' }] });
    BatchValidation.of(app);
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => { writes.push(String(s)); return true; });
    try {
      expect(synthError(app)).toBeUndefined();
      app.synth();
    } finally {
      spy.mockRestore();
    }
    // Written whole lines at a time (one write per lint), each warning once over both passes.
    expect(writes.every((w) => w.endsWith('\n'))).toBe(true);
    const ttl = writes.join('').split('\n').filter((w) => w.includes('no-ttl'));
    expect(ttl).toEqual(['[cdk8s-batch] warning no-ttl legacy2/job: spec.ttlSecondsAfterFinished: no ttlSecondsAfterFinished: finished Jobs and their pods pile up. Fix: set ttlSecondsAfterFinished (e.g. 86400: a day to look at a failure) (suppress with BatchValidation.suppress and a reason)']);
  });

  test('suppressions need a known rule id and a reason, and are recorded in the manifest', () => {
    const chart = new Chart(Testing.app(), 'c');
    const job = new kplus.Job(chart, 'job', { metadata: { name: 'job' }, containers: [{ image: 'a:1' }] });
    BatchValidation.suppress(job, [{ id: 'no-ttl', reason: 'Argo CD prunes finished Jobs' }]);
    const m = Testing.synth(chart)[0];
    expect(m.metadata.annotations['cdk8s-batch.io/suppressions']).toBe('[{"id":"no-ttl","reason":"Argo CD prunes finished Jobs"}]');
    expect(lintManifest(m).map((f) => f.ruleId)).not.toContain('no-ttl');
    expect(() => BatchValidation.suppress(job, [{ id: 'no-such-rule', reason: 'a good long reason' }])).toThrow('c/job: suppress.id is not a cdk8s-batch rule id (got "no-such-rule")');
    expect(() => BatchValidation.suppress(job, [{ id: 'no-ttl', reason: 'ok' }])).toThrow('must say why the rule does not apply');
  });
});

describe('the library\'s constructs are validated automatically and produce no error findings', () => {
  test('a literal schedule error cannot even be constructed, and the output lints clean of errors', () => {
    const chart = new Chart(Testing.app(), 'c', { namespace: 'ns' });
    new ProductionCronJob(chart, 'cj', { schedule: '0 4 * * *', activeDeadline: Duration.minutes(5), containers: [{ image: 'a:1', resources }] });
    for (const m of Testing.synth(chart)) expect(lintManifest(m).filter((f) => f.severity === Severity.ERROR)).toEqual([]);
  });

  test('property: for every target version, what our constructs synthesize has no error findings, or they refuse clearly (fast-check)', () => {
    const schedule = fc.constantFrom('0 4 * * *', '*/15 * * * *', '@daily', '@every 2h', '0 9 * * 1-5', '30 1 * * *', '0 0 1 * *');
    const zone = fc.constantFrom('Etc/UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Tokyo');
    const minutes = fc.integer({ min: 1, max: 600 });
    const backoff = fc.integer({ min: 0, max: 5 });
    const kind = fc.constantFrom('job', 'cron', 'shard', 'spot');
    const shardCount = fc.integer({ min: 1, max: 50 });
    const target = fc.constantFrom(...KubernetesVersion.all);
    let synthesized = 0;
    const props = fc.tuple(kind, schedule, zone, minutes, backoff, shardCount, fc.boolean(), target);
    fc.assert(fc.property(props, ([k, s, tz, mins, bl, shards, sidecar, version]) => {
      let manifests: any[];
      try {
        const chart = new Chart(Testing.app(), 'p', { namespace: 'ns' });
        const containers = [{ image: 'registry.example.com/a:1', resources }];
        const base = { activeDeadline: Duration.minutes(mins), backoffLimit: bl, containers, targetVersion: version };
        const w = k === 'job' ? new ProductionJob(chart, 'w', base)
          : k === 'cron' ? new ProductionCronJob(chart, 'w', { ...base, schedule: s, timeZone: tz })
            : k === 'shard' ? new IndexedShardJob(chart, 'w', { ...base, shards, backoffLimitPerIndex: bl })
              : new SpotTolerantJob(chart, 'w', { ...base, spot: SpotProvider.GKE });
        if (sidecar) w.addSidecar({ name: 'proxy', image: 'proxy:1.0', resources });
        manifests = Testing.synth(chart);
      } catch (e) {
        // A refusal must be the library's own clear error: path, field, fix, no stack.
        expect((e as Error).name).toBe('BatchConfigError');
        expect((e as Error).message).toMatch(/Fix: /);
        return;
      }
      synthesized++;
      for (const m of manifests) {
        const errors = lintManifest(m, { targetVersion: version }).filter((f) => f.severity === Severity.ERROR);
        if (errors.length > 0) throw new Error(`${version.name}: ${JSON.stringify(errors)}`);
      }
    }), { numRuns: 150, seed: 42 });
    expect(synthesized).toBeGreaterThan(100);
  });
});

describe('property: the engine never throws on random specs (fast-check)', () => {
  const anything = fc.anything({ maxDepth: 3 });
  test('random shapes where objects are expected', () => {
    fc.assert(fc.property(fc.constantFrom('Job', 'CronJob'), anything, anything, anything, (kind, spec, pod, meta) => {
      const m: any = { apiVersion: 'batch/v1', kind, metadata: meta, spec };
      lintManifest(m);
      lintManifest({ apiVersion: 'batch/v1', kind, metadata: { name: 'x' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { spec: pod } } }, template: { spec: pod } } });
    }), { numRuns: 400, seed: 1 });
  });
  test('random but plausible Job/CronJob specs', () => {
    const int = fc.oneof(fc.integer({ min: -5, max: 100000 }), fc.double(), fc.string(), fc.constant(undefined));
    fc.assert(fc.property(int, int, int, int, fc.constantFrom('Never', 'OnFailure', 'Always', undefined), fc.string(), fc.string(), (a, b, c, d, rp, image, schedule) => {
      const spec = { activeDeadlineSeconds: a, backoffLimit: b, completions: c, parallelism: d, completionMode: 'Indexed', podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [a, b] } }] }, template: { spec: { restartPolicy: rp, containers: [{ name: image, image, resources: { requests: { cpu: image }, limits: { cpu: '1' } } }] } } };
      const findings = [...lintManifest({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: image }, spec }), ...lintManifest({ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'x' }, spec: { schedule, jobTemplate: { spec } } })];
      return findings.every((f) => typeof f.message === 'string' && typeof f.ruleId === 'string');
    }), { numRuns: 300, seed: 2 });
  });
});
