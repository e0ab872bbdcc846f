import { Command, InvalidArgumentError } from 'commander';
import { CronSchedule } from '../schedule/cron-schedule';
import { describeSchedule } from '../schedule/describe';
import { ScheduleError } from '../schedule/errors';
import { wallOf } from '../schedule/go-time';
import { scheduleIntervals } from '../schedule/intervals';
import { checkScheduleRisks } from '../schedule/risks';
import { Zone, loadLocation } from '../schedule/zones';

interface ScheduleOptions {
  timeZone?: string;
  count: number;
  from?: Date;
  json?: boolean;
  startingDeadlineSeconds?: number;
  activeDeadlineSeconds?: number;
  concurrencyPolicy?: string;
}

/**
 * `cdk8s-batch schedule "<expr>"`: next runs in local time and UTC, a description, the
 * shortest/longest gap and warnings. Exit 0 when Kubernetes accepts the schedule, 1 when it
 * rejects it or it can never work (an error finding, e.g. it never fires), 2 for bad usage.
 */
export function registerScheduleCommand(program: Command): void {
  const command = program.command('schedule')
    .description('Show when a CronJob schedule runs, exactly as Kubernetes computes it.\n'
      + 'Exit codes: 0 accepted, 1 rejected by Kubernetes or never fires, 2 bad usage.')
    // Variadic only to catch an unquoted expression (`schedule 30 2 * * *`) and say so.
    .argument('<expression...>', 'spec.schedule in quotes, e.g. "30 2 * * *"')
    .option('-z, --time-zone <zone>', 'spec.timeZone, e.g. Europe/Berlin (default: UTC, the controller\'s zone)')
    .option('-n, --count <n>', 'how many next runs to show', positiveInt, 10)
    .option('--from <iso-time>', 'compute runs after this instant (default: now)', isoDate)
    .option('--starting-deadline-seconds <n>', 'spec.startingDeadlineSeconds, for the checks', nonNegativeInt)
    .option('--active-deadline-seconds <n>', 'jobTemplate activeDeadlineSeconds, for the checks', nonNegativeInt)
    .option('--concurrency-policy <policy>', 'Allow, Forbid or Replace, for the checks')
    .option('--json', 'print JSON')
    .action((words: string[], options: ScheduleOptions) => {
      if (words.length > 1) {
        command.error(`cdk8s-batch schedule: the cron expression must be quoted as one argument, e.g. cdk8s-batch schedule "30 2 * * *" (got ${words.length} arguments: ${words.join(' ')}; an unquoted * also expands to file names)`, { exitCode: 2, code: 'cdk8s-batch.unquotedExpression' });
      }
      const expression = words[0];
      process.exitCode = runSchedule(expression, options, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    });
}

/** The command's work, separated from commander so it can be tested in-process. */
export function runSchedule(expression: string, options: ScheduleOptions, out: (s: string) => void, err: (s: string) => void): number {
  let schedule: CronSchedule;
  try {
    schedule = CronSchedule.parse(expression, { timeZone: options.timeZone });
  } catch (e) {
    if (!(e instanceof ScheduleError)) throw e;
    err(`${e.message}\n`);
    if (e.kubernetesMessage) err(`The API server would answer: spec.${e.field}: Invalid value: ${JSON.stringify(e.value)}: ${e.kubernetesMessage}\n`);
    return 1;
  }
  const from = options.from ?? new Date();
  const runs = schedule.next(from, options.count);
  const intervals = scheduleIntervals(schedule);
  const risks = checkScheduleRisks({
    schedule: expression,
    timeZone: options.timeZone,
    startingDeadlineSeconds: options.startingDeadlineSeconds,
    activeDeadlineSeconds: options.activeDeadlineSeconds,
    concurrencyPolicy: options.concurrencyPolicy,
  });
  const zoneName = options.timeZone ?? 'UTC';
  const loaded = loadLocation(options.timeZone ?? 'UTC');
  const zone = 'zone' in loaded ? loaded.zone : Zone.UTC;
  const description = describeSchedule(schedule);
  // Accepted by the API server but can never work (e.g. 30 February): an error, like `lint`.
  const exitCode = risks.some((r) => r.severity === 'error') ? 1 : 0;
  if (options.json) {
    out(`${JSON.stringify({
      schedule: expression,
      timeZone: options.timeZone ?? null,
      description,
      next: runs.map((r) => ({ utc: r.toISOString(), local: localTime(r, zone) })),
      intervals: {
        shortestSeconds: intervals.shortestSeconds,
        longestSeconds: intervals.longestSeconds,
        window: { from: intervals.from.toISOString(), to: intervals.to.toISOString() },
      },
      findings: risks.map((r) => ({ ruleId: r.code, severity: r.severity, path: r.field, message: r.message, fix: r.fix })),
    }, null, 2)}\n`);
    return exitCode;
  }
  out(`${expression}${options.timeZone ? ` in ${zoneName}` : ''}\n  ${description}\n\n`);
  out(runs.length === 0 ? '  never runs within the next 5 years\n' : `  next ${runs.length} runs after ${from.toISOString()}:\n`);
  for (const r of runs) out(`    ${localTime(r, zone).padEnd(28)} ${r.toISOString().replace('.000Z', 'Z')}\n`);
  if (!intervals.neverFires) {
    out(`\n  gap between runs (${intervals.from.toISOString().slice(0, 10)} to ${intervals.to.toISOString().slice(0, 10)}, DST included): shortest ${duration(intervals.shortestSeconds)}, longest ${duration(intervals.longestSeconds)}\n`);
  }
  if (risks.length > 0) out('\n');
  for (const r of risks) out(`  ${r.severity} ${r.code}: ${r.message}\n    fix: ${r.fix}\n`);
  return exitCode;
}

function localTime(d: Date, zone: Zone): string {
  const t = Math.floor(d.getTime() / 1000);
  const w = wallOf(t, zone);
  const off = zone.offsetAt(t);
  const sign = off < 0 ? '-' : '+';
  const abs = Math.abs(off);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${p(w.month)}-${p(w.day)} ${p(w.hour)}:${p(w.minute)}:${p(w.second)} ${sign}${p(Math.floor(abs / 3600))}:${p(Math.floor((abs % 3600) / 60))}`;
}

function duration(seconds: number): string {
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return [d ? `${d}d` : '', h ? `${h}h` : '', m ? `${m}m` : '', s ? `${s}s` : ''].join('') || '0s';
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 10000) throw new InvalidArgumentError('must be a whole number from 1 to 10000');
  return n;
}

function nonNegativeInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number from 0');
  return n;
}

function isoDate(v: string): Date {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('must be an ISO 8601 time, e.g. 2026-03-28T00:00:00Z');
  return d;
}
