/**
 * kube-state-metrics (KSM) version facts the alerts depend on: one table drives the expressions
 * (`kubeStateMetricsFeatures`), the schedule warnings (`kubeStateMetricsScheduleRisks`) and the
 * README caveats table (`kubeStateMetricsCaveatsMarkdown`).
 */
import { CronSchedule } from '../schedule/cron-schedule';
import { scheduleDstRisks } from '../schedule/risks';
import { BoundedCache } from '../util/bounded-cache';
import { BatchConfigError } from '../util/errors';

/** The KSM release the alerts target when no version is given (latest release, 2026-08). */
export const DEFAULT_KUBE_STATE_METRICS_VERSION = '2.20.0';
/** Oldest KSM the generated rules support (`job_name` label, `kube_job_owner`, v2 series shapes). */
export const MIN_KUBE_STATE_METRICS_VERSION = '2.0.0';

/** A version range, `from` inclusive, `to` exclusive; undefined ends are open. */
interface VersionRange {
  readonly from?: string;
  readonly to?: string;
}

/** One fact about KSM behaviour that changes what an alert may rely on. */
interface KsmFact {
  readonly id: string;
  /** What KSM does, for the README. */
  readonly behaviour: string;
  readonly affected: VersionRange;
  /** What this library does about it. */
  readonly handling: string;
  readonly source: string;
}

/** The facts (alerts.md §1, KSM issues/PRs). Order = README order. */
const FACTS: readonly KsmFact[] = [
  {
    id: 'no-last-successful-time',
    behaviour: '`kube_cronjob_status_last_successful_time` does not exist',
    affected: { to: '2.5.0' },
    handling: 'CronJobNotSucceededRecently uses only the completion times of the CronJob\'s Jobs (lost once the Jobs are deleted)',
    source: 'KSM #1732',
  },
  {
    id: 'timezone-ignored',
    behaviour: '`kube_cronjob_next_schedule_time` ignores `spec.timeZone` (computed in KSM\'s zone)',
    affected: { to: '2.15.0' },
    handling: 'not used: CronJobMissedSchedule does not read `kube_cronjob_next_schedule_time`; synth warning `ksm-timezone-ignored`',
    source: 'KSM #2206, #2376',
  },
  {
    id: 'timezone-crash',
    behaviour: 'a CronJob with `spec.timeZone` crash-loops KSM when its image has no tzdata (all KSM metrics lost)',
    affected: { from: '2.15.0', to: '2.19.1' },
    handling: 'CronJobMetricsAbsent fires; synth warning `ksm-timezone-crash`',
    source: 'KSM #2898, #2860',
  },
  {
    id: 'go-cron-dom-dow-and',
    behaviour: '`kube_cronjob_next_schedule_time` comes from netresearch/go-cron, which requires day-of-month AND day-of-week to match (Kubernetes: either)',
    affected: { from: '2.19.0' },
    handling: 'not used; synth warning `ksm-dom-dow-and`',
    source: 'KSM #2874; go-cron ADR-008',
  },
  {
    id: 'go-cron-dst-gap',
    behaviour: 'go-cron runs a time inside a DST gap right after the jump (Kubernetes skips it), so `kube_cronjob_next_schedule_time` names a run that never happens',
    affected: { from: '2.19.0' },
    handling: 'not used; synth warning `ksm-dst-gap`',
    source: 'KSM #2874; go-cron docs/DST_HANDLING.md',
  },
  {
    id: 'go-cron-dst-repeated',
    behaviour: 'go-cron runs a repeated fall-back time once (Kubernetes: twice)',
    affected: { from: '2.19.0' },
    handling: 'not used; synth warning `ksm-dst-repeated`',
    source: 'KSM #2874; go-cron docs/DST_HANDLING.md',
  },
  {
    id: 'step-crash',
    behaviour: 'a schedule with a step not smaller than its range (`*/60 * * * *`), which Kubernetes accepts, panics KSM: all KSM metrics lost',
    affected: { from: '2.19.0', to: '2.19.1' },
    handling: 'CronJobMetricsAbsent fires; synth warning `ksm-step-crash`',
    source: 'KSM #2967, #2988',
  },
  {
    id: 'step-invalid',
    behaviour: 'the same schedules get no `kube_cronjob_next_schedule_time` and `kube_cronjob_schedule_invalid 1`',
    affected: { from: '2.19.1' },
    handling: 'not used; synth warning `ksm-step-invalid`',
    source: 'KSM #2978',
  },
];

/** Parses `v2.19.1` / `2.19.1` (pre-release suffixes ignored) into comparable numbers. */
export function parseKsmVersion(version: string): [number, number, number] | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(?:[-+].*)?$/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : undefined;
}

/** Parsed versions for the comparisons: a fleet's checks compare the same few versions per CronJob. */
const parsedVersions = new BoundedCache<string, readonly [number, number, number]>(1000);
function parsedVersion(version: string): readonly [number, number, number] {
  return parsedVersions.get(version, (v) => parseKsmVersion(v)!);
}

function compare(a: string, b: string): number {
  const x = parsedVersion(a);
  const y = parsedVersion(b);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
}

function inRange(version: string, r: VersionRange): boolean {
  return (r.from === undefined || compare(version, r.from) >= 0) && (r.to === undefined || compare(version, r.to) < 0);
}

/** `>= 2.19.0`, `< 2.15.0`, `2.15.0 to 2.19.0` (a range's `to` is exclusive, shown as the last affected patch line). */
function describeRange(r: VersionRange): string {
  if (r.from && r.to) return `${r.from} ≤ v < ${r.to}`;
  if (r.from) return `≥ ${r.from}`;
  return `< ${r.to}`;
}

/**
 * Validates a KSM version option; returns it normalised (`2.19.1`).
 * @throws BatchConfigError for unparseable versions and versions older than 2.0.0
 */
export function checkKsmVersion(version: string, path: string): string {
  // Every workload's alerts name the same release or two: a valid one is checked once.
  return checkedVersions.get(version, (v) => checkNewKsmVersion(v, path));
}

const checkedVersions = new BoundedCache<string, string>(1000);

function checkNewKsmVersion(version: string, path: string): string {
  const v = parseKsmVersion(version);
  if (!v) {
    throw new BatchConfigError({ path, field: 'kubeStateMetricsVersion', value: version, problem: 'must be a kube-state-metrics release like "2.20.0"', fix: 'give the version of the kube-state-metrics image that scrapes the cluster (kubectl -n <ns> get deploy kube-state-metrics -o jsonpath=\'{..image}\')' });
  }
  const normalised = v.join('.');
  if (compare(normalised, MIN_KUBE_STATE_METRICS_VERSION) < 0) {
    throw new BatchConfigError({ path, field: 'kubeStateMetricsVersion', value: version, problem: `must be at least ${MIN_KUBE_STATE_METRICS_VERSION} (older releases label Jobs with job instead of job_name and lack kube_job_owner)`, fix: 'upgrade kube-state-metrics, or disable the alerts' });
  }
  return normalised;
}

/** Which metrics a KSM version offers, as the rule renderer needs them. */
export interface KsmFeatures {
  /** `kube_cronjob_status_last_successful_time` exists (≥ 2.5.0). */
  readonly lastSuccessfulTime: boolean;
}

/** The features of a (validated) KSM version. */
export function kubeStateMetricsFeatures(version: string = DEFAULT_KUBE_STATE_METRICS_VERSION): KsmFeatures {
  // Asked twice per workload with the same one or two versions.
  return featuresByVersion.get(version, (v) => Object.freeze({ lastSuccessfulTime: !factsOf(v).has('no-last-successful-time') }));
}

const featuresByVersion = new BoundedCache<string, KsmFeatures>(1000);

/** A way a kube-state-metrics release mis-handles a CronJob schedule. */
export interface KsmScheduleRisk {
  /** e.g. `ksm-dom-dow-and`. */
  readonly code: string;
  readonly message: string;
  readonly fix: string;
  /** The affected KSM releases, e.g. `≥ 2.19.0`. */
  readonly versions: string;
}

/**
 * Schedules that kube-state-metrics versions mis-handle or crash on (pure). The alerts of this
 * library do not depend on KSM's schedule parsing; these warnings matter for KSM itself (crashes
 * take every KSM metric down) and for dashboards or other alerts that read
 * `kube_cronjob_next_schedule_time`. With `ksmVersion`, only risks of that release are returned
 * (an unparseable version is treated as "any release").
 *
 * @jsii ignore
 */
export function kubeStateMetricsScheduleRisks(schedule: string, timeZone?: string, ksmVersion?: string): KsmScheduleRisk[] {
  const key = `${schedule}\u0000${timeZone ?? '\u0001'}\u0000${ksmVersion ?? ''}`;
  return [...ksmRiskCache.get(key, () => computeKsmScheduleRisks(schedule, timeZone, ksmVersion))];
}

const ksmRiskCache = new BoundedCache<string, KsmScheduleRisk[]>(10_000);

function computeKsmScheduleRisks(schedule: string, timeZone?: string, ksmVersion?: string): KsmScheduleRisk[] {
  let parsed: CronSchedule;
  try {
    parsed = CronSchedule.parse(schedule, { timeZone });
  } catch {
    return []; // rejected schedules are reported by the API-server rules
  }
  const facts = factsOf(ksmVersion);
  const out: KsmScheduleRisk[] = [];
  // Only the facts of the release are looked at (and their messages written).
  const add = (factId: string, code: string, message: string, fix: string) => {
    out.push({ code, message, fix, versions: describeRange(facts.get(factId)!.affected) });
  };
  const g = parsed._schedule;
  const zoned = timeZone !== undefined && !/^(Etc\/)?(UTC|UCT|GMT|Zulu|Universal)$/.test(timeZone);

  if (zoned && facts.has('timezone-ignored')) {
    add('timezone-ignored', 'ksm-timezone-ignored',
      `kube-state-metrics before 2.15.0 computes kube_cronjob_next_schedule_time for "${schedule}" in its own zone, not ${timeZone}: the value is off by the zone offset`,
      'upgrade kube-state-metrics to 2.15.0 or later, or do not alert on kube_cronjob_next_schedule_time (this library\'s alerts do not)');
  }
  // Go's LoadLocation needs tzdata for every name but "UTC" (Etc/UTC included).
  if (timeZone !== undefined && timeZone !== 'UTC' && facts.has('timezone-crash')) {
    add('timezone-crash', 'ksm-timezone-crash',
      `kube-state-metrics 2.15.0 to 2.19.0 crash-loops on a CronJob with timeZone ${timeZone} when its image has no time zone data: every kube-state-metrics metric of the cluster is lost`,
      'use kube-state-metrics 2.19.1 or later, or an image with tzdata (the upstream image has it), or timeZone "UTC"');
  }
  if (g.kind === 'spec' && !g.domStar && !g.dowStar && facts.has('go-cron-dom-dow-and')) {
    add('go-cron-dom-dow-and', 'ksm-dom-dow-and',
      `"${schedule}" restricts both day-of-month and day-of-week: Kubernetes runs it on days matching either, kube-state-metrics 2.19.0 and later only on days matching both, so kube_cronjob_next_schedule_time points at the wrong (usually a much later) day`,
      'do not alert on kube_cronjob_next_schedule_time for this CronJob (this library\'s alerts do not), or split it into two CronJobs, one per day field');
  }
  const scheduleRisks = facts.has('go-cron-dst-gap') || facts.has('go-cron-dst-repeated') ? scheduleDstRisks(schedule, timeZone) : [];
  if (scheduleRisks.some((r) => r.code === 'schedule-dst-gap') && facts.has('go-cron-dst-gap')) {
    add('go-cron-dst-gap', 'ksm-dst-gap',
      `"${schedule}" in ${timeZone} names a local time that does not exist on the spring-forward day: Kubernetes skips that run, kube-state-metrics 2.19.0 and later expect it right after the jump, so kube_cronjob_next_schedule_time is in the past for a day`,
      'schedule outside the DST change hours, or do not alert on kube_cronjob_next_schedule_time (this library\'s alerts do not)');
  }
  if (scheduleRisks.some((r) => r.code === 'schedule-dst-ambiguous') && facts.has('go-cron-dst-repeated')) {
    add('go-cron-dst-repeated', 'ksm-dst-repeated',
      `"${schedule}" in ${timeZone} names a local time that happens twice on the fall-back day: Kubernetes runs twice, kube-state-metrics 2.19.0 and later expect one run`,
      'schedule outside the DST change hours, or do not alert on kube_cronjob_next_schedule_time (this library\'s alerts do not)');
  }
  const steps = oversizedSteps(schedule);
  if (steps.length > 0 && facts.has('step-crash')) {
    add('step-crash', 'ksm-step-crash',
      `"${schedule}" has a step not smaller than its range (${steps.join(', ')}): Kubernetes accepts it, kube-state-metrics 2.19.0 panics on it and stops exporting every metric of the cluster`,
      'write the field without the step (e.g. "0" instead of "*/60"), or use kube-state-metrics 2.19.1 or later');
  }
  if (steps.length > 0 && facts.has('step-invalid')) {
    add('step-invalid', 'ksm-step-invalid',
      `"${schedule}" has a step not smaller than its range (${steps.join(', ')}): kube-state-metrics 2.19.1 and later export no kube_cronjob_next_schedule_time for it and set kube_cronjob_schedule_invalid to 1`,
      'write the field without the step (e.g. "0" instead of "*/60")');
  }
  return out;
}

/**
 * The facts that apply to a release, by id: every fact when no release is given (or it cannot be
 * read). Once per release: a fleet's checks ask for the same release per CronJob.
 */
function factsOf(ksmVersion: string | undefined): ReadonlyMap<string, KsmFact> {
  return factsByRelease.get(ksmVersion ?? '', () => {
    const version = ksmVersion === undefined ? undefined : parseKsmVersion(ksmVersion)?.join('.');
    return new Map(FACTS.filter((f) => version === undefined || inRange(version, f.affected)).map((f) => [f.id, f]));
  });
}
const factsByRelease = new BoundedCache<string, ReadonlyMap<string, KsmFact>>(1000);

const FIELD_BOUNDS: ReadonlyArray<[number, number]> = [[0, 59], [0, 23], [1, 31], [1, 12], [0, 6]];
const NAMES: Record<string, number> = Object.fromEntries([
  ...['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((n, i) => [n, i + 1]),
  ...['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((n, i) => [n, i]),
]);

/** List items `range/step` whose step is at least the range size (go-cron: "step (N) must be less than range size (M)"). */
export function oversizedSteps(schedule: string): string[] {
  if (!schedule.includes('/')) return [];
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) return [];
  const out: string[] = [];
  fields.forEach((field, i) => {
    const [min, max] = FIELD_BOUNDS[i];
    for (const item of field.split(',')) {
      const [range, stepText] = item.split('/');
      if (stepText === undefined) continue;
      const step = Number(stepText);
      const num = (s: string) => NAMES[s.toLowerCase()] ?? Number(s);
      let start = min;
      let end = max;
      if (range !== '*' && range !== '?') {
        const [a, b] = range.split('-');
        start = num(a);
        end = b === undefined ? max : num(b);
      }
      if (Number.isFinite(step) && step >= end - start + 1) out.push(item);
    }
  });
  return out;
}

/** The README's kube-state-metrics caveats table (Markdown), generated from the same facts. */
export function kubeStateMetricsCaveatsMarkdown(): string {
  const rows = FACTS.map((f) => `| ${describeRange(f.affected)} | ${f.behaviour} | ${f.handling} | ${f.source} |`);
  return ['| KSM versions | behaviour | what this library does | source |', '|---|---|---|---|', ...rows].join('\n');
}
