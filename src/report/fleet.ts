import { CronSchedule } from '../schedule/cron-schedule';
import { ScheduleError } from '../schedule/errors';
import { civilFromDays, goDate, Wall } from '../schedule/go-time';
import { dayPattern } from '../schedule/intervals';
import { dayMatches, goNext } from '../schedule/next';
import { SpreadSchedule, SPREAD_ANNOTATION } from '../schedule/spread';
import { loadLocation, localDayOf, Zone } from '../schedule/zones';

/**
 * How long a run is drawn (and counted as running) when its Job has no `activeDeadlineSeconds`:
 * without a deadline a run may last forever, so this is an assumption, shown as such.
 */
export const DEFAULT_RUN_SECONDS = 30 * 60;

/**
 * Runs kept per CronJob: more than an every-minute schedule has in the longest report window
 * (62 days); beyond it the job is marked truncated (drawn as a band, left out of the fleet rules).
 */
export const MAX_RUNS_PER_JOB = 100000;

/** A CronJob of the fleet, read from a manifest. */
export interface FleetCronJob {
  /** `namespace/name`: the row id and the key the spread helper uses. */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly schedule: string;
  /** `spec.timeZone` as written, undefined when unset (the controller's zone, UTC). */
  readonly timeZone?: string;
  /** `activeDeadlineSeconds` of the job template, if set. */
  readonly activeDeadlineSeconds?: number;
  /** How long each run is taken to last: the deadline, else DEFAULT_RUN_SECONDS. */
  readonly runSeconds: number;
  /** True when runSeconds is the default, not a deadline. */
  readonly runSecondsAssumed: boolean;
  readonly concurrencyPolicy: string;
  readonly suspended: boolean;
  /** The spread helper's description, from the annotation. */
  readonly spread?: string;
  /** Why the schedule cannot be analysed (rejected by the API server). */
  readonly error?: string;
  /** The manifest, for suppressions. */
  readonly manifest: any;
  /** Where it came from (CLI). */
  readonly source?: string;
}

/** One run in the window. Times are Unix seconds. */
export interface FleetRun {
  readonly job: number;
  readonly start: number;
  readonly end: number;
  /** Local wall clock of the start in the CronJob's zone. */
  readonly wall: Wall;
  /** True when DST makes this wall time happen twice and the controller runs it twice. */
  readonly doubled: boolean;
}

/** A run the controller skips because its local time does not exist (clocks jump forward). */
export interface SkippedRun {
  readonly job: number;
  /** The instant of the jump. */
  readonly at: number;
  /** The local time that does not exist, "YYYY-MM-DD HH:MM". */
  readonly localTime: string;
}

/** A UTC-offset change of a zone in use. */
export interface ZoneChange {
  readonly zone: string;
  readonly at: number;
  /** Offsets in seconds. */
  readonly before: number;
  readonly after: number;
}

/** Everything the report draws, computed once. */
export interface FleetAnalysis {
  readonly from: number;
  readonly to: number;
  readonly jobs: FleetCronJob[];
  /** Runs per job (index = job). */
  readonly runs: FleetRun[][];
  /** True for jobs whose runs were cut at MAX_RUNS_PER_JOB. */
  readonly truncated: boolean[];
  readonly skipped: SkippedRun[];
  readonly zoneChanges: ZoneChange[];
  /** Every zone a CronJob uses, with the distinct offsets it has in the window. */
  readonly zoneOffsets: Map<string, number[]>;
  /** The compact runs the fleet rules read (shared by jobs with the same schedule and zone). */
  readonly timeline: FleetTimeline;
}

/** A manifest with where it came from. */
export interface SourcedManifest {
  readonly manifest: any;
  readonly source?: string;
}

/** The CronJobs among `manifests` (`kind: List` items included), sorted by namespace then name. */
export function fleetCronJobs(manifests: Array<any | SourcedManifest>): FleetCronJob[] {
  const jobs: FleetCronJob[] = [];
  const visit = (m: any, source: string | undefined) => {
    if (m === null || typeof m !== 'object') return;
    if (m.kind === 'List' && Array.isArray(m.items)) {
      for (const item of m.items) visit(item, source);
      return;
    }
    if (m.kind !== 'CronJob' || typeof m.apiVersion !== 'string' || !m.apiVersion.startsWith('batch/')) return;
    jobs.push(cronJobOf(m, source));
  };
  for (const entry of manifests) {
    if (entry && typeof entry === 'object' && 'manifest' in entry && !('kind' in entry)) visit(entry.manifest, entry.source);
    else visit(entry, undefined);
  }
  return jobs.sort((a, b) => a.namespace.localeCompare(b.namespace) || a.name.localeCompare(b.name));
}

function cronJobOf(m: any, source: string | undefined): FleetCronJob {
  const meta = m.metadata ?? {};
  const spec = m.spec ?? {};
  const namespace = typeof meta.namespace === 'string' && meta.namespace ? meta.namespace : 'default';
  const name = typeof meta.name === 'string' ? meta.name : '(unnamed)';
  const schedule = typeof spec.schedule === 'string' ? spec.schedule : '';
  const timeZone = typeof spec.timeZone === 'string' ? spec.timeZone : undefined;
  const ads = spec.jobTemplate?.spec?.activeDeadlineSeconds;
  const activeDeadlineSeconds = Number.isInteger(ads) && ads > 0 ? ads : undefined;
  const key = `${namespace}/${name}`;
  const annotation = meta.annotations?.[SPREAD_ANNOTATION];
  let error: string | undefined;
  try {
    CronSchedule.parse(schedule, { timeZone });
  } catch (e) {
    error = e instanceof ScheduleError ? e.message : String(e);
  }
  return {
    key,
    namespace,
    name,
    schedule,
    timeZone,
    activeDeadlineSeconds,
    runSeconds: activeDeadlineSeconds ?? DEFAULT_RUN_SECONDS,
    runSecondsAssumed: activeDeadlineSeconds === undefined,
    concurrencyPolicy: typeof spec.concurrencyPolicy === 'string' ? spec.concurrencyPolicy : 'Allow',
    suspended: spec.suspend === true,
    spread: typeof annotation === 'string' ? annotation : SpreadSchedule.descriptionFor(key, schedule),
    error,
    manifest: m,
    source,
  };
}

/**
 * Work counters, for tests that check how much is computed (never how long it takes): every
 * schedule expansion (`runStarts` over the window) adds one.
 */
export const fleetCounters = { scheduleExpansions: 0 };

/**
 * The runs of one distinct (schedule, timeZone) in the window, computed once and shared by every
 * CronJob that has it. Typed arrays: a year of an hourly schedule is 8,784 numbers, not objects.
 */
export interface RunSeries {
  readonly schedule: string;
  readonly timeZone?: string;
  readonly isEvery: boolean;
  /** Start times (Unix seconds), ascending. */
  readonly starts: Float64Array;
  /** Local wall clock minus start, per run (the zone's offset then; 0 for `@every`, drawn in UTC). */
  readonly offsets: Int32Array;
  /** 1 where DST makes the wall time happen twice and the controller runs it twice. */
  readonly doubled: Uint8Array;
  /** True when the runs were cut at MAX_RUNS_PER_JOB. */
  readonly truncated: boolean;
  /** Runs the controller skips (clocks jump forward), in zone-change order. */
  readonly skipped: ReadonlyArray<{ readonly at: number; readonly localTime: string }>;
}

/** The fleet's runs in compact form: what the fleet rules read. `FleetAnalysis` adds run objects for drawing. */
export interface FleetTimeline {
  readonly from: number;
  readonly to: number;
  readonly jobs: FleetCronJob[];
  /** Distinct (schedule, timeZone) pairs of the jobs that run. */
  readonly series: RunSeries[];
  /** Job -> index in `series`, -1 for a job without runs (invalid schedule, suspended). */
  readonly seriesOf: Int32Array;
  readonly skipped: SkippedRun[];
  readonly zoneChanges: ZoneChange[];
  readonly zoneOffsets: Map<string, number[]>;
}

/** The runs of every CronJob in `[from, from + days)`, each distinct schedule expanded once. */
export function fleetTimeline(jobs: FleetCronJob[], from: Date, days: number): FleetTimeline {
  const fromSec = Math.floor(from.getTime() / 1000);
  const toSec = fromSec + Math.round(days * 86400);
  const seriesOf = new Int32Array(jobs.length).fill(-1);
  const parsed: CronSchedule[] = [];
  const starts: number[][] = [];
  const keys = new Map<string, number>();
  const specs: Array<{ schedule: string; timeZone?: string }> = [];
  const zoneNames = new Set<string>();
  jobs.forEach((job, index) => {
    if (job.error !== undefined || job.suspended) return;
    const key = `${job.timeZone === undefined ? '-' : `+${job.timeZone}`}\u0000${job.schedule}`;
    let s = keys.get(key);
    if (s === undefined) {
      s = parsed.length;
      keys.set(key, s);
      const schedule = CronSchedule.parse(job.schedule, { timeZone: job.timeZone });
      parsed.push(schedule);
      specs.push({ schedule: job.schedule, timeZone: job.timeZone });
      fleetCounters.scheduleExpansions++;
      starts.push(runStarts(schedule, fromSec, toSec, MAX_RUNS_PER_JOB + 1));
      if (job.timeZone !== undefined && zoneOf(job.timeZone) !== Zone.UTC && !schedule.isEvery) zoneNames.add(job.timeZone);
    }
    seriesOf[index] = s;
  });
  const zoneChanges: ZoneChange[] = [];
  const zoneOffsets = new Map<string, number[]>();
  for (const name of [...zoneNames].sort()) {
    const zone = zoneOf(name);
    const changes = offsetChanges(name, zone, fromSec, toSec);
    zoneChanges.push(...changes);
    zoneOffsets.set(name, [...new Set([zone.offsetAt(fromSec), ...changes.map((c) => c.after)])]);
  }
  zoneChanges.sort((a, b) => a.at - b.at || a.zone.localeCompare(b.zone));
  const series: RunSeries[] = parsed.map((schedule, s) => {
    const list = starts[s];
    const truncated = list.length > MAX_RUNS_PER_JOB;
    if (truncated) list.length = MAX_RUNS_PER_JOB;
    const { timeZone } = specs[s];
    const wallZone = schedule.isEvery ? Zone.UTC : zoneOf(timeZone);
    const st = Float64Array.from(list);
    const offsets = new Int32Array(st.length);
    for (let i = 0; i < st.length; i++) offsets[i] = wallZone.offsetAt(st[i]);
    const doubled = new Uint8Array(st.length);
    // Consecutive runs at the same local wall minute: DST (clocks going back) doubled them.
    if (!schedule.isEvery) {
      for (let i = 1; i < st.length; i++) {
        if (Math.floor((st[i - 1] + offsets[i - 1]) / 60) === Math.floor((st[i] + offsets[i]) / 60)) doubled[i - 1] = doubled[i] = 1;
      }
    }
    const skipped = skippedOf(schedule, timeZone, zoneChanges);
    return { schedule: specs[s].schedule, timeZone, isEvery: schedule.isEvery, starts: st, offsets, doubled, truncated, skipped };
  });
  const skipped: SkippedRun[] = [];
  jobs.forEach((_, index) => {
    const s = seriesOf[index];
    if (s >= 0) for (const k of series[s].skipped) skipped.push({ job: index, at: k.at, localTime: k.localTime });
  });
  return { from: fromSec, to: toSec, jobs, series, seriesOf, skipped, zoneChanges, zoneOffsets };
}

/** Local times of a schedule that a forward jump of its zone skips. */
function skippedOf(cron: CronSchedule, timeZone: string | undefined, zoneChanges: ZoneChange[]): Array<{ at: number; localTime: string }> {
  const out: Array<{ at: number; localTime: string }> = [];
  const schedule = cron._schedule;
  if (timeZone === undefined || schedule.kind !== 'spec') return out;
  for (const change of zoneChanges) {
    if (change.zone !== timeZone || change.after <= change.before) continue;
    // Local times in [at + before, at + after) do not exist that day.
    for (let local = change.at + change.before; local < change.at + change.after; local += 60) {
      const w = wallOfLocal(local);
      if (schedule.month[w.month] && dayMatches(schedule, w) && schedule.hour[w.hour] && schedule.minute[w.minute]) {
        out.push({ at: change.at, localTime: `${w.year}-${pad(w.month)}-${pad(w.day)} ${pad(w.hour)}:${pad(w.minute)}` });
      }
    }
  }
  return out;
}

/** Runs of every CronJob in `[from, from + days)`, with DST skips, doubles and zone changes. */
export function analyzeFleet(jobs: FleetCronJob[], from: Date, days: number): FleetAnalysis {
  const timeline = fleetTimeline(jobs, from, days);
  // Wall clocks once per series; the run objects (for drawing) per job.
  const walls = timeline.series.map((s) => Array.from(s.starts, (t, i) => wallOfLocal(t + s.offsets[i])));
  const runs: FleetRun[][] = [];
  const truncated: boolean[] = [];
  jobs.forEach((job, index) => {
    const s = timeline.seriesOf[index];
    const out: FleetRun[] = [];
    runs.push(out);
    truncated.push(s >= 0 && timeline.series[s].truncated);
    if (s < 0) return;
    const { starts, doubled } = timeline.series[s];
    for (let i = 0; i < starts.length; i++) {
      out.push({ job: index, start: starts[i], end: starts[i] + job.runSeconds, wall: walls[s][i], doubled: doubled[i] === 1 });
    }
  });
  const { skipped, zoneChanges, zoneOffsets } = timeline;
  return { from: timeline.from, to: timeline.to, jobs, runs, truncated, skipped, zoneChanges, zoneOffsets, timeline };
}

/**
 * Start times in [from, to) as the controller fires them, at most `cap`. Days with one UTC offset
 * use the schedule's minutes of the day directly; days around an offset change are walked run by
 * run with robfig's Next (the same split as `scheduleIntervals`), which keeps a year of an hourly
 * schedule cheap. `@every` runs are anchored at the window's start.
 */
export function runStarts(schedule: CronSchedule, from: number, to: number, cap: number): number[] {
  const out: number[] = [];
  const g = schedule._schedule;
  if (g.kind === 'every') {
    for (let t = goNext(g, from - 1); t !== undefined && t < to && out.length < cap; t = goNext(g, t)) out.push(t);
    return out;
  }
  const zone = g.zone ?? Zone.UTC;
  const { minutes } = dayPattern(g);
  if (minutes.length === 0) return out;
  const firstDay = localDayOf(zone, from) - 1;
  const lastDay = localDayOf(zone, to) + 1;
  // `last` is the chain's input (the previous run); `pending` the chain's next run when a walk
  // over a change day computed one beyond that day (robfig can jump over a day there).
  let last = from - 1;
  let pending: number | undefined;
  const accept = (t: number): boolean => {
    if (t >= to || out.length >= cap) return false;
    out.push(t);
    last = t;
    pending = undefined;
    return true;
  };
  for (let day = firstDay; day <= lastDay; day++) {
    const { year, month, day: dom } = civilFromDays(day);
    const start = goDate(year, month, dom, 0, 0, 0, zone);
    const end = goDate(year, month, dom + 1, 0, 0, 0, zone);
    if (zone.offsetAt(start - 3600) === zone.offsetAt(end + 3600)) {
      if (pending !== undefined && pending >= end) continue;
      const weekday = ((day + 4) % 7 + 7) % 7;
      const matches = g.month[month] && dayMatches(g, { year, month, day: dom, hour: 0, minute: 0, second: 0, weekday });
      const times = matches ? minutes.map((m) => start + m * 60) : [];
      if (pending !== undefined && pending >= start && !times.includes(pending)) times.push(pending);
      times.sort((x, y) => x - y);
      for (const t of times) {
        if ((pending !== undefined && t < pending) || t <= last) continue;
        if (!accept(t)) return out;
      }
    } else {
      // An offset change near this day: follow the controller's Next chain run by run.
      let n = pending ?? goNext(g, last);
      for (let guard = 0; guard < 2000 && n !== undefined && n < end; guard++) {
        // n <= last: the Lord_Howe/Chatham anomaly; resume with the pattern after this day.
        if (n <= last) {
          n = undefined;
          break;
        }
        if (!accept(n)) return out;
        n = goNext(g, n);
      }
      pending = n;
    }
  }
  return out;
}

/** Offset changes of `zone` after `from` up to `to`, located to the second (the zone's own switches). */
export function offsetChanges(name: string, zone: Zone, from: number, to: number): ZoneChange[] {
  return zone.switchesWithin(Math.floor(from / 86400), Math.floor(to / 86400))
    .filter((c) => c.at > from && c.at <= to)
    .map((c) => ({ zone: name, at: c.at, before: c.before, after: c.after }));
}

/** The zone of a CronJob's `spec.timeZone` (UTC when unset or unknown). */
export function zoneOf(timeZone: string | undefined): Zone {
  if (timeZone === undefined) return Zone.UTC;
  const loaded = loadLocation(timeZone);
  return 'zone' in loaded ? loaded.zone : Zone.UTC;
}

function wallOfLocal(local: number): Wall {
  const days = Math.floor(local / 86400);
  const secs = local - days * 86400;
  const { year, month, day } = civilFromDays(days);
  const weekday = ((days + 4) % 7 + 7) % 7;
  return { year, month, day, hour: Math.floor(secs / 3600), minute: Math.floor((secs % 3600) / 60), second: secs % 60, weekday };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
