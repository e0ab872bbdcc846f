import { civilFromDays, goDate } from './go-time';
import { daysFromCivil, localDayOf, Zone } from './zones';
import { BoundedCache } from '../util/bounded-cache';

/** Local days a year-long window from a UTC instant can touch (367 west of UTC), as `ZoneCalendar` holds. */
export const WINDOW_DAYS = 368;

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
const zoneDays = new Map<Zone, BoundedCache<number, ZoneDay>>();

/** The civil day `day` (days since 1970-01-01) in `zone`, memoized per zone. */
export function zoneDay(zone: Zone, day: number): ZoneDay {
  return cacheOf(zoneDays, zone, 20_000).get(day, () => {
    const { year, month, day: dom } = civilFromDays(day);
    const start = goDate(year, month, dom, 0, 0, 0, zone);
    const end = goDate(year, month, dom + 1, 0, 0, 0, zone);
    return { year, month, dom, weekday: ((day + 4) % 7 + 7) % 7, start, end, before: zone.offsetAt(start - 3600), after: zone.offsetAt(end + 3600) };
  });
}

/** The zone's own cache in a per-zone memo (a fleet has a handful of zones). */
function cacheOf<V>(byZone: Map<Zone, BoundedCache<number, V>>, zone: Zone, limit: number): BoundedCache<number, V> {
  let cache = byZone.get(zone);
  if (!cache) byZone.set(zone, cache = new BoundedCache(limit));
  return cache;
}

/**
 * A zone's civil days from `first` on (days since 1970-01-01), in flat arrays that every schedule
 * of the zone reads: its local midnights, date fields and whether the UTC offset changes around
 * the day. Grown a year at a time for the rare schedules followed for years.
 */
export class ZoneCalendar {
  public length = 0;
  public start = new Float64Array(0);
  public end = new Float64Array(0);
  public month = new Uint8Array(0);
  public dom = new Uint8Array(0);
  public weekday = new Uint8Array(0);
  /** 1 when the offset an hour before the day differs from the one an hour after it. */
  public changes = new Uint8Array(0);
  /** Indexes of the days with an offset change, ascending. */
  public changeDays: number[] = [];

  constructor(private readonly zone: Zone, public readonly first: number) {
    this.extend(WINDOW_DAYS);
  }

  /**
   * The index of the first day from `i` on whose offset changes, or `length` when there is none
   * yet (the caller extends the calendar as it reaches the end).
   */
  public nextChange(i: number): number {
    for (const c of this.changeDays) if (c >= i) return c;
    return this.length;
  }

  /** Adds the next `days` days. */
  public extend(days = 366): void {
    const from = this.length;
    const length = from + days;
    const grow = <T extends Float64Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(length);
      b.set(a);
      return b;
    };
    this.start = grow(this.start, (n) => new Float64Array(n));
    this.end = grow(this.end, (n) => new Float64Array(n));
    this.month = grow(this.month, (n) => new Uint8Array(n));
    this.dom = grow(this.dom, (n) => new Uint8Array(n));
    this.weekday = grow(this.weekday, (n) => new Uint8Array(n));
    this.changes = grow(this.changes, (n) => new Uint8Array(n));
    for (let i = from; i < length; i++) {
      const d = zoneDay(this.zone, this.first + i);
      this.start[i] = d.start;
      this.end[i] = d.end;
      this.month[i] = d.month;
      this.dom[i] = d.dom;
      this.weekday[i] = d.weekday;
      if (d.before !== d.after) {
        this.changes[i] = 1;
        this.changeDays.push(i);
      }
    }
    this.length = length;
  }
}

/** The days with an offset change in a window of local days, and the spread of the offsets around them. */
export interface OffsetChanges {
  /** Indexes of the days with a change, from the window's first day, ascending. */
  readonly indexes: readonly number[];
  /** Those days. */
  readonly days: readonly ZoneDay[];
  /** The largest UTC offset around them less the smallest (seconds); 0 without changes. */
  readonly spread: number;
}

/**
 * The offset changes among the `WINDOW_DAYS` local days from `first`: the change days a
 * `ZoneCalendar` from `first` finds (a day whose offset an hour before its start differs from the
 * one an hour after its end), without computing every day's date and midnights. The zone's
 * switches are listed from its per-UTC-day offsets, and only the local days within two days of
 * each switch are tested, with the calendar's own test (`zoneDay`): a change day has a switch
 * within an hour of its bounds, so it is among them. Checked against the calendar for every zone.
 */
export function offsetChangesFrom(zone: Zone, first: number): OffsetChanges {
  return cacheOf(changesByZone, zone, 64).get(first, () => {
    const candidates = new Set<number>();
    for (const { at, before, after } of zone.switchesWithin(first - 3, first + WINDOW_DAYS + 2)) {
      for (const local of [Math.floor((at + before) / 86400), Math.floor((at + after) / 86400)]) {
        for (let d = local - 2; d <= local + 2; d++) if (d >= first && d < first + WINDOW_DAYS) candidates.add(d);
      }
    }
    const indexes: number[] = [];
    const days: ZoneDay[] = [];
    let lowest = Infinity;
    let highest = -Infinity;
    for (const d of [...candidates].sort((a, b) => a - b)) {
      const day = zoneDay(zone, d);
      if (day.before === day.after) continue;
      indexes.push(d - first);
      days.push(day);
      lowest = Math.min(lowest, day.before, day.after);
      highest = Math.max(highest, day.before, day.after);
    }
    return { indexes, days, spread: days.length > 0 ? highest - lowest : 0 };
  });
}
const changesByZone = new Map<Zone, BoundedCache<number, OffsetChanges>>();

/** `offsetChangesFrom` for the window that starts at the instant `fromSec` (its local day first). */
export function offsetChangesAt(zone: Zone, fromSec: number): OffsetChanges {
  return cacheOf(changesByStart, zone, 64).get(fromSec, () => offsetChangesFrom(zone, localDayOf(zone, fromSec)));
}
const changesByStart = new Map<Zone, BoundedCache<number, OffsetChanges>>();

/**
 * How many instants show the local time `wall` (seconds since the epoch, read as local) on a day
 * whose offsets are `before` and `after`: 1 normally, 0 in a gap, 2 in a repeated hour.
 *
 * @jsii ignore
 */
export function instantsOfWallTime(zone: Zone, wall: number, before: number, after: number): number {
  const early = wall - before;
  const late = wall - after;
  const earlyShows = zone.offsetAt(early) === before;
  const lateShows = zone.offsetAt(late) === after;
  if (early === late) return earlyShows || lateShows ? 1 : 0;
  return (earlyShows ? 1 : 0) + (lateShows ? 1 : 0);
}

/**
 * `instantsOfWallTime` of every whole minute of a day's wall clock (index: the minute of the day,
 * 0..1439), for a day of `zone` from `zoneDay`. Made once per zone and change day: the DST checks
 * of every schedule in the zone read it instead of asking the zone two offsets per run time.
 *
 * The zone's offset changes only at its switches, so the count changes only at the minutes where
 * one of the two instants it reads (the wall time less `before`, less `after`) reaches a switch:
 * it is computed once per stretch between those minutes (a handful), not per minute.
 */
export function instantsByMinute(zone: Zone, day: ZoneDay): Uint8Array {
  let table = minuteTables.get(day);
  if (table === undefined) {
    table = new Uint8Array(1440);
    const midnight = daysFromCivil(day.year, day.month, day.dom) * 86400;
    const cuts = new Set([0, 1440]);
    // The instants read lie within a day and the largest UTC offset (< 26 h) of the wall clock.
    const utcDay = Math.floor(midnight / 86400);
    for (const { at } of zone.switchesWithin(utcDay - 2, utcDay + 3)) {
      for (const offset of [day.before, day.after]) {
        // The first minute whose instant (midnight + 60 m - offset) is at or after the switch.
        const m = Math.ceil((at + offset - midnight) / 60);
        if (m > 0 && m < 1440) cuts.add(m);
      }
    }
    const stretches = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < stretches.length; i++) {
      table.fill(instantsOfWallTime(zone, midnight + stretches[i] * 60, day.before, day.after), stretches[i], stretches[i + 1]);
    }
    minuteTables.set(day, table);
  }
  return table;
}
// Keyed by the memoized day, which belongs to one zone.
const minuteTables = new WeakMap<ZoneDay, Uint8Array>();

// Analyses of one fleet start from one day (the default window), so a zone has one or two calendars.
const calendars = new Map<Zone, BoundedCache<number, ZoneCalendar>>();

/** The calendar of `zone` from day `first` on, shared by every schedule in the zone. */
export function zoneCalendar(zone: Zone, first: number): ZoneCalendar {
  return cacheOf(calendars, zone, 64).get(first, () => new ZoneCalendar(zone, first));
}
