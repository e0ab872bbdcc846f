import { FleetAnalysis } from './fleet';
import { wallOf } from '../schedule/go-time';
import { Zone } from '../schedule/zones';

/** A busy minute of the fleet, by time of day in the display zone. */
export interface LoadPeak {
  /** Most CronJobs starting in that minute on one day. */
  readonly count: number;
  /** Fewest CronJobs starting in that minute on a day it is a peak (equal to count when it does not vary). */
  readonly smallest: number;
  /** "HH:MM" in the display zone. */
  readonly clock: string;
  /** On how many days of the window it happens. */
  readonly days: number;
  /** First instant (Unix seconds). */
  readonly first: number;
  /** Every CronJob (index) that starts in that minute on some day. */
  readonly jobs: number[];
}

/** Starts per minute and runs at once, over the whole fleet. */
export interface FleetLoad {
  /** Minute (Unix minute number) -> CronJobs starting then. Only minutes with starts. */
  readonly startsPerMinute: Map<number, number[]>;
  /** The busiest minutes, grouped by time of day, most CronJobs first. */
  readonly peaks: LoadPeak[];
  /** Most runs that may be running at once, and when that first happens. */
  readonly maxConcurrent: { count: number; at: number };
  /** Most runs that may be running at once within each hour of the window. */
  readonly concurrentPerHour: number[];
}

/** The load view's numbers. Runs last as long as their deadline (or the documented default). */
export function fleetLoad(a: FleetAnalysis, zone: Zone, maxPeaks = 5): FleetLoad {
  const startsPerMinute = new Map<number, number[]>();
  const events: Array<[number, number]> = [];
  a.runs.forEach((runs, job) => {
    for (const r of runs) {
      const m = Math.floor(r.start / 60);
      const list = startsPerMinute.get(m);
      // Jobs come in order, so a job already in this minute's list is its last entry.
      if (!list) startsPerMinute.set(m, [job]);
      else if (list[list.length - 1] !== job) list.push(job);
      events.push([r.start, 1], [Math.min(r.end, a.to), -1]);
    }
  });
  // Ends before starts at the same instant: a run ending at 01:30 and one starting then do not overlap.
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const hours = Math.max(1, Math.ceil((a.to - a.from) / 3600));
  const concurrentPerHour = new Array<number>(hours).fill(0);
  let current = 0;
  let max = { count: 0, at: a.from };
  let i = 0;
  for (let h = 0; h < hours; h++) {
    const hourStart = a.from + h * 3600;
    // Runs already running when the hour starts (a run starting exactly then included, one ending then not).
    while (i < events.length && events[i][0] <= hourStart) {
      current += events[i][1];
      if (current > max.count) max = { count: current, at: events[i][0] };
      i++;
    }
    let best = current;
    while (i < events.length && events[i][0] < hourStart + 3600) {
      current += events[i][1];
      if (current > best) best = current;
      if (current > max.count) max = { count: current, at: events[i][0] };
      i++;
    }
    concurrentPerHour[h] = best;
  }

  const groups = new Map<string, LoadPeak>();
  for (const [minute, jobs] of [...startsPerMinute.entries()].sort((x, y) => x[0] - y[0])) {
    if (jobs.length < 2) continue;
    const w = wallOf(minute * 60, zone);
    const clock = `${pad(w.hour)}:${pad(w.minute)}`;
    const g = groups.get(clock);
    if (g) {
      const union = [...new Set([...g.jobs, ...jobs])].sort((x, y) => x - y);
      groups.set(clock, { ...g, count: Math.max(g.count, jobs.length), smallest: Math.min(g.smallest, jobs.length), days: g.days + 1, jobs: union });
    } else {
      groups.set(clock, { count: jobs.length, smallest: jobs.length, clock, days: 1, first: minute * 60, jobs: [...jobs].sort((x, y) => x - y) });
    }
  }
  const peaks = [...groups.values()].sort((x, y) => y.count - x.count || y.days - x.days || x.first - y.first).slice(0, maxPeaks);
  return { startsPerMinute, peaks, maxConcurrent: max, concurrentPerHour };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
