import { CronSchedule } from '../../src';

/**
 * The oracle of the interval tests: runs and gaps as the CronJob controller chains them
 * (`Next(from)`, `Next(that)`, ...) over `horizonDays` from `start`; rare schedules are followed
 * until they have two runs. Gaps are 0 with fewer than two runs, as `scheduleIntervals` reports them.
 */
export function controllerChain(s: CronSchedule, start: Date, horizonDays: number): { runs: number; shortest: number; longest: number } {
  const end = start.getTime() + horizonDays * 86400e3;
  let prev: Date | undefined;
  let t = start;
  let runs = 0;
  let shortest = Infinity;
  let longest = 0;
  for (let i = 0; i < 100_000; i++) {
    const n = s.nextAfter(t);
    if (!n || (n.getTime() > end && runs >= 2)) break;
    if (prev) {
      const gap = (n.getTime() - prev.getTime()) / 1000;
      shortest = Math.min(shortest, gap);
      longest = Math.max(longest, gap);
    }
    prev = n;
    t = n;
    runs++;
  }
  return runs >= 2 ? { runs, shortest, longest } : { runs, shortest: 0, longest: 0 };
}
