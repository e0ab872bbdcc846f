import { cronJob, DAYS, FROM, SPRING_RUNS, springFleet } from './fleet';
import { DEFAULT_PILE_UP_THRESHOLD, fleetFindings, fleetFindingsByIndex } from '../../src/report/findings';
import { analyzeFleet, fleetCronJobs, zoneOf } from '../../src/report/fleet';
import { fleetLoad } from '../../src/report/load';
import { Zone } from '../../src/schedule/zones';
import { SUPPRESSIONS_ANNOTATION } from '../../src/validation/engine';

const ids = (fs: Array<{ ruleId: string; name: string }>, rule: string) => fs.filter((f) => f.ruleId === rule).map((f) => f.name).sort();

describe('fleet analysis', () => {
  const a = analyzeFleet(fleetCronJobs(springFleet()), FROM, DAYS);

  test('runs per CronJob in the known week, DST skip included', () => {
    const counts = Object.fromEntries(a.jobs.map((j, i) => [j.key, a.runs[i].length]));
    expect(counts).toEqual(SPRING_RUNS);
  });

  test('the skipped Sunday run and the zone change are found', () => {
    expect(a.skipped.map((s) => [a.jobs[s.job].key, s.localTime, new Date(s.at * 1000).toISOString()])).toEqual([
      ['billing/invoice', '2026-03-29 02:00', '2026-03-29T01:00:00.000Z'],
    ]);
    expect(a.zoneChanges).toEqual([{ zone: 'Europe/Berlin', at: Date.parse('2026-03-29T01:00:00Z') / 1000, before: 3600, after: 7200 }]);
  });

  test('kind: List items are read, Jobs and other kinds are not', () => {
    const jobs = fleetCronJobs([{ apiVersion: 'v1', kind: 'List', items: [cronJob('x', 'in-list', '0 3 * * *')] }, { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' } }]);
    expect(jobs.map((j) => j.key)).toEqual(['x/in-list']);
  });
});

describe('schedule-pile-up', () => {
  test('fires on each of the 7 CronJobs starting at 00:00 UTC, not on the 5 at 02:00 (at the limit)', () => {
    const f = fleetFindings(springFleet(), { from: FROM, days: DAYS });
    expect(DEFAULT_PILE_UP_THRESHOLD).toBe(5);
    expect(ids(f, 'schedule-pile-up')).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6']);
    const one = f.find((x) => x.ruleId === 'schedule-pile-up')!;
    expect(one).toMatchObject({ severity: 'warning', kind: 'CronJob', path: 'spec.schedule' });
    expect(one.message).toContain('7 CronJobs start in the same minute, 00:00 UTC on 7 days of the window from 2026-03-23, more than the limit of 5');
    expect(one.fix).toMatch(/SpreadSchedule\.of\(\{ key: 'etl\/a-0', daily: \{ between: '00:00', and: '02:00' \} \}\) gives "\d+ [01] \* \* \*"/);
  });

  test('the threshold is configurable: 4 makes the 02:00 group a pile-up too', () => {
    const f = fleetFindings(springFleet(), { from: FROM, days: DAYS, pileUpThreshold: 4 });
    expect(ids(f, 'schedule-pile-up')).toEqual(['a-0', 'a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6', 'b-0', 'b-1', 'b-2', 'b-3', 'b-4']);
  });

  test('suppressions with a reason silence it on that CronJob only', () => {
    const fleet = springFleet();
    fleet[0].metadata.annotations = { [SUPPRESSIONS_ANNOTATION]: JSON.stringify([{ id: 'schedule-pile-up', reason: 'the backup window' }]) };
    const f = fleetFindings(fleet, { from: FROM, days: DAYS });
    expect(ids(f, 'schedule-pile-up')).toEqual(['a-1', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6']);
  });

  test('spread schedules do not pile up', () => {
    const fleet = Array.from({ length: 12 }, (_, i) => cronJob('etl', `s-${i}`, `${(i * 7) % 60} ${1 + (i % 4)} * * *`));
    expect(fleetFindings(fleet, { from: FROM, days: DAYS })).toEqual([]);
  });
});

describe('dst-overlap', () => {
  test('winter-only overlap of a Berlin CronJob with a UTC one, found in the week of the change, on the CronJob DST moves', () => {
    const f = fleetFindings(springFleet(), { from: FROM, days: DAYS });
    expect(ids(f, 'dst-overlap')).toEqual(['invoice']);
    const inv = f.find((x) => x.ruleId === 'dst-overlap' && x.name === 'invoice')!;
    expect(inv.message).toBe('"0 2 * * *" in Europe/Berlin: DST brings its runs together with billing/export: they overlap only while Europe/Berlin is on the offset in force then, '
      + 'not with its other offset of the window (runs last up to 30m); 6 times in the window, first at 2026-03-23 01:00 UTC (Europe/Berlin on UTC+01:00, UTC on UTC+00:00)');
  });

  test('quiet against an hourly CronJob that it meets in both seasons', () => {
    const fleet = [cronJob('x', 'berlin', '0 2 * * *', { timeZone: 'Europe/Berlin', ads: 1800 }), cronJob('x', 'hourly', '10 * * * *', { ads: 600 })];
    expect(fleetFindings(fleet, { from: FROM, days: DAYS })).toEqual([]);
  });

  test('quiet in a week without a DST change (nothing to compare against) and for same-zone pairs', () => {
    const f = fleetFindings(springFleet(), { from: new Date('2026-02-02T00:00:00Z'), days: 7 });
    expect(ids(f, 'dst-overlap')).toEqual([]);
    const same = [cronJob('x', 'p', '0 2 * * *', { timeZone: 'Europe/Berlin', ads: 3600 }), cronJob('x', 'q', '30 2 * * *', { timeZone: 'Europe/Berlin', ads: 3600 })];
    expect(fleetFindings(same, { from: FROM, days: DAYS })).toEqual([]);
  });

  test('over the default year, a doubled run that overlaps its twin under Allow, not under Forbid', () => {
    const allow = fleetFindings([cronJob('x', 'twice', '30 2 * * *', { timeZone: 'Europe/Berlin', ads: 7200, policy: 'Allow' })]);
    expect(allow.map((x) => [x.ruleId, x.name])).toEqual([['dst-overlap', 'twice']]);
    expect(allow[0].message).toContain('run twice in Europe/Berlin and the two runs overlap');
    expect(allow[0].message).toContain('2026-10-25 01:30 UTC');
    const forbid = fleetFindings([cronJob('x', 'twice', '30 2 * * *', { timeZone: 'Europe/Berlin', ads: 7200, policy: 'Forbid' })]);
    expect(forbid).toEqual([]);
  });

  test('suppressed with a reason', () => {
    const fleet = springFleet();
    const invoice = fleet.find((m) => m.metadata.name === 'invoice');
    invoice.metadata.annotations = { [SUPPRESSIONS_ANNOTATION]: JSON.stringify([{ id: 'dst-overlap', reason: 'export reads yesterday only' }]) };
    expect(ids(fleetFindings(fleet, { from: FROM, days: DAYS }), 'dst-overlap')).toEqual([]);
    invoice.metadata.annotations = { [SUPPRESSIONS_ANNOTATION]: JSON.stringify([{ id: 'dst-overlap', reason: ' ' }]) };
    expect(ids(fleetFindings(fleet, { from: FROM, days: DAYS }), 'dst-overlap')).toEqual(['invoice']);
  });
});

describe('the pile-up fix', () => {
  test('never suggests the DST-change hours in a zone with DST, even in a week without a change', () => {
    const fleet = Array.from({ length: 6 }, (_, i) => cronJob('x', `berlin-${i}`, '0 2 * * *', { timeZone: 'Europe/Berlin', ads: 600 }));
    const f = fleetFindings(fleet, { from: new Date('2026-01-12T00:00:00Z'), days: 7 });
    expect(f).toHaveLength(6);
    for (const x of f) expect(x.fix).toContain("daily: { between: '04:00', and: '06:00' }");
    const utc = fleetFindings(Array.from({ length: 6 }, (_, i) => cronJob('x', `utc-${i}`, '0 2 * * *', { ads: 600 })), { from: new Date('2026-01-12T00:00:00Z'), days: 7 });
    for (const x of utc) expect(x.fix).toContain("daily: { between: '02:00', and: '04:00' }");
  });
});

describe('fleet load', () => {
  const a = analyzeFleet(fleetCronJobs(springFleet()), FROM, DAYS);

  test('peaks are named by time of day in the display zone, busiest first', () => {
    const load = fleetLoad(a, Zone.UTC);
    expect(load.peaks.map((p) => [p.count, p.smallest, p.clock, p.days])).toEqual([[7, 7, '00:00', 7], [5, 5, '02:00', 7], [2, 2, '01:00', 6]]);
    expect(load.maxConcurrent).toEqual({ count: 7, at: Date.parse('2026-03-23T00:00:00Z') / 1000 });
    // 01:00-01:30 export and invoice run together (Mon-Sat); the hour after, nothing.
    expect(load.concurrentPerHour[1]).toBe(2);
    expect(load.concurrentPerHour[3]).toBe(0);
    const berlin = fleetLoad(a, zoneOf('Europe/Berlin'));
    expect(berlin.peaks[0].clock).toBe('01:00');
  });

  test('a run covering whole hours counts in each of them', () => {
    const long = analyzeFleet(fleetCronJobs([cronJob('x', 'long', '0 0 * * *', { ads: 5 * 3600 })]), FROM, 1);
    expect(fleetLoad(long, Zone.UTC).concurrentPerHour.slice(0, 6)).toEqual([1, 1, 1, 1, 1, 0]);
  });
});

describe('fleetFindingsByIndex', () => {
  test('each finding carries the index of its manifest (a List\'s own index for its items)', () => {
    const fleet = springFleet();
    const inputs = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }, { apiVersion: 'v1', kind: 'List', items: fleet.slice(0, 3) }, ...fleet.slice(3)];
    const located = fleetFindingsByIndex(inputs, { from: FROM, days: DAYS });
    expect(located.map((l) => l.finding)).toEqual(fleetFindings(fleet, { from: FROM, days: DAYS }));
    for (const { index, finding } of located) {
      const m = inputs[index];
      const names = m.kind === 'List' ? m.items.map((i: any) => i.metadata.name) : [m.metadata.name];
      expect(names).toContain(finding.name);
    }
    expect(located.filter((l) => l.index === 1)).toHaveLength(3);
  });
});
