import { goAtoi, goFields, goStringSlice, goTimeQuote, goToLower, goTrimSpace } from './go-strings';
import { loadLocation, Zone } from './zones';
import { BoundedCache } from '../util/bounded-cache';

/**
 * A parsed schedule exactly as robfig/cron v3.0.1 `ParseStandard` builds it (the parser the API
 * server and the CronJob controller use).
 */
export type GoSchedule = SpecSchedule | EverySchedule;

/** A field-based schedule. `dom` is indexed 1..31, `month` 1..12, `dow` 0..6 (0 = Sunday). */
export interface SpecSchedule {
  readonly kind: 'spec';
  readonly minute: Uint8Array;
  readonly hour: Uint8Array;
  readonly dom: Uint8Array;
  readonly month: Uint8Array;
  readonly dow: Uint8Array;
  /** robfig's star bit: set when the field is `*`/`?` (optionally `/1` or `*-N`). Decides the DOM/DOW AND-vs-OR rule. */
  readonly domStar: boolean;
  readonly dowStar: boolean;
  /** The zone from a `TZ=`/`CRON_TZ=` prefix; undefined = local (the controller's zone, UTC). */
  readonly zone?: Zone;
}

/** `@every <duration>`: fires every `seconds` seconds of elapsed time, ignoring zones and DST. */
export interface EverySchedule {
  readonly kind: 'every';
  readonly seconds: number;
}

export type ParseResult =
  | { readonly ok: true; readonly schedule: GoSchedule }
  | { readonly ok: false; readonly error: string; readonly panic: boolean };

interface Bounds { readonly min: number; readonly max: number; readonly names?: Record<string, number> }
const MINUTES: Bounds = { min: 0, max: 59 };
const HOURS: Bounds = { min: 0, max: 23 };
const DOM: Bounds = { min: 1, max: 31 };
const MONTHS: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const DOW: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

class ParseError extends Error {}

/** `cron.ParseStandard(spec)`: the schedule, or robfig's error text (panics reported as such). */
export function parseStandard(spec: string): ParseResult {
  try {
    return { ok: true, schedule: parse(spec) };
  } catch (e) {
    if (e instanceof PanicError) return { ok: false, error: e.message, panic: true };
    if (e instanceof ParseError) return { ok: false, error: e.message, panic: false };
    throw e;
  }
}

class PanicError extends Error {}

function parse(input: string): GoSchedule {
  let spec = input;
  if (spec.length === 0) throw new ParseError('empty spec string');
  let zone: Zone | undefined;
  if (spec.startsWith('TZ=') || spec.startsWith('CRON_TZ=')) {
    const space = spec.indexOf(' ');
    const eq = spec.indexOf('=');
    // v3.0.1 slices spec[eq+1:i] without checking i: no space means a runtime panic.
    if (space < 0) throw new PanicError('panic: runtime error: slice bounds out of range [:-1]');
    const name = spec.slice(eq + 1, space);
    const loaded = loadLocation(name);
    if ('error' in loaded) throw new ParseError(`provided bad location ${name}: ${loaded.error}`);
    zone = loaded.zone;
    spec = goTrimSpace(spec.slice(space));
  }
  if (spec.startsWith('@')) return parseDescriptor(spec, zone);

  const fields = goFields(spec);
  if (fields.length !== 5) throw new ParseError(`expected exactly 5 fields, found ${fields.length}: ${goStringSlice(fields)}`);
  const minute = getField(fields[0], MINUTES);
  const hour = getField(fields[1], HOURS);
  const dom = getField(fields[2], DOM);
  const month = getField(fields[3], MONTHS);
  const dow = getField(fields[4], DOW);
  return { kind: 'spec', minute: minute.bits, hour: hour.bits, dom: dom.bits, month: month.bits, dow: dow.bits, domStar: dom.star, dowStar: dow.star, zone };
}

function parseDescriptor(spec: string, zone: Zone | undefined): GoSchedule {
  const at = (minute: number[], hour: number[], dom: number[] | 'all', month: number[] | 'all', dow: number[] | 'all'): SpecSchedule => ({
    kind: 'spec',
    minute: bitsOf(MINUTES, minute),
    hour: bitsOf(HOURS, hour),
    dom: dom === 'all' ? allBits(DOM) : bitsOf(DOM, dom),
    month: month === 'all' ? allBits(MONTHS) : bitsOf(MONTHS, month),
    dow: dow === 'all' ? allBits(DOW) : bitsOf(DOW, dow),
    domStar: dom === 'all',
    dowStar: dow === 'all',
    zone,
  });
  switch (spec) {
    case '@yearly':
    case '@annually': return at([0], [0], [1], [1], 'all');
    case '@monthly': return at([0], [0], [1], 'all', 'all');
    case '@weekly': return at([0], [0], 'all', 'all', [0]);
    case '@daily':
    case '@midnight': return at([0], [0], 'all', 'all', 'all');
    case '@hourly': return { ...at([0], [], 'all', 'all', 'all'), hour: allBits(HOURS) };
  }
  const every = '@every ';
  if (spec.startsWith(every)) {
    const parsed = parseGoDuration(spec.slice(every.length));
    if ('error' in parsed) throw new ParseError(`failed to parse duration ${spec}: ${parsed.error}`);
    // robfig: below one second becomes one second; sub-second parts are truncated.
    const nanos = parsed.nanos < 1_000_000_000n ? 1_000_000_000n : parsed.nanos;
    return { kind: 'every', seconds: Number(nanos / 1_000_000_000n) };
  }
  throw new ParseError(`unrecognized descriptor: ${spec}`);
}

// Fleets repeat the same few field texts ("*", "0", "*/15"): each is parsed once per field kind, and
// its bits are shared by every schedule that has it (they are never written after parsing).
const FIELDS = new Map<Bounds, BoundedCache<string, { bits: Uint8Array; star: boolean }>>();

function getField(field: string, bounds: Bounds): { bits: Uint8Array; star: boolean } {
  let known = FIELDS.get(bounds);
  if (!known) FIELDS.set(bounds, known = new BoundedCache(5000));
  return known.get(field, (f) => parseField(f, bounds));
}

function parseField(field: string, bounds: Bounds): { bits: Uint8Array; star: boolean } {
  const bits = new Uint8Array(bounds.max + 1);
  let star = false;
  // strings.FieldsFunc on ',' drops empty items: "1,,2" and "," are valid (the latter never fires).
  for (const item of field.split(',').filter((x) => x.length > 0)) {
    star = getRange(item, bounds, bits) || star;
  }
  return { bits, star };
}

/** Sets the bits of one `range[/step]` item; returns whether it carries the star bit. */
function getRange(expr: string, bounds: Bounds, bits: Uint8Array): boolean {
  const rangeAndStep = expr.split('/');
  const lowAndHigh = rangeAndStep[0].split('-');
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    // Any "-end" after * or ? is ignored: "*-5" is "*".
    start = bounds.min;
    end = bounds.max;
    star = true;
  } else {
    start = parseIntOrName(lowAndHigh[0], bounds.names);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = parseIntOrName(lowAndHigh[1], bounds.names);
    else throw new ParseError(`too many hyphens: ${expr}`);
  }
  let step: number;
  if (rangeAndStep.length === 1) {
    step = 1;
  } else if (rangeAndStep.length === 2) {
    step = mustParseInt(rangeAndStep[1]);
    // "N/step" means "N-max/step".
    if (singleDigit) end = bounds.max;
    if (step > 1) star = false;
  } else {
    throw new ParseError(`too many slashes: ${expr}`);
  }
  if (start < bounds.min) throw new ParseError(`beginning of range (${fmt(start)}) below minimum (${bounds.min}): ${expr}`);
  if (end > bounds.max) throw new ParseError(`end of range (${fmt(end)}) above maximum (${bounds.max}): ${expr}`);
  if (start > end) throw new ParseError(`beginning of range (${fmt(start)}) beyond end of range (${fmt(end)}): ${expr}`);
  if (step === 0) throw new ParseError(`step of range should be a positive number: ${expr}`);
  for (let i = start; i <= end; i += step) bits[i] = 1;
  return star;
}

const SMALL_NUMBER = /^[0-9]{1,15}$/;

// Values beyond 2^53 keep their exact Go text for messages.
const exactText = new Map<number, string>();
function fmt(n: number): string {
  return exactText.get(n) ?? String(n);
}

function parseIntOrName(expr: string, names?: Record<string, number>): number {
  if (names) {
    const key = goToLower(expr);
    const named = names[key];
    if (named !== undefined && Object.prototype.hasOwnProperty.call(names, key)) return named;
  }
  return mustParseInt(expr);
}

function mustParseInt(expr: string): number {
  // Almost every field is a few plain digits: no bigint needed.
  if (SMALL_NUMBER.test(expr)) return Number(expr);
  const r = goAtoi(expr);
  if ('error' in r) throw new ParseError(`failed to parse int from ${expr}: ${r.error}`);
  if (r.value < 0n) throw new ParseError(`negative number (${r.value}) not allowed: ${expr}`);
  const n = Number(r.value);
  if (!Number.isSafeInteger(n)) exactText.set(n, r.value.toString());
  return n;
}

function bitsOf(bounds: Bounds, values: number[]): Uint8Array {
  const bits = new Uint8Array(bounds.max + 1);
  for (const v of values) bits[v] = 1;
  return bits;
}

function allBits(bounds: Bounds): Uint8Array {
  const bits = new Uint8Array(bounds.max + 1);
  bits.fill(1, bounds.min);
  return bits;
}

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const OVERFLOW = 2n ** 63n;

/** time.ParseDuration: nanoseconds (negative allowed), or Go's error text. */
export function parseGoDuration(orig: string): { nanos: bigint } | { error: string } {
  const invalid = { error: `time: invalid duration ${goTimeQuote(orig)}` };
  let s = orig;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { nanos: 0n };
  if (s === '') return invalid;
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0] >= '0' && s[0] <= '9'))) return invalid;
    // [0-9]*
    let i = 0;
    let v = 0n;
    while (i < s.length && s[i] >= '0' && s[i] <= '9') {
      if (v > OVERFLOW / 10n) return invalid;
      v = v * 10n + BigInt(s.charCodeAt(i) - 48);
      if (v > OVERFLOW) return invalid;
      i++;
    }
    const pre = i > 0;
    s = s.slice(i);
    // (\.[0-9]*)?
    let post = false;
    let frac = 0n;
    let scale = 1;
    if (s !== '' && s[0] === '.') {
      s = s.slice(1);
      let j = 0;
      let overflow = false;
      while (j < s.length && s[j] >= '0' && s[j] <= '9') {
        if (!overflow) {
          if (frac > ((2n ** 63n) - 1n) / 10n) {
            overflow = true;
          } else {
            const next = frac * 10n + BigInt(s.charCodeAt(j) - 48);
            if (next < 0n || next > (2n ** 63n) - 1n) {overflow = true;} else {
              frac = next;
              scale *= 10;
            }
          }
        }
        j++;
      }
      post = j > 0;
      s = s.slice(j);
    }
    if (!pre && !post) return invalid;
    // Unit: everything up to the next '.' or digit.
    let k = 0;
    while (k < s.length && !(s[k] === '.' || (s[k] >= '0' && s[k] <= '9'))) k++;
    if (k === 0) return { error: `time: missing unit in duration ${goTimeQuote(orig)}` };
    const u = s.slice(0, k);
    s = s.slice(k);
    const unit = UNITS[u];
    if (unit === undefined) return { error: `time: unknown unit ${goTimeQuote(u)} in duration ${goTimeQuote(orig)}` };
    if (v > OVERFLOW / unit) return invalid;
    v *= unit;
    if (frac > 0n) {
      v += BigInt(Math.trunc(Number(frac) * (Number(unit) / scale)));
      if (v > OVERFLOW) return invalid;
    }
    total += v;
    if (total > OVERFLOW) return invalid;
  }
  if (neg) return { nanos: -total };
  if (total > OVERFLOW - 1n) return invalid;
  return { nanos: total };
}
