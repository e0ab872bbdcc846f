import { ZONE_NAMES } from './zone-names.generated';
import { BoundedCache } from '../util/bounded-cache';

/**
 * A time zone: offsets come from Node's ICU data (checked identical to the tz database the
 * corpus used for 2017-2036), names from the tz database itself (what Go's LoadLocation loads).
 */
export class Zone {
  /** The UTC zone (also "Local": the controller's zone, which this library takes as UTC). */
  public static readonly UTC = new Zone('UTC', undefined);

  /** @internal */
  public static _create(name: string, icuName: string | undefined): Zone {
    return new Zone(name, icuName);
  }

  private readonly formatter?: Intl.DateTimeFormat;
  private readonly days = new Map<number, DayOffsets>();

  private constructor(public readonly name: string, icuName: string | undefined) {
    if (icuName !== undefined) {
      // The offset itself ("GMT-04:56:02", "GMT" for 0): cheaper to create and to format than the
      // wall clock's fields, and the same seconds (checked for every ICU zone from 1890 to 2040).
      this.formatter = new Intl.DateTimeFormat('en-US', { timeZone: icuName, timeZoneName: 'longOffset' });
    }
  }

  /** UTC offset in seconds at the instant `t` (Unix seconds). */
  public offsetAt(t: number): number {
    if (!this.formatter) return 0;
    const day = Math.floor(t / 86400);
    let entry = this.days.get(day);
    if (!entry) {
      entry = this.scanDay(day);
      this.days.set(day, entry);
    }
    return entry.switchAt === undefined || t < entry.switchAt ? entry.before : entry.after;
  }

  /**
   * Whether the offset at some whole second in (`a`, `b`] differs from the offset at `a` (exact for
   * this model of the zone: per UTC day one offset, or two around one switch).
   */
  public changesWithin(a: number, b: number): boolean {
    if (!this.formatter) return false;
    const at = this.offsetAt(a);
    for (let day = Math.floor((a + 1) / 86400); day <= Math.floor(b / 86400); day++) {
      const dayStart = day * 86400;
      this.offsetAt(dayStart); // fills the day's entry
      const { before, after, switchAt } = this.days.get(day)!;
      const lo = Math.max(a + 1, dayStart);
      const hi = Math.min(b, dayStart + 86399);
      if (lo > hi) continue;
      const switched = switchAt ?? dayStart + 86400;
      if (lo < switched && before !== at) return true; // part of the range before the switch
      if (hi >= switched && after !== at) return true; // part of the range after it
    }
    return false;
  }

  /**
   * The instants (Unix seconds) at which the offset changes during the UTC days `fromDay` to
   * `toDay` (days since 1970-01-01), with the offsets before and after: this model's changes (one
   * per UTC day at most), found from the same per-day offsets `offsetAt` reads.
   */
  public switchesWithin(fromDay: number, toDay: number): Array<{ readonly at: number; readonly before: number; readonly after: number }> {
    const out: Array<{ at: number; before: number; after: number }> = [];
    if (!this.formatter) return out;
    for (let day = fromDay; day <= toDay; day++) {
      this.offsetAt(day * 86400); // fills the day's entry
      const { before, after, switchAt } = this.days.get(day)!;
      if (switchAt !== undefined) out.push({ at: switchAt, before, after });
    }
    return out;
  }

  /** The offset over one UTC day; a change inside it is located to the second by bisection. */
  private scanDay(day: number): DayOffsets {
    const start = day * 86400;
    const end = start + 86400;
    // A day's start is the previous day's end: each midnight is asked of ICU once.
    const before = this.days.get(day - 1)?.after ?? this.icuOffset(start);
    const after = this.days.get(day + 1)?.before ?? this.icuOffset(end);
    if (before === after) return { before, after };
    let lo = start;
    let hi = end;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.icuOffset(mid) === before) lo = mid;
      else hi = mid;
    }
    return { before, after, switchAt: hi };
  }

  private icuOffset(t: number): number {
    for (const p of this.formatter!.formatToParts(new Date(t * 1000))) {
      if (p.type !== 'timeZoneName') continue;
      if (p.value === 'GMT') return 0;
      const m = ICU_OFFSET.exec(p.value);
      if (m) return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0));
    }
    throw new Error(`cannot read the UTC offset of ${this.name} from ICU`);
  }
}

/** ICU's long offset format: GMT±hh:mm, or GMT±hh:mm:ss for offsets with seconds (local mean times). */
const ICU_OFFSET = /^GMT([+-])(\d\d):(\d\d)(?::(\d\d))?$/;

interface DayOffsets { readonly before: number; readonly after: number; readonly switchAt?: number }

// Names the tz database has but ICU lacks, mapped to their content.
const ICU_ALIASES: Record<string, string | undefined> = { Factory: undefined, posixrules: 'America/New_York' };
/**
 * Names of the tz database's links to Etc/UTC and Etc/GMT: offset 0 at every instant, so no ICU
 * formatter is made for them (the first costs ~12 ms, and "Etc/UTC" is the constructs' default zone).
 */
export const FIXED_UTC_ZONES: ReadonlySet<string> = new Set(['Etc/GMT', 'Etc/GMT+0', 'Etc/GMT-0', 'Etc/GMT0', 'Etc/Greenwich', 'Etc/UCT', 'Etc/UTC',
  'Etc/Universal', 'Etc/Zulu', 'GMT', 'GMT+0', 'GMT-0', 'GMT0', 'Greenwich', 'UCT', 'UTC', 'Universal', 'Zulu']);
// The host's "localtime" link is not a zone name.
const KNOWN = new Set(ZONE_NAMES.filter((n) => n !== 'localtime'));
const cache = new Map<string, Zone>();

/** Go's `time.LoadLocation(name)`: the zone, or Go's error text. "" and "UTC" are UTC; "Local" is the controller's zone (UTC). */
export function loadLocation(name: string): { zone: Zone } | { error: string } {
  if (name === '' || name === 'UTC' || name === 'Local') return { zone: Zone.UTC };
  if (name.includes('..') || name[0] === '/' || name[0] === '\\') return { error: 'time: invalid location name' };
  const file = zoneFile(name);
  if (file === undefined || !KNOWN.has(file)) return { error: `unknown time zone ${name}` };
  let zone = cache.get(name);
  if (!zone) {
    const base = file.replace(/^(posix|right)\//, '');
    const icu = FIXED_UTC_ZONES.has(base) ? undefined : Object.prototype.hasOwnProperty.call(ICU_ALIASES, base) ? ICU_ALIASES[base] : base;
    zone = Zone._create(name, icu);
    cache.set(name, zone);
  }
  return { zone };
}

/**
 * The tz database file `name` opens: Go reads the file "<zoneinfo dir>/<name>", so "." and empty
 * path components before the last resolve away ("Etc/./UTC" and "America//New_York" load, though
 * Kubernetes' validation rejects them); undefined when the last component is not a file name.
 */
function zoneFile(name: string): string | undefined {
  if (!name.includes('/.') && !name.includes('//') && !name.startsWith('./')) return name;
  const parts = name.split('/');
  const last = parts.pop()!;
  if (last === '' || last === '.') return undefined;
  return [...parts.filter((p) => p !== '' && p !== '.'), last].join('/');
}

const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

/**
 * Kubernetes' validation of `spec.timeZone` (a set value; `undefined` is always fine): the API
 * server's error details, empty when the zone is accepted.
 *
 * @jsii ignore
 */
export function timeZoneErrors(timeZone: string): string[] {
  // A fleet has a handful of zones and thousands of schedules checked in them.
  return [...zoneErrors.get(timeZone, computeTimeZoneErrors)];
}

const zoneErrors = new BoundedCache<string, string[]>(1000);

function computeTimeZoneErrors(timeZone: string): string[] {
  if (timeZone.length === 0) return ['timeZone must be nil or non-empty string'];
  for (const part of timeZone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) {
      return [`unknown time zone ${timeZone}`];
    }
  }
  const errors: string[] = [];
  if (timeZone.toLowerCase() === 'local') {
    errors.push('timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
  }
  const loaded = loadLocation(timeZone);
  if ('error' in loaded) errors.push(loaded.error);
  return errors;
}

/**
 * Kubernetes' validation of `spec.timeZone`: undefined when the API server accepts the zone,
 * else its error detail.
 *
 * @jsii ignore
 */
export function validateTimeZone(timeZone: string): string | undefined {
  return timeZoneErrors(timeZone)[0];
}

/** The local day (days since 1970-01-01 on the zone's wall clock) that contains the instant `t` (Unix seconds). */
export function localDayOf(zone: Zone, t: number): number {
  return Math.floor((t + zone.offsetAt(t)) / 86400);
}

/** Days since 1970-01-01 of a proleptic Gregorian date; month may be any integer (normalized). */
export function daysFromCivil(year: number, month: number, day: number): number {
  // Normalize the month into the year first, as Go's time.Date does.
  const m0 = month - 1;
  const y = year + Math.floor(m0 / 12);
  const m = (m0 % 12 + 12) % 12 + 1;
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468 + (day - 1);
}
