import { civilFromDays, goDate } from './go-time';
import { Zone } from './zones';

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
const calendars = new Map<Zone, Map<number, ZoneCalendar>>();

/** The calendar of `zone` from day `first` on, shared by every schedule in the zone. */
export function zoneCalendar(zone: Zone, first: number): ZoneCalendar {
  let byFirst = calendars.get(zone);
  if (!byFirst) calendars.set(zone, byFirst = new Map());
  let calendar = byFirst.get(first);
  if (!calendar) {
    if (byFirst.size > 64) byFirst.clear();
    byFirst.set(first, calendar = new ZoneCalendar(zone, first));
  }
  return calendar;
}
