import { analyzeFleet, FleetAnalysis, fleetCronJobs, FleetRun, SourcedManifest, zoneOf } from './fleet';
import { computeSpread } from '../schedule/spread';
import { suppressionsOf } from '../validation/engine';
import { Finding, Severity } from '../validation/types';

/** Rule id: more than `pileUpThreshold` CronJobs start in the same minute. */
export const PILE_UP_RULE = 'schedule-pile-up';
/** Rule id: runs that DST doubles or brings together. */
export const DST_OVERLAP_RULE = 'dst-overlap';

/**
 * Default for `pileUpThreshold`: more than 5 CronJobs starting in the same minute is a pile-up.
 * A handful is normal (a team's jobs at 02:00); beyond that the API server, the scheduler, image
 * pulls and the shared database all see a burst.
 */
export const DEFAULT_PILE_UP_THRESHOLD = 5;

/**
 * CronJobs that run more often than this per day take no part in the fleet rules: they start in
 * nearly every minute slot anyway, and a skipped or doubled run among many is harmless.
 */
export const FLEET_RULE_MAX_RUNS_PER_DAY = 48;

/** Options of `fleetFindings`. */
export interface FleetFindingOptions {
  /** Start of the analysed window. @default 2026-01-01T00:00:00Z (fixed, so results are reproducible) */
  readonly from?: Date;
  /** Length of the window in days. @default 366 (both DST changes of every zone) */
  readonly days?: number;
  /** A pile-up is more than this many CronJobs starting in one minute. @default DEFAULT_PILE_UP_THRESHOLD (5) */
  readonly pileUpThreshold?: number;
}

/** A finding with the rows and instants it is about, for the report. */
export interface FleetFinding extends Finding {
  readonly namespace: string;
  /** Index of the CronJob the finding is on. */
  readonly job: number;
  /** Indexes of the other CronJobs involved. */
  readonly related: number[];
  /** The instants (Unix seconds) it happens at, first first. */
  readonly at: number[];
}

/**
 * The fleet-level findings for a set of manifests (Jobs and others are ignored; `kind: List` is
 * read): `schedule-pile-up` and `dst-overlap`, as warnings in the shape of the per-object rules,
 * honouring the `cdk8s-batch.io/suppressions` annotation. Pure: same input, same output.
 */
export function fleetFindings(manifests: any[], options: FleetFindingOptions = {}): Finding[] {
  const analysis = analyzeFleet(fleetCronJobs(manifests as Array<any | SourcedManifest>), options.from ?? DEFAULT_FROM, options.days ?? 366);
  return analyzeFindings(analysis, options.pileUpThreshold).map(plain);
}

/**
 * `fleetFindings`, each with the index in `manifests` of the object it is on (the index of the
 * `kind: List` for its items): for callers that know where each manifest came from, like `lint`
 * with its files and lines.
 */
export function fleetFindingsByIndex(manifests: any[], options: FleetFindingOptions = {}): Array<{ index: number; finding: Finding }> {
  const entries: SourcedManifest[] = manifests.map((manifest, i) => ({ manifest, source: String(i) }));
  const analysis = analyzeFleet(fleetCronJobs(entries), options.from ?? DEFAULT_FROM, options.days ?? 366);
  return analyzeFindings(analysis, options.pileUpThreshold).map((f) => ({ index: Number(analysis.jobs[f.job].source), finding: plain(f) }));
}

const DEFAULT_FROM = new Date('2026-01-01T00:00:00Z');

function plain(f: FleetFinding): Finding {
  return { ruleId: f.ruleId, severity: f.severity, kind: f.kind, name: f.name, path: f.path, message: f.message, fix: f.fix };
}

/** Findings of an analysis, suppressions applied, ordered by CronJob then rule. */
export function analyzeFindings(a: FleetAnalysis, pileUpThreshold: number = DEFAULT_PILE_UP_THRESHOLD): FleetFinding[] {
  if (!Number.isInteger(pileUpThreshold) || pileUpThreshold < 1) {
    throw new Error(`pileUpThreshold must be a whole number from 1 (got ${pileUpThreshold}). Fix: pass e.g. 5`);
  }
  const eligible = a.jobs.map((_, i) => a.runs[i].length <= FLEET_RULE_MAX_RUNS_PER_DAY * Math.max(1, (a.to - a.from) / 86400) && !a.truncated[i]);
  const findings = [...pileUps(a, eligible, pileUpThreshold), ...dstOverlaps(a, eligible)];
  return findings
    .filter((f) => !suppressionsOf(a.jobs[f.job].manifest).has(f.ruleId))
    .sort((x, y) => x.job - y.job || x.ruleId.localeCompare(y.ruleId) || x.at[0] - y.at[0]);
}

/**
 * Pile-ups: minutes at which more than `threshold` eligible CronJobs start, grouped by UTC time
 * of day (the 00:00 pile is one incident whether 8 or 10 CronJobs meet on a given day).
 */
export function pileUpGroups(a: FleetAnalysis, eligible: boolean[], threshold: number): PileUpGroup[] {
  const byMinute = new Map<number, Set<number>>();
  a.runs.forEach((runs, job) => {
    if (!eligible[job]) return;
    for (const r of runs) {
      const m = Math.floor(r.start / 60);
      let set = byMinute.get(m);
      if (!set) byMinute.set(m, set = new Set());
      set.add(job);
    }
  });
  const groups = new Map<number, PileUpGroup>();
  for (const [minute, set] of [...byMinute.entries()].sort((x, y) => x[0] - y[0])) {
    if (set.size <= threshold) continue;
    const ofDay = ((minute % 1440) + 1440) % 1440;
    let g = groups.get(ofDay);
    if (!g) groups.set(ofDay, g = { jobs: [], minutes: [], largest: 0, smallest: Infinity, perJob: new Map() });
    g.minutes.push(minute);
    g.largest = Math.max(g.largest, set.size);
    g.smallest = Math.min(g.smallest, set.size);
    for (const job of set) {
      if (!g.perJob.has(job)) {
        g.perJob.set(job, []);
        g.jobs.push(job);
      }
      g.perJob.get(job)!.push(minute);
    }
  }
  for (const g of groups.values()) g.jobs.sort((x, y) => x - y);
  return [...groups.values()];
}

/** One pile-up incident: a UTC minute of the day at which too many CronJobs start. */
export interface PileUpGroup {
  /** Every CronJob that starts in the pile at least once. */
  jobs: number[];
  /** The Unix minutes with a pile-up. */
  minutes: number[];
  largest: number;
  smallest: number;
  /** CronJob -> the minutes it takes part in. */
  perJob: Map<number, number[]>;
}

function pileUps(a: FleetAnalysis, eligible: boolean[], threshold: number): FleetFinding[] {
  const out: FleetFinding[] = [];
  for (const g of pileUpGroups(a, eligible, threshold)) {
    const first = g.minutes[0] * 60;
    const size = g.largest === g.smallest ? `${g.largest}` : `${g.smallest} to ${g.largest}`;
    const when = `${utcClock(first)} UTC${g.minutes.length > 1 ? ` on ${g.minutes.length} days of the window from ${utcDate(first)}` : ` on ${utcDate(first)}`}`;
    for (const job of g.jobs) {
      const j = a.jobs[job];
      const others = g.jobs.filter((o) => o !== job);
      out.push({
        ruleId: PILE_UP_RULE,
        severity: Severity.WARNING,
        kind: 'CronJob',
        name: j.name,
        namespace: j.namespace,
        path: 'spec.schedule',
        message: `${size} CronJobs start in the same minute, ${when}, more than the limit of ${threshold}: "${j.schedule}"${zoneText(j.timeZone)} starts there together with ${names(a, others)}; the API server, the scheduler, image pulls and shared backends get them all at once`,
        fix: spreadFix(a, job),
        job,
        related: others,
        at: g.perJob.get(job)!.map((m) => m * 60),
      });
    }
  }
  return out;
}

/** The fix of a pile-up: the spread helper, with the expression it would give this CronJob. */
function spreadFix(a: FleetAnalysis, job: number): string {
  const j = a.jobs[job];
  const runs = a.runs[job];
  const perDay = runs.length / Math.max(1, (a.to - a.from) / 86400);
  let suggestion: string;
  try {
    if (perDay > 1.5) {
      const s = computeSpread(j.key, { key: j.key, hourly: {} }, 'hourly');
      suggestion = `SpreadSchedule.of({ key: '${j.key}', hourly: {} }) gives "${s.expression}"`;
    } else {
      let h = runs.length > 0 ? runs[0].wall.hour : 0;
      // In a zone with DST, never suggest the hours where clocks change.
      if (j.timeZone !== undefined && hasDst(j.timeZone, a.from) && h <= 3) h = 4;
      const between = `${pad(h)}:00`;
      const and = `${pad((h + 2) % 24)}:00`;
      const s = computeSpread(j.key, { key: j.key, daily: { between, and } }, 'daily');
      suggestion = `SpreadSchedule.of({ key: '${j.key}', daily: { between: '${between}', and: '${and}' } }) gives "${s.expression}"`;
    }
  } catch {
    suggestion = `SpreadSchedule.of({ key: '${j.key}', ... })`;
  }
  return `spread the start times with the stable spread helper: ${suggestion} (same key, same minute, always, and a plain Kubernetes schedule), or pick another minute by hand; suppress with a reason if the burst is intended`;
}

interface PairHits { a: number; b: number; at: number[]; offsets: string }

/**
 * Overlaps that depend on the UTC offsets in force. For two CronJobs in different zones: a run
 * of one overlaps a run of the other now, but with another offset their zones have in the
 * window it would overlap no run of the other (DST brings them together). For one CronJob: a run
 * DST doubles that overlaps its twin (both run only with concurrencyPolicy Allow). Pairs are
 * `a <= b`; `a === b` is the doubled case.
 */
export function dstOverlapPairs(a: FleetAnalysis, eligible: boolean[]): PairHits[] {
  const zoneKey = (job: number) => (isEvery(a, job) ? 'UTC' : a.jobs[job].timeZone ?? 'UTC');
  const offsetsOf = (job: number) => a.zoneOffsets.get(zoneKey(job)) ?? [0];
  const all: FleetRun[] = [];
  a.runs.forEach((runs, job) => { if (eligible[job]) all.push(...runs); });
  all.sort((x, y) => x.start - y.start || x.job - y.job);
  const pairs = new Map<string, PairHits>();
  const active: FleetRun[] = [];
  const add = (x: number, y: number, at: number) => {
    const key = `${x},${y}`;
    let p = pairs.get(key);
    if (!p) pairs.set(key, p = { a: x, b: y, at: [], offsets: offsetsNow(a, [x, y], at) });
    if (p.at[p.at.length - 1] !== at) p.at.push(at);
  };
  for (const r of all) {
    for (let i = active.length - 1; i >= 0; i--) if (active[i].end <= r.start) active.splice(i, 1);
    for (const o of active) {
      if (o.job === r.job) {
        if (o.doubled && r.doubled && a.jobs[r.job].concurrencyPolicy === 'Allow') add(r.job, r.job, r.start);
        continue;
      }
      if (zoneKey(o.job) === zoneKey(r.job)) continue;
      if (offsetsOf(o.job).length < 2 && offsetsOf(r.job).length < 2) continue;
      if (dependsOnOffsets(a, o, r, offsetsOf(o.job), offsetsOf(r.job))) {
        add(Math.min(o.job, r.job), Math.max(o.job, r.job), Math.max(o.start, r.start));
      }
    }
    active.push(r);
  }
  return [...pairs.values()];
}

/**
 * True when, with some other combination of the zones' offsets, run `r` would overlap no run
 * of `o.job` (and `o` no run of `r.job`): the overlap is DST's doing, not the schedules'.
 */
function dependsOnOffsets(a: FleetAnalysis, o: FleetRun, r: FleetRun, oOffsets: number[], rOffsets: number[]): boolean {
  const oNow = wallSeconds(o) - o.start;
  const rNow = wallSeconds(r) - r.start;
  for (const oo of oOffsets) {
    for (const ro of rOffsets) {
      if (oo === oNow && ro === rNow) continue;
      // Moving r's zone to offset ro moves r by (rNow - ro); o's zone moves o.job's runs by (oNow - oo).
      const shift = (rNow - ro) - (oNow - oo);
      // Both ways: a frequent partner still met by a neighbouring run is not DST's doing.
      if (!overlapsAny(a.runs[o.job], r.start + shift, r.end + shift) && !overlapsAny(a.runs[r.job], o.start - shift, o.end - shift)) return true;
    }
  }
  return false;
}

/** Whether [start, end) overlaps any of the (start-sorted) runs. */
function overlapsAny(runs: FleetRun[], start: number, end: number): boolean {
  let lo = 0;
  let hi = runs.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (runs[mid].start < end) lo = mid + 1;
    else hi = mid;
  }
  // Runs before index lo start before `end`; look back while they could still reach `start`.
  for (let i = lo - 1; i >= 0 && i >= lo - 64; i--) if (runs[i].end > start) return true;
  return false;
}

function dstOverlaps(a: FleetAnalysis, eligible: boolean[]): FleetFinding[] {
  // One finding per CronJob that DST moves (its zone changes offset), naming everything it meets.
  const perJob = new Map<number, { others: Set<number>; at: number[]; twin: boolean; offsets: string }>();
  const movedByDst = (job: number) => (a.zoneOffsets.get(a.jobs[job].timeZone ?? 'UTC') ?? [0]).length > 1 && !isEvery(a, job);
  for (const p of dstOverlapPairs(a, eligible)) {
    for (const [job, other] of p.a === p.b ? [[p.a, p.a]] : [[p.a, p.b], [p.b, p.a]]) {
      if (!movedByDst(job)) continue;
      let e = perJob.get(job);
      if (!e) perJob.set(job, e = { others: new Set(), at: [], twin: false, offsets: p.offsets });
      if (job === other) e.twin = true;
      else e.others.add(other);
      e.at.push(...p.at);
    }
  }
  const out: FleetFinding[] = [];
  for (const [job, e] of perJob) {
    const j = a.jobs[job];
    const at = [...new Set(e.at)].sort((x, y) => x - y);
    const first = at[0];
    const times = at.length > 1 ? `${at.length} times in the window, first at ${utcDate(first)} ${utcClock(first)} UTC` : `at ${utcDate(first)} ${utcClock(first)} UTC`;
    const others = [...e.others].sort((x, y) => x - y);
    const parts: string[] = [];
    if (e.twin) parts.push(`DST makes it run twice in ${j.timeZone} and the two runs overlap (concurrencyPolicy Allow, runs last up to ${dur(j)})`);
    if (others.length > 0) {
      parts.push(`DST brings its runs together with ${names(a, others)}: they overlap only while ${j.timeZone} is on the offset in force then, not with its other offset of the window (runs last up to ${dur(j)})`);
    }
    out.push({
      ruleId: DST_OVERLAP_RULE,
      severity: Severity.WARNING,
      kind: 'CronJob',
      name: j.name,
      namespace: j.namespace,
      path: 'spec.schedule',
      message: `"${j.schedule}" in ${j.timeZone}: ${parts.join('; and ')}; ${times}${others.length > 0 ? ` (${e.offsets})` : ''}`,
      fix: e.twin && others.length === 0
        ? 'use concurrencyPolicy Forbid, schedule outside 01:00-03:59 local time, or use timeZone "Etc/UTC"'
        : 'put the CronJobs that share a backend in the same timeZone (DST then moves them together), or move this one so that they do not meet in either season (SpreadSchedule can pick the minute)',
      job,
      related: others,
      at,
    });
  }
  return out;
}

/** Whether the zone's offset differs between January and July of the window's year. */
function hasDst(timeZone: string, from: number): boolean {
  const zone = zoneOf(timeZone);
  const year = new Date(from * 1000).getUTCFullYear();
  return zone.offsetAt(Date.UTC(year, 0, 15) / 1000) !== zone.offsetAt(Date.UTC(year, 6, 15) / 1000);
}

function isEvery(a: FleetAnalysis, job: number): boolean {
  return a.jobs[job].schedule.trim().startsWith('@every');
}

function wallSeconds(r: FleetRun): number {
  const w = r.wall;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) / 1000;
}

function offsetsNow(a: FleetAnalysis, jobs: number[], at: number): string {
  const zones = [...new Set(jobs.map((j) => a.jobs[j].timeZone ?? 'UTC'))].sort();
  return zones.map((z) => `${z} on UTC${offsetText(zoneOf(z === 'UTC' ? undefined : z).offsetAt(at))}`).join(', ');
}

export function offsetText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '+';
  const abs = Math.abs(seconds);
  return `${sign}${pad(Math.floor(abs / 3600))}:${pad(Math.floor((abs % 3600) / 60))}`;
}

function zoneText(tz: string | undefined): string {
  return tz === undefined ? ', UTC' : ` in ${tz}`;
}

function dur(j: { runSeconds: number; runSecondsAssumed: boolean }): string {
  const m = Math.round(j.runSeconds / 60);
  const text = m >= 60 && m % 60 === 0 ? `${m / 60}h` : m >= 60 ? `${Math.floor(m / 60)}h${m % 60}m` : `${m}m`;
  return j.runSecondsAssumed ? `${text} (assumed: no activeDeadlineSeconds)` : text;
}

function names(a: FleetAnalysis, jobs: number[]): string {
  const keys = jobs.map((j) => a.jobs[j].key);
  return keys.length <= 4 ? keys.join(', ') : `${keys.slice(0, 4).join(', ')} and ${keys.length - 4} more`;
}

function utcClock(t: number): string {
  return new Date(t * 1000).toISOString().slice(11, 16);
}

function utcDate(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
