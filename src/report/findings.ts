import { FleetAnalysis, fleetCronJobs, FleetTimeline, fleetTimeline, RunSeries, SourcedManifest, zoneOf } from './fleet';
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
  const t = fleetTimeline(fleetCronJobs(manifests as Array<any | SourcedManifest>), options.from ?? DEFAULT_FROM, options.days ?? 366);
  return timelineFindings(t, options.pileUpThreshold).map(plain);
}

/**
 * `fleetFindings`, each with the index in `manifests` of the object it is on (the index of the
 * `kind: List` for its items): for callers that know where each manifest came from, like `lint`
 * with its files and lines.
 */
export function fleetFindingsByIndex(manifests: any[], options: FleetFindingOptions = {}): Array<{ index: number; finding: Finding }> {
  const entries: SourcedManifest[] = manifests.map((manifest, i) => ({ manifest, source: String(i) }));
  const t = fleetTimeline(fleetCronJobs(entries), options.from ?? DEFAULT_FROM, options.days ?? 366);
  return timelineFindings(t, options.pileUpThreshold).map((f) => ({ index: Number(t.jobs[f.job].source), finding: plain(f) }));
}

const DEFAULT_FROM = new Date('2026-01-01T00:00:00Z');

function plain(f: FleetFinding): Finding {
  return { ruleId: f.ruleId, severity: f.severity, kind: f.kind, name: f.name, path: f.path, message: f.message, fix: f.fix };
}

/** Findings of an analysis, suppressions applied, ordered by CronJob then rule. */
export function analyzeFindings(a: FleetAnalysis, pileUpThreshold: number = DEFAULT_PILE_UP_THRESHOLD): FleetFinding[] {
  return timelineFindings(a.timeline, pileUpThreshold);
}

/**
 * Findings of a timeline. The work is per distinct schedule (and per class of CronJobs with the
 * same schedule, zone and run length), not per CronJob: CronJobs with identical runs take part
 * in the same minutes and the same overlaps, so thousands of copies of `0 0 * * *` cost one.
 */
export function timelineFindings(t: FleetTimeline, pileUpThreshold: number = DEFAULT_PILE_UP_THRESHOLD): FleetFinding[] {
  if (!Number.isInteger(pileUpThreshold) || pileUpThreshold < 1) {
    throw new Error(`pileUpThreshold must be a whole number from 1 (got ${pileUpThreshold}). Fix: pass e.g. 5`);
  }
  const days = Math.max(1, (t.to - t.from) / 86400);
  const eligible = t.series.map((s) => s.starts.length <= FLEET_RULE_MAX_RUNS_PER_DAY * days && !s.truncated);
  const findings = [...pileUps(t, eligible, pileUpThreshold), ...dstOverlaps(t, eligible)];
  const suppressions = new Map<number, Set<string>>();
  const suppressed = (f: FleetFinding) => {
    let set = suppressions.get(f.job);
    if (!set) suppressions.set(f.job, set = suppressionsOf(t.jobs[f.job].manifest));
    return set.has(f.ruleId);
  };
  return findings
    .filter((f) => !suppressed(f))
    .sort((x, y) => x.job - y.job || x.ruleId.localeCompare(y.ruleId) || x.at[0] - y.at[0]);
}

/** Jobs per series (ascending), for the series the rules look at. */
function seriesMembers(t: FleetTimeline, eligible: boolean[]): number[][] {
  const members: number[][] = t.series.map(() => []);
  t.seriesOf.forEach((s, job) => { if (s >= 0 && eligible[s]) members[s].push(job); });
  return members;
}

/**
 * Pile-ups: minutes at which more than `threshold` eligible CronJobs start, grouped by UTC time
 * of day (the 00:00 pile is one incident whether 8 or 10 CronJobs meet on a given day).
 * `eligible` is per series. Starts are counted per minute of the window in a typed array, each
 * series adding its number of CronJobs: no object per run.
 */
export function pileUpGroups(t: FleetTimeline, eligible: boolean[], threshold: number): PileUpGroup[] {
  const members = seriesMembers(t, eligible);
  const base = Math.floor(t.from / 60);
  const counts = new Int32Array(Math.max(1, Math.ceil(t.to / 60) - base + 1));
  const eachMinute = (visit: (minute: number, series: number) => void) => {
    t.series.forEach((s, k) => {
      if (members[k].length === 0) return;
      let prev = NaN;
      for (const start of s.starts) {
        const m = Math.floor(start / 60);
        // A CronJob counts once per minute.
        if (m !== prev) visit(m, k);
        prev = m;
      }
    });
  };
  eachMinute((m, k) => { counts[m - base] += members[k].length; });
  // The series starting in each hot minute, packed: minute x's are at seriesAt[first[x] .. first[x + 1]).
  const first = new Int32Array(counts.length + 1);
  eachMinute((m) => { if (counts[m - base] > threshold) first[m - base + 1]++; });
  for (let x = 0; x < counts.length; x++) first[x + 1] += first[x];
  const seriesAt = new Int32Array(first[counts.length]);
  const filled = new Int32Array(counts.length);
  eachMinute((m, k) => {
    const x = m - base;
    if (counts[x] > threshold) seriesAt[first[x] + filled[x]++] = k;
  });
  const groups = new Map<number, { g: PileUpGroup; bySeries: Map<number, number[]> }>();
  for (let x = 0; x < counts.length; x++) {
    const size = counts[x];
    if (size <= threshold) continue;
    const minute = x + base;
    const ofDay = ((minute % 1440) + 1440) % 1440;
    let entry = groups.get(ofDay);
    if (!entry) groups.set(ofDay, entry = { g: { jobs: [], minutes: [], largest: 0, smallest: Infinity, perJob: new Map() }, bySeries: new Map() });
    const { g, bySeries } = entry;
    g.minutes.push(minute);
    g.largest = Math.max(g.largest, size);
    g.smallest = Math.min(g.smallest, size);
    for (let y = first[x]; y < first[x + 1]; y++) {
      const k = seriesAt[y];
      let list = bySeries.get(k);
      if (!list) {
        // CronJobs of one series share their list of minutes.
        bySeries.set(k, list = []);
        for (const job of members[k]) {
          g.jobs.push(job);
          g.perJob.set(job, list);
        }
      }
      list.push(minute);
    }
  }
  const out = [...groups.values()].map((e) => e.g);
  for (const g of out) g.jobs.sort((x, y) => x - y);
  return out;
}

/** One pile-up incident: a UTC minute of the day at which too many CronJobs start. */
export interface PileUpGroup {
  /** Every CronJob that starts in the pile at least once. */
  jobs: number[];
  /** The Unix minutes with a pile-up. */
  minutes: number[];
  largest: number;
  smallest: number;
  /** CronJob -> the minutes it takes part in (CronJobs with the same schedule share one list). */
  perJob: Map<number, number[]>;
}

/** A finding whose `related` list is built when read: a pile of 10,000 would otherwise hold 10,000 lists of 9,999. */
function withRelated(f: Omit<FleetFinding, 'related'>, related: () => number[]): FleetFinding {
  let cached: number[] | undefined;
  return Object.defineProperty(f, 'related', { enumerable: true, get: () => (cached ??= related()) }) as FleetFinding;
}

function pileUps(t: FleetTimeline, eligible: boolean[], threshold: number): FleetFinding[] {
  const out: FleetFinding[] = [];
  const fixes = new SpreadFixes(t);
  for (const g of pileUpGroups(t, eligible, threshold)) {
    const first = g.minutes[0] * 60;
    const size = g.largest === g.smallest ? `${g.largest}` : `${g.smallest} to ${g.largest}`;
    const when = `${utcClock(first)} UTC${g.minutes.length > 1 ? ` on ${g.minutes.length} days of the window from ${utcDate(first)}` : ` on ${utcDate(first)}`}`;
    const atOf = new Map<number[], number[]>();
    for (const job of g.jobs) {
      const j = t.jobs[job];
      const minutes = g.perJob.get(job)!;
      let at = atOf.get(minutes);
      if (!at) atOf.set(minutes, at = minutes.map((m) => m * 60));
      const firstOthers: number[] = [];
      for (const o of g.jobs) {
        if (firstOthers.length === 4) break;
        if (o !== job) firstOthers.push(o);
      }
      const jobs = g.jobs;
      out.push(withRelated({
        ruleId: PILE_UP_RULE,
        severity: Severity.WARNING,
        kind: 'CronJob',
        name: j.name,
        namespace: j.namespace,
        path: 'spec.schedule',
        message: `${size} CronJobs start in the same minute, ${when}, more than the limit of ${threshold}: "${j.schedule}"${zoneText(j.timeZone)} starts there together with ${names(t, firstOthers, jobs.length - 1)}; the API server, the scheduler, image pulls and shared backends get them all at once`,
        fix: fixes.of(job),
        job,
        at,
      }, () => jobs.filter((o) => o !== job)));
    }
  }
  return out;
}

/** The fix of a pile-up: the spread helper, with the expression it would give this CronJob. */
class SpreadFixes {
  private readonly dst = new Map<string, boolean>();
  private readonly fixes = new Map<number, string>();
  constructor(private readonly t: FleetTimeline) {}

  /** Same for every pile the CronJob is in: computed once. */
  of(job: number): string {
    let fix = this.fixes.get(job);
    if (fix === undefined) this.fixes.set(job, fix = this.compute(job));
    return fix;
  }

  private compute(job: number): string {
    const t = this.t;
    const j = t.jobs[job];
    const s = t.series[t.seriesOf[job]];
    const perDay = s.starts.length / Math.max(1, (t.to - t.from) / 86400);
    let suggestion: string;
    try {
      if (perDay > 1.5) {
        const sp = computeSpread(j.key, { key: j.key, hourly: {} }, 'hourly');
        suggestion = `SpreadSchedule.of({ key: '${j.key}', hourly: {} }) gives "${sp.expression}"`;
      } else {
        let h = 0;
        if (s.starts.length > 0) {
          const local = s.starts[0] + s.offsets[0];
          h = Math.floor((((local % 86400) + 86400) % 86400) / 3600);
        }
        // In a zone with DST, never suggest the hours where clocks change.
        if (j.timeZone !== undefined && this.hasDst(j.timeZone) && h <= 3) h = 4;
        const between = `${pad(h)}:00`;
        const and = `${pad((h + 2) % 24)}:00`;
        const sp = computeSpread(j.key, { key: j.key, daily: { between, and } }, 'daily');
        suggestion = `SpreadSchedule.of({ key: '${j.key}', daily: { between: '${between}', and: '${and}' } }) gives "${sp.expression}"`;
      }
    } catch {
      suggestion = `SpreadSchedule.of({ key: '${j.key}', ... })`;
    }
    return `spread the start times with the stable spread helper: ${suggestion} (same key, same minute, always, and a plain Kubernetes schedule), or pick another minute by hand; suppress with a reason if the burst is intended`;
  }

  private hasDst(timeZone: string): boolean {
    let v = this.dst.get(timeZone);
    if (v === undefined) this.dst.set(timeZone, v = hasDst(timeZone, this.t.from));
    return v;
  }
}

/**
 * CronJobs with the same series and run length: their runs are identical, so they overlap the
 * same runs of others. `zoneKey` and `offsets` are the zone the overlap rule compares.
 */
interface RunClass {
  readonly series: RunSeries;
  readonly runSeconds: number;
  readonly members: number[];
  readonly zoneKey: string;
  /** The zone named in messages (`timeZone`, else UTC). */
  readonly zoneName: string;
  readonly offsets: number[];
  /** Classes it is brought together with. */
  readonly partners: Set<number>;
  /** Instants it is brought together with another class, ascending, once each. */
  readonly hitTimes: number[];
  /** Instants a doubled run overlaps its twin (for the members with concurrencyPolicy Allow). */
  readonly twins: number[];
  /** The first hits with other classes: all at the same instant `firstAt`. */
  firstAt: number;
  firstHits: Array<{ partner: number; own: number; other: number }>;
  /** Start of the earlier twin at the first twin hit. */
  firstTwinAt: number;
  firstTwinEarlier: number;
}

/**
 * Overlaps that depend on the UTC offsets in force. For two CronJobs in different zones: a run
 * of one overlaps a run of the other now, but with another offset their zones have in the
 * window it would overlap no run of the other (DST brings them together). For one CronJob: a run
 * DST doubles that overlaps its twin (both run only with concurrencyPolicy Allow).
 *
 * Swept once over the runs of each class (not of each CronJob), in start order with the runs
 * still running; only classes in a zone with two offsets, and the runs they meet, are compared.
 */
function runClasses(t: FleetTimeline, eligible: boolean[]): RunClass[] {
  const classes: RunClass[] = [];
  const byKey = new Map<string, RunClass>();
  t.jobs.forEach((job, index) => {
    const s = t.seriesOf[index];
    if (s < 0 || !eligible[s]) return;
    const key = `${s}/${job.runSeconds}`;
    let c = byKey.get(key);
    if (!c) {
      const series = t.series[s];
      const zoneKey = series.isEvery ? 'UTC' : series.timeZone ?? 'UTC';
      c = {
        series,
        runSeconds: job.runSeconds,
        members: [],
        zoneKey,
        zoneName: series.timeZone ?? 'UTC',
        offsets: t.zoneOffsets.get(zoneKey) ?? [0],
        partners: new Set(),
        hitTimes: [],
        twins: [],
        firstAt: Infinity,
        firstHits: [],
        firstTwinAt: Infinity,
        firstTwinEarlier: Infinity,
      };
      byKey.set(key, c);
      classes.push(c);
    }
    c.members.push(index);
  });
  return classes;
}

/** The classes of one series, shortest runs first: they share the run starts and the zone. */
interface SeriesUnit {
  readonly series: RunSeries;
  readonly classes: number[];
  readonly durations: number[];
  readonly longest: number;
  readonly zone: number;
  readonly moved: boolean;
  readonly offsets: number[];
}

function sweepOverlaps(classes: RunClass[]): void {
  if (!classes.some((c) => c.offsets.length > 1)) return;
  const zoneIds = new Map<string, number>();
  const bySeries = new Map<RunSeries, number[]>();
  classes.forEach((c, k) => {
    if (!zoneIds.has(c.zoneKey)) zoneIds.set(c.zoneKey, zoneIds.size);
    const list = bySeries.get(c.series);
    if (list) list.push(k);
    else bySeries.set(c.series, [k]);
  });
  const units: SeriesUnit[] = [...bySeries.entries()].map(([series, ks]) => {
    ks.sort((x, y) => classes[x].runSeconds - classes[y].runSeconds);
    const durations = ks.map((k) => classes[k].runSeconds);
    const c = classes[ks[0]];
    const longest = durations[durations.length - 1];
    return { series, classes: ks, durations, longest, zone: zoneIds.get(c.zoneKey)!, moved: c.offsets.length > 1, offsets: c.offsets };
  });
  // Runs (unit, index) still running (by the unit's longest run), per zone and by whether DST
  // moves them: a run is compared only with runs of other zones, and a run DST does not move
  // only with runs it does.
  const active = Array.from({ length: zoneIds.size * 2 }, () => ({ u: [] as number[], i: [] as number[] }));
  const prune = (list: { u: number[]; i: number[] }, start: number) => {
    let w = 0;
    for (let x = 0; x < list.u.length; x++) {
      const unit = units[list.u[x]];
      if (unit.series.starts[list.i[x]] + unit.longest > start) {
        list.u[w] = list.u[x];
        list.i[w++] = list.i[x];
      }
    }
    list.u.length = w;
    list.i.length = w;
  };
  const noteFirst = (k: number, at: number, partner: number, own: number, other: number) => {
    const c = classes[k];
    if (at < c.firstAt) {
      c.firstAt = at;
      c.firstHits = [];
    }
    if (at === c.firstAt) c.firstHits.push({ partner, own, other });
  };
  // Partners as ranges of another unit's classes, collapsed into sets at the end.
  const spans = classes.map(() => new Map<number, number[]>());
  const span = (k: number, unit: number, from: number, to: number, at: number) => {
    const c = classes[k];
    if (c.hitTimes[c.hitTimes.length - 1] !== at) c.hitTimes.push(at);
    const list = spans[k].get(unit);
    if (!list) spans[k].set(unit, [from, to]);
    else if (list[list.length - 2] !== from || list[list.length - 1] !== to) list.push(from, to);
  };
  const ua: number[] = [];
  const ub: number[] = [];
  // Run o of unit uo (started no later) against run r of unit ur, for every pair of their classes.
  const compare = (uo: number, o: number, ur: number, r: number) => {
    const A = units[uo];
    const B = units[ur];
    const oStart = A.series.starts[o];
    const rStart = B.series.starts[r];
    const gap = rStart - oStart;
    const oNow = A.series.offsets[o];
    const rNow = B.series.offsets[r];
    // With each other combination of offsets, the largest run lengths (a of A, b of B) for which
    // neither moved run meets a run of the other: a <= ua[c] and b <= ub[c].
    ua.length = 0;
    ub.length = 0;
    for (const oo of A.offsets) {
      for (const ro of B.offsets) {
        if (oo === oNow && ro === rNow) continue;
        const shift = (rNow - ro) - (oNow - oo);
        const x = rStart + shift;
        const y = oStart - shift;
        // x is near run o of A, y near run r of B: look from there.
        const nx = countBefore(A.series.starts, x, o);
        const ny = countBefore(B.series.starts, y, r);
        ua.push(Math.min(x - prevStart(A.series.starts, nx), nextStart(B.series.starts, ny) - y));
        ub.push(Math.min(nextStart(A.series.starts, nx) - x, y - prevStart(B.series.starts, ny)));
      }
    }
    // Classes of A whose runs overlap r now: o's run lasts past r's start.
    let p0 = 0;
    while (p0 < A.durations.length && A.durations[p0] <= gap) p0++;
    // For each of them, how many classes of B (shortest first) it meets only by DST's doing: the
    // longer A's runs, the fewer offset combinations part them, so the counts never grow.
    const counts: number[] = [];
    let q = B.durations.length;
    for (let p = p0; p < A.durations.length; p++) {
      const a = A.durations[p];
      let most = -Infinity;
      for (let c = 0; c < ua.length; c++) if (a <= ua[c] && ub[c] > most) most = ub[c];
      while (q > 0 && B.durations[q - 1] > most) q--;
      if (q === 0) break;
      counts.push(q);
    }
    if (counts.length === 0) return;
    counts.forEach((n, x) => {
      const ko = A.classes[p0 + x];
      span(ko, ur, 0, n - 1, rStart);
      if (rStart <= classes[ko].firstAt) for (let y = 0; y < n; y++) noteFirst(ko, rStart, B.classes[y], oStart, rStart);
    });
    // Class y of B meets the classes p0 .. p0 + (last x with counts[x] > y) of A.
    let last = counts.length - 1;
    for (let y = 0; y < counts[0]; y++) {
      while (counts[last] <= y) last--;
      const kr = B.classes[y];
      span(kr, uo, p0, p0 + last, rStart);
      if (rStart <= classes[kr].firstAt) for (let x = 0; x <= last; x++) noteFirst(kr, rStart, A.classes[p0 + x], rStart, oStart);
    }
  };
  // A doubled run against the earlier runs of its own class still running (its twin).
  const twins = (c: RunClass, i: number) => {
    const { starts, doubled } = c.series;
    if (!doubled[i]) return;
    let earliest = Infinity;
    for (let k = i - 1; k >= 0 && starts[k] + c.runSeconds > starts[i]; k--) if (doubled[k]) earliest = starts[k];
    if (earliest === Infinity) return;
    if (c.twins[c.twins.length - 1] !== starts[i]) c.twins.push(starts[i]);
    if (starts[i] < c.firstTwinAt) {
      c.firstTwinAt = starts[i];
      c.firstTwinEarlier = earliest;
    }
  };
  // The units' runs in start order: a k-way merge of the (sorted) series with a binary heap.
  const pos = new Int32Array(units.length);
  const keyOf = (u: number) => units[u].series.starts[pos[u]];
  const heap = units.map((_, u) => u).filter((u) => units[u].series.starts.length > 0);
  const down = (from: number) => {
    let x = from;
    for (;;) {
      const l = 2 * x + 1;
      if (l >= heap.length) return;
      const m = l + 1 < heap.length && keyOf(heap[l + 1]) < keyOf(heap[l]) ? l + 1 : l;
      if (keyOf(heap[m]) >= keyOf(heap[x])) return;
      [heap[x], heap[m]] = [heap[m], heap[x]];
      x = m;
    }
  };
  for (let x = Math.floor(heap.length / 2) - 1; x >= 0; x--) down(x);
  while (heap.length > 0) {
    const ur = heap[0];
    const r = pos[ur];
    const unit = units[ur];
    const start = unit.series.starts[r];
    if (unit.moved) for (const k of unit.classes) twins(classes[k], r);
    for (let z = 0; z < zoneIds.size; z++) {
      if (z === unit.zone) continue;
      // Two classes that DST does not move never depend on offsets.
      for (const m of unit.moved ? [1, 0] : [1]) {
        const list = active[z * 2 + m];
        prune(list, start);
        for (let x = 0; x < list.u.length; x++) compare(list.u[x], list.i[x], ur, r);
      }
    }
    const own = active[unit.zone * 2 + (unit.moved ? 1 : 0)];
    if (own.u.length >= 64) prune(own, start);
    own.u.push(ur);
    own.i.push(r);
    pos[ur]++;
    if (pos[ur] >= unit.series.starts.length) {
      heap[0] = heap[heap.length - 1];
      heap.pop();
    }
    down(0);
  }
  spans.forEach((byUnit, k) => {
    for (const [u, list] of byUnit) {
      const seen = new Uint8Array(units[u].classes.length);
      for (let x = 0; x < list.length; x += 2) seen.fill(1, list[x], list[x + 1] + 1);
      seen.forEach((v, y) => { if (v) classes[k].partners.add(units[u].classes[y]); });
    }
  });
}

/** The start before the first `n` (-Infinity when none). */
function prevStart(starts: Float64Array, n: number): number {
  return n > 0 ? starts[n - 1] : -Infinity;
}

/** The start after the first `n` (Infinity when none). */
function nextStart(starts: Float64Array, n: number): number {
  return n < starts.length ? starts[n] : Infinity;
}

/** How many starts are before t, looking a few steps from index `near` first, then by bisection. */
function countBefore(starts: Float64Array, t: number, near: number): number {
  let n = near;
  for (let step = 0; step < 8; step++) {
    if (n > 0 && starts[n - 1] >= t) n--;
    else if (n < starts.length && starts[n] < t) n++;
    else return n;
  }
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (starts[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function dstOverlaps(t: FleetTimeline, eligible: boolean[]): FleetFinding[] {
  const classes = runClasses(t, eligible);
  sweepOverlaps(classes);
  // One finding per CronJob that DST moves (its zone changes offset), naming everything it meets.
  const out: FleetFinding[] = [];
  classes.forEach((c) => {
    if (c.offsets.length < 2 || (c.partners.size === 0 && c.twins.length === 0)) return;
    const partners = [...c.partners].map((k) => classes[k]);
    const atOthers = c.hitTimes;
    const atWithTwins = c.twins.length > 0 ? sortedUnique([...atOthers, ...c.twins]) : atOthers;
    const total = partners.reduce((sum, p) => sum + p.members.length, 0);
    const firstOthers = partners.flatMap((p) => p.members.slice(0, 4)).sort((x, y) => x - y).slice(0, 4);
    const related = () => partners.flatMap((p) => p.members).sort((x, y) => x - y);
    for (const job of c.members) {
      const j = t.jobs[job];
      const twin = c.twins.length > 0 && j.concurrencyPolicy === 'Allow';
      if (!twin && partners.length === 0) continue;
      const at = twin ? atWithTwins : atOthers;
      const first = at[0];
      const times = at.length > 1 ? `${at.length} times in the window, first at ${utcDate(first)} ${utcClock(first)} UTC` : `at ${utcDate(first)} ${utcClock(first)} UTC`;
      const parts: string[] = [];
      if (twin) parts.push(`DST makes it run twice in ${j.timeZone} and the two runs overlap (concurrencyPolicy Allow, runs last up to ${dur(j)})`);
      if (partners.length > 0) {
        parts.push(`DST brings its runs together with ${names(t, firstOthers, total)}: they overlap only while ${j.timeZone} is on the offset in force then, not with its other offset of the window (runs last up to ${dur(j)})`);
      }
      out.push(withRelated({
        ruleId: DST_OVERLAP_RULE,
        severity: Severity.WARNING,
        kind: 'CronJob',
        name: j.name,
        namespace: j.namespace,
        path: 'spec.schedule',
        message: `"${j.schedule}" in ${j.timeZone}: ${parts.join('; and ')}; ${times}${partners.length > 0 ? ` (${firstOffsets(classes, c, job, twin)})` : ''}`,
        fix: twin && partners.length === 0
          ? 'use concurrencyPolicy Forbid, schedule outside 01:00-03:59 local time, or use timeZone "Etc/UTC"'
          : 'put the CronJobs that share a backend in the same timeZone (DST then moves them together), or move this one so that they do not meet in either season (SpreadSchedule can pick the minute)',
        job,
        at,
      }, partners.length > 0 ? related : () => []));
    }
  });
  return out;
}

/**
 * The offsets in force at this CronJob's first overlap, named for the zones of the pair it
 * happens with. Ties at the same instant go the way a sweep over single runs ordered by
 * (start, CronJob) meets them: the later run's CronJob first, then the earlier run's start and CronJob.
 */
function firstOffsets(classes: RunClass[], c: RunClass, job: number, twin: boolean): string {
  const at = Math.min(c.firstAt, twin ? c.firstTwinAt : Infinity);
  let best: [number, number, number] | undefined;
  let zones: string[] = [];
  const consider = (key: [number, number, number], zs: string[]) => {
    if (best === undefined || key[0] < best[0] || (key[0] === best[0] && (key[1] < best[1] || (key[1] === best[1] && key[2] < best[2])))) {
      best = key;
      zones = zs;
    }
  };
  if (twin && c.firstTwinAt === at) consider([job, c.firstTwinEarlier, job], [c.zoneName]);
  if (c.firstAt === at) {
    for (const h of c.firstHits) {
      const p = classes[h.partner];
      const zs = [c.zoneName, p.zoneName];
      const ys = p.members;
      if (h.own < h.other) {consider([ys[0], h.own, job], zs);} else if (h.other < h.own) {consider([job, h.other, ys[0]], zs);} else {
        if (ys[0] < job) consider([job, at, ys[0]], zs);
        const above = ys.find((y) => y > job);
        if (above !== undefined) consider([above, at, job], zs);
      }
    }
  }
  return [...new Set(zones)].sort().map((z) => `${z} on UTC${offsetText(zoneOf(z === 'UTC' ? undefined : z).offsetAt(at))}`).join(', ');
}

function sortedUnique(xs: number[]): number[] {
  return [...new Set(xs)].sort((x, y) => x - y);
}

/** Whether the zone's offset differs between January and July of the window's year. */
function hasDst(timeZone: string, from: number): boolean {
  const zone = zoneOf(timeZone);
  const year = new Date(from * 1000).getUTCFullYear();
  return zone.offsetAt(Date.UTC(year, 0, 15) / 1000) !== zone.offsetAt(Date.UTC(year, 6, 15) / 1000);
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

/** The first CronJobs (ascending, at least 4 of them when there are) of `total`, by key. */
function names(t: FleetTimeline, first: number[], total: number): string {
  const keys = first.slice(0, 4).map((j) => t.jobs[j].key);
  return total <= 4 ? keys.join(', ') : `${keys.join(', ')} and ${total - 4} more`;
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
