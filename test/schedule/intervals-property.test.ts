import fc from 'fast-check';
import { controllerChain } from './chain';
import { CronSchedule, firesEveryMonth, scheduleIntervals, shortestGapLowerBound } from '../../src';
import * as intervals from '../../src/schedule/intervals';
import { checkScheduleRisks } from '../../src/schedule/risks';

/**
 * The interval analysis takes shortcuts (a zone's calendar computed once, whole ordinary days
 * summed from the schedule's within-day pattern); random schedules in zones with whole-hour,
 * half-hour and 45-minute changes must give exactly what the controller's chain of Next calls
 * gives, run by run, from random starting instants.
 */
const list = (min: number, max: number, maxItems: number) =>
  fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: maxItems }).map((xs) => xs.sort((a, b) => a - b).join(','));
const dayField = (min: number, max: number) => fc.oneof(
  { weight: 3, arbitrary: fc.constant('*') },
  { weight: 1, arbitrary: list(min, max, 3) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min, max }), fc.integer({ min: 1, max: 4 })).map(([a, s]) => `${a}/${s}`) },
);
// At most 4 minutes × 6 hours a day, so the chain stays cheap over a year.
const expression = fc.tuple(list(0, 59, 4), fc.oneof(list(0, 23, 6), fc.constant('1-3')), dayField(1, 31), dayField(1, 12), dayField(0, 6))
  .map((f) => f.join(' '));
const zone = fc.constantFrom('Etc/UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Santiago', 'Asia/Tehran', 'Australia/Sydney');
const from = fc.integer({ min: Date.UTC(2025, 0, 1) / 1000, max: Date.UTC(2029, 0, 1) / 1000 }).map((s) => new Date(s * 1000));

test('scheduleIntervals equals the controller chain for random schedules, zones and windows', () => {
  fc.assert(fc.property(expression, zone, from, fc.integer({ min: 1, max: 400 }), (expr, timeZone, start, horizonDays) => {
    const s = CronSchedule.parse(expr, { timeZone });
    const iv = scheduleIntervals(s, { from: start, horizonDays });
    expect({ runs: iv.runs, shortest: iv.shortestSeconds, longest: iv.longestSeconds }).toEqual(controllerChain(s, start, horizonDays));
  }), { numRuns: 150, seed: 20261206 });
});

test('the DST risks are the same from a cold and a warm zone calendar, whatever was asked before', () => {
  // Same schedule asked in a different order must not change the answer (calendars are shared per zone).
  const exprs = ['30 2 * * *', '15 1 * * 0', '0 0 * * *', '45 1,2,3 * * *'];
  const forward = exprs.map((e) => checkScheduleRisks({ schedule: e, timeZone: 'America/New_York', from: new Date('2027-03-01T00:00:00Z') }));
  const backward = [...exprs].reverse().map((e) => checkScheduleRisks({ schedule: e, timeZone: 'America/New_York', from: new Date('2027-03-01T00:00:00Z') })).reverse();
  expect(backward).toEqual(forward);
  expect(forward[0].map((r) => r.code)).toContain('schedule-dst-gap');
});

/**
 * The checks skip the year-long interval analysis when a cheap bound shows a deadline is below
 * every gap between runs. The bound must never exceed what the analysis finds, and must be useful
 * (not 0) for most schedules that fire every day, DST zones included.
 */
// Every-day schedules with their runs anywhere in the day (the DST hours included), as fleets have them.
const everyDay = fc.tuple(list(0, 59, 3), fc.oneof(list(0, 23, 3), list(0, 4, 2), fc.constant('*/6'))).map(([m, h]) => `${m} ${h} * * *`);
const anySchedule = fc.oneof(everyDay, expression, fc.constantFrom('0 * * * *', '*/15 * * * *', '30 1 * * *', '0 0 29 2 *', '@every 90m'));
const zones = fc.constantFrom('Etc/UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Santiago', 'America/Havana', 'Asia/Tehran', 'Antarctica/Troll', 'Asia/Tokyo');

test('shortestGapLowerBound never exceeds the shortest gap the analysis finds, and is useful for every-day schedules', () => {
  let useful = 0;
  let usefulInDstZones = 0;
  let everyDayCases = 0;
  fc.assert(fc.property(anySchedule, zones, from, (expr, timeZone, start) => {
    const s = CronSchedule.parse(expr, { timeZone });
    const bound = shortestGapLowerBound(s, start);
    const iv = scheduleIntervals(s, { from: start });
    if (firesEveryMonth(s)) expect(iv.runs).toBeGreaterThanOrEqual(2);
    if (bound > 0) {
      expect(iv.runs).toBeGreaterThanOrEqual(2);
      expect(bound).toBeLessThanOrEqual(iv.shortestSeconds);
    }
    if (/^\S+ \S+ \* \* \*$/.test(expr)) {
      everyDayCases++;
      if (bound > 0) {
        useful++;
        if (!['Etc/UTC', 'Asia/Tokyo', 'Asia/Tehran'].includes(timeZone)) usefulInDstZones++;
      }
    }
  }), { numRuns: 400, seed: 20261207 });
  // Not vacuous: the bound answers for most every-day schedules, also where clocks change.
  expect(useful).toBeGreaterThan(everyDayCases / 3);
  expect(usefulInDstZones).toBeGreaterThan(20);
});

test('checkScheduleRisks without the info finding is the full answer less that finding, and mostly skips the analysis', () => {
  // Deadlines around the gaps DST makes: 1 h (a run repeated on the fall-back night), 23 h, 25 h.
  const nearGaps = fc.constantFrom(1800, 3599, 3600, 3601, 5400, 82799, 82800, 82801, 86400, 90000);
  const deadline = fc.option(fc.oneof(fc.integer({ min: 1, max: 7200 }), nearGaps), { nil: undefined });
  // Every-day schedules in the DST hours of Berlin and New York, often.
  const dstHours = fc.tuple(fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 3 })).map(([m, h]) => `${m} ${h} * * *`);
  const policy = fc.option(fc.constantFrom('Allow', 'Forbid', 'Replace'), { nil: undefined });
  const walks = jest.spyOn(intervals, 'scheduleIntervals');
  let lazyCalls = 0;
  let lazyWalks = 0;
  let deadlineWarnings = 0;
  fc.assert(fc.property(fc.oneof(anySchedule, dstHours), fc.oneof(zones, fc.constantFrom('Europe/Berlin', 'America/New_York')), from, deadline, policy, fc.option(fc.integer({ min: 0, max: 600 }), { nil: undefined }),
    (schedule, timeZone, start, activeDeadlineSeconds, concurrencyPolicy, startingDeadlineSeconds) => {
      const input = { schedule, timeZone, from: start, activeDeadlineSeconds, concurrencyPolicy, startingDeadlineSeconds };
      // The lazy answer first, on a fresh analysis (its window start is new).
      const before = walks.mock.calls.length;
      const lazy = checkScheduleRisks({ ...input, includeInfo: false });
      // Every-day schedules with a deadline of at most half an hour: the common case.
      if (/^\S+ \S+ \* \* \*$/.test(schedule) && (activeDeadlineSeconds ?? 0) <= 1800) {
        lazyCalls++;
        if (walks.mock.calls.length > before) lazyWalks++;
      }
      const full = checkScheduleRisks(input);
      expect(lazy).toEqual(full.filter((r) => r.severity !== 'info'));
      // Both answers use the bound: the deadline and never-fires findings are checked against the walk itself.
      const iv = scheduleIntervals(CronSchedule.parse(schedule, { timeZone }), { from: start });
      const exceeds = !iv.neverFires && activeDeadlineSeconds !== undefined && iv.runs >= 2 && activeDeadlineSeconds > iv.shortestSeconds;
      expect(lazy.some((r) => r.code.startsWith('deadline-exceeds-interval'))).toBe(exceeds);
      expect(lazy.some((r) => r.code === 'schedule-never-fires')).toBe(iv.neverFires);
      if (exceeds) deadlineWarnings++;
    }), { numRuns: 400, seed: 20261207 });
  walks.mockRestore();
  // Not vacuous: deadlines above the gap are found, and most lazy answers needed no walk.
  expect(deadlineWarnings).toBeGreaterThan(20);
  expect(lazyCalls).toBeGreaterThan(40);
  expect(lazyWalks).toBeLessThan(lazyCalls / 2);
});
