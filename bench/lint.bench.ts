/**
 * Lint throughput on 10,000 generated Jobs/CronJobs, side by side in one run: parsing their YAML
 * alone, parsing plus every cdk8s-batch rule (API-server reproduction, Pod Security, best
 * practice, schedule analysis), the whole `cdk8s-batch lint` command on the same file (its reader
 * with source positions, every rule, the fleet rules, JSON output) next to its reader alone, and a
 * pure JSON-schema validation (kubernetes-models). The goal: lint within 1.5x of parsing alone.
 * Each is run once to warm up, then measured.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import * as YAML from 'yaml';
import { table } from './util';
import { runLint } from '../src/cli/lint-command';
import { readManifestInputs } from '../src/cli/read-manifests';
import { KubernetesVersion } from '../src/util/k8s-version';
import { lintManifest } from '../src/validation/engine';
import { Severity } from '../src/validation/types';

const N = 10_000;
const schedules = ['0 4 * * *', '*/15 * * * *', '0 9 * * 1-5', '30 2 * * *', '@hourly', '0 0 1 * *', '15 */6 * * *', '0 12 * * 0'];
const zones = ['Etc/UTC', 'Europe/Berlin', 'America/New_York', undefined];

function manifest(i: number): any {
  const pod = {
    restartPolicy: i % 7 === 0 ? 'OnFailure' : 'Never',
    containers: [{ name: 'main', image: i % 5 === 0 ? 'app:latest' : `registry.example.com/app:1.${i % 50}.0`, resources: i % 3 === 0 ? undefined : { requests: { cpu: '100m', memory: '128Mi' }, limits: { memory: '128Mi' } } }],
  };
  const job = { activeDeadlineSeconds: i % 4 === 0 ? undefined : 600 + i, backoffLimit: i % 6, template: { spec: pod } };
  return i % 2 === 0
    ? { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: `job-${i}` }, spec: { ...job, ttlSecondsAfterFinished: 86400 } }
    : { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: `cron-${i}` }, spec: { schedule: schedules[i % schedules.length], timeZone: zones[i % zones.length], concurrencyPolicy: i % 3 === 0 ? 'Allow' : 'Forbid', jobTemplate: { spec: job } } };
}

const set = Array.from({ length: N }, (_v, i) => manifest(i));

function time(fn: () => number): { seconds: number; findings: number } {
  const start = process.hrtime.bigint();
  const findings = fn();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, findings };
}

const text = set.map((m) => YAML.stringify(m)).join('---\n');
const parseOnly = () => YAML.parseAllDocuments(text).map((d) => d.toJS());
const parseAndLint = () => parseOnly().reduce((n, m) => n + lintManifest(m).length, 0);
parseOnly();
parseAndLint();
const parse = time(() => parseOnly().length && 0);
const parsedLint = time(parseAndLint);
const lint = time(() => set.reduce((n, m) => n + lintManifest(m).length, 0));

// The command as users run it, on a file.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-batch-lint-bench-'));
const file = path.join(dir, 'fleet.yaml');
fs.writeFileSync(file, text);
const readOnly = () => readManifestInputs([file]).objects.length && 0;
const command = () => {
  runLint([file], { format: 'json', targetVersion: KubernetesVersion.DEFAULT, minSeverity: Severity.INFO }, () => undefined, () => undefined);
  return 0;
};
readOnly();
command();
const read = time(readOnly);
const cli = time(command);
fs.rmSync(dir, { recursive: true, force: true });
const schema = time(() => set.reduce((n, m) => {
  try {
    (m.kind === 'Job' ? new Job(m) : new CronJob(m)).validate();
    return n;
  } catch {
    return n + 1;
  }
}, 0));
table(`${N.toLocaleString('en-US')} generated Jobs/CronJobs (one pass each)`, ['check', 'manifests/s', 'seconds', 'findings'], [
  ['YAML parse only', N / parse.seconds, parse.seconds, '-'],
  [`YAML parse + cdk8s-batch lint (${(parsedLint.seconds / parse.seconds).toFixed(2)}x parse)`, N / parsedLint.seconds, parsedLint.seconds, parsedLint.findings],
  ['cdk8s-batch lint (all rules, parsed objects)', N / lint.seconds, lint.seconds, lint.findings],
  ['lint command: its reader alone (YAML with positions)', N / read.seconds, read.seconds, '-'],
  [`lint command: the whole run, fleet rules included (${(cli.seconds / read.seconds).toFixed(2)}x its reader)`, N / cli.seconds, cli.seconds, '-'],
  ['JSON schema only (kubernetes-models)', N / schema.seconds, schema.seconds, schema.findings],
]);
