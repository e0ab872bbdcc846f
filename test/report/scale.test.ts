import { cronJob, DAYS, FROM } from './fleet';
import { analyzeFindings, fleetFindings } from '../../src/report/findings';
import { analyzeFleet, fleetCounters, fleetCronJobs } from '../../src/report/fleet';

/**
 * 2,000 CronJobs, 200 copies of each of 10 (schedule, zone) pairs, over the default year
 * (2026-01-01 + 366 days). Counted by hand (all runs 10 min unless said):
 * - '0 0 * * *' UTC: one pile at 00:00 -> 200 pile-ups;
 * - '*' + '/15 * * * *' Etc/UTC: 96 runs a day, too frequent for the fleet rules -> nothing;
 * - '30 2 * * *' Europe/Berlin, 2h, Allow: piles at 01:30 (winter) and 00:30 UTC (summer) -> 400;
 *   run twice on 2026-10-25, the two runs overlap -> 200 dst-overlap;
 * - '0 12 * * *' America/New_York: piles at 17:00 and 16:00 UTC -> 400; in summer it meets
 *   '5 16 * * *' Etc/UTC (16:05) -> 200 dst-overlap;
 * - '5 16 * * *' Etc/UTC -> 200; '0 6 * * 1' -> 200; '0 18 1 * *' -> 200;
 * - '20 8-10 * * *': three piles -> 600; '0 20 * * *' Australia/Sydney: 09:00 and 10:00 UTC -> 400
 *   (never meets 08:20-10:30's runs); '45 22 * * 0' Etc/UTC -> 200.
 */
function bigFleet(): any[] {
  const kinds: Array<[string, string | undefined, number, string?]> = [
    ['0 0 * * *', undefined, 600],
    ['*/15 * * * *', 'Etc/UTC', 600],
    ['30 2 * * *', 'Europe/Berlin', 7200, 'Allow'],
    ['0 12 * * *', 'America/New_York', 600],
    ['5 16 * * *', 'Etc/UTC', 600],
    ['0 6 * * 1', undefined, 600],
    ['0 18 1 * *', undefined, 600],
    ['20 8-10 * * *', undefined, 600],
    ['0 20 * * *', 'Australia/Sydney', 600],
    ['45 22 * * 0', 'Etc/UTC', 600],
  ];
  return Array.from({ length: 2000 }, (_, i) => {
    const [schedule, timeZone, ads, policy] = kinds[i % 10];
    return cronJob(`ns${i % 20}`, `job-${String(i).padStart(4, '0')}`, schedule, { timeZone, ads, policy });
  });
}

describe('fleet rules at scale', () => {
  const before = fleetCounters.scheduleExpansions;
  const f = fleetFindings(bigFleet());
  const expansions = fleetCounters.scheduleExpansions - before;

  test('each distinct (schedule, zone) is expanded once, not once per CronJob', () => {
    expect(expansions).toBe(10);
  });

  test('the hand-counted findings', () => {
    const count = (rule: string) => f.filter((x) => x.ruleId === rule).length;
    expect(count('schedule-pile-up')).toBe(2800);
    expect(count('dst-overlap')).toBe(400);
    // The ineligible every-15-minutes CronJobs (i % 10 === 1) take part in nothing.
    expect(f.filter((x) => Number(x.name.slice(4)) % 10 === 1)).toEqual([]);
  });

  test('messages name the first four others and count the rest', () => {
    const pile = f.find((x) => x.ruleId === 'schedule-pile-up' && x.name === 'job-0000')!;
    expect(pile.message).toContain('200 CronJobs start in the same minute, 00:00 UTC on 366 days of the window from 2026-01-01');
    expect(pile.message).toContain('with ns0/job-0020, ns0/job-0040, ns0/job-0060, ns0/job-0080 and 195 more;');
    const ny = f.find((x) => x.ruleId === 'dst-overlap' && x.name === 'job-0003')!;
    expect(ny.message).toBe('"0 12 * * *" in America/New_York: DST brings its runs together with ns14/job-0014, ns14/job-0034, ns14/job-0054, ns14/job-0074 and 196 more: '
      + 'they overlap only while America/New_York is on the offset in force then, not with its other offset of the window (runs last up to 10m); '
      + '238 times in the window, first at 2026-03-08 16:05 UTC (America/New_York on UTC-04:00, Etc/UTC on UTC+00:00)');
    const twin = f.find((x) => x.ruleId === 'dst-overlap' && x.name === 'job-0002')!;
    expect(twin.message).toContain('DST makes it run twice in Europe/Berlin and the two runs overlap');
    expect(twin.message).toContain('at 2026-10-25 01:30 UTC');
  });

  test('the same schedule in another zone is another expansion', () => {
    const start = fleetCounters.scheduleExpansions;
    fleetFindings([cronJob('a', 'x', '0 3 * * *'), cronJob('a', 'y', '0 3 * * *'), cronJob('a', 'z', '0 3 * * *', { timeZone: 'Europe/Berlin' })], { days: 7 });
    expect(fleetCounters.scheduleExpansions - start).toBe(2);
  });
});

describe('CronJobs sharing a schedule', () => {
  test('related lists are complete and exclude the CronJob itself', () => {
    const fleet = Array.from({ length: 40 }, (_, i) => cronJob('x', `j-${String(i).padStart(2, '0')}`, '0 0 * * *', { ads: 600 }));
    const f = analyzeFindings(analyzeFleet(fleetCronJobs(fleet), FROM, DAYS));
    expect(f).toHaveLength(40);
    expect(f[3].related).toEqual(Array.from({ length: 40 }, (_, i) => i).filter((i) => i !== 3));
    expect(f[3].at).toHaveLength(7);
  });

  test('with different run lengths, each length is judged on its own', () => {
    // Spring week: export runs 01:00-01:30 UTC. "0 2 * * *" Berlin with 30 min meets it only in
    // winter time (01:00 UTC); with 90 min it also meets it in summer time (00:00-01:30 UTC), so
    // that overlap is the schedules' doing, not DST's: quiet.
    const fleet = [
      cronJob('billing', 'export', '0 1 * * *', { ads: 1800 }),
      cronJob('billing', 'invoice', '0 2 * * *', { timeZone: 'Europe/Berlin', ads: 1800 }),
      cronJob('billing', 'invoice-long', '0 2 * * *', { timeZone: 'Europe/Berlin', ads: 5400 }),
    ];
    const start = fleetCounters.scheduleExpansions;
    const f = fleetFindings(fleet, { from: FROM, days: DAYS });
    expect(fleetCounters.scheduleExpansions - start).toBe(2);
    expect(f.map((x) => [x.ruleId, x.name])).toEqual([['dst-overlap', 'invoice']]);
    expect(f[0].message).toContain('DST brings its runs together with billing/export:');
  });
});
