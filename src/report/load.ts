import { FleetAnalysis } from './fleet';
import { wallOf } from '../schedule/go-time';
import { Zone } from '../schedule/zones';

/** A busy minute of the fleet, by time of day in the display zone. */
export interface LoadPeak {
  /** How many CronJobs start in that minute. */
  readonly count: number;
  /** "HH:MM" in the display zone. */
  readonly clock: string;
  /** On how many days of the window it happens. */
  readonly days: number;
  /** First instant (Unix seconds). */
  readonly first: number;
  /** The CronJobs (indexes) of the first occurrence. */
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
      if (list) { if (!list.includes(job)) list.push(job); } else {startsPerMinute.set(m, [job]);}
      events.push([r.start, 1], [Math.min(r.end, a.to), -1]);
    }
  });
  // Ends before starts at the same instant: a run ending at 01:30 and one starting then do not overlap.
  events.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const hours = Math.max(1, Math.ceil((a.to - a.from) / 3600));
  const concurrentPerHour = new Array<number>(hours).fill(0);
  let current = 0;
  let max = { count: 0, at: a.from };
  for (const [t, d] of events) {
    current += d;
    if (current > max.count) max = { count: current, at: t };
    const h = Math.min(hours - 1, Math.max(0, Math.floor((t - a.from) / 3600)));
    if (current > concurrentPerHour[h]) concurrentPerHour[h] = current;
  }
  // A run spanning whole hours counts in each of them.
  const spans: Array<[number, number]> = [];
  for (const runs of a.runs) for (const r of runs) spans.push([r.start, Math.min(r.end, a.to)]);
  fillSpans(concurrentPerHour, spans, a.from);

  const groups = new Map<string, LoadPeak>();
  for (const [minute, jobs] of [...startsPerMinute.entries()].sort((x, y) => x[0] - y[0])) {
    if (jobs.length < 2) continue;
    const w = wallOf(minute * 60, zone);
    const clock = `${pad(w.hour)}:${pad(w.minute)}`;
    const key = `${jobs.length}|${clock}`;
    const g = groups.get(key);
    if (g) groups.set(key, { ...g, days: g.days + 1 });
    else groups.set(key, { count: jobs.length, clock, days: 1, first: minute * 60, jobs: [...jobs].sort((x, y) => x - y) });
  }
  const peaks = [...groups.values()].sort((x, y) => y.count - x.count || y.days - x.days || x.first - y.first).slice(0, maxPeaks);
  return { startsPerMinute, peaks, maxConcurrent: max, concurrentPerHour };
}

/** Raises each hour's maximum to the number of runs covering that whole hour (sweep events only see the hour they happen in). */
function fillSpans(perHour: number[], spans: Array<[number, number]>, from: number): void {
  const cover = new Array<number>(perHour.length + 1).fill(0);
  for (const [s, e] of spans) {
    const first = Math.floor((s - from) / 3600);
    const last = Math.floor((e - from - 1) / 3600);
    // Hours strictly inside the run are covered for their whole length.
    for (let h = Math.max(0, first + 1); h < Math.min(perHour.length, last); h++) cover[h]++;
  }
  for (let h = 0; h < perHour.length; h++) if (cover[h] > perHour[h]) perHour[h] = cover[h];
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
