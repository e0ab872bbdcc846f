import fc from 'fast-check';
import { controllerChain } from './chain';
import { CronSchedule, scheduleIntervals } from '../../src';
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
