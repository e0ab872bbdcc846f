import { parseForController } from './cron-schedule';
import { goNext } from './next';
import { GoSchedule } from './parser';
import { ConfigErrorDetails, throwIfProblems } from '../util/errors';

/** How many schedule times the controller counted as missed. */
export enum MissedSchedules {
  NONE = 'none',
  /** 1 to 100. */
  FEW = 'few',
  /** More than 100: only a `TooManyMissedTimes` warning event; the Job still starts. */
  MANY = 'many',
}

/** What one sync of the CronJob controller does. */
export enum ControllerAction {
  START_JOB = 'start-job',
  NO_UNMET_START_TIME = 'no-unmet-start-time',
  MISSED_STARTING_WINDOW = 'missed-starting-window',
  ALREADY_PROCESSED = 'already-processed',
  /** `time difference between two schedules is less than 1 second`: InvalidSchedule event, no requeue. */
  INVALID_SCHEDULE = 'invalid-schedule',
  UNPARSEABLE_SCHEDULE = 'unparseable-schedule',
  INVALID_TIMEZONE = 'invalid-timezone',
  /** The controller's missed-run loop meets a robfig fixed point (Pacific/Chatham fall-back) and never ends. */
  CONTROLLER_HANGS = 'controller-hangs',
}

/** Inputs: the CronJob spec/status that matter and the controller's clock. */
export interface CronJobControllerInput {
  /** `spec.schedule`. */
  readonly schedule: string;
  /** `spec.timeZone`. @default - the controller's zone (UTC) */
  readonly timeZone?: string;
  /** `metadata.creationTimestamp`. */
  readonly creationTimestamp: Date;
  /** `status.lastScheduleTime`. @default - never scheduled */
  readonly lastScheduleTime?: Date;
  /** The controller's clock when it syncs. */
  readonly now: Date;
  /** `spec.startingDeadlineSeconds`. @default - no deadline */
  readonly startingDeadlineSeconds?: number;
}

/** One evaluation of the controller's `mostRecentScheduleTime`. */
export interface ScheduleLookBack {
  /** lastScheduleTime (or creation), moved up to `now - startingDeadlineSeconds` when that is later and the deadline applies. */
  readonly earliestTime: Date;
  /** `Next(earliestTime)`; undefined when the schedule has no next run (Go's zero time). */
  readonly t1?: Date;
  /** `Next(t1)`; undefined when there is none. */
  readonly t2?: Date;
  /** The latest schedule time in (earliestTime, now]. */
  readonly mostRecentScheduleTime?: Date;
  readonly missedSchedules: MissedSchedules;
  /** The controller's approximation `(now - t1) / (t2 - t1) + 1`, when it computes it. */
  readonly numberOfMissedSchedules?: number;
  readonly timeBetweenTwoSchedulesSeconds?: number;
  readonly error?: string;
  readonly wouldHang: boolean;
}

/** What the controller decides. */
export interface ControllerDecision {
  readonly action: ControllerAction;
  /** The run the controller would create a Job for (`nextScheduleTime()`), if any. */
  readonly scheduledTime?: Date;
  readonly wouldStartJob: boolean;
  /** The latest unmet schedule time inside the look-back window (startingDeadlineSeconds applied). */
  readonly mostRecentScheduleTime?: Date;
  readonly missedSchedules: MissedSchedules;
  readonly numberOfMissedSchedules?: number;
  /** A `TooManyMissedTimes` warning event is emitted (the Job still starts). */
  readonly tooManyMissedWarning: boolean;
  /** `scheduledTime + startingDeadlineSeconds < now`. */
  readonly tooLate: boolean;
  readonly alreadyProcessed: boolean;
  /** status.lastScheduleTime after a start. */
  readonly newLastScheduleTime?: Date;
  /** The schedule time the controller wakes up for next (its requeue target, without the 100 ms delta). */
  readonly nextScheduleTime?: Date;
  /** When the controller requeues the CronJob (next schedule time + 100 ms). */
  readonly requeueAt?: Date;
  readonly requeueAfterSeconds?: number;
  /** Go's rendering of the requeue duration, e.g. `23h30m0.1s`. */
  readonly requeueAfter?: string;
  /** `Next(now)`, for reference. */
  readonly nextRunAfterNow?: Date;
  readonly scheduleError?: string;
  readonly parseError?: string;
  readonly controllerWouldHang: boolean;
  readonly withDeadline?: ScheduleLookBack;
  readonly withoutDeadline?: ScheduleLookBack;
}

const NEXT_SCHEDULE_DELTA_MS = 100;
/** Go's largest time.Duration (2^63 - 1 ns), in ms. */
const MAX_DURATION_MS = 9_223_372_036_854.775807;

/**
 * What the Kubernetes CronJob controller (v1.29+) does for a CronJob after an outage or on a
 * regular sync: which run it starts, how it counts missed runs, when it wakes up next.
 */
export class CronJobController {
  /** Simulates one sync of the controller. */
  public static simulate(input: CronJobControllerInput): ControllerDecision {
    checkControllerInput(input);
    const now = ms(input.now);
    const parsed = parseForController(input.schedule, input.timeZone);
    if (!parsed.schedule) {
      const action = parsed.error!.startsWith('UnknownTimeZone') ? ControllerAction.INVALID_TIMEZONE : ControllerAction.UNPARSEABLE_SCHEDULE;
      return blank(action, { parseError: parsed.error });
    }
    const schedule = parsed.schedule;
    const nextAfterNow = nextMs(schedule, now);
    const nextRunAfterNow = nextAfterNow === GO_ZERO_TIME_MS ? undefined : nextAfterNow;
    const status = { lastScheduleTime: input.lastScheduleTime ? ms(input.lastScheduleTime) : undefined };
    const withDeadline = lookBack(schedule, input, status.lastScheduleTime, now, true);
    // The look-back without the deadline, as the controller sees the CronJob before this sync.
    const withoutDeadline = lookBack(schedule, input, status.lastScheduleTime, now, false);
    const base = {
      missedSchedules: withDeadline.missedSchedules,
      numberOfMissedSchedules: withDeadline.numberOfMissedSchedules,
      nextRunAfterNow: date(nextRunAfterNow),
      withDeadline: publicLookBack(withDeadline),
      withoutDeadline: publicLookBack(withoutDeadline),
    };
    if (withDeadline.wouldHang) {
      return { ...blank(ControllerAction.CONTROLLER_HANGS, base), controllerWouldHang: true };
    }
    const mostRecent = withDeadline.mostRecent;
    if (withDeadline.error) {
      return { ...blank(ControllerAction.INVALID_SCHEDULE, base), scheduleError: withDeadline.error, mostRecentScheduleTime: date(mostRecent) };
    }
    const scheduled = mostRecent === undefined || mostRecent > now ? undefined : mostRecent;
    const tooManyMissedWarning = scheduled !== undefined && withDeadline.missedSchedules === MissedSchedules.MANY;

    let action: ControllerAction;
    let tooLate = false;
    let alreadyProcessed = false;
    let lastAfter = status.lastScheduleTime;
    if (scheduled === undefined) {
      action = ControllerAction.NO_UNMET_START_TIME;
    } else {
      tooLate = input.startingDeadlineSeconds !== undefined && scheduled + goSecondsMs(input.startingDeadlineSeconds, 1) < now;
      alreadyProcessed = status.lastScheduleTime === scheduled;
      if (tooLate) {
        action = ControllerAction.MISSED_STARTING_WINDOW;
      } else if (alreadyProcessed) {
        action = ControllerAction.ALREADY_PROCESSED;
      } else {
        action = ControllerAction.START_JOB;
        lastAfter = scheduled;
      }
    }

    // The requeue is computed on the CronJob as updated by this sync.
    const requeue = requeueAfter(schedule, input, lastAfter, now);
    const common = {
      ...base,
      action,
      scheduledTime: date(scheduled),
      wouldStartJob: action === ControllerAction.START_JOB,
      mostRecentScheduleTime: date(mostRecent),
      tooManyMissedWarning,
      tooLate,
      alreadyProcessed,
      newLastScheduleTime: action === ControllerAction.START_JOB ? date(scheduled) : undefined,
    };
    // The requeue's look-back (without the deadline, on the CronJob as this sync leaves it) is the
    // only other one the sync runs: the one from the old lastScheduleTime is shown, not run.
    if (requeue.lookBack.wouldHang) {
      return { ...blank(ControllerAction.CONTROLLER_HANGS, base), controllerWouldHang: true };
    }
    return {
      ...common,
      controllerWouldHang: false,
      requeueAfterSeconds: requeue.afterMs / 1000,
      requeueAfter: goDurationString(requeue.afterMs),
      requeueAt: new Date(now + requeue.afterMs),
      nextScheduleTime: new Date(now + requeue.afterMs - NEXT_SCHEDULE_DELTA_MS),
    };
  }
}

/**
 * `simulateCronJobController(...)`: what the v1.29+ CronJob controller does on a sync.
 *
 * @jsii ignore
 */
export function simulateCronJobController(input: CronJobControllerInput): ControllerDecision {
  return CronJobController.simulate(input);
}

/** Inputs the API server would never store (and that would make the look-back loop forever). */
function checkControllerInput(input: CronJobControllerInput): void {
  const problems: ConfigErrorDetails[] = [];
  const sds = input.startingDeadlineSeconds;
  if (sds !== undefined && !(Number.isInteger(sds) && sds >= 0)) {
    problems.push({ path: 'CronJobController.simulate', field: 'startingDeadlineSeconds', value: sds, problem: 'must be a whole number of seconds, 0 or more (the API server rejects anything else)', fix: 'pass the CronJob\'s spec.startingDeadlineSeconds, or leave it out' });
  }
  for (const field of ['now', 'creationTimestamp', 'lastScheduleTime'] as const) {
    const v = input[field] as unknown;
    if (v !== undefined && !(v instanceof Date && Number.isFinite(v.getTime()))) {
      problems.push({ path: 'CronJobController.simulate', field, value: v, problem: 'must be a valid Date', fix: 'pass a Date, e.g. new Date("2026-03-29T00:00:00Z")' });
    }
  }
  throwIfProblems(problems);
}

interface LookBack {
  earliest: number;
  t1?: number;
  t2?: number;
  mostRecent?: number;
  missedSchedules: MissedSchedules;
  numberOfMissedSchedules?: number;
  interval?: number;
  error?: string;
  wouldHang: boolean;
}

/** The controller's `mostRecentScheduleTime` (times in ms). */
function lookBack(
  schedule: GoSchedule, input: CronJobControllerInput, lastScheduleTime: number | undefined, now: number, includeDeadline: boolean,
): LookBack {
  let earliest = lastScheduleTime ?? ms(input.creationTimestamp);
  if (includeDeadline && input.startingDeadlineSeconds !== undefined) {
    const deadline = now + goSecondsMs(input.startingDeadlineSeconds, -1);
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = nextMs(schedule, earliest);
  const t2 = nextMs(schedule, t1);
  const result: LookBack = { earliest, t1, t2, missedSchedules: MissedSchedules.NONE, wouldHang: false };
  if (now < t1) return result;
  if (now < t2) return { ...result, mostRecent: t1 };

  const interval = Math.round((t2 - t1) / 1000);
  if (interval < 1) return { ...result, interval, error: 'time difference between two schedules is less than 1 second' };
  // time.Time.Sub saturates at the largest Duration (about 292 years): older CronJobs count fewer misses.
  const elapsed = Math.trunc(Math.min(now - t1, MAX_DURATION_MS) / 1000);
  const n = Math.floor(elapsed / interval) + 1;
  const potentialEarliest = t1 + (n - 2) * interval * 1000;
  let mostRecent: number | undefined;
  let wouldHang = false;
  // robfig's Next can step back across a DST change (Pacific/Chatham's 45-minute offsets cycle
  // through ten runs): from the first step that does not go forward, every time is remembered, and
  // one seen again means the controller's loop never ends.
  let seen: Set<number> | undefined;
  for (let t = nextMs(schedule, potentialEarliest); t <= now;) {
    if (seen?.has(t)) {
      wouldHang = true;
      break;
    }
    mostRecent = t;
    const next = nextMs(schedule, t);
    if (next <= t) seen ??= new Set();
    seen?.add(t);
    t = next;
  }
  return {
    ...result,
    interval,
    numberOfMissedSchedules: n,
    missedSchedules: n > 100 ? MissedSchedules.MANY : n > 0 ? MissedSchedules.FEW : MissedSchedules.NONE,
    mostRecent,
    wouldHang,
  };
}

/** The controller's `nextScheduleTimeDuration`: ms until the next sync. */
function requeueAfter(
  schedule: GoSchedule, input: CronJobControllerInput, lastScheduleTime: number | undefined, now: number,
): { afterMs: number; lookBack: LookBack } {
  const lb = lookBack(schedule, input, lastScheduleTime, now, false);
  let mostRecent = lb.mostRecent;
  // On an error or when runs were missed but none found, aim for the next slot from now.
  if (lb.error !== undefined) mostRecent = now;
  else if (mostRecent === undefined) mostRecent = lb.missedSchedules === MissedSchedules.NONE ? lb.earliest : now;
  const next = nextMs(schedule, mostRecent);
  // Go's zero time: the duration saturates to the most negative value; nothing sensible to wait for.
  const afterMs = next === GO_ZERO_TIME_MS ? -Infinity : next + NEXT_SCHEDULE_DELTA_MS - now;
  return { afterMs, lookBack: lb };
}

function publicLookBack(lb: LookBack): ScheduleLookBack {
  return {
    earliestTime: new Date(lb.earliest),
    t1: date(lb.t1 === GO_ZERO_TIME_MS ? undefined : lb.t1),
    t2: date(lb.t2 === GO_ZERO_TIME_MS ? undefined : lb.t2),
    mostRecentScheduleTime: date(lb.mostRecent),
    missedSchedules: lb.missedSchedules,
    numberOfMissedSchedules: lb.numberOfMissedSchedules,
    timeBetweenTwoSchedulesSeconds: lb.interval,
    error: lb.error,
    wouldHang: lb.wouldHang,
  };
}

function blank(action: ControllerAction, extra: Partial<ControllerDecision>): ControllerDecision {
  return {
    action,
    wouldStartJob: false,
    missedSchedules: MissedSchedules.NONE,
    tooManyMissedWarning: false,
    tooLate: false,
    alreadyProcessed: false,
    controllerWouldHang: false,
    ...extra,
  };
}

/** Go's zero time (0001-01-01T00:00:00Z), which robfig's Next returns when nothing matches. */
const GO_ZERO_TIME_MS = -62135596800000;

/** robfig Next in ms, with "no match" as Go's zero time: the controller does arithmetic on it. */
function nextMs(schedule: GoSchedule, t: number): number {
  const n = goNext(schedule, t / 1000);
  return n === undefined ? GO_ZERO_TIME_MS : n * 1000;
}

/**
 * `time.Second * time.Duration(seconds)`, times `sign`, in ms. Go's int64 product of nanoseconds
 * wraps around from 9,223,372,037 seconds on (the API server accepts any int64), and the
 * controller uses the wrapped duration.
 */
function goSecondsMs(seconds: number, sign: 1 | -1): number {
  if (seconds < 9_223_372_036) return sign * seconds * 1000;
  return Number(BigInt.asIntN(64, BigInt(sign) * 1_000_000_000n * BigInt(seconds))) / 1e6;
}

function ms(d: Date): number {
  return d.getTime();
}

function date(t: number | undefined): Date | undefined {
  return t === undefined ? undefined : new Date(t);
}

/** Go's time.Duration.String for a millisecond-precision duration: "23h30m0.1s", "100ms". */
export function goDurationString(durationMs: number): string {
  if (!Number.isFinite(durationMs)) return '-2562047h47m16.854775808s';
  if (durationMs === 0) return '0s';
  const sign = durationMs < 0 ? '-' : '';
  let rest = Math.abs(Math.round(durationMs));
  if (rest < 1000) return `${sign}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = `${Math.floor(rest / 1000)}${rest % 1000 ? `.${String(rest % 1000).padStart(3, '0').replace(/0+$/, '')}` : ''}s`;
  if (h > 0) return `${sign}${h}h${m}m${s}`;
  if (m > 0) return `${sign}${m}m${s}`;
  return `${sign}${s}`;
}
