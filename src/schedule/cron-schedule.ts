import { ScheduleError } from './errors';
import { goNext } from './next';
import { GoSchedule, parseStandard, ParseResult } from './parser';
import { loadLocation, timeZoneErrors } from './zones';
import { BoundedCache } from '../util/bounded-cache';

/** Options for `CronSchedule.parse`. */
export interface CronScheduleOptions {
  /**
   * IANA time zone, as in CronJob `spec.timeZone`.
   * @default - the controller's local zone, which this library takes as UTC
   */
  readonly timeZone?: string;
}

const PARSED = new BoundedCache<string, CronSchedule>(10_000);

/**
 * A CronJob schedule with exactly the meaning Kubernetes gives it: accepted by the same rules as
 * the API server, and fired at the instants the CronJob controller computes (robfig/cron v3.0.1
 * semantics, including DST gaps skipped, DST overlaps fired twice and the day-of-month /
 * day-of-week OR rule).
 *
 * ```ts
 * const s = CronSchedule.parse('30 2 * * *', { timeZone: 'America/New_York' });
 * s.next(new Date('2025-03-08T00:00:00Z'), 3); // Mar 8 02:30 EST, Mar 10 02:30 EDT (Mar 9 02:30 does not exist)
 * ```
 */
export class CronSchedule {
  /**
   * Parses `spec.schedule` (+ `spec.timeZone`) as the API server validates them on create.
   * @throws ScheduleError for anything the API server would reject
   */
  public static parse(expression: string, options: CronScheduleOptions = {}): CronSchedule {
    // Immutable once parsed: a fleet's constructs, checks and alerts share one parse per schedule and zone.
    return PARSED.get(`${expression}\u0000${options.timeZone ?? '\u0001'}`, () => CronSchedule.parseUncached(expression, options));
  }

  private static parseUncached(expression: string, options: CronScheduleOptions): CronSchedule {
    const problems = apiServerScheduleErrors(expression, options.timeZone);
    if (problems.length > 0) throw problems[0];
    const parsed = parseForController(expression, options.timeZone);
    if (!parsed.schedule) {
      // Unreachable after validation; kept so that a bug cannot produce a schedule that never runs silently.
      throw new ScheduleError({ field: 'schedule', value: expression, problem: 'cannot be parsed by the CronJob controller', fix: 'use a standard 5-field schedule', kubernetesMessage: parsed.error });
    }
    return new CronSchedule(expression, options.timeZone, parsed.schedule);
  }

  /** The schedule as written. */
  public readonly expression: string;

  /** The time zone, if one was given. */
  public readonly timeZone?: string;

  /** @internal */
  public readonly _schedule: GoSchedule;

  private constructor(expression: string, timeZone: string | undefined, schedule: GoSchedule) {
    this.expression = expression;
    this.timeZone = timeZone;
    this._schedule = schedule;
  }

  /** True for `@every <duration>` schedules (elapsed time, not wall clock). */
  public get isEvery(): boolean {
    return this._schedule.kind === 'every';
  }

  /**
   * The controller's `Next(t)` verbatim: the first fire time after `t`, or undefined if there is
   * none within five years (e.g. `0 0 30 2 *`). In the Pacific/Chatham fall-back anomaly it can
   * return `t` itself or an earlier instant, as Kubernetes does.
   */
  public nextAfter(t: Date): Date | undefined {
    const next = goNext(this._schedule, t.getTime() / 1000);
    return next === undefined ? undefined : new Date(next * 1000);
  }

  /**
   * The next `count` fire times after `after`, chained as the controller chains them
   * (`Next(after)`, `Next(that)`, ...). Fewer when the schedule stops firing within the window.
   */
  public next(after: Date, count: number): Date[] {
    const out: Date[] = [];
    let t = after.getTime() / 1000;
    for (let i = 0; i < count; i++) {
      const n = goNext(this._schedule, t);
      if (n === undefined) break;
      out.push(new Date(n * 1000));
      t = n;
    }
    return out;
  }
}

/**
 * Every error the API server returns for this `spec.schedule` / `spec.timeZone` pair on create
 * (an empty list means it is accepted).
 *
 * @jsii ignore
 */
export function apiServerScheduleErrors(schedule: string, timeZone?: string): ScheduleError[] {
  // Pure and called by several rules per CronJob; fleets repeat the same few schedules.
  return [...scheduleErrorCache.get(`${schedule}\u0000${timeZone ?? '\u0001'}`, () => computeScheduleErrors(schedule, timeZone))];
}

const scheduleErrorCache = new BoundedCache<string, ScheduleError[]>(10_000);

/** `parseStandard` of a bare schedule, shared by the API server's check and the controller's parse. */
const standardParses = new BoundedCache<string, ParseResult>(10_000);
function standardParse(schedule: string): ParseResult {
  return standardParses.get(schedule, parseStandard);
}

function computeScheduleErrors(schedule: string, timeZone?: string): ScheduleError[] {
  const errors: ScheduleError[] = [];
  if (schedule.length === 0) {
    errors.push(new ScheduleError({ field: 'schedule', value: schedule, problem: 'is required', fix: 'set a schedule such as "0 2 * * *" (02:00 every day)', kubernetesMessage: 'Required value' }));
  } else {
    const parsed = standardParse(schedule);
    if (!parsed.ok) {
      errors.push(new ScheduleError({ field: 'schedule', value: schedule, problem: `is not a schedule Kubernetes accepts: ${parsed.error}`, fix: fixFor(schedule, parsed.error), kubernetesMessage: parsed.error }));
    }
    if (schedule.includes('TZ')) {
      errors.push(new ScheduleError({ field: 'schedule', value: schedule, problem: 'must not contain TZ or CRON_TZ (the API server rejects it)', fix: 'remove the TZ=... prefix and set the timeZone field instead', kubernetesMessage: 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead' }));
    }
  }
  if (timeZone !== undefined) {
    for (const detail of timeZoneErrors(timeZone)) {
      errors.push(new ScheduleError({ field: 'timeZone', value: timeZone, problem: `is not a time zone Kubernetes accepts: ${detail}`, fix: 'use an IANA zone name with exact case, e.g. "Etc/UTC", "Europe/Berlin", "America/New_York"', kubernetesMessage: detail }));
    }
  }
  return errors;
}

/**
 * What the CronJob controller's sync does with a stored schedule (the `timeZone` check, then
 * `formatSchedule` + `ParseStandard`): a `timeZone` it cannot load is an error; a schedule
 * containing `TZ` is parsed as is; else with `timeZone` set it parses `TZ=<timeZone> <schedule>`;
 * else the bare schedule in the controller's zone (UTC).
 *
 * @jsii ignore
 */
export function parseForController(schedule: string, timeZone?: string): { spec?: string; schedule?: GoSchedule; error?: string } {
  let spec = schedule;
  // syncCronJob loads spec.timeZone before it formats the schedule: a zone it cannot load stops the
  // sync even when the schedule carries its own TZ= (which formatSchedule would keep instead).
  const loaded = timeZone === undefined ? undefined : loadLocation(timeZone);
  if (loaded && 'error' in loaded) return { error: `UnknownTimeZone: ${loaded.error}` };
  if (!schedule.includes('TZ') && loaded) {
    spec = `TZ=${timeZone} ${schedule}`;
    // The API server's parse of the bare schedule is the controller's with the zone put in: a
    // schedule that parses bare parses the same after "TZ=<zone> " (the prefix's trimming only
    // changes schedules the bare parse rejects, which are parsed in full below).
    const bare = standardParse(schedule);
    if (bare.ok) return { spec, schedule: bare.schedule.kind === 'spec' ? { ...bare.schedule, zone: loaded.zone } : bare.schedule };
  }
  const parsed = parseStandard(spec);
  return parsed.ok ? { spec, schedule: parsed.schedule } : { spec, error: `UnparseableSchedule: ${parsed.error}` };
}

function fixFor(schedule: string, error: string): string {
  if (/above maximum \(6\): .*7/.test(error)) return 'use 0-6 for the day of the week (0 = Sunday); Kubernetes does not accept 7';
  if (/expected exactly 5 fields, found 6/.test(error)) return 'use 5 fields (minute hour day-of-month month day-of-week); Kubernetes has no seconds field';
  if (/unrecognized descriptor/.test(error)) return 'use @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly or "@every <duration>" (lower case, no spaces around)';
  if (/failed to parse duration/.test(error)) return 'write the @every duration in Go syntax with units ns, us, ms, s, m, h (e.g. "@every 1h30m"; there is no "d")';
  if (/[LW#]/.test(schedule) && /failed to parse int/.test(error)) return 'L, W, # and H are not supported; list the days explicitly';
  if (/panic/.test(error)) return 'remove the TZ=... prefix and set the timeZone field instead';
  return 'write 5 fields (minute hour day-of-month month day-of-week) with numbers, ranges a-b, steps /n, lists a,b, * and 3-letter month/day names';
}
