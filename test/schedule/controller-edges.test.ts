import { apiServerScheduleErrors, CronSchedule } from '../../src/schedule';
import { ControllerAction, simulateCronJobController } from '../../src/schedule/controller';
import { goToLower } from '../../src/schedule/go-strings';
import { loadLocation, timeZoneErrors } from '../../src/schedule/zones';

/**
 * Controller and parser edges found by running the port against the Go code it ports (robfig/cron
 * v3.0.1 and the v1.29+ controller built from source): each case was decided by the Go program.
 */
describe('the controller loop over a Next that steps back', () => {
  // Pacific/Chatham (UTC+13:45 to +12:45 on 2025-04-06): from 13:15Z robfig's Next walks to 14:00Z,
  // then back to 13:15Z, ten runs round and round. The controller's look-back loop never ends.
  const chatham = { schedule: '*/5 3 * * *', timeZone: 'Pacific/Chatham', creationTimestamp: new Date('2025-03-01T00:00:00Z') };

  test('a cycle longer than one run is reported as a hang (the sync never returns)', () => {
    const r = simulateCronJobController({ ...chatham, lastScheduleTime: new Date('2025-04-01T14:50:00Z'), now: new Date('2025-04-05T14:04:59Z') });
    expect(r.action).toBe(ControllerAction.CONTROLLER_HANGS);
    expect(r.controllerWouldHang).toBe(true);
  });

  test('a hang only in the look-back from the old lastScheduleTime is not one: the sync starts the run and requeues from it', () => {
    // The controller looks back with the deadline (no cycle in the last 120 s), starts 15:00Z, then
    // requeues from the new lastScheduleTime; the look-back without the deadline from the old one
    // (which would cycle) is never run.
    const r = simulateCronJobController({
      schedule: '45 3 * * *',
      timeZone: 'Pacific/Chatham',
      creationTimestamp: new Date('2023-03-01T00:00:00Z'),
      lastScheduleTime: new Date('2023-03-29T14:00:00Z'),
      now: new Date('2023-04-01T15:00:00Z'),
      startingDeadlineSeconds: 120,
    });
    expect(r.withoutDeadline?.wouldHang).toBe(true);
    expect(r.controllerWouldHang).toBe(false);
    expect(r.action).toBe(ControllerAction.START_JOB);
    expect(r.scheduledTime?.toISOString()).toBe('2023-04-01T15:00:00.000Z');
  });

  test('the same schedule on an ordinary day starts its run', () => {
    const r = simulateCronJobController({ ...chatham, lastScheduleTime: new Date('2025-04-10T14:15:00Z'), now: new Date('2025-04-10T14:22:00Z') });
    expect(r.controllerWouldHang).toBe(false);
    expect(r.action).toBe(ControllerAction.START_JOB);
    expect(r.scheduledTime?.toISOString()).toBe('2025-04-10T14:20:00.000Z'); // 03:20 at UTC+12:45
  });
});

describe('startingDeadlineSeconds past 2^63 ns', () => {
  const base = { schedule: '0 * * * *', creationTimestamp: new Date('2025-01-01T00:00:00Z'), lastScheduleTime: new Date('2025-01-01T10:00:00Z'), now: new Date('2025-01-01T11:00:30Z') };

  test('from 9,223,372,037 s Go\'s duration wraps around: the deadline lands in the future and nothing starts', () => {
    const r = simulateCronJobController({ ...base, startingDeadlineSeconds: 9_223_372_037 });
    expect(r.action).toBe(ControllerAction.NO_UNMET_START_TIME);
    expect(r.wouldStartJob).toBe(false);
  });

  test('just below, the deadline is 292 years back and the missed run starts', () => {
    const r = simulateCronJobController({ ...base, startingDeadlineSeconds: 9_223_372_036 });
    expect(r.action).toBe(ControllerAction.START_JOB);
    expect(r.scheduledTime?.toISOString()).toBe('2025-01-01T11:00:00.000Z');
  });
});

describe('missed runs counted over more than 292 years', () => {
  const hourly = { schedule: '0 * * * *', now: new Date('2025-01-01T11:00:30Z') };

  test('Go\'s now.Sub(t1) saturates at the largest Duration, so the count stops growing', () => {
    const r = simulateCronJobController({ ...hourly, creationTimestamp: new Date('1725-01-01T00:00:00Z') });
    expect(r.numberOfMissedSchedules).toBe(Math.floor(9_223_372_036 / 3600) + 1);
    expect(r.missedSchedules).toBe('many');
  });

  test('under 292 years it is the elapsed time over the interval, plus one', () => {
    const r = simulateCronJobController({ ...hourly, creationTimestamp: new Date('1825-01-01T00:00:00Z') });
    const elapsed = Math.trunc((Date.parse('2025-01-01T11:00:30Z') - Date.parse('1825-01-01T01:00:00Z')) / 1000);
    expect(r.numberOfMissedSchedules).toBe(Math.floor(elapsed / 3600) + 1);
  });
});

describe('a schedule with its own TZ= and a timeZone', () => {
  const base = { creationTimestamp: new Date('2025-01-01T00:00:00Z'), now: new Date('2025-01-01T11:00:30Z') };

  test('a timeZone the controller cannot load stops the sync before the schedule is read', () => {
    const r = simulateCronJobController({ ...base, schedule: 'TZ=UTC 0 * * * *', timeZone: 'Mars/Olympus_Mons' });
    expect(r.action).toBe(ControllerAction.INVALID_TIMEZONE);
  });

  test('with a zone it loads, the schedule\'s own TZ= is used as written', () => {
    const r = simulateCronJobController({ ...base, schedule: 'TZ=UTC 0 * * * *', timeZone: 'Europe/Berlin' });
    expect(r.action).toBe(ControllerAction.START_JOB);
    expect(r.scheduledTime?.toISOString()).toBe('2025-01-01T11:00:00.000Z');
  });
});

describe('names are matched with Go\'s lower-casing', () => {
  test('"İ" lower-cases to "i" as in Go: FRİ is Friday for the API server and the controller', () => {
    expect(apiServerScheduleErrors('0 0 * * FRİ')).toEqual([]);
    const s = CronSchedule.parse('0 0 * * FRİ');
    expect(s.next(new Date('2025-01-01T00:00:00Z'), 1)[0].toISOString()).toBe('2025-01-03T00:00:00.000Z');
  });

  test('a name that is not one stays rejected', () => {
    expect(apiServerScheduleErrors('0 0 * * FRİX').length).toBe(1);
    expect(apiServerScheduleErrors('0 0 * * FRX').length).toBe(1);
  });

  test('goToLower maps rune by rune, like strings.ToLower', () => {
    expect(goToLower('FRİ')).toBe('fri');
    expect(goToLower('ΟΔΟΣ')).toBe('οδοσ'); // toLowerCase gives a final sigma: "οδος"
    expect(goToLower('Jan')).toBe('jan');
  });
});

describe('zone names Go opens as file paths', () => {
  // Go reads "<zoneinfo dir>/<name>": "." and empty components before the last resolve away.
  test.each(['Etc/./UTC', 'America//New_York', './UTC'])('%s loads for the controller, and the API server still rejects it', (name) => {
    expect('zone' in loadLocation(name)).toBe(true);
    expect(timeZoneErrors(name)).toEqual([`unknown time zone ${name}`]);
    const r = simulateCronJobController({ schedule: '0 * * * *', timeZone: name, creationTimestamp: new Date('2025-01-01T00:00:00Z'), now: new Date('2025-01-01T11:00:30Z') });
    expect(r.action).toBe(ControllerAction.START_JOB);
  });

  test.each(['UTC/', 'UTC/.', 'Etc/./Nope', 'Etc/.', './'])('%s names no file and does not load', (name) => {
    expect(loadLocation(name)).toEqual({ error: `unknown time zone ${name}` });
  });

  test('a zone with path components keeps its offsets', () => {
    const z = loadLocation('America//New_York');
    expect('zone' in z && z.zone.offsetAt(Date.parse('2025-07-01T00:00:00Z') / 1000)).toBe(-4 * 3600);
  });
});
