/**
 * Next-run throughput: cdk8s-batch CronSchedule (Kubernetes-exact) vs cron-parser on the same
 * expressions and zones (ones both accept), side by side in one run; plus parse throughput.
 */
import { CronExpressionParser } from 'cron-parser';
import { measure, table } from './util';
import { CronSchedule } from '../src';

const cases: Array<[string, string]> = [
  ['*/5 * * * *', 'Etc/UTC'], ['0 2 * * *', 'Europe/Berlin'], ['30 9 * * 1-5', 'America/New_York'],
  ['0 0 1 * *', 'Asia/Kolkata'], ['15 3 * * 0', 'Australia/Sydney'], ['0 */6 * * *', 'Etc/UTC'],
  ['0 12 13 * *', 'Europe/London'], ['45 23 * jan,jul *', 'America/Sao_Paulo'],
];
const RUNS = 100;
const from = new Date('2026-01-01T00:00:00Z');

const ours = cases.map(([e, tz]) => CronSchedule.parse(e, { timeZone: tz }));
const rows: Array<Array<string | number>> = [];
const oursNext = measure(() => { for (const s of ours) s.next(from, RUNS); });
const theirsNext = measure(() => {
  for (const [e, tz] of cases) {
    const it = CronExpressionParser.parse(e, { currentDate: from, tz });
    for (let i = 0; i < RUNS; i++) it.next();
  }
});
const runsPerOp = cases.length * RUNS;
rows.push(['next runs/s', runsPerOp * oursNext.opsPerSec, runsPerOp * theirsNext.opsPerSec]);
const oursParse = measure(() => { for (const [e, tz] of cases) CronSchedule.parse(e, { timeZone: tz }); });
const theirsParse = measure(() => { for (const [e, tz] of cases) CronExpressionParser.parse(e, { currentDate: from, tz }); });
rows.push(['parses/s', cases.length * oursParse.opsPerSec, cases.length * theirsParse.opsPerSec]);
table(`${cases.length} expressions x ${RUNS} next runs (best of 5)`, ['metric', 'cdk8s-batch (Kubernetes-exact)', 'cron-parser 5'], rows);
