import { controllerChain } from './chain';
import { CronSchedule, scheduleIntervals } from '../../src';

/**
 * The interval analysis takes a fast path on days without an offset change; it must agree with the
 * controller's own chain of Next calls, run by run, including the zones whose DST changes are not
 * whole hours (Lord_Howe's 30 minutes: robfig's Next from the last run before the change skips the
 * next day's run, so the longest gap there is 48.5 h, not 24.5 h).
 */
const zones = ['Australia/Lord_Howe', 'Pacific/Chatham', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Etc/UTC', 'America/Santiago', 'Asia/Tehran'];
const expressions = ['0 0 * * *', '30 2 * * *', '0 */6 * * *', '15 1 * * 0', '0 2 1 * *', '45 1,2,3 * * *', '*/20 1-3 * * *', '0 0 5 4 *'];
const from = new Date('2026-01-01T00:00:00Z');

describe.each(zones)('%s', (zone) => {
  test.each(expressions)('%s: runs, shortest and longest gap as the controller chains them', (expression) => {
    const s = CronSchedule.parse(expression, { timeZone: zone });
    const iv = scheduleIntervals(s, { from });
    expect({ runs: iv.runs, shortest: iv.shortestSeconds, longest: iv.longestSeconds }).toEqual(controllerChain(s, from, 365));
  });
});

test('Lord_Howe: the daily run after the April change is skipped, a 48.5 h gap', () => {
  expect(scheduleIntervals(CronSchedule.parse('0 0 * * *', { timeZone: 'Australia/Lord_Howe' }), { from }).longestSeconds).toBe(48.5 * 3600);
});
