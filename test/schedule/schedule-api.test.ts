import { CronSchedule, ScheduleError, describeSchedule, scheduleIntervals, simulateCronJobController, validateTimeZone } from '../../src';
import { ZONE_NAMES } from '../../src/schedule/zone-names.generated';
import { FIXED_UTC_ZONES, loadLocation, Zone } from '../../src/schedule/zones';

const parse = (e: string, timeZone?: string) => CronSchedule.parse(e, { timeZone });
const err = (e: string, timeZone?: string): ScheduleError => {
  try {
    parse(e, timeZone);
  } catch (x) {
    return x as ScheduleError;
  }
  throw new Error('expected a ScheduleError');
};

describe('CronSchedule.parse: what the API server accepts', () => {
  test.each(['0 2 * * *', '@daily', '@every 1h30m', '*-5 * * * *', '1,,2 * * * *', '+5 * * * *', '0 0 30 2 *', '0 0 * * SUN'])('accepts %p', (e) => {
    expect(() => parse(e)).not.toThrow();
  });

  test.each([
    ['', 'schedule', 'is required', 'Required value'],
    ['0 0 * * 7', 'schedule', 'end of range (7) above maximum (6): 7', 'end of range (7) above maximum (6): 7'],
    ['0 0 0 * * *', 'schedule', 'expected exactly 5 fields, found 6', 'expected exactly 5 fields, found 6: [0 0 0 * * *]'],
    ['0 0 L * *', 'schedule', 'failed to parse int from L', 'failed to parse int from L: strconv.Atoi: parsing "L": invalid syntax'],
    ['@reboot', 'schedule', 'unrecognized descriptor: @reboot', 'unrecognized descriptor: @reboot'],
    ['@every 1d', 'schedule', 'unknown unit "d"', 'failed to parse duration @every 1d: time: unknown unit "d" in duration "1d"'],
    ['TZ=UTC 0 2 * * *', 'schedule', 'must not contain TZ or CRON_TZ', 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'],
  ])('rejects %p with the field, the API server message and a fix', (e, field, problem, k8s) => {
    const x = err(e);
    expect(x).toBeInstanceOf(ScheduleError);
    expect(x.field).toBe(field);
    expect(x.message).toContain(problem);
    expect(x.message).toContain('Fix: ');
    expect(x.kubernetesMessage).toBe(k8s);
    expect(x.stack).not.toMatch(/\n\s+at /);
  });

  test.each([
    ['', 'timeZone must be nil or non-empty string'],
    ['Local', 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'],
    ['utc', 'unknown time zone utc'],
    ['America/New York', 'unknown time zone America/New York'],
    ['Etc/GMT+14', 'unknown time zone Etc/GMT+14'],
  ])('rejects timeZone %p', (tz, k8s) => {
    expect(err('0 2 * * *', tz).kubernetesMessage).toBe(k8s);
    expect(validateTimeZone(tz)).toBe(k8s);
  });

  test.each(['US/Eastern', 'Asia/Calcutta', 'Etc/GMT+5', 'Factory', 'posixrules', 'America/Argentina/ComodRivadavia'])('accepts timeZone %p', (tz) => {
    expect(validateTimeZone(tz)).toBeUndefined();
    expect(parse('0 2 * * *', tz).next(new Date('2026-01-01T00:00:00Z'), 1)).toHaveLength(1);
  });
});

describe('next', () => {
  test('DST gap: 02:30 does not exist on 2025-03-09 in New York, and is skipped', () => {
    expect(parse('30 2 * * *', 'America/New_York').next(new Date('2025-03-08T05:00:00Z'), 2).map((d) => d.toISOString()))
      .toEqual(['2025-03-08T07:30:00.000Z', '2025-03-10T06:30:00.000Z']);
  });
  test('DST overlap: 01:30 happens twice on 2025-11-02 in New York, and runs twice', () => {
    expect(parse('30 1 * * *', 'America/New_York').next(new Date('2025-11-02T04:00:00Z'), 2).map((d) => d.toISOString()))
      .toEqual(['2025-11-02T05:30:00.000Z', '2025-11-02T06:30:00.000Z']);
  });
  test('the day-of-month / day-of-week OR rule (Kubernetes docs example)', () => {
    expect(parse('0 0 13 * 5').next(new Date('2025-01-01T00:00:00Z'), 3).map((d) => d.toISOString().slice(0, 10)))
      .toEqual(['2025-01-03', '2025-01-10', '2025-01-13']);
  });
  test('impossible dates never fire: nextAfter is undefined, next is empty', () => {
    expect(parse('0 0 30 2 *').nextAfter(new Date('2026-01-01T00:00:00Z'))).toBeUndefined();
    expect(parse('0 0 30 2 *').next(new Date('2026-01-01T00:00:00Z'), 3)).toEqual([]);
  });
});

describe('scheduleIntervals', () => {
  test.each([
    ['0 * * * *', undefined, 3600, 3600],
    ['0 9 * * 1-5', undefined, 86400, 3 * 86400],
    ['0 0 1 * *', undefined, 28 * 86400, 31 * 86400],
    ['30 2 * * *', 'America/New_York', 86400, 47 * 3600],
    ['30 1 * * *', 'America/New_York', 3600, 86400],
    ['@every 90m', 'Europe/Berlin', 5400, 5400],
    ['0 0 29 2 *', undefined, 4 * 365 * 86400 + 86400, 4 * 365 * 86400 + 86400],
  ])('%p in %p: shortest %p, longest %p', (e, tz, shortest, longest) => {
    const r = scheduleIntervals(parse(e, tz));
    expect([r.shortestSeconds, r.longestSeconds]).toEqual([shortest, longest]);
  });
  test('never-firing schedules', () => {
    expect(scheduleIntervals(parse('0 0 30 2 *'))).toMatchObject({ neverFires: true, runs: 0, shortestSeconds: 0, longestSeconds: 0 });
  });
  test('the default window is fixed, so results do not change with the date', () => {
    expect(scheduleIntervals(parse('0 2 * * *')).from.toISOString()).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('describeSchedule', () => {
  test.each([
    ['30 2 * * *', 'Europe/Berlin', 'At 02:30 (Europe/Berlin)'],
    ['0 0 13 * 5', undefined, 'At 00:00, on day 13 of the month or on Friday (UTC, the controller\'s zone)'],
    ['0 0 *-5 * 1', undefined, 'At 00:00, on Monday (UTC, the controller\'s zone)'],
    ['0 0 */2 * 1', undefined, 'At 00:00, on every 2nd day of the month from day 1 or on Monday (UTC, the controller\'s zone)'],
    ['0 9 * * 1-5', 'America/New_York', 'At 09:00, on Monday through Friday (America/New_York)'],
    ['*/15 * * * *', undefined, 'Every 15 minutes of every hour (UTC, the controller\'s zone)'],
    ['5 */2 * jan,jul *', undefined, 'At minute 5 of every 2 hours, in January and July (UTC, the controller\'s zone)'],
    ['@weekly', undefined, 'At 00:00, on Sunday (UTC, the controller\'s zone)'],
    ['@every 1h30m', undefined, 'Every 1h30m0s of elapsed time, counted from the previous run (time zone and DST do not apply)'],
  ])('%p', (e, tz, text) => {
    expect(describeSchedule(parse(e, tz))).toBe(text);
  });
});

describe('simulateCronJobController refuses inputs the API server never stores (issue #10)', () => {
  const base = { schedule: '*/5 * * * *', creationTimestamp: new Date('2026-01-01T00:00:00Z'), now: new Date('2026-01-01T01:00:00Z') };
  test.each([-Infinity, Infinity, NaN, -1, 1.5])('startingDeadlineSeconds %p: a clear error, not a hang', (sds) => {
    expect(() => simulateCronJobController({ ...base, startingDeadlineSeconds: sds })).toThrow(/startingDeadlineSeconds must be a whole number of seconds, 0 or more .* Fix: /);
    expect(() => simulateCronJobController({ ...base, timeZone: 'Etc/UTC', startingDeadlineSeconds: sds })).toThrow(/startingDeadlineSeconds/);
  });
  test('an invalid Date is named', () => {
    expect(() => simulateCronJobController({ ...base, now: new Date('nope') })).toThrow(/now must be a valid Date/);
  });
  test('Etc/UTC and a deadline of 0 work', () => {
    expect(simulateCronJobController({ ...base, timeZone: 'Etc/UTC', startingDeadlineSeconds: 0 }).action).toBeDefined();
  });
});

describe('zones that are links to UTC', () => {
  const instants = [Date.UTC(1970, 0, 1), Date.UTC(2026, 2, 29, 1, 30), Date.UTC(2026, 9, 25, 0, 59, 59), Date.UTC(2037, 11, 31, 23)]
    .map((ms) => ms / 1000);
  test.each([...FIXED_UTC_ZONES].flatMap((name) => [name, `posix/${name}`, `right/${name}`]).filter((n) => ZONE_NAMES.includes(n)))(
    '%s: offset 0 without ICU, as ICU has it', (name) => {
      const loaded = loadLocation(name);
      if (!('zone' in loaded)) throw new Error(loaded.error);
      const base = name.replace(/^(posix|right)\//, '');
      const viaIcu = Zone._create(name, base);
      for (const t of instants) expect(loaded.zone.offsetAt(t)).toBe(viaIcu.offsetAt(t));
      expect(instants.map((t) => loaded.zone.offsetAt(t))).toEqual([0, 0, 0, 0]);
    });
  test('a zone with DST is still read from ICU', () => {
    const loaded = loadLocation('Europe/London') as { zone: Zone };
    expect(loaded.zone.offsetAt(Date.UTC(2026, 6, 1) / 1000)).toBe(3600);
  });
});

describe('offsets read from ICU', () => {
  /** The other way to read an offset from ICU: the wall clock's fields at the instant, less the instant. */
  function wallClockOffset(zone: string): (t: number) => number {
    const f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    return (t) => {
      const p = Object.fromEntries(f.formatToParts(new Date(t * 1000)).map((x) => [x.type, Number(x.value)]));
      const wall = new Date(0);
      wall.setUTCFullYear(p.year, p.month - 1, p.day);
      wall.setUTCHours(p.hour, p.minute, p.second);
      return wall.getTime() / 1000 - t;
    };
  }
  // Local mean times with seconds (before 1900), whole-hour, half-hour and 45-minute offsets, DST.
  const instants = Array.from({ length: 60 }, (_, i) => -2.5e9 + i * 79_000_000 + i * 3599);
  test('every zone gives the offset of its wall clock, seconds included', () => {
    let withSeconds = 0;
    for (const name of Intl.supportedValuesOf('timeZone')) {
      const zone = Zone._create(name, name);
      const expected = wallClockOffset(name);
      for (const t of instants) {
        const offset = zone.offsetAt(t);
        expect([name, t, offset]).toEqual([name, t, expected(t)]);
        if (offset % 60 !== 0) withSeconds++;
      }
    }
    expect(withSeconds).toBeGreaterThan(50); // not vacuous: the seconds of local mean times are read
  });
});
