import fc from 'fast-check';
import { checkScheduleRisks, CronSchedule, scheduleDstRisks, shortestGapLowerBound } from '../../src';

const codes = (input: Parameters<typeof checkScheduleRisks>[0]) => checkScheduleRisks(input).map((r) => `${r.severity}:${r.code}`);

describe('checkScheduleRisks', () => {
  test('a well-behaved schedule only gets the outage note', () => {
    expect(codes({ schedule: '0 4 * * *', timeZone: 'Europe/Berlin', startingDeadlineSeconds: 300, activeDeadlineSeconds: 1800, concurrencyPolicy: 'Forbid' }))
      .toEqual(['info:missed-run-horizon']);
  });
  test('never fires', () => expect(codes({ schedule: '0 0 31 4 *' })).toEqual(['warning:schedule-never-fires']));
  test('DST gap and overlap in Berlin at 02:30, with the dates', () => {
    const risks = checkScheduleRisks({ schedule: '30 2 * * *', timeZone: 'Europe/Berlin' });
    expect(risks.find((r) => r.code === 'schedule-dst-gap')?.message).toContain('2026-03-29 02:30 does not exist in Europe/Berlin');
    expect(risks.find((r) => r.code === 'schedule-dst-ambiguous')?.message).toContain('2026-10-25 02:30 happens twice in Europe/Berlin');
  });
  test('no DST warning in UTC, for frequent schedules, or outside the change hours', () => {
    expect(codes({ schedule: '30 2 * * *', timeZone: 'Etc/UTC' })).not.toContain('warning:schedule-dst-gap');
    expect(codes({ schedule: '*/5 * * * *', timeZone: 'Europe/Berlin' })).not.toContain('warning:schedule-dst-gap');
    expect(codes({ schedule: '30 5 * * *', timeZone: 'Europe/Berlin' }).filter((c) => c.includes('dst'))).toEqual([]);
  });
  test('starting deadline 0 never starts; under 10 s is late', () => {
    expect(codes({ schedule: '0 * * * *', startingDeadlineSeconds: 0 })).toContain('warning:starting-deadline-too-short');
    expect(codes({ schedule: '0 * * * *', startingDeadlineSeconds: 5 })).toContain('warning:starting-deadline-too-short');
    expect(codes({ schedule: '0 * * * *', startingDeadlineSeconds: 10 })).not.toContain('warning:starting-deadline-too-short');
  });
  test('active deadline longer than the shortest gap, per concurrency policy', () => {
    const base = { schedule: '*/10 * * * *', activeDeadlineSeconds: 1800 };
    expect(codes({ ...base, concurrencyPolicy: 'Forbid' })).toContain('warning:deadline-exceeds-interval-forbid');
    expect(codes({ ...base, concurrencyPolicy: 'Allow' })).toContain('warning:deadline-exceeds-interval-allow');
    expect(codes({ ...base })).toContain('warning:deadline-exceeds-interval-allow');
    expect(codes({ ...base, concurrencyPolicy: 'Replace' })).toContain('warning:deadline-exceeds-interval-replace');
    expect(codes({ ...base, activeDeadlineSeconds: 600, concurrencyPolicy: 'Forbid' }).filter((c) => c.includes('deadline-exceeds'))).toEqual([]);
  });
  test('irregular schedules use the shortest gap (weekdays 09:00: 1 day)', () => {
    expect(codes({ schedule: '0 9 * * 1-5', activeDeadlineSeconds: 2 * 86400, concurrencyPolicy: 'Forbid' })).toContain('warning:deadline-exceeds-interval-forbid');
  });
  test('sub-minute @every', () => {
    expect(codes({ schedule: '@every 30s' })).toContain('warning:schedule-too-frequent');
    expect(codes({ schedule: '@every 1m' })).not.toContain('warning:schedule-too-frequent');
  });
  test('schedules the API server rejects are left to the API-server rules', () => expect(checkScheduleRisks({ schedule: '0 0 * * 7' })).toEqual([]));
});

describe('checkScheduleRisks without the info finding (what a synth printing warnings asks)', () => {
  test('leaves out the outage note and nothing else', () => {
    const input = { schedule: '0 4 * * *', timeZone: 'Europe/Berlin', startingDeadlineSeconds: 300, activeDeadlineSeconds: 1800, concurrencyPolicy: 'Forbid' };
    expect(codes({ ...input, includeInfo: false })).toEqual([]);
    expect(codes(input)).toEqual(['info:missed-run-horizon']);
  });
  test('a run repeated on the fall-back night is an hour after the first: a 90-minute deadline is longer than that gap', () => {
    const input = { schedule: '30 1 * * *', timeZone: 'America/New_York', activeDeadlineSeconds: 5400, concurrencyPolicy: 'Forbid' };
    expect(codes({ ...input, includeInfo: false })).toEqual(['warning:deadline-exceeds-interval-forbid', 'warning:schedule-dst-ambiguous']);
    expect(checkScheduleRisks({ ...input, includeInfo: false })[0].message).toContain('shortest gap between runs (1h)');
  });
  test('a daily run in spring-forward Berlin is 23 h after the one before: a deadline over that is reported', () => {
    expect(codes({ schedule: '0 12 * * *', timeZone: 'Europe/Berlin', activeDeadlineSeconds: 82801, includeInfo: false })).toEqual(['warning:deadline-exceeds-interval-allow']);
    expect(codes({ schedule: '0 12 * * *', timeZone: 'Europe/Berlin', activeDeadlineSeconds: 82800, includeInfo: false })).toEqual([]);
  });
  test('rare schedules still get the never-fires warning', () => {
    expect(codes({ schedule: '0 0 31 4 *', includeInfo: false })).toEqual(['warning:schedule-never-fires']);
    expect(codes({ schedule: '0 0 29 2 *', activeDeadlineSeconds: 60, includeInfo: false })).toEqual([]);
  });
});

test('scheduleDstRisks gives the DST findings of checkScheduleRisks alone', () => {
  for (const [schedule, timeZone] of [['30 2 * * *', 'Europe/Berlin'], ['30 1 * * *', 'America/New_York'], ['0 12 * * *', 'Europe/Berlin'], ['0 0 31 4 *', 'Europe/Berlin'], ['*/5 * * * *', 'America/New_York']]) {
    expect(scheduleDstRisks(schedule, timeZone)).toEqual(checkScheduleRisks({ schedule, timeZone }).filter((r) => r.code.startsWith('schedule-dst-')));
  }
  expect(scheduleDstRisks('30 2 * * *', 'Europe/Berlin').map((r) => r.code)).toEqual(['schedule-dst-gap', 'schedule-dst-ambiguous']);
});

test('shortestGapLowerBound: the shortest gap where DST is known to make it, else 0', () => {
  const bound = (schedule: string, timeZone: string) => shortestGapLowerBound(CronSchedule.parse(schedule, { timeZone }));
  expect(bound('0 12 * * *', 'Europe/Berlin')).toBe(23 * 3600); // the spring-forward day is 23 h long
  expect(bound('30 1 * * *', 'America/New_York')).toBe(3600); // 01:30 runs twice on the fall-back night
  expect(bound('15 1 * * *', 'Australia/Lord_Howe')).toBe(86400 - 1800); // a 30-minute change
  expect(bound('*/10 * * * *', 'Etc/UTC')).toBe(600);
  expect(bound('10,50 1 * * *', 'America/New_York')).toBe(0); // 40 minutes apart, less than the hour DST moves
  expect(bound('0 0 29 2 *', 'Etc/UTC')).toBe(0); // rare: only the walk knows
  expect(bound('@every 90m', 'Etc/UTC')).toBe(5400);
});

test('the DST findings are the local dates on which the controller runs a daily schedule zero times or twice', () => {
  // The oracle: the controller's own run times over the year, read on the wall clock by Intl.
  const from = new Date('2026-01-01T00:00:00Z');
  const end = from.getTime() + 365 * 86400_000;
  const cases = fc.oneof(
    ...([['Europe/Berlin', 1, 3], ['America/New_York', 0, 2], ['Australia/Sydney', 1, 3], ['America/Havana', 0, 1], ['Europe/London', 0, 2]] as const)
      .map(([zone, lo, hi]) => fc.tuple(fc.constant(zone), fc.integer({ min: 0, max: 59 }), fc.integer({ min: lo, max: hi }))),
  );
  fc.assert(fc.property(cases, ([timeZone, minute, hour]) => {
    const schedule = `${minute} ${hour} * * *`;
    const wall = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const runsByDate = new Map<string, number>();
    for (const t of CronSchedule.parse(schedule, { timeZone }).next(from, 400)) {
      if (t.getTime() > end) break;
      const date = wall.format(t);
      runsByDate.set(date, (runsByDate.get(date) ?? 0) + 1);
    }
    const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
    const expected = { skipped: [] as string[], doubled: [] as string[] };
    for (let d = from.getTime() + 86400_000; d < end - 86400_000; d += 86400_000) {
      const date = wall.format(new Date(d));
      const runs = runsByDate.get(date) ?? 0;
      if (runs === 0) expected.skipped.push(`${date} ${time}`);
      if (runs > 1) expected.doubled.push(`${date} ${time}`);
    }
    const found = (code: string) => [...(scheduleDstRisks(schedule, timeZone).find((r) => r.code === code)?.message ?? '').matchAll(/\d{4}-\d\d-\d\d \d\d:\d\d/g)].map((m) => m[0]);
    expect({ skipped: found('schedule-dst-gap'), doubled: found('schedule-dst-ambiguous') }).toEqual(expected);
  }), { numRuns: 150 });
});
