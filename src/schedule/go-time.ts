import { daysFromCivil, Zone } from './zones';

/** Wall-clock fields of an instant in a zone. `weekday` 0 = Sunday. */
export interface Wall {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly weekday: number;
}

/** The wall clock of instant `t` (Unix seconds) in `zone`. */
export function wallOf(t: number, zone: Zone): Wall {
  const local = t + zone.offsetAt(t);
  const days = Math.floor(local / 86400);
  const secs = local - days * 86400;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secs / 3600),
    minute: Math.floor((secs % 3600) / 60),
    second: secs % 60,
    weekday: ((days + 4) % 7 + 7) % 7,
  };
}

/** The proleptic Gregorian date of a day number (days since 1970-01-01). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/**
 * Go's `time.Date(year, month, day, hour, min, sec, 0, zone)`: fields may overflow (they are
 * normalized), and a wall time in a DST gap or overlap resolves the way Go resolves it: take the
 * offset in effect at the wall time read as UTC; if the result falls outside that offset's period,
 * use the offset in effect at the result instead. (NY gap 02:30 -> 01:30 EST, Berlin -> 03:30 CEST.)
 */
export function goDate(year: number, month: number, day: number, hour: number, minute: number, second: number, zone: Zone): number {
  const asUtc = daysFromCivil(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  const first = zone.offsetAt(asUtc);
  if (first === 0) return asUtc;
  return asUtc - zone.offsetAt(asUtc - first);
}
