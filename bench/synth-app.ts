/**
 * One whole `cdk8s synth`-like process, run by synth.bench.ts as a child: builds an app of N
 * workloads of one configuration, calls `app.synth()` (YAML into a temp dir, as `cdk8s synth`
 * does), then prints its own resource usage as one JSON line on stdout.
 *
 *   node synth-app.js <cronjob|job> <plain|off|on|per-workload> <N>
 *
 * on = the default alerts (shared rules); per-workload = alerts with AlertRepresentation.PER_WORKLOAD.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import type * as batch from '../src';

const [kind, variant, count] = process.argv.slice(2);
const n = Number(count);
if (!['cronjob', 'job'].includes(kind) || !['plain', 'off', 'on', 'per-workload'].includes(variant) || !(n > 0)) {
  process.stderr.write('usage: synth-app <cronjob|job> <plain|off|on|per-workload> <N>\n');
  process.exit(2);
}

const ZONES = ['Etc/UTC', 'Europe/Berlin', 'America/New_York'];
const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } };
const container = { name: 'main', image: 'registry.example.com/app:1.0.0', resources };
const activeDeadline = Duration.minutes(30);

// Plain cdk8s-plus-28 runs without loading this library at all (its start-up is part of its cost).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { AlertRepresentation, ProductionCronJob, ProductionJob }: typeof batch = variant === 'plain' ? ({} as typeof batch) : require('../src');
const alerts: batch.AlertOptions | undefined = variant === 'off' ? { enabled: false }
  : variant === 'per-workload' ? { representation: AlertRepresentation.PER_WORKLOAD } : undefined;
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-batch-bench-'));
const app = new App({ outdir });
const chart = new Chart(app, 'bench', { namespace: 'batch' });
for (let i = 0; i < n; i++) {
  // Schedules spread over the day (minute and hour vary), three time zones.
  const minute = i % 60;
  const hour = Math.floor(i / 60) % 24;
  const timeZone = ZONES[i % ZONES.length];
  if (kind === 'cronjob') {
    if (variant === 'plain') {
      new kplus.CronJob(chart, `cj${i}`, { schedule: Cron.schedule({ minute: `${minute}`, hour: `${hour}` }), timeZone, activeDeadline, containers: [container] });
    } else {
      new ProductionCronJob(chart, `cj${i}`, { schedule: `${minute} ${hour} * * *`, timeZone, activeDeadline, containers: [container], alerts });
    }
  } else if (variant === 'plain') {
    new kplus.Job(chart, `j${i}`, { activeDeadline, containers: [container] });
  } else {
    new ProductionJob(chart, `j${i}`, { activeDeadline, containers: [container], alerts });
  }
}
app.synth();
const bytes = fs.readdirSync(outdir).reduce((sum, f) => sum + fs.statSync(path.join(outdir, f)).size, 0);
fs.rmSync(outdir, { recursive: true, force: true });

const usage = process.resourceUsage();
process.stdout.write(`${JSON.stringify({ cpuSeconds: (usage.userCPUTime + usage.systemCPUTime) / 1e6, maxRssMiB: usage.maxRSS / 1024, outputBytes: bytes })}\n`);
