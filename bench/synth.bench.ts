/**
 * Synthesizing N CronJobs: cdk8s-batch ProductionCronJob vs plain cdk8s-plus-28 CronJob with an
 * equivalent container, side by side in one run (time per object and heap per synth).
 */
import { App, Chart, Cron, Duration, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { measure, table } from './util';
import { ProductionCronJob, ProductionJob } from '../src';

const N = 200;
const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } };
const container = { name: 'main', image: 'registry.example.com/app:1.0.0', resources };

function synth(make: (chart: Chart, i: number) => void): void {
  const app = new App({ outdir: '/tmp/cdk8s-batch-bench' });
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < N; i++) make(chart, i);
  chart.toJson();
}

const rows = [
  ['cdk8s-plus-28 CronJob', () => synth((c, i) => new kplus.CronJob(c, `cj${i}`, { schedule: Cron.daily(), containers: [container] }))],
  ['cdk8s-batch ProductionCronJob', () => synth((c, i) => new ProductionCronJob(c, `cj${i}`, { schedule: '0 2 * * *', activeDeadline: Duration.minutes(30), containers: [container] }))],
  ['cdk8s-plus-28 Job', () => synth((c, i) => new kplus.Job(c, `j${i}`, { containers: [container] }))],
  ['cdk8s-batch ProductionJob', () => synth((c, i) => new ProductionJob(c, `j${i}`, { activeDeadline: Duration.minutes(30), containers: [container] }))],
] as const;

table(`synth ${N} objects (best of 5)`, ['construct', 'ms per object', 'objects/s', 'heap MB per synth'],
  rows.map(([name, fn]) => {
    const r = measure(fn, { runs: 5, minMs: 300 });
    return [name, r.msPerOp / N, (N * 1000) / r.msPerOp, r.heapMb];
  }));
