import { Duration, Testing } from 'cdk8s';
import { ProductionCronJob } from '../../src/constructs/production-cron-job';
import { NightlyReportCronJob } from '../../src/presets/nightly-report-cron-job';
import { apiServerScheduleErrors, CronSchedule } from '../../src/schedule';
import { SPREAD_ANNOTATION, spreadSchedule, SpreadSchedule, stableHash } from '../../src/schedule/spread';
import { chart as newChart, container, requests } from '../constructs/helpers';

const names = Array.from({ length: 2000 }, (_, i) => `team-${i % 37}/job-${i}`);

/** Pearson's chi-square statistic of counts against a uniform expectation. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((acc, c) => acc + (c - expected) ** 2 / expected, 0);
}

describe('stableHash', () => {
  test('is FNV-1a based and fixed: known values never change between releases', () => {
    // Pinned: a change here moves every spread CronJob in every cluster.
    expect(stableHash('a')).not.toBe(stableHash('b'));
    expect(stableHash('reports/nightly')).toBe(4215558955);
  });
});

describe('spreadSchedule', () => {
  test('daily: the example from the docs, stable across calls', () => {
    const a = spreadSchedule({ key: 'reports/nightly', daily: { between: '01:00', and: '05:00' } });
    const b = spreadSchedule({ key: 'reports/nightly', daily: { between: '01:00', and: '05:00' } });
    expect(a).toBe(b);
    expect(a).toBe('55 4 * * *');
  });

  test('daily: every choice is in the window, Kubernetes-valid, and spread uniformly', () => {
    const counts = new Array(240).fill(0);
    for (const key of names) {
      const expr = spreadSchedule({ key, daily: { between: '01:00', and: '05:00' } });
      expect(apiServerScheduleErrors(expr)).toEqual([]);
      const [m, h, ...rest] = expr.split(' ');
      expect(rest).toEqual(['*', '*', '*']);
      const minuteOfDay = Number(h) * 60 + Number(m);
      expect(minuteOfDay).toBeGreaterThanOrEqual(60);
      expect(minuteOfDay).toBeLessThan(300);
      counts[minuteOfDay - 60]++;
    }
    // 239 degrees of freedom: the 99.9th percentile of chi-square is about 320. A constant or
    // badly clustered hash gives thousands.
    expect(chiSquare(counts)).toBeLessThan(320);
    // Ten 24-minute buckets: none is empty or holds double its share.
    const buckets = new Array(10).fill(0);
    counts.forEach((c, i) => { buckets[Math.floor(i / 24)] += c; });
    for (const b of buckets) expect(b).toBeGreaterThan(100);
    for (const b of buckets) expect(b).toBeLessThan(400);
  });

  test('daily: a window across midnight wraps to the next day', () => {
    for (const key of names.slice(0, 300)) {
      const [m, h] = spreadSchedule({ key, daily: { between: '23:30', and: '00:30' } }).split(' ').map(Number);
      const minuteOfDay = h * 60 + m;
      expect(minuteOfDay >= 23 * 60 + 30 || minuteOfDay < 30).toBe(true);
    }
  });

  test('hourly: minute in range and uniform', () => {
    const counts = new Array(50).fill(0);
    for (const key of names) {
      const expr = spreadSchedule({ key, hourly: { fromMinute: 5, toMinute: 54 } });
      expect(apiServerScheduleErrors(expr)).toEqual([]);
      const m = Number(expr.split(' ')[0]);
      expect(expr).toBe(`${m} * * * *`);
      counts[m - 5]++;
    }
    // 49 degrees of freedom: 99.9th percentile about 86.
    expect(chiSquare(counts)).toBeLessThan(86);
  });

  test('weekly: only the given days, in the window, uniform over days', () => {
    const perDay = [0, 0, 0, 0, 0, 0, 0];
    for (const key of names) {
      const s = SpreadSchedule.of({ key, weekly: { days: ['sat', 'Sun'], between: '02:00', and: '04:00' } });
      expect(apiServerScheduleErrors(s.expression)).toEqual([]);
      const [m, h, dom, month, dow] = s.expression.split(' ');
      expect([dom, month]).toEqual(['*', '*']);
      expect(['0', '6']).toContain(dow);
      expect(Number(h) * 60 + Number(m)).toBeGreaterThanOrEqual(120);
      expect(Number(h) * 60 + Number(m)).toBeLessThan(240);
      perDay[Number(dow)]++;
    }
    expect(perDay[0] + perDay[6]).toBe(names.length);
    expect(Math.abs(perDay[0] - perDay[6])).toBeLessThan(200);
  });

  test('the spread schedule fires once a day at the chosen time', () => {
    const expr = spreadSchedule({ key: 'x/y', daily: { between: '01:00', and: '05:00' } });
    const runs = CronSchedule.parse(expr).next(new Date('2026-01-01T00:00:00Z'), 3);
    expect(runs[1].getTime() - runs[0].getTime()).toBe(86400000);
  });

  test('description says it was spread and what was chosen', () => {
    const s = SpreadSchedule.of({ key: 'reports/nightly', daily: { between: '01:00', and: '05:00' } });
    expect(s.description).toBe('Daily between 01:00 and 05:00 (chose 04:55), spread by a stable hash of "reports/nightly"');
    expect(`${s}`).toBe(s.expression);
    expect(SpreadSchedule.descriptionFor('reports/nightly', s.expression)).toBe(s.description);
    expect(SpreadSchedule.descriptionFor('reports/nightly', '0 0 * * *')).toBeUndefined();
  });

  test.each([
    [{ key: '', daily: { between: '01:00', and: '05:00' } }, /key must be a non-empty string/],
    [{ key: 'a/b' }, /must name exactly one of hourly, daily or weekly/],
    [{ key: 'a/b', daily: { between: '1am', and: '05:00' } }, /daily.between must be a time of day "HH:MM".*\(got "1am"\)\. Fix: /],
    [{ key: 'a/b', daily: { between: '01:00', and: '24:00' } }, /daily.and must be a time of day/],
    [{ key: 'a/b', daily: { between: '01:00', and: '01:00' } }, /must differ from between/],
    [{ key: 'a/b', hourly: { fromMinute: 50, toMinute: 10 } }, /hourly.toMinute must not be before fromMinute/],
    [{ key: 'a/b', hourly: { fromMinute: 60 } }, /hourly.fromMinute must be a whole minute from 0 to 59/],
    [{ key: 'a/b', weekly: { days: ['Someday'], between: '01:00', and: '02:00' } }, /weekly.days must be a non-empty list/],
  ])('bad options are reported with the field and a fix: %j', (options, message) => {
    expect(() => SpreadSchedule.of(options as any)).toThrow(message);
  });
});

describe('spread schedules in constructs', () => {
  test('ProductionCronJob synthesizes the spread expression and records the description', () => {
    const chart = newChart();
    const schedule = spreadSchedule({ key: 'batch/nightly-export', daily: { between: '01:00', and: '05:00' } });
    new ProductionCronJob(chart, 'nightly', { metadata: { name: 'nightly-export' }, schedule, activeDeadline: Duration.minutes(30), containers: [container()] });
    const cron = Testing.synth(chart).find((o) => o.kind === 'CronJob');
    expect(cron.spec.schedule).toBe(schedule);
    expect(cron.metadata.annotations[SPREAD_ANNOTATION]).toMatch(/^Daily between 01:00 and 05:00 \(chose \d\d:\d\d\), spread by a stable hash of "batch\/nightly-export"$/);
  });

  test('a hand-written schedule gets no spread annotation', () => {
    const chart = newChart();
    new NightlyReportCronJob(chart, 'report', { image: 'example.com/report:1.0', resources: requests(), timeZone: 'Europe/Berlin', schedule: '0 4 * * *' } as any);
    const cron = Testing.synth(chart).find((o) => o.kind === 'CronJob');
    expect(cron.metadata.annotations?.[SPREAD_ANNOTATION]).toBeUndefined();
  });

  test('a preset takes a spread schedule too', () => {
    const chart = newChart();
    const schedule = SpreadSchedule.of({ key: 'reports/sales', daily: { between: '04:00', and: '06:00' } }).expression;
    new NightlyReportCronJob(chart, 'report', { name: 'sales', namespace: 'reports', image: 'example.com/report:1.0', resources: requests(), timeZone: 'Europe/Berlin', schedule } as any);
    const cron = Testing.synth(chart).find((o) => o.kind === 'CronJob');
    expect(cron.spec.schedule).toBe(schedule);
    expect(cron.metadata.annotations[SPREAD_ANNOTATION]).toContain('Daily between 04:00 and 06:00');
  });
});
