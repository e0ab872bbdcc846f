import { spawnSync } from 'child_process';
import * as path from 'path';
import { KubernetesVersion, Severity } from '../../src';
import { runLint } from '../../src/cli/lint-command';

const fixtures = path.join(__dirname, 'fixtures');
const broken = path.join(__dirname, 'broken');
const rel = (f: string) => path.relative(__dirname, f);

function lint(paths: string[], format: 'text' | 'json' | 'sarif' = 'json', minSeverity = Severity.INFO) {
  let out = '';
  let err = '';
  const code = runLint(paths, { format, targetVersion: KubernetesVersion.DEFAULT, minSeverity }, (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

describe('cdk8s-batch lint on realistic manifests', () => {
  const r = lint([fixtures]);
  const findings = JSON.parse(r.out).findings;
  const byFile = (file: string) => findings.filter((f: any) => f.file.endsWith(file)).map((f: any) => `${f.severity} ${f.ruleId} ${f.kind}/${f.name} ${f.path}`);

  test('exit 1 because some manifests would be rejected', () => expect(r.code).toBe(1));
  test('the JSON shape', () => {
    expect(Object.keys(findings[0])).toEqual(expect.arrayContaining(['file', 'kind', 'name', 'ruleId', 'severity', 'path', 'message']));
  });
  test('the seed pitfalls are found, file by file', () => {
    expect(byFile('hanging-job.yaml')).toEqual(expect.arrayContaining([
      'warning no-active-deadline Job/import-orders spec.activeDeadlineSeconds',
      'warning backoff-limit-default Job/import-orders spec.backoffLimit',
      'warning no-ttl Job/import-orders spec.ttlSecondsAfterFinished',
      'warning missing-resource-requests Job/import-orders spec.template.spec.containers[0].resources.requests',
    ]));
    expect(byFile('overlapping-cronjob.yaml')).toEqual(expect.arrayContaining([
      'warning concurrency-allow CronJob/sync-inventory spec.concurrencyPolicy',
      'warning no-starting-deadline CronJob/sync-inventory spec.startingDeadlineSeconds',
      'warning no-time-zone CronJob/sync-inventory spec.timeZone',
      'warning history-limit-zero CronJob/sync-inventory spec.failedJobsHistoryLimit',
      'warning image-latest-or-untagged CronJob/sync-inventory spec.jobTemplate.spec.template.spec.containers[0].image',
      'warning deadline-exceeds-interval-allow CronJob/sync-inventory spec.jobTemplate.spec.activeDeadlineSeconds',
    ]));
    expect(byFile('spot-and-sidecar.yaml')).toEqual(expect.arrayContaining([
      'warning spot-without-pod-failure-policy Job/train-model spec.podFailurePolicy',
      'warning sidecar-as-container Job/train-model spec.template.spec.containers[1]',
      'warning plaintext-secret-env Job/train-model spec.template.spec.containers[0].env[0]',
    ]));
    expect(byFile('rejected.yaml').filter((f: string) => f.startsWith('error'))).toEqual(expect.arrayContaining([
      'error api-cronjob-spec CronJob/weekly-report spec.schedule',
      'error api-job-spec CronJob/weekly-report spec.jobTemplate.spec.template.spec.restartPolicy',
      'error api-pod-failure-policy Job/bad-policy spec.template.spec.restartPolicy',
      'error api-pod-failure-policy Job/bad-policy spec.podFailurePolicy.rules[0].onExitCodes.values[0]',
    ]));
    expect(byFile('clean.yaml')).toEqual(['info missed-run-horizon CronJob/nightly-report spec.startingDeadlineSeconds']);
    expect(byFile('native-sidecar.yaml')).toEqual([]);
  });
  test('the second document of a file reports its own line', () => {
    expect(findings.find((f: any) => f.name === 'bad-policy').line).toBe(18);
  });
  test('snapshot of every finding', () => {
    expect(findings.map((f: any) => `${rel(f.file)}:${f.line} ${f.severity} ${f.ruleId} ${f.path}: ${f.message}`)).toMatchSnapshot();
  });
});

describe('formats and options', () => {
  test('text: one line per finding with the fix, and a summary', () => {
    const r = lint([path.join(fixtures, 'hanging-job.yaml')], 'text');
    expect(r.out).toContain('hanging-job.yaml:2: warning no-active-deadline Job/import-orders spec.activeDeadlineSeconds: no activeDeadlineSeconds');
    expect(r.out).toContain('    fix: set activeDeadlineSeconds');
    expect(r.out).toMatch(/1 Job\/CronJob object\(s\) checked: 0 error\(s\), \d+ warning\(s\), \d+ info\n$/);
    expect(r.code).toBe(0);
  });
  test('SARIF 2.1.0', () => {
    const sarif = JSON.parse(lint([path.join(fixtures, 'rejected.yaml')], 'sarif').out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.name).toBe('cdk8s-batch');
    expect(sarif.runs[0].results[0]).toMatchObject({ level: 'error', locations: [{ physicalLocation: { region: { startLine: 2 } } }] });
  });
  test('--min-severity error', () => {
    const r = lint([path.join(fixtures, 'hanging-job.yaml')], 'json', Severity.ERROR);
    expect(JSON.parse(r.out).findings).toEqual([]);
  });
  test('--target-version gates newer fields', () => {
    let out = '';
    runLint([path.join(fixtures, 'native-sidecar.yaml')], { format: 'json', targetVersion: KubernetesVersion.V1_28, minSeverity: Severity.WARNING }, (s) => { out += s; }, () => undefined);
    expect(JSON.parse(out).findings.map((f: any) => f.ruleId)).toContain('field-dropped-at-target');
  });
});

describe('bad input: exit 2 with file and line, never a crash', () => {
  test('malformed YAML', () => {
    const r = lint([path.join(broken, 'malformed.yaml')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/malformed\.yaml:\d+:\d+: invalid YAML: /);
  });
  test('documents that are not objects are skipped', () => {
    const r = lint([path.join(broken, 'not-objects.yaml')]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).findings).toEqual([]);
  });
  test('a missing path', () => {
    const r = lint(['/no/such/file.yaml']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('cdk8s-batch lint: /no/such/file.yaml: ');
  });
  test('the real command line: exit codes 1, 2 and 0', () => {
    const cli = (args: string[]) => spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts'), ...args],
      { encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') } });
    expect(cli(['lint', path.join(fixtures, 'rejected.yaml')]).status).toBe(1);
    expect(cli(['lint', path.join(broken, 'malformed.yaml')]).status).toBe(2);
    const ok = cli(['lint', '--format', 'json', path.join(fixtures, 'clean.yaml')]);
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout).findings).toHaveLength(1);
    expect(cli(['lint', '--target-version', '9.9', fixtures]).status).not.toBe(0);
  });
});
