import { iso, loadSample } from './corpus';
import { ScheduleLookBack, simulateCronJobController } from '../../src/schedule/controller';

const { cases } = loadSample<any>('cron-controller.sample.json');

const d = (s: string | null) => (s === null ? undefined : new Date(s));
const lookBack = (lb: ScheduleLookBack | undefined) => lb && ({
  wouldHang: lb.wouldHang,
  earliestTime: iso(lb.earliestTime),
  t1: iso(lb.t1),
  t2: iso(lb.t2),
  mostRecentScheduleTime: iso(lb.mostRecentScheduleTime),
  missedSchedules: lb.missedSchedules,
  numberOfMissedSchedules: lb.numberOfMissedSchedules ?? null,
  timeBetweenTwoSchedulesSeconds: lb.timeBetweenTwoSchedulesSeconds ?? null,
  error: lb.error ?? null,
});

describe(`cron-controller corpus sample (${cases.length} scenarios from the v1.29+ controller logic)`, () => {
  test.each(cases.map((c: any) => [c.id, c.category, c]))('%s (%s)', (_id, _category, c: any) => {
    const r = simulateCronJobController({
      schedule: c.schedule,
      timeZone: c.timeZone ?? undefined,
      creationTimestamp: new Date(c.creationTimestamp),
      lastScheduleTime: d(c.lastScheduleTime),
      now: new Date(c.now),
      startingDeadlineSeconds: c.startingDeadlineSeconds ?? undefined,
    });
    const actual = {
      parseError: r.parseError ?? null,
      mostRecentScheduleTime: iso(r.mostRecentScheduleTime),
      missedSchedules: r.missedSchedules,
      numberOfMissedSchedules: r.numberOfMissedSchedules ?? null,
      withDeadline: lookBack(r.withDeadline) ?? null,
      withoutDeadline: lookBack(r.withoutDeadline) ?? null,
      scheduledTime: iso(r.scheduledTime),
      scheduleError: r.scheduleError ?? null,
      tooManyMissedWarning: r.tooManyMissedWarning,
      tooLate: r.tooLate,
      alreadyProcessed: r.alreadyProcessed,
      wouldStartJob: r.wouldStartJob,
      action: r.action,
      newLastScheduleTime: iso(r.newLastScheduleTime),
      requeueAfterSeconds: r.requeueAfterSeconds ?? null,
      requeueAfter: r.requeueAfter ?? null,
      requeueAt: iso(r.requeueAt),
      nextScheduleTime: iso(r.nextScheduleTime),
      nextRunAfterNow: iso(r.nextRunAfterNow),
      controllerWouldHang: r.controllerWouldHang,
    };
    const expected: any = {};
    for (const key of Object.keys(actual)) expected[key] = c[key] ?? null;
    expect(actual).toEqual(expected);
  });
});
