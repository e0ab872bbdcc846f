import { CronSchedule } from './cron-schedule';
import { civilFromDays, goDate } from './go-time';
import { dayRule, goNext } from './next';
import { SpecSchedule } from './parser';
import { instantsByMinute, offsetChangesAt, zoneCalendar } from './zone-calendar';
import { daysFromCivil, localDayOf, Zone } from './zones';
import { BoundedCache } from '../util/bounded-cache';

export { instantsOfWallTime, zoneDay } from './zone-calendar';
export type { ZoneDay } from './zone-calendar';

/** Options for interval analysis. */
export interface IntervalOptions {
  /**
   * Start of the analysed window. A fixed date rather than "now" keeps synthesized alert
   * thresholds reproducible (snapshot tests, GitOps diffs).
   * @default 2026-01-01T00:00:00Z
   */
  readonly from?: Date;
  /**
   * Length of the window in days. Schedules that run fewer than twice in it (e.g. Feb 29) are
   * followed for up to 8 years.
   * @default 365
   */
  readonly horizonDays?: number;
}

/** Gaps between consecutive runs of a schedule over a window, DST included. */
export interface ScheduleIntervals {
  /** Shortest gap between two consecutive runs, in seconds (0 when fewer than 2 runs). */
  readonly shortestSeconds: number;
  /** Longest gap between two consecutive runs, in seconds (0 when fewer than 2 runs). */
  readonly longestSeconds: number;
  /** Number of runs in the window. */
  readonly runs: number;
  /** The schedule never fires (e.g. `0 0 30 2 *`). */
  readonly neverFires: boolean;
  /** Start of the window analysed. */
  readonly from: Date;
  /** End of the window analysed (extended for rare schedules). */
  readonly to: Date;
}

export const DEFAULT_INTERVAL_FROM = new Date('2026-01-01T00:00:00Z');
const MAX_DAYS = 8 * 366;

/**
 * Shortest and longest gap between runs of `schedule`, exact under the controller's semantics:
 * ordinary days use the schedule's within-day pattern, days with a UTC-offset change are walked
 * run by run with robfig's Next (skipped and repeated local times included).
 *
 * @jsii ignore
 */
export function scheduleIntervals(schedule: CronSchedule, options: IntervalOptions = {}): ScheduleIntervals {
  const from = options.from ?? DEFAULT_INTERVAL_FROM;
  const horizonDays = options.horizonDays ?? 365;
  const g = schedule._schedule;
  const fromSec = Math.floor(from.getTime() / 1000);
  if (g.kind === 'every') {
    const runs = Math.floor((horizonDays * 86400) / g.seconds);
    const to = new Date((fromSec + horizonDays * 86400) * 1000);
    return { shortestSeconds: g.seconds, longestSeconds: g.seconds, runs, neverFires: false, from, to };
  }
  return specIntervals(g, fromSec, horizonDays);
}

const INTERVALS = new BoundedCache<string, ScheduleIntervals>(10_000);

/**
 * `scheduleIntervals` over the default window, memoized per schedule and zone (the alerts and the
 * checks of a fleet ask for the same schedules again and again).
 *
 * @jsii ignore
 */
export function defaultScheduleIntervals(schedule: CronSchedule): ScheduleIntervals {
  return INTERVALS.get(`${schedule.expression}\u0000${schedule.timeZone ?? '\u0001'}`, () => scheduleIntervals(schedule));
}

function specIntervals(s: SpecSchedule, fromSec: number, horizonDays: number): ScheduleIntervals {
  const zone = s.zone ?? Zone.UTC;
  const { minutes } = dayPattern(s);
  // On an ordinary day the runs are the pattern's minutes after local midnight: their gaps are the
  // same every day, so a day whose runs all fall inside the window is taken whole.
  const firstMinute = minutes[0];
  const lastMinute = minutes[minutes.length - 1];
  const { withinShortest, withinLongest, acrossMidnight } = dayGaps(minutes);
  const everyDay = firesEveryDay(s);
  let runs = 0;
  let shortest = Infinity;
  let longest = 0;
  let previous: number | undefined;
  const endSec = fromSec + horizonDays * 86400;
  // Runs in (from, from + horizon]; rare schedules continue until they have two runs.
  let done = false;
  const gap = (t: number) => {
    if (t > endSec && runs >= 2) {
      done = true;
      return;
    }
    if (previous !== undefined) {
      const d = t - previous;
      if (d < shortest) shortest = d;
      if (d > longest) longest = d;
    }
    previous = t;
    runs++;
  };

  const firstDay = localDayOf(zone, fromSec);
  const calendar = zoneCalendar(zone, firstDay);
  let i = 0;
  // Days on which the controller's chain of Next calls is followed run by run: an offset change
  // and the day after it (robfig's Next, called from the last run before a 30-minute change as in
  // Australia/Lord_Howe, can skip the next day's run).
  let chainDays = 0;
  for (; i < MAX_DAYS; i++) {
    if (i >= calendar.length) calendar.extend();
    const start = calendar.start[i];
    if (done || (start > endSec && runs >= 2)) break;
    if (calendar.changes[i]) chainDays = 2;
    if (chainDays === 0) {
      if (!s.month[calendar.month[i]] || minutes.length === 0) continue;
      if (!dayRule(s, s.dom[calendar.dom[i]] === 1, s.dow[calendar.weekday[i]] === 1)) continue;
      const firstRun = start + firstMinute * 60;
      const lastRun = start + lastMinute * 60;
      if (firstRun > fromSec && lastRun <= endSec) {
        // A schedule that fires every day takes the whole stretch up to the next offset change (or
        // the window's end) at once: its midnights are exactly a day apart there.
        let days = 1;
        if (everyDay) {
          const next = calendar.nextChange(i);
          const inWindow = Math.floor((endSec - lastRun) / 86400) + 1;
          days = Math.max(1, Math.min(next - i, inWindow));
        }
        gap(firstRun);
        if (minutes.length > 1) {
          if (withinShortest < shortest) shortest = withinShortest;
          if (withinLongest > longest) longest = withinLongest;
        }
        if (days > 1) {
          if (acrossMidnight < shortest) shortest = acrossMidnight;
          if (acrossMidnight > longest) longest = acrossMidnight;
        }
        runs += days * minutes.length - 1;
        previous = lastRun + (days - 1) * 86400;
        i += days - 1;
        continue;
      }
      for (const m of minutes) {
        const t = start + m * 60;
        if (t > fromSec) gap(t);
      }
    } else {
      // Follow the controller's Next run by run, from the last run where there is one.
      chainDays--;
      const end = calendar.end[i];
      let t = previous ?? Math.max(start - 1, fromSec);
      for (let guard = 0; guard < 2000; guard++) {
        const n = goNext(s, t);
        if (n === undefined || n >= end || n <= t) break;
        if (n > fromSec) gap(n);
        t = n;
      }
    }
  }
  const to = new Date(goDate(...civilTuple(firstDay + i), 0, 0, 0, zone) * 1000);
  return {
    shortestSeconds: runs >= 2 ? shortest : 0,
    longestSeconds: runs >= 2 ? longest : 0,
    runs,
    neverFires: runs === 0,
    from: new Date(fromSec * 1000),
    to,
  };
}

function civilTuple(day: number): [number, number, number] {
  const c = civilFromDays(day);
  return [c.year, c.month, c.day];
}

/**
 * The minutes of the day (0..1439) at which the schedule fires on a matching day, ascending. One
 * list per pair of hour and minute fields (the parser shares a field's bits among the schedules
 * with its text), read by every schedule with that pair: never modify it.
 */
export function dayPattern(s: SpecSchedule): { readonly minutes: readonly number[] } {
  let byMinuteField = patterns.get(s.hour);
  if (byMinuteField === undefined) patterns.set(s.hour, byMinuteField = new WeakMap());
  let pattern = byMinuteField.get(s.minute);
  if (pattern === undefined) {
    const hours = setValues(s.hour);
    const minutesOfHour = setValues(s.minute);
    const minutes: number[] = [];
    for (let h = 0; h < hours.length; h++) {
      for (let m = 0; m < minutesOfHour.length; m++) minutes.push(hours[h] * 60 + minutesOfHour[m]);
    }
    byMinuteField.set(s.minute, pattern = { minutes });
  }
  return pattern;
}
const patterns = new WeakMap<Uint8Array, WeakMap<Uint8Array, { readonly minutes: readonly number[] }>>();

/**
 * The values set in a field's bits, ascending. The parser keeps one bits array per field text,
 * shared by every schedule with that text (never written after parsing), so a fleet's thousands of
 * schedules list a few dozen fields once each instead of scanning 24 hours and 60 minutes apiece.
 */
const setValuesOf = new WeakMap<Uint8Array, readonly number[]>();
function setValues(bits: Uint8Array): readonly number[] {
  let values = setValuesOf.get(bits);
  if (values === undefined) {
    const list: number[] = [];
    for (let i = 0; i < bits.length; i++) if (bits[i]) list.push(i);
    values = list;
    setValuesOf.set(bits, values);
  }
  return values;
}

/**
 * The gaps of a day's runs (`minutes` after local midnight, ascending) when no offset changes: the
 * shortest and longest between two runs of the day (Infinity and 0 with one run), and from one
 * day's last run to the next day's first (meaningless without runs: callers skip such days).
 */
function dayGaps(minutes: readonly number[]): { withinShortest: number; withinLongest: number; acrossMidnight: number } {
  let withinShortest = Infinity;
  let withinLongest = 0;
  for (let i = 1; i < minutes.length; i++) {
    const d = (minutes[i] - minutes[i - 1]) * 60;
    if (d < withinShortest) withinShortest = d;
    if (d > withinLongest) withinLongest = d;
  }
  return { withinShortest, withinLongest, acrossMidnight: 86400 - (minutes[minutes.length - 1] - minutes[0]) * 60 };
}

/**
 * Whether the schedule fires in every month (so at least 11 times in any year-long window, and its
 * analysis window is never stretched): its month field is full, and robfig's day rule matches some
 * day of every month (a day of the month up to 28, or a day of the week). False for rare schedules
 * (`0 0 29 2 *`, `0 0 * 6 *`), which the interval analysis answers.
 *
 * @jsii ignore
 */
export function firesEveryMonth(schedule: CronSchedule): boolean {
  const s = schedule._schedule;
  if (s.kind === 'every') return true;
  if (setValues(s.month).length < 12) return false; // months 1..12: all of them set
  const doms = setValues(s.dom);
  const someDom = doms.length > 0 && doms[0] <= 28;
  const someDow = setValues(s.dow).length > 0;
  // AND when a field carries the star bit (that field matches every day), else OR.
  return s.domStar || s.dowStar ? (s.dowStar && someDom) || (s.domStar && someDow) : someDom || someDow;
}

/**
 * A lower bound of the shortest gap between runs over the window starting at `from` (what
 * `scheduleIntervals(schedule, { from }).shortestSeconds` returns), found without walking the
 * year: 0 when no useful bound is cheap. For a schedule that fires every month:
 * - its gaps on days without an offset change are at least the shortest gap of its within-day
 *   pattern, or from a day's last run to the next day's first;
 * - an offset change shortens a gap by at most the spread of the zone's offsets over the window;
 * - a local time repeated by a fall-back runs twice, the shift apart (a run at 01:30 on a
 *   fall-back night comes back an hour later); a local time skipped by a spring-forward only
 *   lengthens a gap.
 * The checks use it to skip the year-long analysis when a deadline is well below any gap; it is
 * tested against `scheduleIntervals` on random schedules, zones and windows.
 *
 * @jsii ignore
 */
export function shortestGapLowerBound(schedule: CronSchedule, from: Date = DEFAULT_INTERVAL_FROM): number {
  const s = schedule._schedule;
  if (s.kind === 'every') return s.seconds;
  if (!firesEveryMonth(schedule)) return 0;
  const { minutes } = dayPattern(s);
  const { withinShortest, acrossMidnight } = dayGaps(minutes);
  const ordinary = Math.min(withinShortest, acrossMidnight);
  const zone = s.zone ?? Zone.UTC;
  const { days, spread } = offsetChangesAt(zone, Math.floor(from.getTime() / 1000));
  if (days.length === 0) return ordinary;
  let bound = ordinary - spread;
  if (bound <= 0) return 0;
  for (const d of days) {
    // A local time repeated by a fall-back runs again |shift| later. (Two repeated run times would
    // be less than the shift apart, and then the bound above is already 0.) Skipped run times
    // only lengthen gaps.
    const instants = instantsByMinute(zone, d);
    if (minutes.some((m) => instants[m] > 1)) bound = Math.min(bound, Math.abs(d.before - d.after));
  }
  return bound;
}

/** Whether the schedule's month and day fields match every day of the year (robfig's day rule). */
function firesEveryDay(s: SpecSchedule): boolean {
  const all = (bits: Uint8Array, min: number) => {
    for (let i = min; i < bits.length; i++) if (!bits[i]) return false;
    return true;
  };
  return all(s.month, 1) && dayRule(s, all(s.dom, 1), all(s.dow, 0));
}

/** Day number of a civil date (exported for the risk checks). */
export function dayNumber(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day);
}
