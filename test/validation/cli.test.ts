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
  test('findings point at the line and column of the field itself, in every document', () => {
    const at = (name: string, fieldPath: string) => findings.filter((f: any) => f.name === name && f.path === fieldPath).map((f: any) => `${f.line}:${f.column}`);
    expect(at('bad-policy', 'spec.activeDeadlineSeconds')).toEqual(['23:3']);
    expect(at('bad-policy', 'spec.podFailurePolicy.rules[0].onExitCodes.values[0]')).toEqual(['27:46']);
    expect(at('weekly-report', 'spec.jobTemplate.spec.template.spec.restartPolicy')).toEqual(['13:11']);
    expect(at('sync-inventory', 'spec.jobTemplate.spec.template.spec.containers[0].image')).toEqual(['20:15']);
    // A missing field points at the nearest field that is there: its parent.
    expect(at('import-orders', 'spec.ttlSecondsAfterFinished')).toEqual(['6:1']);
  });
  test('snapshot of every finding', () => {
    expect(findings.map((f: any) => `${rel(f.file)}:${f.line}:${f.column} ${f.severity} ${f.ruleId} ${f.path}: ${f.message}`)).toMatchSnapshot();
  });
});

describe('formats and options', () => {
  test('text: one line per finding with the fix, and a summary', () => {
    const r = lint([path.join(fixtures, 'hanging-job.yaml')], 'text');
    expect(r.out).toContain('hanging-job.yaml:6:1: warning no-active-deadline Job/import-orders spec.activeDeadlineSeconds: no activeDeadlineSeconds');
    expect(r.out).toContain('hanging-job.yaml:11:11: warning missing-resource-requests Job/import-orders spec.template.spec.containers[0].resources.requests');
    expect(r.out).toContain('    fix: set activeDeadlineSeconds');
    expect(r.out).toMatch(/1 Job\/CronJob object\(s\) checked: 0 error\(s\), \d+ warning\(s\), \d+ info\n$/);
    expect(r.code).toBe(0);
  });
  test('SARIF 2.1.0', () => {
    const sarif = JSON.parse(lint([path.join(fixtures, 'rejected.yaml')], 'sarif').out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].tool.driver.name).toBe('cdk8s-batch');
    expect(sarif.runs[0].results[0]).toMatchObject({
      ruleId: 'api-job-spec', level: 'error', locations: [{ physicalLocation: { region: { startLine: 13, startColumn: 11 } } }],
    });
    const schedule = sarif.runs[0].results.find((x: any) => x.ruleId === 'api-cronjob-spec');
    expect(schedule.locations[0].physicalLocation.region).toEqual({ startLine: 7, startColumn: 3 });
    // The field path is printed once, not `spec.schedule: spec.schedule: Invalid value`.
    expect(schedule.message.text).toMatch(/^CronJob\/weekly-report spec\.schedule: Invalid value: /);
    expect(sarif.runs[0].invocations[0]).toEqual({ executionSuccessful: true, toolExecutionNotifications: [] });
  });
  test('text prints the field path once', () => {
    const r = lint([path.join(fixtures, 'rejected.yaml')], 'text');
    expect(r.out).toContain('rejected.yaml:7:3: error api-cronjob-spec CronJob/weekly-report spec.schedule: Invalid value: "TZ=Europe/Berlin 0 6 * * 7"');
    expect(r.out).not.toContain('spec.schedule: spec.schedule:');
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
    expect(cli(['lint', '--target-version', '9.9', fixtures]).status).toBe(2);
  });
  test('a reader that closes the pipe early (`| head`, here `| true`) ends the command quietly, with its exit code', () => {
    const main = path.join(__dirname, '..', '..', 'src', 'cli', 'main.ts');
    const piped = (args: string) => spawnSync('bash', ['-o', 'pipefail', '-c', `"${process.execPath}" -r ts-node/register/transpile-only "${main}" ${args} | true`],
      { encoding: 'utf8', env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', 'tsconfig.json') } });
    const help = piped('--help');
    expect([help.status, help.stderr]).toEqual([0, '']);
    const rejected = piped(`lint "${path.join(fixtures, 'rejected.yaml')}"`);
    expect([rejected.status, rejected.stderr]).toEqual([1, '']);
  });
});
