import fc from 'fast-check';
import { CronSchedule, parseForController } from '../../src/schedule/cron-schedule';
import { wallOf } from '../../src/schedule/go-time';
import { dayMatches } from '../../src/schedule/next';
import { parseStandard, SpecSchedule } from '../../src/schedule/parser';
import { loadLocation } from '../../src/schedule/zones';

/**
 * Random 5-field expressions in Kubernetes' dialect, including the forms the npm libraries get
 * wrong (*-N, N/step, empty list items, ? and names).
 */
const item = (min: number, max: number, names: string[] = []) => fc.oneof(
  fc.constant('*'), fc.constant('?'),
  fc.integer({ min, max }).map(String),
  fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
  fc.tuple(fc.integer({ min, max }), fc.integer({ min: 1, max: max - min + 2 })).map(([a, s]) => `${a}/${s}`),
  fc.integer({ min: 1, max: 30 }).map((s) => `*/${s}`),
  fc.integer({ min, max }).map((n) => `*-${n}`),
  ...(names.length > 0 ? [fc.constantFrom(...names)] : []),
);
const field = (min: number, max: number, names: string[] = []) =>
  fc.array(item(min, max, names), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(','));
const expression = fc.tuple(
  field(0, 59), field(0, 23), field(1, 31), field(1, 12, ['jan', 'JUN', 'dec']), field(0, 6, ['mon', 'FRI', 'sun']),
).map((f) => f.join(' '));

// Lord_Howe and Chatham have half-hour/45-minute DST shifts where robfig/cron (and so Kubernetes)
// returns runs that do not match or do not advance; the corpus covers those exactly. Properties
// that state what a correct scheduler does exclude them on purpose.
const zones = fc.constantFrom('Etc/UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'America/Sao_Paulo', 'Australia/Sydney');
const instant = fc.integer({ min: Date.UTC(2024, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }).map((s) => new Date(s * 1000));

function matches(schedule: CronSchedule, at: Date): boolean {
  const s = schedule._schedule as SpecSchedule;
  const zone = s.zone ?? (loadLocation('UTC') as any).zone;
  const w = wallOf(at.getTime() / 1000, zone);
  return w.second === 0 && s.minute[w.minute] === 1 && s.hour[w.hour] === 1 && s.month[w.month] === 1 && dayMatches(s, w);
}

describe('next() properties (fast-check)', () => {
  test('strictly increasing, and every run matches the expression in its zone', () => {
    fc.assert(fc.property(expression, zones, instant, (expr, timeZone, from) => {
      const s = CronSchedule.parse(expr, { timeZone });
      const runs = s.next(from, 5);
      let previous = from.getTime();
      for (const r of runs) {
        if (!(r.getTime() > previous)) return false;
        if (!matches(s, r)) return false;
        previous = r.getTime();
      }
      return true;
    }), { numRuns: 300, seed: 20261124 });
  });

  test('no run is skipped: a minute-by-minute scan finds the same runs (UTC, 3 days)', () => {
    fc.assert(fc.property(expression, instant, (expr, from) => {
      const s = CronSchedule.parse(expr, { timeZone: 'Etc/UTC' });
      const start = Math.floor(from.getTime() / 60000) * 60000;
      const end = start + 3 * 86400000;
      const scanned: number[] = [];
      for (let t = start + 60000; t <= end; t += 60000) if (matches(s, new Date(t))) scanned.push(t);
      const computed: number[] = [];
      let cursor = new Date(start);
      for (;;) {
        const n = s.nextAfter(cursor);
        if (!n || n.getTime() > end) break;
        computed.push(n.getTime());
        cursor = n;
      }
      expect(computed).toEqual(scanned);
    }), { numRuns: 60, seed: 7 });
  });

  test('no run is skipped in a DST zone away from transition days (Berlin, summer)', () => {
    const summer = fc.integer({ min: Date.UTC(2026, 4, 1) / 1000, max: Date.UTC(2026, 8, 1) / 1000 }).map((x) => new Date(x * 1000));
    fc.assert(fc.property(expression, summer, (expr, from) => {
      const s = CronSchedule.parse(expr, { timeZone: 'Europe/Berlin' });
      const start = Math.floor(from.getTime() / 60000) * 60000;
      const end = start + 2 * 86400000;
      const scanned: number[] = [];
      for (let t = start + 60000; t <= end; t += 60000) if (matches(s, new Date(t))) scanned.push(t);
      const computed = s.next(new Date(start), scanned.length + 1).map((d) => d.getTime()).filter((t) => t <= end);
      expect(computed).toEqual(scanned);
    }), { numRuns: 40, seed: 11 });
  });

  test('@every runs are exactly the duration apart, whatever the zone', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 200000 }), zones, instant, (seconds, timeZone, from) => {
      const runs = CronSchedule.parse(`@every ${seconds}s`, { timeZone }).next(from, 3);
      return runs[1].getTime() - runs[0].getTime() === seconds * 1000 && runs[2].getTime() - runs[1].getTime() === seconds * 1000;
    }), { numRuns: 100, seed: 3 });
  });
});

describe('the controller\'s parse (fast-check)', () => {
  // parseForController reuses the API server's parse of the bare schedule: it must be what
  // robfig's ParseStandard("TZ=<zone> <schedule>") builds, for accepted and rejected schedules.
  const written = fc.oneof(
    expression,
    fc.constantFrom('@daily', '@hourly', '@weekly', '@monthly', '@yearly', '@every 90m', ' @daily', '0 0 * * * ', '  5 4 * * 1', '@every 1d', '61 * * * *', '* * * *'),
    expression.map((e) => ` ${e}`),
  );
  test('equals ParseStandard of the TZ-prefixed spec', () => {
    fc.assert(fc.property(written, zones, (schedule, timeZone) => {
      const controller = parseForController(schedule, timeZone);
      const full = parseStandard(`TZ=${timeZone} ${schedule}`);
      expect(controller.spec).toBe(`TZ=${timeZone} ${schedule}`);
      if (full.ok) expect(controller.schedule).toEqual(full.schedule);
      else expect(controller).toEqual({ spec: `TZ=${timeZone} ${schedule}`, error: `UnparseableSchedule: ${full.error}` });
    }), { numRuns: 400, seed: 20261207 });
  });
});
