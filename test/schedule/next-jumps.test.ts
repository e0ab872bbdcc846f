import fc from 'fast-check';
import { CronSchedule } from '../../src/schedule/cron-schedule';
import { goDate, wallOf } from '../../src/schedule/go-time';
import { dayMatches, goNext } from '../../src/schedule/next';
import { SpecSchedule } from '../../src/schedule/parser';
import { loadLocation, Zone } from '../../src/schedule/zones';

// goNext skips hours, minutes and seconds that cannot match in one jump when the zone's offset
// does not change on the way. The oracle here is robfig's loop taken literally, one unit per step.
function steppedNext(s: SpecSchedule, from: number): number | undefined {
  const zone = s.zone ?? Zone.UTC;
  let t = Math.floor(from) + 1;
  let w = wallOf(t, zone);
  let added = false;
  const yearLimit = w.year + 5;
  const set = (i: number) => { t = i; w = wallOf(t, zone); };
  wrap: for (;;) {
    if (w.year > yearLimit) return undefined;
    while (!s.month[w.month]) {
      if (!added) { added = true; set(goDate(w.year, w.month, 1, 0, 0, 0, zone)); }
      set(goDate(w.year, w.month + 1, w.day, w.hour, w.minute, w.second, zone));
      if (w.month === 1) continue wrap;
    }
    while (!dayMatches(s, w)) {
      if (!added) { added = true; set(goDate(w.year, w.month, w.day, 0, 0, 0, zone)); }
      set(goDate(w.year, w.month, w.day + 1, w.hour, w.minute, w.second, zone));
      if (w.hour !== 0) set(t + (w.hour > 12 ? (24 - w.hour) * 3600 : -w.hour * 3600));
      if (w.day === 1) continue wrap;
    }
    while (!s.hour[w.hour]) {
      if (!added) { added = true; set(goDate(w.year, w.month, w.day, w.hour, 0, 0, zone)); }
      set(t + 3600);
      if (w.hour === 0) continue wrap;
    }
    while (!s.minute[w.minute]) {
      if (!added) { added = true; set(Math.floor(t / 60) * 60); }
      set(t + 60);
      if (w.minute === 0) continue wrap;
    }
    while (w.second !== 0) {
      added = true;
      set(t + 1);
      if (w.second === 0) continue wrap;
    }
    return t;
  }
}

// Zones with 1-hour, 30-minute (Lord_Howe) and 45-minute (Chatham) changes, and none.
const ZONES = ['Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo', 'Asia/Kathmandu', 'Etc/UTC'];
const zoneOf = (name: string) => (loadLocation(name) as { zone: Zone }).zone;
/** Every offset change of a zone in 2025-2027 (found day by day), to draw instants near them. */
function changes(zone: Zone): number[] {
  const out: number[] = [];
  for (let t = Date.UTC(2025, 0, 1) / 1000; t < Date.UTC(2028, 0, 1) / 1000; t += 86400) {
    if (zone.offsetAt(t) !== zone.offsetAt(t + 86400)) out.push(t);
  }
  return out;
}
const CHANGES = new Map(ZONES.map((z) => [z, changes(zoneOf(z))]));

const list = (min: number, max: number) => fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 4 }).map((xs) => xs.join(','));
const schedule = fc.tuple(
  fc.oneof(list(0, 59), fc.constant('*'), fc.integer({ min: 1, max: 30 }).map((n) => `*/${n}`)),
  fc.oneof(list(0, 23), fc.constant('*'), fc.integer({ min: 1, max: 12 }).map((n) => `*/${n}`)),
  fc.oneof(fc.constant('*'), list(1, 31)),
  fc.oneof(fc.constant('*'), list(1, 12)),
  fc.oneof(fc.constant('*'), list(0, 6)),
).map((f) => f.join(' '));
/** An instant within two days of an offset change (or anywhere, for zones without one). */
const near = (zone: string) => fc.tuple(fc.nat(), fc.integer({ min: -2 * 86400, max: 2 * 86400 })).map(([i, d]) => {
  const cs = CHANGES.get(zone)!;
  return cs.length === 0 ? Date.UTC(2026, 0, 1) / 1000 + d * 90 : cs[i % cs.length] + d;
});

test('goNext equals robfig\'s one-step-at-a-time loop, around every kind of offset change', () => {
  fc.assert(fc.property(fc.constantFrom(...ZONES).chain((z) => fc.tuple(fc.constant(z), schedule, near(z))), ([zone, expr, from]) => {
    const s = CronSchedule.parse(expr, { timeZone: zone })._schedule as SpecSchedule;
    let a: number | undefined = from;
    let b: number | undefined = from;
    // A chain of runs, as the controller and the interval analysis call it.
    for (let i = 0; i < 4 && a !== undefined; i++) {
      a = goNext(s, a);
      b = steppedNext(s, b!);
      expect(a).toBe(b);
    }
  }), { numRuns: 1500, seed: 20261125 });
});

test('Zone.changesWithin agrees with the offset read second by second', () => {
  const cases = fc.constantFrom(...ZONES).chain((z) => fc.tuple(fc.constant(z), near(z), fc.integer({ min: 1, max: 4 * 3600 })));
  fc.assert(fc.property(cases, ([name, a, span]) => {
    const zone = zoneOf(name);
    const at = zone.offsetAt(a);
    let changed = false;
    for (let t = a + 1; t <= a + span && !changed; t++) changed = zone.offsetAt(t) !== at;
    expect(zone.changesWithin(a, a + span)).toBe(changed);
  }), { numRuns: 400, seed: 7 });
});
