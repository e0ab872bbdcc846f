import * as fs from 'fs';
import * as path from 'path';
import { findingKeys, folderWithKnownFile, runCli } from './cli-process';
import { MAX_SUPPORTED_MINOR, MIN_SUPPORTED_MINOR } from '../../src/util/k8s-version';

// Child processes on a shared machine: generous, because bounded time is judged by the child's own time limit.
jest.setTimeout(180_000);

/**
 * Every exit code the README documents, through the real command line (issue #11):
 * lint 0 / 1 / 2, schedule 0 / 1 / 2, bad usage 2, --help and --version 0.
 */
const fixtures = path.join(__dirname, '..', 'validation', 'fixtures');

describe('lint', () => {
  test('0: warnings only', () => expect(runCli(['lint', path.join(fixtures, 'hanging-job.yaml')]).status).toBe(0));
  test('1: an error finding', () => expect(runCli(['lint', path.join(fixtures, 'rejected.yaml')]).status).toBe(1));
  test('2 beats 1: unreadable input next to an error finding, and both are reported', () => {
    const dir = folderWithKnownFile();
    try {
      fs.copyFileSync(path.join(fixtures, 'rejected.yaml'), path.join(dir, 'rejected.yaml'));
      fs.writeFileSync(path.join(dir, 'empty.yaml'), '');
      const r = runCli(['lint', '-f', 'json', dir]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`cdk8s-batch lint: ${path.join(dir, 'empty.yaml')}: is empty: no YAML documents. Fix: remove it, or add the manifests\n`);
      expect(findingKeys(r.stdout)).toEqual(expect.arrayContaining(['api-cronjob-spec CronJob/weekly-report', 'no-active-deadline Job/import-orders']));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  test.each([
    ['an empty folder', (dir: string) => { fs.mkdirSync(path.join(dir, 'empty')); return path.join(dir, 'empty'); }, /empty: folder holds no \.yaml, \.yml or \.json files/],
    ['a missing file', (dir: string) => path.join(dir, 'missing.yaml'), /missing\.yaml: does not exist/],
    ['a non-YAML text file', (dir: string) => { fs.writeFileSync(path.join(dir, 'notes.yaml'), 'key: [unclosed\n'); return path.join(dir, 'notes.yaml'); }, /notes\.yaml:\d+:\d+: invalid YAML/],
  ])('2: %s, named on stderr; text output still has the summary', (_n, make, says) => {
    const dir = folderWithKnownFile();
    try {
      const r = runCli(['lint', make(dir)]);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(says);
      expect(r.stdout).toMatch(/^0 Job\/CronJob object\(s\) checked: 0 error\(s\), 0 warning\(s\), 0 info; 1 input problem\(s\), see above\n$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  test('SARIF: unreadable input is a tool notification with its file', () => {
    const dir = folderWithKnownFile();
    try {
      fs.writeFileSync(path.join(dir, 'empty.yaml'), '');
      const r = runCli(['lint', '-f', 'sarif', dir]);
      expect(r.status).toBe(2);
      const run = JSON.parse(r.stdout).runs[0];
      expect(run.invocations[0].executionSuccessful).toBe(false);
      expect(run.invocations[0].toolExecutionNotifications[0]).toMatchObject({ level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: path.join(dir, 'empty.yaml') } } }] });
      expect(run.results.length).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('schedule', () => {
  test('0: accepted', () => expect(runCli(['schedule', '30 2 * * *', '-n', '1']).status).toBe(0));
  test('1: rejected by Kubernetes', () => expect(runCli(['schedule', '0 0 * * 7']).status).toBe(1));
  test('0: accepted but never fires (30 February): a warning, as the API server accepts it', () => expect(runCli(['schedule', '0 0 30 2 *']).status).toBe(0));
  test('2: an unquoted expression says it must be quoted', () => {
    const r = runCli(['schedule', '30', '2', '*', '*', '*']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('the cron expression must be quoted as one argument, e.g. cdk8s-batch schedule "30 2 * * *" (got 5 arguments: 30 2 * * *');
  });
});

describe('bad usage: exit 2 with the reason', () => {
  test.each([
    [['lint', '-f', 'xml', '.'], /argument 'xml' is invalid\. Allowed choices are text, json, sarif/],
    [['lint', '-t', '1.27', '.'], new RegExp(`argument '1\\.27' is invalid\\. must be a Kubernetes version from 1\\.${MIN_SUPPORTED_MINOR} to 1\\.${MAX_SUPPORTED_MINOR}`)],
    [['lint', '-s', 'fatal', '.'], /argument 'fatal' is invalid/],
    [['lint'], /missing required argument 'paths'/],
    [['lint', '-f'], /option '-f, --format <format>' argument missing/],
    [['schedule', '-n', 'abc', '* * * * *'], /argument 'abc' is invalid\. must be a whole number from 1 to 10000/],
    [['schedule', '--from', 'yesterday', '* * * * *'], /argument 'yesterday' is invalid\. must be an ISO 8601 time/],
    [['schedule'], /missing required argument 'expression'/],
    [['lnit', '.'], /unknown command 'lnit'/],
    [[], /Usage: cdk8s-batch/],
  ])('%j', (args, says) => {
    const r = runCli(args as string[]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(says);
    expect(r.stderr).not.toMatch(/    at /);
  });
});

describe('help and version', () => {
  test('--help lists the exit codes, exit 0', () => {
    const r = runCli(['--help']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Exit codes: 0 success, 1 a problem was found');
  });
  test('--version prints the package version, exit 0', () => {
    const r = runCli(['--version']);
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
  });
  test('lint --help shows the default version as 1.x and the supported range, exit 0', () => {
    const r = runCli(['lint', '--help']);
    expect(r.status).toBe(0);
    const help = r.stdout.replace(/\s+/g, ' ');
    expect(help).toContain(`1.${MIN_SUPPORTED_MINOR} to 1.${MAX_SUPPORTED_MINOR} (default: 1.`);
    expect(help).not.toContain('{"minor"');
    expect(help).toContain('Exit codes: 0 no error finding, 1 an error finding, 2 some input could not be read (or bad usage)');
  });
});
