/**
 * Lint throughput on 10,000 generated Jobs/CronJobs, side by side in one run: parsing their YAML
 * alone, parsing plus every cdk8s-batch rule (API-server reproduction, Pod Security, best
 * practice, schedule analysis), and a pure JSON-schema validation (kubernetes-models). The goal:
 * parse + lint within 1.5x of parsing alone. Each is run once to warm up, then measured.
 */
import { CronJob } from 'kubernetes-models/batch/v1/CronJob';
import { Job } from 'kubernetes-models/batch/v1/Job';
import * as YAML from 'yaml';
import { table } from './util';
import { lintManifest } from '../src/validation/engine';

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
  ['JSON schema only (kubernetes-models)', N / schema.seconds, schema.seconds, schema.findings],
]);
