import { apiServerScheduleErrors } from './cron-schedule';
import { BatchConfigError, ConfigErrorDetails } from '../util/errors';

/** A time-of-day window `[between, and)`, both "HH:MM" (24-hour clock). `and` before `between` wraps past midnight. */
export interface SpreadWindow {
  /** Earliest start, "HH:MM", inclusive. */
  readonly between: string;
  /** Latest start, "HH:MM", exclusive ("00:00" as the end means midnight). */
  readonly and: string;
}

/** Once an hour, at a minute chosen from the key. */
export interface SpreadHourly {
  /**
   * Earliest minute past the hour, inclusive.
   * @default 0
   */
  readonly fromMinute?: number;
  /**
   * Latest minute past the hour, inclusive.
   * @default 59
   */
  readonly toMinute?: number;
}

/** Once a week, on a day and at a time chosen from the key. */
export interface SpreadWeekly extends SpreadWindow {
  /**
   * The days it may run on: "Sun" .. "Sat" (3-letter English names, any case).
   * @default - any day of the week
   */
  readonly days?: string[];
}

/** What `SpreadSchedule.of` / `spreadSchedule` spread: exactly one of `hourly`, `daily`, `weekly`. */
export interface SpreadScheduleOptions {
  /**
   * The stable identity the minute is chosen from, normally "namespace/name" of the CronJob.
   * The same key always gives the same schedule; different keys spread over the window.
   */
  readonly key: string;
  /** Once a day, somewhere in this window. @default - not daily */
  readonly daily?: SpreadWindow;
  /** Once an hour, at some minute. @default - not hourly */
  readonly hourly?: SpreadHourly;
  /** Once a week, on one of the days, somewhere in the window. @default - not weekly */
  readonly weekly?: SpreadWeekly;
}

/** Annotation ProductionCronJob sets on a CronJob whose schedule came from `SpreadSchedule`: the spread's description. */
export const SPREAD_ANNOTATION = 'cdk8s-batch.io/schedule-spread';

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const DAY_TITLES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/**
 * A schedule spread deterministically over a window, like the `H` of other schedulers but
 * rendered as a plain Kubernetes schedule: the minute (and day) come from a stable hash of the
 * key, so many CronJobs asking for "daily between 01:00 and 05:00" do not all start at 01:00.
 *
 * ```ts
 * const s = SpreadSchedule.of({ key: 'reports/nightly', daily: { between: '01:00', and: '05:00' } });
 * new ProductionCronJob(chart, 'nightly', { schedule: s.expression, ... });
 * ```
 *
 * `expression` is what synthesizes; `description` says it was spread and from what, and
 * ProductionCronJob (and every preset) records it in the `cdk8s-batch.io/schedule-spread` annotation.
 */
export class SpreadSchedule {
  /** Spreads a schedule; throws a `path: field must ... Fix: ...` error for bad options. */
  public static of(options: SpreadScheduleOptions): SpreadSchedule {
    const problems: ConfigErrorDetails[] = [];
    const where = `SpreadSchedule(${JSON.stringify(options?.key)})`;
    if (typeof options?.key !== 'string' || options.key.length === 0) {
      problems.push({ path: where, field: 'key', value: options?.key, problem: 'must be a non-empty string', fix: 'pass "namespace/name" of the CronJob' });
    }
    const kinds = (['hourly', 'daily', 'weekly'] as const).filter((k) => options?.[k] !== undefined);
    if (kinds.length !== 1) {
      problems.push({ path: where, field: 'hourly/daily/weekly', value: kinds, problem: 'must name exactly one of hourly, daily or weekly', fix: 'e.g. { key, daily: { between: "01:00", and: "05:00" } }' });
    }
    if (problems.length > 0) throw new BatchConfigError(problems);
    const result = computeSpread(where, options, kinds[0]);
    const spread = new SpreadSchedule(options.key, result.expression, result.description);
    SPREADS.set(registryKey(options.key, spread.expression), spread.description);
    return spread;
  }

  /**
   * The description recorded for a spread made in this process with this key and expression,
   * or undefined when the schedule was not spread (written by hand).
   */
  public static descriptionFor(key: string, expression: string): string | undefined {
    return SPREADS.get(registryKey(key, expression));
  }

  /** The key the schedule was spread by. */
  public readonly key: string;
  /** The Kubernetes schedule, e.g. "37 3 * * *". */
  public readonly expression: string;
  /** E.g. "Daily between 01:00 and 05:00 (chose 03:37), spread by a stable hash of \"ns/name\"". */
  public readonly description: string;

  private constructor(key: string, expression: string, description: string) {
    this.key = key;
    this.expression = expression;
    this.description = description;
  }

  /** The expression. */
  public toString(): string {
    return this.expression;
  }
}

/**
 * `SpreadSchedule.of(options).expression`: the spread Kubernetes schedule as a string, e.g.
 * `spreadSchedule({ key: 'ns/name', daily: { between: '01:00', and: '05:00' } })` → `'37 3 * * *'`.
 *
 * @jsii ignore
 */
export function spreadSchedule(options: SpreadScheduleOptions): string {
  return SpreadSchedule.of(options).expression;
}

/**
 * The spread expression and description without recording them (for suggestions in findings).
 * Throws like `SpreadSchedule.of`.
 *
 * @jsii ignore
 */
export function computeSpread(where: string, options: SpreadScheduleOptions, kind: 'hourly' | 'daily' | 'weekly'): { expression: string; description: string } {
  const hash = stableHash(options.key);
  let result: { expression: string; description: string };
  if (kind === 'hourly') result = hourly(where, hash, options.hourly!);
  else if (kind === 'daily') result = daily(where, hash, options.daily!);
  else result = weekly(where, hash, options.weekly!);
  // Built from numbers in range, so this cannot fail; checked anyway so a bug cannot synthesize a rejected schedule.
  const invalid = apiServerScheduleErrors(result.expression);
  if (invalid.length > 0) throw invalid[0];
  return { expression: result.expression, description: `${result.description}, spread by a stable hash of "${options.key}"` };
}

// Process-wide record of spreads, so constructs can annotate a CronJob whose schedule was spread.
const SPREADS = new Map<string, string>();

function registryKey(key: string, expression: string): string {
  return `${key}\u0000${expression}`;
}

/**
 * A stable 32-bit hash: FNV-1a over the UTF-8 bytes, then a murmur3-style finalizer so that the
 * low bits (which the modulo uses) depend on every input byte.
 *
 * @jsii ignore
 */
export function stableHash(key: string): number {
  /* eslint-disable no-bitwise */
  let h = 0x811c9dc5;
  for (const byte of Buffer.from(key, 'utf8')) {
    h ^= byte;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
  /* eslint-enable no-bitwise */
}

function hourly(where: string, hash: number, o: SpreadHourly): { expression: string; description: string } {
  const from = o.fromMinute ?? 0;
  const to = o.toMinute ?? 59;
  const problems: ConfigErrorDetails[] = [];
  for (const [field, v] of [['hourly.fromMinute', from], ['hourly.toMinute', to]] as const) {
    if (!Number.isInteger(v) || v < 0 || v > 59) problems.push({ path: where, field, value: v, problem: 'must be a whole minute from 0 to 59', fix: 'e.g. fromMinute: 5, toMinute: 55' });
  }
  if (problems.length === 0 && to < from) problems.push({ path: where, field: 'hourly.toMinute', value: to, problem: `must not be before fromMinute (${from})`, fix: 'swap them' });
  if (problems.length > 0) throw new BatchConfigError(problems);
  const minute = from + (hash % (to - from + 1));
  return { expression: `${minute} * * * *`, description: `Hourly at a minute from ${from} to ${to} (chose :${pad(minute)})` };
}

function daily(where: string, hash: number, w: SpreadWindow): { expression: string; description: string } {
  const { start, length } = windowOf(where, 'daily', w);
  const m = (start + (hash % length)) % 1440;
  return { expression: `${m % 60} ${Math.floor(m / 60)} * * *`, description: `Daily between ${w.between} and ${w.and} (chose ${clock(m)})` };
}

function weekly(where: string, hash: number, w: SpreadWeekly): { expression: string; description: string } {
  const { start, length } = windowOf(where, 'weekly', w);
  const days = w.days === undefined ? [0, 1, 2, 3, 4, 5, 6]
    : [...new Set(w.days.map((d) => DAY_NAMES.indexOf(String(d).toLowerCase())))].sort((a, b) => a - b);
  if (w.days !== undefined && (days.length === 0 || days.includes(-1))) {
    throw new BatchConfigError({ path: where, field: 'weekly.days', value: w.days, problem: 'must be a non-empty list of Sun, Mon, Tue, Wed, Thu, Fri, Sat', fix: 'e.g. days: ["Sat", "Sun"]' });
  }
  const slot = hash % (days.length * length);
  const day = days[Math.floor(slot / length)];
  const m = start + (slot % length);
  // A window past midnight starts on the chosen day and ends on the next one.
  const dow = (day + Math.floor(m / 1440)) % 7;
  const mm = m % 1440;
  return {
    expression: `${mm % 60} ${Math.floor(mm / 60)} * * ${dow}`,
    description: `Weekly on ${days.map((d) => DAY_TITLES[d]).join('/')} between ${w.between} and ${w.and} (chose ${DAY_TITLES[dow]} ${clock(mm)})`,
  };
}

/** Start minute of the day and length in minutes of a window; wraps past midnight. */
function windowOf(where: string, kind: string, w: SpreadWindow): { start: number; length: number } {
  const start = parseClock(w?.between);
  const end = parseClock(w?.and);
  const problems: ConfigErrorDetails[] = [];
  if (start === undefined) problems.push({ path: where, field: `${kind}.between`, value: w?.between, problem: 'must be a time of day "HH:MM" from 00:00 to 23:59', fix: 'e.g. between: "01:00"' });
  if (end === undefined) problems.push({ path: where, field: `${kind}.and`, value: w?.and, problem: 'must be a time of day "HH:MM" from 00:00 to 23:59', fix: 'e.g. and: "05:00"' });
  if (problems.length === 0 && start === end) problems.push({ path: where, field: `${kind}.and`, value: w.and, problem: 'must differ from between (an empty window)', fix: 'give a window of at least one minute, e.g. between "01:00" and "05:00"' });
  if (problems.length > 0) throw new BatchConfigError(problems);
  return { start: start!, length: ((end! - start! + 1440) % 1440) };
}

function parseClock(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(\d{1,2}):(\d{2})$/.exec(v);
  if (!m) return undefined;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  return h <= 23 && mi <= 59 ? h * 60 + mi : undefined;
}

function clock(m: number): string {
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
