import { civilFromDays, goDate } from './go-time';
import { Zone } from './zones';
import { BoundedCache } from '../util/bounded-cache';

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

  private changeSummary?: { readonly days: readonly ZoneDay[]; readonly spread: number };

  constructor(private readonly zone: Zone, public readonly first: number) {
    // A year-long window starting at a UTC instant spans 367 local days in zones west of UTC.
    this.extend(368);
  }

  /**
   * The days with an offset change so far, and the spread of the UTC offsets around them (the
   * largest less the smallest, seconds): the same for every schedule of the zone, so found once.
   */
  public offsetChanges(): { readonly days: readonly ZoneDay[]; readonly spread: number } {
    if (this.changeSummary?.days.length !== this.changeDays.length) {
      const days = this.changeDays.map((i) => zoneDay(this.zone, this.first + i));
      let lowest = Infinity;
      let highest = -Infinity;
      for (const d of days) {
        lowest = Math.min(lowest, d.before, d.after);
        highest = Math.max(highest, d.before, d.after);
      }
      this.changeSummary = { days, spread: days.length > 0 ? highest - lowest : 0 };
    }
    return this.changeSummary;
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

// Analyses of one fleet start from one day (the default window), so a zone has one or two calendars.
const calendars = new Map<Zone, BoundedCache<number, ZoneCalendar>>();

/** The calendar of `zone` from day `first` on, shared by every schedule in the zone. */
export function zoneCalendar(zone: Zone, first: number): ZoneCalendar {
  return cacheOf(calendars, zone, 64).get(first, () => new ZoneCalendar(zone, first));
}
