import { CronSchedule } from './cron-schedule';
import { SpecSchedule } from './parser';

const MONTHS = ['', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * An English description of what the schedule means in Kubernetes, e.g.
 * "At 02:30, on day 13 of the month or on Friday (Europe/Berlin)". Built from the parsed fields,
 * so ranges, steps, names, `*-5` and descriptors all read the same, and the day-of-month /
 * day-of-week OR rule is spelled out.
 *
 * @jsii ignore
 */
export function describeSchedule(schedule: CronSchedule): string {
  const zone = schedule.timeZone ?? 'UTC, the controller\'s zone';
  const g = schedule._schedule;
  if (g.kind === 'every') {
    return `Every ${humanSeconds(g.seconds)} of elapsed time, counted from the previous run (time zone and DST do not apply)`;
  }
  const parts = [timeOfDay(g), days(g), months(g)].filter((x) => x.length > 0);
  return `${parts.join(', ')} (${zone})`;
}

function timeOfDay(s: SpecSchedule): string {
  const minutes = setOf(s.minute, 0, 59);
  const hours = setOf(s.hour, 0, 23);
  if (minutes.length === 0 || hours.length === 0) return 'Never';
  if (minutes.length === 60 && hours.length === 24) return 'Every minute';
  if (hours.length <= 4 && minutes.length <= 4) {
    const times = hours.flatMap((h) => minutes.map((m) => `${pad(h)}:${pad(m)}`));
    return `At ${list(times)}`;
  }
  const minutePart = minutes.length === 60 ? 'Every minute'
    : step(minutes, 0, 59) ? `Every ${step(minutes, 0, 59)} minutes`
      : `At minute ${list(ranges(minutes, String))}`;
  const hourPart = hours.length === 24 ? 'of every hour'
    : step(hours, 0, 23) ? `of every ${step(hours, 0, 23)} hours`
      : `during hour ${list(ranges(hours, (h) => pad(h)))}`;
  return minutes.length === 1 && hours.length === 24 ? `At minute ${minutes[0]} of every hour` : `${minutePart} ${hourPart}`;
}

function days(s: SpecSchedule): string {
  const dom = setOf(s.dom, 1, 31);
  const dow = setOf(s.dow, 0, 6);
  const domStep = step(dom, 1, 31);
  const domText = dom.length === 31 ? 'every day of the month'
    : domStep ? `on every ${ordinal(domStep)} day of the month from day 1`
      : `on day ${list(ranges(dom, String))} of the month`;
  const dowText = dow.length === 7 ? 'every day of the week' : `on ${list(ranges(dow, (d) => DAYS[d], ' through '))}`;
  if (dom.length === 0 || dow.length === 0) {
    if (s.domStar || s.dowStar) return 'on no day (never runs)';
  }
  if (s.domStar && s.dowStar) return '';
  if (s.domStar) return dow.length === 7 ? '' : dowText;
  if (s.dowStar) return dom.length === 31 ? '' : domText;
  // Neither field is "*": Kubernetes runs when EITHER matches.
  if (dom.length === 31 || dow.length === 7) return '';
  return `${domText} or ${dowText}`;
}

function months(s: SpecSchedule): string {
  const m = setOf(s.month, 1, 12);
  return m.length === 12 ? '' : `in ${list(ranges(m, (x) => MONTHS[x], ' through '))}`;
}

function setOf(bits: Uint8Array, min: number, max: number): number[] {
  const out: number[] = [];
  for (let i = min; i <= max; i++) if (bits[i]) out.push(i);
  return out;
}

/** The step when the set is exactly min, min+k, min+2k, ... up to max (k > 1). */
function step(values: number[], min: number, max: number): number | undefined {
  if (values.length < 2 || values[0] !== min) return undefined;
  const k = values[1] - values[0];
  if (k <= 1) return undefined;
  for (let i = 1; i < values.length; i++) if (values[i] - values[i - 1] !== k) return undefined;
  return values[values.length - 1] + k > max ? k : undefined;
}

function ranges(values: number[], name: (n: number) => string, through = '-'): string[] {
  const out: string[] = [];
  for (let i = 0; i < values.length;) {
    let j = i;
    while (j + 1 < values.length && values[j + 1] === values[j] + 1) j++;
    out.push(j - i >= 2 ? `${name(values[i])}${through}${name(values[j])}` : values.slice(i, j + 1).map(name).join(', '));
    i = j + 1;
  }
  return out;
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function ordinal(n: number): string {
  const suffix = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** Go's Duration.String for whole seconds: 1h30m0s. */
export function humanSeconds(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const sec = seconds % 60;
  if (h > 0) return `${h}h${m}m${sec}s`;
  if (m > 0) return `${m}m${sec}s`;
  return `${sec}s`;
}
