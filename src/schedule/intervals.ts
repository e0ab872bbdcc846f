import { CronSchedule } from './cron-schedule';
import { civilFromDays, goDate } from './go-time';
import { dayMatches, goNext } from './next';
import { SpecSchedule } from './parser';
import { daysFromCivil, Zone } from './zones';

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

const INTERVALS = new Map<string, ScheduleIntervals>();

/**
 * `scheduleIntervals` over the default window, memoized per schedule and zone (the alerts and the
 * checks of a fleet ask for the same schedules again and again).
 *
 * @jsii ignore
 */
export function defaultScheduleIntervals(schedule: CronSchedule): ScheduleIntervals {
  const key = `${schedule.expression}\u0000${schedule.timeZone ?? '\u0001'}`;
  let r = INTERVALS.get(key);
  if (!r) {
    r = scheduleIntervals(schedule);
    if (INTERVALS.size > 10_000) INTERVALS.clear();
    INTERVALS.set(key, r);
  }
  return r;
}

function specIntervals(s: SpecSchedule, fromSec: number, horizonDays: number): ScheduleIntervals {
  const zone = s.zone ?? Zone.UTC;
  const pattern = dayPattern(s);
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

  const firstDay = Math.floor((fromSec + zone.offsetAt(fromSec)) / 86400);
  let day = firstDay;
  // Days on which the controller's chain of Next calls is followed run by run: an offset change
  // and the day after it (robfig's Next, called from the last run before a 30-minute change as in
  // Australia/Lord_Howe, can skip the next day's run).
  let chainDays = 0;
  for (; day - firstDay < MAX_DAYS; day++) {
    const { year, month, dom, start, end, before, after, weekday } = zoneDay(zone, day);
    if (done || (start > endSec && runs >= 2)) break;
    if (before !== after) chainDays = 2;
    if (chainDays === 0) {
      if (!s.month[month] || !dayMatches(s, { year, month, day: dom, hour: 0, minute: 0, second: 0, weekday })) continue;
      if (pattern.minutes.length === 0) continue;
      for (const m of pattern.minutes) {
        const t = start + m * 60;
        if (t > fromSec) gap(t);
      }
    } else {
      // Follow the controller's Next run by run, from the last run where there is one.
      chainDays--;
      let t = previous ?? Math.max(start - 1, fromSec);
      for (let guard = 0; guard < 2000; guard++) {
        const n = goNext(s, t);
        if (n === undefined || n >= end || n <= t) break;
        if (n > fromSec) gap(n);
        t = n;
      }
    }
  }
  const to = new Date(goDate(...civilTuple(day), 0, 0, 0, zone) * 1000);
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

/** A civil day in a zone: its date, its local midnights (Go's Date) and the offsets around it. */
export interface ZoneDay {
  readonly year: number;
  readonly month: number;
  readonly dom: number;
  readonly weekday: number;
  /** Local midnight starting the day, and the next one (Unix seconds). */
  readonly start: number;
  readonly end: number;
  /** UTC offset an hour before `start` and an hour after `end`: equal on days without a change. */
  readonly before: number;
  readonly after: number;
}

// The calendar of a zone is the same for every schedule in it: fleets have thousands of schedules
// in a handful of zones, so each day is computed once per zone, not once per schedule.
const zoneDays = new Map<Zone, Map<number, ZoneDay>>();

/** The civil day `day` (days since 1970-01-01) in `zone`, memoized per zone. */
export function zoneDay(zone: Zone, day: number): ZoneDay {
  let days = zoneDays.get(zone);
  if (!days) zoneDays.set(zone, days = new Map());
  let d = days.get(day);
  if (!d) {
    const { year, month, day: dom } = civilFromDays(day);
    const start = goDate(year, month, dom, 0, 0, 0, zone);
    const end = goDate(year, month, dom + 1, 0, 0, 0, zone);
    d = { year, month, dom, weekday: ((day + 4) % 7 + 7) % 7, start, end, before: zone.offsetAt(start - 3600), after: zone.offsetAt(end + 3600) };
    if (days.size > 20_000) days.clear();
    days.set(day, d);
  }
  return d;
}

/** The minutes of the day (0..1439) at which the schedule fires on a matching day. */
export function dayPattern(s: SpecSchedule): { minutes: number[] } {
  const minutes: number[] = [];
  for (let h = 0; h < 24; h++) {
    if (!s.hour[h]) continue;
    for (let m = 0; m < 60; m++) if (s.minute[m]) minutes.push(h * 60 + m);
  }
  return { minutes };
}

/** Day number of a civil date (exported for the risk checks). */
export function dayNumber(year: number, month: number, day: number): number {
  return daysFromCivil(year, month, day);
}
