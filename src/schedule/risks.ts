import { CronSchedule } from './cron-schedule';
import { dayPattern, DEFAULT_INTERVAL_FROM, defaultScheduleIntervals, firesEveryMonth, scheduleIntervals, ScheduleIntervals, shortestGapLowerBound } from './intervals';
import { dayRule } from './next';
import { instantsByMinute, offsetChangesAt } from './zone-calendar';
import { Zone } from './zones';
import { BoundedCache } from '../util/bounded-cache';

/** A schedule risk found by `checkScheduleRisks`; the validation rules report these. */
export interface ScheduleRisk {
  /** Rule id, e.g. `schedule-dst-gap`. */
  readonly code: string;
  /** `error` (can never work), `warning` (known-dangerous) or `info`. */
  readonly severity: string;
  /** Manifest field the finding is about. */
  readonly field: string;
  readonly message: string;
  readonly fix: string;
}

/** The CronJob settings the schedule checks look at. */
export interface ScheduleRiskInput {
  /** `spec.schedule` (must already be accepted by the API server). */
  readonly schedule: string;
  /** `spec.timeZone`. @default - the controller's zone (UTC) */
  readonly timeZone?: string;
  /** `spec.startingDeadlineSeconds`. @default - none */
  readonly startingDeadlineSeconds?: number;
  /** The job template's `activeDeadlineSeconds`. @default - none */
  readonly activeDeadlineSeconds?: number;
  /** `spec.concurrencyPolicy`. @default "Allow" (the Kubernetes default) */
  readonly concurrencyPolicy?: string;
  /** Start of the analysed year. @default 2026-01-01T00:00:00Z */
  readonly from?: Date;
  /**
   * Also return the `info` finding (`missed-run-horizon`). Without it, the year-long interval
   * analysis runs only when a warning needs its exact numbers (a deadline near the gap between
   * runs, a schedule that may never fire), which is what a synth printing warnings asks.
   * @default true
   */
  readonly includeInfo?: boolean;
}

/** Schedules that run more often than this per day are not warned about DST (a skipped or doubled run among many is harmless). */
const DST_WARN_MAX_RUNS_PER_DAY = 6;

/**
 * Checks a CronJob's schedule against its deadlines and its time zone: schedules that never fire,
 * runs that DST skips or doubles, starting deadlines the controller cannot meet, active deadlines
 * longer than the gap between runs, and how long a controller outage can last before runs are lost.
 *
 * @jsii ignore
 */
export function checkScheduleRisks(input: ScheduleRiskInput): ScheduleRisk[] {
  const risks: ScheduleRisk[] = [];
  const from = input.from ?? DEFAULT_INTERVAL_FROM;
  const analysis = analyse(input.schedule, input.timeZone, from);
  if (!analysis) return risks; // rejected schedules are reported by the API-server rules
  const { schedule } = analysis;
  const policy = input.concurrencyPolicy ?? 'Allow';
  const sds = input.startingDeadlineSeconds;
  const ads = input.activeDeadlineSeconds;

  if (analysis.neverFires()) {
    risks.push({
      code: 'schedule-never-fires',
      severity: 'warning',
      field: 'spec.schedule',
      message: `schedule "${input.schedule}" never fires: no date matches it (the API server accepts it, and the controller reports InvalidSchedule)`,
      fix: 'check the day-of-month/month combination (e.g. February has no day 30); for a manual-only CronJob (run with kubectl create job --from) set suspend: true instead, or suppress this rule with that reason',
    });
    return risks;
  }

  if (sds !== undefined && sds < 10) {
    risks.push(sds === 0 ? {
      code: 'starting-deadline-too-short',
      severity: 'warning',
      field: 'spec.startingDeadlineSeconds',
      message: 'startingDeadlineSeconds 0 means the controller never starts a run: a run is only started when it is less than startingDeadlineSeconds late, and the controller is always a little late',
      fix: 'remove startingDeadlineSeconds or set it to at least 10 (e.g. 300)',
    } : {
      code: 'starting-deadline-too-short',
      severity: 'warning',
      field: 'spec.startingDeadlineSeconds',
      message: `startingDeadlineSeconds ${sds} is below 10: the CronJob controller syncs about every 10 seconds, so runs are often skipped as too late`,
      fix: 'set startingDeadlineSeconds to at least 10 (e.g. 300)',
    });
  }

  // Most deadlines are far below any gap between runs: a bound shows it without the analysis.
  const intervals = ads !== undefined && ads > analysis.shortestAtLeast() ? analysis.intervals() : undefined;
  if (ads !== undefined && intervals && intervals.runs >= 2 && ads > intervals.shortestSeconds) {
    const gap = human(intervals.shortestSeconds);
    if (policy === 'Forbid') {
      risks.push({
        code: 'deadline-exceeds-interval-forbid',
        severity: 'warning',
        field: 'spec.jobTemplate.spec.activeDeadlineSeconds',
        message: `activeDeadlineSeconds ${ads} (${human(ads)}) is longer than the shortest gap between runs (${gap}): with concurrencyPolicy Forbid a run that takes that long makes the next run be skipped`,
        fix: `keep activeDeadlineSeconds below ${intervals.shortestSeconds} or run less often`,
      });
    } else if (policy === 'Replace') {
      risks.push({
        code: 'deadline-exceeds-interval-replace',
        severity: 'warning',
        field: 'spec.jobTemplate.spec.activeDeadlineSeconds',
        message: `activeDeadlineSeconds ${ads} (${human(ads)}) is longer than the shortest gap between runs (${gap}): with concurrencyPolicy Replace a long run is killed when the next one starts`,
        fix: `keep activeDeadlineSeconds below ${intervals.shortestSeconds} or run less often`,
      });
    } else {
      risks.push({
        code: 'deadline-exceeds-interval-allow',
        severity: 'warning',
        field: 'spec.jobTemplate.spec.activeDeadlineSeconds',
        message: `activeDeadlineSeconds ${ads} (${human(ads)}) is longer than the shortest gap between runs (${gap}): with concurrencyPolicy ${policy} runs will overlap`,
        fix: `use concurrencyPolicy Forbid, or keep activeDeadlineSeconds below ${intervals.shortestSeconds}`,
      });
    }
  }

  risks.push(...analysis.dst);

  const every = schedule._schedule;
  if (every.kind === 'every' && every.seconds < 60) {
    risks.push({
      code: 'schedule-too-frequent',
      severity: 'warning',
      field: 'spec.schedule',
      message: `"${input.schedule}" fires every ${every.seconds} s: the CronJob controller syncs about every 10 s and creates a Job per run, so runs are late, skipped or pile up`,
      fix: 'run at most once a minute, or use a long-running worker (Deployment) instead of a CronJob',
    });
  }

  if (sds === 0 || input.includeInfo === false) return risks;
  const { shortestSeconds, longestSeconds } = analysis.intervals();
  risks.push({
    code: 'missed-run-horizon',
    severity: 'info',
    field: 'spec.startingDeadlineSeconds',
    message: sds !== undefined
      ? `if the CronJob controller is down for more than ${human(sds)} (startingDeadlineSeconds) around a run, that run is skipped; after a longer outage only the most recent missed run can start, and only if it is less than ${human(sds)} late`
      : `without startingDeadlineSeconds, after a controller outage the most recent missed run starts whenever the controller comes back, however late (runs are ${shortestSeconds === longestSeconds ? human(shortestSeconds) : `${human(shortestSeconds)} to ${human(longestSeconds)}`} apart); earlier missed runs are not made up`,
    fix: sds !== undefined ? 'raise startingDeadlineSeconds if late runs are still useful' : 'set startingDeadlineSeconds to how late a run may still start (e.g. 300)',
  });
  return risks;
}

/**
 * The DST findings of `checkScheduleRisks` alone (`schedule-dst-gap`, `schedule-dst-ambiguous`,
 * over the default year), without the interval analysis the other findings need.
 *
 * @jsii ignore
 */
export function scheduleDstRisks(schedule: string, timeZone?: string): ScheduleRisk[] {
  const analysis = analyse(schedule, timeZone, DEFAULT_INTERVAL_FROM);
  return !analysis || analysis.neverFires() ? [] : [...analysis.dst];
}

/**
 * What the checks know of one schedule in one zone over the year from `from`. The DST risks are
 * found at once (they visit only the days with an offset change); the gaps between runs, which
 * walk the year, only when a check needs their exact values.
 */
class ScheduleAnalysis {
  private exact?: ScheduleIntervals;
  private bound?: number;

  constructor(public readonly schedule: CronSchedule, private readonly from: Date, public readonly dst: ScheduleRisk[]) {}

  /** The exact gaps between runs (the year-long walk, done once). */
  public intervals(): ScheduleIntervals {
    this.exact ??= this.from === DEFAULT_INTERVAL_FROM
      ? defaultScheduleIntervals(this.schedule)
      : scheduleIntervals(this.schedule, { from: this.from });
    return this.exact;
  }

  /** No date matches the schedule (a schedule firing every month is known to fire without the walk). */
  public neverFires(): boolean {
    return !firesEveryMonth(this.schedule) && this.intervals().neverFires;
  }

  /** A number of seconds no gap between runs is shorter than (0 when nothing cheap is known). */
  public shortestAtLeast(): number {
    this.bound ??= this.exact ? this.exact.shortestSeconds : shortestGapLowerBound(this.schedule, this.from);
    return this.bound;
  }
}

/** The year-long analysis depends on the schedule and zone only: fleets repeat them, deadlines vary. */
const analyses = new BoundedCache<string, ScheduleAnalysis | undefined>(10_000);
function analyse(expression: string, timeZone: string | undefined, from: Date): ScheduleAnalysis | undefined {
  return analyses.get(`${expression}\u0000${timeZone ?? ''}\u0000${from.getTime()}`, () => {
    try {
      const schedule = CronSchedule.parse(expression, { timeZone });
      return new ScheduleAnalysis(schedule, from, dstRisks(schedule, from));
    } catch {
      return undefined;
    }
  });
}

/** Local run times that fall into a DST gap (skipped) or overlap (run twice) on transition days in the year. */
function dstRisks(schedule: CronSchedule, from: Date): ScheduleRisk[] {
  const g = schedule._schedule;
  if (g.kind !== 'spec' || !g.zone || g.zone === Zone.UTC) return [];
  const zone = g.zone;
  const { minutes } = dayPattern(g);
  if (minutes.length === 0 || minutes.length > DST_WARN_MAX_RUNS_PER_DAY) return [];
  const skipped: string[] = [];
  const doubled: string[] = [];
  const changes = offsetChangesAt(zone, Math.floor(from.getTime() / 1000));
  // Only days with an offset change can skip or double a run.
  for (let c = 0; c < changes.indexes.length; c++) {
    if (changes.indexes[c] >= 366) break;
    const day = changes.days[c];
    if (!g.month[day.month] || !dayRule(g, g.dom[day.dom] === 1, g.dow[day.weekday] === 1)) continue;
    const instants = instantsByMinute(zone, day);
    for (const m of minutes) {
      if (instants[m] === 1) continue;
      const label = `${day.year}-${pad(day.month)}-${pad(day.dom)} ${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
      (instants[m] === 0 ? skipped : doubled).push(label);
    }
  }
  const risks: ScheduleRisk[] = [];
  const zoneName = schedule.timeZone ?? 'UTC';
  if (skipped.length > 0) {
    risks.push({
      code: 'schedule-dst-gap',
      severity: 'warning',
      field: 'spec.schedule',
      message: `local time ${list(skipped)} does not exist in ${zoneName} (clocks jump forward): Kubernetes skips that run, it does not move it`,
      fix: 'schedule outside the DST change hours (e.g. not between 01:00 and 03:59), or use timeZone "Etc/UTC"',
    });
  }
  if (doubled.length > 0) {
    risks.push({
      code: 'schedule-dst-ambiguous',
      severity: 'warning',
      field: 'spec.schedule',
      message: `local time ${list(doubled)} happens twice in ${zoneName} (clocks go back): Kubernetes runs the job twice that night`,
      fix: 'schedule outside the DST change hours (e.g. not between 01:00 and 03:59), make the job idempotent, or use timeZone "Etc/UTC"',
    });
  }
  return risks;
}


function list(items: string[]): string {
  return items.length <= 3 ? items.join(', ') : `${items.slice(0, 3).join(', ')} and ${items.length - 3} more`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function human(seconds: number): string {
  if (seconds === 0) return '0s';
  if (seconds % 86400 === 0) return `${seconds / 86400}d`;
  if (seconds % 3600 === 0) return `${seconds / 3600}h`;
  if (seconds % 60 === 0) return `${seconds / 60}m`;
  return `${seconds}s`;
}
