import { spawnSync } from 'child_process';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { BatchValidation, ProductionCronJob, ProductionJob } from '../../src';
import { editDistance, nearestName } from '../../src/util/nearest-name';

const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } };
const image = 'registry.example.com/app:1.0';

/** The lines the broken app prints, each problem once, in construct order. */
const EXPECTED_REPORT = [
  '',
  'BatchConfigError: 8 problems:',
  '  - shop/report: schedule is not a schedule Kubernetes accepts: end of range (7) above maximum (6): 7 (got "0 4 * * 7"). Fix: use 0-6 for the day of the week (0 = Sunday); Kubernetes does not accept 7',
  '  - shop/migrate: containers[migrate].image is required (got nothing). Fix: pass the image with a pinned tag or digest, e.g. "registry.example.com/report:1.4.2"',
  '  - shop/schema: resources must request cpu: without requests the scheduler packs pods blindly and batch runs get evicted or OOM-killed first (got "memory request 64Mi"). Fix: pass resources: { cpu: { request: Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } }',
  '  - shop/cleanup: timezone is not a property of ProductionCronJobProps, so it would be ignored (got "Europe/Berlin"). Fix: did you mean timeZone?',
  '  - shop/cleanup: backofLimit is not a property of ProductionCronJobProps, so it would be ignored (got 0). Fix: did you mean backoffLimit?',
  '  - shop/cleanup: activeDeadline must be a Duration, not a number (the unit would be a guess) (got 2700). Fix: use Duration.seconds(2700) or Duration.minutes(45) (import { Duration } from \'cdk8s\')',
  '  - shop/cleanup: alerts.severityOverrides.CronJobLastRunFaild is not an alert of cdk8s-batch (got "CronJobLastRunFaild"). Fix: did you mean CronJobLastRunFailed?',
  '  - shop/export: metadata.name must be at most 63 characters (the name becomes the pods\' batch.kubernetes.io/job-name label value, which is limited to 63 characters); it has 67 (got "nightly-export-of-all-orders-to-the-data-warehouse-for-finance-team"). Fix: set a shorter metadata.name (cdk8s adds an 8-character hash to generated names, so keep ids short or set metadata.name explicitly)',
  '',
  '',
];

describe('an app with mistakes in several constructs, run as `cdk8s synth` runs it', () => {
  // A child process: what a user sees in the terminal, not what jest catches.
  const env: NodeJS.ProcessEnv = { ...process.env, CDK8S_OUTDIR: mkdtempSync(path.join(tmpdir(), 'synth-report-')) };
  delete env.JEST_WORKER_ID; // the library leaves uncaught errors to jest when it runs under jest
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'fixtures', 'broken-app.ts')], {
    env, encoding: 'utf-8', cwd: path.join(__dirname, '..', '..'),
  });

  test('exits non-zero and writes nothing to stdout', () => {
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
  });

  test('stderr is exactly the report: every problem once, all in one run, line by line', () => {
    expect(run.stderr.split('\n')).toEqual(EXPECTED_REPORT);
  });

  test('no stack trace, no source excerpt, no dump of the error object', () => {
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.stderr).not.toMatch(/^\s*\^+\s*$/m); // Node's caret under the throwing line
    expect(run.stderr).not.toMatch(/\.(js|ts):\d+/); // a file:line header
    expect(run.stderr).not.toMatch(/details|problems: \[/);
  });
});

describe('programmatic access', () => {
  function brokenChart(): Chart {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    new ProductionJob(chart, 'migrate', { activeDeadline: Duration.minutes(10), containers: [{ name: 'migrate', resources } as kplus.ContainerProps] });
    new ProductionJob(chart, 'export', { metadata: { name: 'x'.repeat(64) }, activeDeadline: Duration.hours(1), containers: [{ image, resources }] });
    return chart;
  }

  test('constructors do not throw; BatchValidation.problems lists what they recorded, without synthesizing', () => {
    const chart = brokenChart();
    expect(BatchValidation.problems(chart).map((p) => `${p.path} ${p.field} ${p.value ?? ''}`)).toEqual([
      'shop/migrate containers[migrate].image nothing',
      `shop/export metadata.name "${'x'.repeat(64)}"`,
    ]);
    expect(BatchValidation.problems(chart)[0].message).toBe('shop/migrate: containers[migrate].image is required (got nothing). Fix: pass the image with a pinned tag or digest, e.g. "registry.example.com/report:1.4.2"');
  });

  test('Testing.synth throws the same single report (a BatchConfigError whose stack is its message)', () => {
    let error: any;
    try {
      Testing.synth(brokenChart());
    } catch (e) {
      error = e;
    }
    expect(error.name).toBe('BatchConfigError');
    expect(error.message).toMatch(/^2 problems:\n {2}- shop\/migrate: containers\[migrate\]\.image is required.*\n {2}- shop\/export: metadata\.name must be at most 63 characters/);
    expect(error.stack).toBe(`BatchConfigError: ${error.message}`);
    expect(error.problems).toHaveLength(2);
    expect(Object.keys(error)).toEqual([]); // nothing for Node to print after the message
  });

  test('a clean app has no problems and synthesizes', () => {
    const chart = new Chart(Testing.app(), 'ok');
    new ProductionJob(chart, 'job', { metadata: { name: 'job' }, activeDeadline: Duration.minutes(5), containers: [{ image, resources }] });
    expect(BatchValidation.problems(chart)).toEqual([]);
    expect(() => Testing.synth(chart)).not.toThrow();
  });

  test('other constructs\' validation errors join the same report instead of a second round', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'mixed');
    new ProductionJob(chart, 'job', { activeDeadline: Duration.minutes(5), containers: [{ image, resources: {} }] });
    const other = new Construct(chart, 'other');
    other.node.addValidation({ validate: () => ['replicas must be positive'] });
    expect(() => app.synthYaml()).toThrow(/^2 problems:\n {2}- mixed\/job: containers\[main\]\.resources must request cpu and memory.*\n {2}- mixed\/other: replicas must be positive$/);
  });

  test('lint errors of plain workloads are in the report too, and rendered-spec checks of things added later', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'c');
    const job = new ProductionJob(chart, 'job', { metadata: { name: 'job' }, activeDeadline: Duration.minutes(5), containers: [{ image, resources }] });
    job.containers[0].env.addVariable('DB_PASSWORD', kplus.EnvValue.fromValue('hunter2'));
    new kplus.Job(chart, 'plain', { metadata: { name: 'plain' }, containers: [{ image: 'a:1' }], restartPolicy: kplus.RestartPolicy.ALWAYS });
    BatchValidation.of(app);
    const message = (() => {
      try {
        app.synthYaml();
      } catch (e) {
        return (e as Error).message;
      }
      return '';
    })();
    expect(message).toContain('c/job: spec.template.spec.containers[main].env.DB_PASSWORD looks like a secret but is a literal value');
    expect(message).toContain('c/plain: spec.template.spec.restartPolicy');
  });
});

describe('warnings are de-duplicated per synth, not per process', () => {
  function warnings(build: () => App): string[] {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((s: any) => {
      writes.push(String(s));
      return true;
    });
    try {
      build().synthYaml();
    } finally {
      spy.mockRestore();
    }
    return writes.join('').split('\n').filter((w) => w.includes('no-ttl'));
  }
  const app = () => {
    const a = Testing.app();
    // Two charts: cdk8s validates the app once more per chart within one synth.
    new kplus.Job(new Chart(a, 'one'), 'job', { metadata: { name: 'job' }, containers: [{ image: 'a:1' }] });
    new Chart(a, 'two');
    BatchValidation.of(a);
    return a;
  };

  test('one synth prints each warning once; a second identical synth prints it again', async () => {
    expect(warnings(app)).toHaveLength(1);
    await Promise.resolve(); // the next synth (another test, or later in this one)
    expect(warnings(app)).toHaveLength(1);
  });
});

describe('typos: the nearest known name', () => {
  test.each([
    ['timezone', ['schedule', 'timeZone'], 'timeZone'],
    ['backofLimit', ['backoffLimit', 'activeDeadline'], 'backoffLimit'],
    ['activeDeadlineSeconds', ['activeDeadline', 'backoffLimit'], 'activeDeadline'],
    ['ttl', ['ttlAfterFinished', 'name'], 'ttlAfterFinished'],
    ['image', ['schedule', 'timeZone'], undefined],
  ])('%s -> %s', (name, known, expected) => expect(nearestName(name, known)).toBe(expected));

  test('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  test('in TypeScript too: a misspelt severityOverrides key or disabledAlerts entry is an error', () => {
    const chart = new Chart(Testing.app(), 'c');
    new ProductionCronJob(chart, 'cj', {
      schedule: '0 4 * * *',
      activeDeadline: Duration.minutes(5),
      containers: [{ image, resources }],
      alerts: { severityOverrides: { JobFaild: 'critical' as any, CronJobRunTooLong: 'urgent' as any }, disabledAlerts: ['CronJobMetricAbsent' as any] },
    });
    expect(BatchValidation.problems(chart).map((p) => p.message)).toEqual([
      'c/cj: alerts.severityOverrides.JobFaild is not an alert of cdk8s-batch (got "JobFaild"). Fix: did you mean JobFailed?',
      'c/cj: alerts.severityOverrides.CronJobRunTooLong must be a severity (got "urgent"). Fix: use AlertSeverity.CRITICAL, WARNING or INFO (critical, warning, info)',
      'c/cj: alerts.disabledAlerts[0] is not an alert of cdk8s-batch (got "CronJobMetricAbsent"). Fix: did you mean CronJobMetricsAbsent?',
    ]);
  });

  test('known props, a Duration where one is expected and alerts off give no problem', () => {
    const chart = new Chart(Testing.app(), 'c');
    new ProductionCronJob(chart, 'cj', {
      schedule: '0 4 * * *',
      timeZone: 'Europe/Berlin',
      backoffLimit: 0,
      activeDeadline: Duration.seconds(2700),
      containers: [{ image, resources }],
      alerts: { enabled: false },
    });
    expect(BatchValidation.problems(chart)).toEqual([]);
  });

  test('a key named like a member of every object (toString, constructor) is not a prop either', () => {
    const chart = new Chart(Testing.app(), 'c');
    new ProductionJob(chart, 'job', { activeDeadline: Duration.minutes(5), containers: [{ image, resources }], toString: 'x', constructor: 1 } as any);
    expect(BatchValidation.problems(chart).map((p) => p.message.replace(/ Fix: .*/, ''))).toEqual([
      'c/job: toString is not a property of ProductionJobProps, so it would be ignored (got "x").',
      'c/job: constructor is not a property of ProductionJobProps, so it would be ignored (got 1).',
    ]);
  });

  test('a wrong kind of value is named, and the construct goes on with its default', () => {
    const chart = new Chart(Testing.app(), 'c');
    new ProductionJob(chart, 'job', { metadata: { name: 'job' }, activeDeadline: Duration.minutes(5), backoffLimit: '2', containers: [{ image, resources, portNumber: '80' }] } as any);
    expect(BatchValidation.problems(chart).map((p) => p.message)).toEqual([
      'c/job: backoffLimit must be a number (got "2"). Fix: pass a number',
      'c/job: containers[main].portNumber must be a number (got "80"). Fix: pass a number',
    ]);
  });
});
