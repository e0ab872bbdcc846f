import { KsmFeatures } from './ksm';
import { CronJobThresholds, JobThresholds, promDuration } from './thresholds';
import { copyWith } from '../util/copy-with';

/** The alerts this library generates. */
export enum BatchAlert {
  CRONJOB_LAST_RUN_FAILED = 'CronJobLastRunFailed',
  CRONJOB_NOT_SUCCEEDED_RECENTLY = 'CronJobNotSucceededRecently',
  CRONJOB_MISSED_SCHEDULE = 'CronJobMissedSchedule',
  CRONJOB_RUN_TOO_LONG = 'CronJobRunTooLong',
  CRONJOB_PODS_STUCK = 'CronJobPodsStuck',
  CRONJOB_SUSPENDED_TOO_LONG = 'CronJobSuspendedTooLong',
  CRONJOB_TOO_MANY_JOBS = 'CronJobTooManyJobs',
  CRONJOB_METRICS_ABSENT = 'CronJobMetricsAbsent',
  JOB_FAILED = 'JobFailed',
  JOB_NOT_FINISHED = 'JobNotFinished',
  JOB_PODS_STUCK = 'JobPodsStuck',
  JOB_NOT_CLEANED_UP = 'JobNotCleanedUp',
}

/** Alert severities (the `severity` label). */
export enum AlertSeverity {
  CRITICAL = 'critical',
  WARNING = 'warning',
  INFO = 'info',
}

/** How rules are rendered: routing labels, selectors, runbooks. */
export interface RuleRenderOptions {
  readonly namespace: string;
  readonly name: string;
  readonly disabled: ReadonlySet<string>;
  readonly severities: Readonly<Record<string, string>>;
  readonly extraLabels: Readonly<Record<string, string>>;
  readonly runbookBaseUrl?: string;
  /** Extra matchers for every kube-state-metrics selector, e.g. `job="kube-state-metrics"`. */
  readonly kubeStateMetricsSelector?: string;
  /** A label (e.g. `cluster`) kept in every aggregation for multi-cluster Prometheus. */
  readonly clusterLabel?: string;
  /** What the targeted kube-state-metrics release exports. */
  readonly ksm: KsmFeatures;
  /** Names of Jobs that are manual runs of this CronJob without an owner reference (OneOffJob). */
  readonly manualRuns?: readonly string[];
}

export interface RenderedRule {
  alert: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

export interface RenderedGroup {
  name: string;
  rules: RenderedRule[];
}

/** Selector helpers: the namespace, the kube-state-metrics selector and the cluster label applied everywhere. */
export class Promql {
  constructor(private readonly o: Pick<RuleRenderOptions, 'namespace' | 'kubeStateMetricsSelector' | 'clusterLabel'>) {}

  /** `metric{namespace="ns", ...extra, <ksm selector>}` */
  sel(metric: string, matchers: Record<string, string> = {}): string {
    const all = [`namespace="${esc(this.o.namespace)}"`, ...Object.entries(matchers).map(([k, v]) => `${k}="${esc(v)}"`)];
    if (this.o.kubeStateMetricsSelector) all.push(this.o.kubeStateMetricsSelector);
    return `${metric}{${all.join(', ')}}`;
  }

  /** `metric{namespace="ns", label=~"^(a|b)$", <ksm selector>}` for a fixed list of values. */
  selRe(metric: string, label: string, values: readonly string[]): string {
    const all = [`namespace="${esc(this.o.namespace)}"`, `${label}=~"${values.map((v) => esc(v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('|')}"`];
    if (this.o.kubeStateMetricsSelector) all.push(this.o.kubeStateMetricsSelector);
    return `${metric}{${all.join(', ')}}`;
  }

  /** `by (labels)` with the cluster label when configured. */
  by(...labels: string[]): string {
    return `(${[...(this.o.clusterLabel ? [this.o.clusterLabel] : []), ...labels].join(', ')})`;
  }
}

const DEFAULT_SEVERITY: Record<string, AlertSeverity> = {
  CronJobLastRunFailed: AlertSeverity.WARNING,
  CronJobNotSucceededRecently: AlertSeverity.CRITICAL,
  CronJobMissedSchedule: AlertSeverity.WARNING,
  CronJobRunTooLong: AlertSeverity.WARNING,
  CronJobPodsStuck: AlertSeverity.WARNING,
  CronJobSuspendedTooLong: AlertSeverity.INFO,
  CronJobTooManyJobs: AlertSeverity.INFO,
  CronJobMetricsAbsent: AlertSeverity.WARNING,
  JobFailed: AlertSeverity.CRITICAL,
  JobNotFinished: AlertSeverity.WARNING,
  JobPodsStuck: AlertSeverity.WARNING,
  JobNotCleanedUp: AlertSeverity.INFO,
};

/**
 * Summary and description of each alert, shared by both representations: `id` is `namespace/name`,
 * `name` the CronJob's name, `detail` the per-workload threshold text (a literal per workload, a
 * template that reads the threshold series in the shared representation).
 */
export const ALERT_TEXT: Record<string, { summary: (id: string) => string; description: (id: string, name: string, detail: string) => string }> = {
  CronJobLastRunFailed: {
    summary: (id) => `CronJob ${id} - last run failed`,
    description: (id) => `The most recent finished run of CronJob ${id} (started {{ $value | humanizeTimestamp }}) failed.`,
  },
  CronJobNotSucceededRecently: {
    summary: (id) => `CronJob ${id} has not succeeded recently`,
    description: (id, _n, d) => `CronJob ${id} last succeeded {{ $value | humanizeDuration }} ago (threshold ${d}).`,
  },
  CronJobMissedSchedule: {
    summary: (id) => `CronJob ${id} missed a scheduled run`,
    description: (id, _n, d) => `CronJob ${id} has not started a run for {{ $value | humanizeDuration }}, longer than ${d}.`,
  },
  CronJobRunTooLong: {
    summary: (id) => `CronJob ${id} has a run that is not finishing`,
    description: (_id, name, d) => `Job {{ $labels.namespace }}/{{ $labels.job_name }} of CronJob ${name} has been running for {{ $value | humanizeDuration }} (${d}).`,
  },
  CronJobPodsStuck: {
    summary: (id) => `CronJob ${id} has a run whose pods do not start`,
    description: (_id, name, d) => `A pod of Job {{ $labels.namespace }}/{{ $labels.job_name }} (CronJob ${name}) has been waiting for {{ $value | humanizeDuration }} (threshold ${d}): ${STUCK_TEXT}`,
  },
  CronJobSuspendedTooLong: {
    summary: (id) => `CronJob ${id} is suspended`,
    description: (id) => `CronJob ${id} is suspended and has not been scheduled for {{ $value | humanizeDuration }}.`,
  },
  CronJobTooManyJobs: {
    summary: (id) => `CronJob ${id} has more Jobs than its history limits allow`,
    description: (id, _n, d) => `CronJob ${id} owns {{ $value }} Job objects (expected at most ${d}); finished Jobs are not being cleaned up.`,
  },
  CronJobMetricsAbsent: {
    summary: (id) => `No kube-state-metrics data for CronJob ${id}`,
    description: (id) => `kube-state-metrics exports no kube_cronjob_info for ${id}: the CronJob is missing or not watched, so its other alerts cannot fire.`,
  },
  JobFailed: {
    summary: (id) => `Job ${id} failed`,
    description: () => 'Job {{ $labels.namespace }}/{{ $labels.job_name }} has condition Failed=True (backoffLimit or activeDeadlineSeconds exceeded, or a pod failure policy matched).',
  },
  JobNotFinished: {
    summary: (id) => `Job ${id} is not finishing`,
    description: (_id, _n, d) => `Job {{ $labels.namespace }}/{{ $labels.job_name }} has not finished {{ $value | humanizeDuration }} after it started (${d}).`,
  },
  JobPodsStuck: {
    summary: (id) => `Job ${id} has pods that do not start`,
    description: (_id, _n, d) => `A pod of Job {{ $labels.namespace }}/{{ $labels.job_name }} has been waiting for {{ $value | humanizeDuration }} (threshold ${d}): ${STUCK_TEXT}`,
  },
  JobNotCleanedUp: {
    summary: (id) => `Finished Job ${id} was not garbage-collected`,
    description: (_id, _n, d) => `Job {{ $labels.namespace }}/{{ $labels.job_name }} completed {{ $value | humanizeDuration }} ago but still exists (ttlSecondsAfterFinished ${d}).`,
  },
};

const STUCK_TEXT = 'Pending (unschedulable, quota) or a container in ImagePullBackOff, ErrImagePull, CreateContainerConfigError or CreateContainerError. Waiting pods do not count toward backoffLimit.';

/** The per-workload part of each CronJob alert's description (none: the alert has no threshold text). */
export function cronJobDetails(t: CronJobThresholds, facts: { activeDeadlineSeconds?: number; maxIntervalSeconds: number }): Record<string, string> {
  return {
    CronJobNotSucceededRecently: promDuration(t.successSeconds),
    CronJobMissedSchedule: `the longest gap between its runs (${promDuration(facts.maxIntervalSeconds)}) plus ${promDuration(t.graceSeconds)}`,
    CronJobRunTooLong: facts.activeDeadlineSeconds !== undefined ? `activeDeadlineSeconds ${facts.activeDeadlineSeconds}` : `expected at most ${promDuration(t.runSeconds)}`,
    CronJobPodsStuck: promDuration(t.podsStuckSeconds),
    CronJobTooManyJobs: String(t.maxJobs),
  };
}

/** The per-workload part of each Job alert's description. */
export function jobDetails(t: JobThresholds, facts: { activeDeadlineSeconds?: number; ttlSecondsAfterFinished?: number }): Record<string, string> {
  return {
    JobNotFinished: facts.activeDeadlineSeconds !== undefined ? `activeDeadlineSeconds ${facts.activeDeadlineSeconds}` : `expected at most ${promDuration(t.runSeconds)}`,
    JobPodsStuck: promDuration(t.podsStuckSeconds),
    ...(facts.ttlSecondsAfterFinished !== undefined ? { JobNotCleanedUp: String(facts.ttlSecondsAfterFinished) } : {}),
  };
}

/** Severity label of an alert: the override, else the default. */
export function severityOf(severities: Readonly<Record<string, string>>, alert: string): string {
  return severities[alert] ?? DEFAULT_SEVERITY[alert];
}

function rule(o: RuleRenderOptions, alert: BatchAlert, expr: string, forDuration: string | undefined,
  staticLabels: Record<string, string>, details: Record<string, string>): RenderedRule {
  const id = `${o.namespace}/${o.name}`;
  const summary = ALERT_TEXT[alert].summary(id);
  const description = ALERT_TEXT[alert].description(id, o.name, details[alert] ?? '');
  const labels: Record<string, string> = copyWith(copyWith(o.extraLabels, staticLabels), { severity: severityOf(o.severities, alert) });
  const annotations: Record<string, string> = { summary, description };
  if (o.runbookBaseUrl) annotations.runbook_url = `${o.runbookBaseUrl}#${alert}`;
  return { alert, expr, ...(forDuration ? { for: forDuration } : {}), labels, annotations };
}

/** The name of a workload's rule group (either representation): `cronjob.<namespace>.<name>` or `job.<namespace>.<name>`. */
export function alertGroupName(kind: string, namespace: string, name: string): string {
  return `${kind === 'CronJob' ? 'cronjob' : 'job'}.${namespace}.${name}`;
}

const CRONJOB_ALERTS = [
  BatchAlert.CRONJOB_LAST_RUN_FAILED, BatchAlert.CRONJOB_NOT_SUCCEEDED_RECENTLY, BatchAlert.CRONJOB_MISSED_SCHEDULE, BatchAlert.CRONJOB_RUN_TOO_LONG,
  BatchAlert.CRONJOB_PODS_STUCK, BatchAlert.CRONJOB_SUSPENDED_TOO_LONG, BatchAlert.CRONJOB_TOO_MANY_JOBS, BatchAlert.CRONJOB_METRICS_ABSENT,
];
const JOB_ALERTS = [BatchAlert.JOB_FAILED, BatchAlert.JOB_NOT_FINISHED, BatchAlert.JOB_PODS_STUCK, BatchAlert.JOB_NOT_CLEANED_UP];

/**
 * The alerts a CronJob gets, in rule order: all but the disabled ones, CronJobMissedSchedule only
 * for a schedule that fires twice (a gap to measure), CronJobSuspendedTooLong only when the spec
 * says `suspend: false` (a CronJob created suspended on purpose is not paged about).
 */
export function cronJobAlertsOf(disabled: ReadonlySet<string>, facts: { maxIntervalSeconds: number; suspendRenderedFalse: boolean }): BatchAlert[] {
  return CRONJOB_ALERTS.filter((a) => !disabled.has(a)
    && (a !== BatchAlert.CRONJOB_MISSED_SCHEDULE || facts.maxIntervalSeconds > 0)
    && (a !== BatchAlert.CRONJOB_SUSPENDED_TOO_LONG || facts.suspendRenderedFalse));
}

/** The alerts a Job gets, in rule order: all but the disabled ones, JobNotCleanedUp only with a TTL. */
export function jobAlertsOf(disabled: ReadonlySet<string>, t: JobThresholds): BatchAlert[] {
  return JOB_ALERTS.filter((a) => !disabled.has(a) && (a !== BatchAlert.JOB_NOT_CLEANED_UP || t.ttlSeconds !== undefined));
}

/** The CronJob alerts (alerts.md §7.1, issue #12). */
export function cronJobRules(
  o: RuleRenderOptions, t: CronJobThresholds, facts: { suspendRenderedFalse: boolean; activeDeadlineSeconds?: number; maxIntervalSeconds: number },
): RenderedGroup {
  const q = new Promql(o);
  const details = cronJobDetails(t, facts);
  const ns = q.by('namespace');
  const nsJob = q.by('namespace', 'job_name');
  const nsCj = q.by('namespace', 'cronjob');
  const nsPod = q.by('namespace', 'pod');
  const cj = { cronjob: o.name };
  // The controller's runs (and kubectl >= 1.28 manual runs: they carry the same owner reference).
  const ownedJobs = `max by ${nsJob} (${q.sel('kube_job_owner', { owner_kind: 'CronJob', owner_name: o.name })})`;
  // Plus this library's OneOffJobs of the CronJob (no owner reference possible at synth: matched by name).
  const manual = o.manualRuns && o.manualRuns.length > 0
    ? `max by ${nsJob} (${q.selRe('kube_job_info', 'job_name', [...o.manualRuns].sort())})`
    : undefined;
  const runs = manual ? `(\n      ${ownedJobs}\n    or\n      ${manual}\n    )` : ownedJobs;
  const jobTime = (metric: string, jobs: string) => `max by ${nsJob} (${q.sel(metric)})\n  * on ${nsJob} group_left ()\n    ${jobs}`;
  const startOf = (jobs: string) => jobTime('kube_job_status_start_time', jobs);
  const owned = startOf(runs);
  const failed = `max by ${nsJob} (${q.sel('kube_job_failed', { condition: 'true' })}) == 1`;
  const complete = `max by ${nsJob} (${q.sel('kube_job_complete', { condition: 'true' })}) == 1`;
  const suspendedWithin = (seconds: number) => `(max by ${nsCj} (max_over_time(${q.sel('kube_cronjob_spec_suspend', cj)}[${seconds}s])) == 1)`;
  // `or` keeps both operands only when their label sets differ: a `source` label per operand makes
  // the union explicit before `max` picks the newest timestamp.
  const tagged = (expr: string, source: string) => `label_replace(${expr}, "source", "${source}", "", "")`;
  const asCronJob = (expr: string) => `label_replace(${expr}, "cronjob", "${esc(o.name)}", "", "")`;
  const newest = (operands: string[]) => `max by ${nsCj} (\n      ${operands.join('\n    or\n      ')}\n  )`;
  const rules: RenderedRule[] = [];
  const present = new Set<string>(cronJobAlertsOf(o.disabled, facts));
  const add = (r: RenderedRule) => {
    if (present.has(r.alert)) rules.push(r);
  };

  add(rule(o, BatchAlert.CRONJOB_LAST_RUN_FAILED,
    `max by ${ns} (\n    ${owned}\n  and on ${nsJob}\n    (${failed})\n)\n==\nmax by ${ns} (\n    ${owned}\n  and on ${nsJob}\n    (\n        ${failed}\n      or\n        ${complete}\n    )\n)`,
    '5m', cj, details));

  // Last success: the controller's lastSuccessfulTime (KSM >= 2.5.0), or the completion time of any
  // run still present (scheduled or manual, owned or OneOffJob; only successful Jobs have one), or
  // the CronJob's creation when it never succeeded.
  const successOperands = [
    ...(o.ksm.lastSuccessfulTime ? [tagged(`max by ${nsCj} (${q.sel('kube_cronjob_status_last_successful_time', cj)})`, 'controller')] : []),
    tagged(asCronJob(`max by ${ns} (\n        ${jobTime('kube_job_status_completion_time', runs).replace(/\n/g, '\n    ')}\n      )`), 'jobs'),
    tagged(`max by ${nsCj} (${q.sel('kube_cronjob_created', cj)})`, 'created'),
  ];
  add(rule(o, BatchAlert.CRONJOB_NOT_SUCCEEDED_RECENTLY,
    `time() - ${newest(successOperands)} > ${t.successSeconds}\nunless on ${nsCj}\n  ${suspendedWithin(t.successSeconds)}`,
    '5m', {}, details));

  // Missed schedule, from what the controller records (not from kube-state-metrics' own cron
  // parser): the newest scheduled run, or the creation, or the start of a successful manual run,
  // is older than the longest gap between runs (computed exactly at synth) plus the grace.
  const madeUp = asCronJob(`max by ${ns} (\n        ${startOf(runs).replace(/\n/g, '\n    ')}\n      and on ${nsJob}\n        (${complete})\n      )`);
  const scheduledOperands = [
    tagged(`max by ${nsCj} (${q.sel('kube_cronjob_status_last_schedule_time', cj)})`, 'scheduled'),
    tagged(`max by ${nsCj} (${q.sel('kube_cronjob_created', cj)})`, 'created'),
    tagged(madeUp, 'succeeded-run'),
  ];
  // A run still going (Forbid skips slots meanwhile: RunTooLong's case), judged from the Jobs
  // themselves: a dead CronJob controller leaves status.active stale, the Job controller does not.
  const unfinishedRun = asCronJob(`count by ${ns} (\n      ${ownedJobs}\n    unless on ${nsJob}\n      (\n          ${complete}\n        or\n          ${failed}\n      )\n  )`);
  // A schedule that never fires twice has no gap to measure: nothing can be "missed".
  if (present.has(BatchAlert.CRONJOB_MISSED_SCHEDULE)) {
    add(rule(o, BatchAlert.CRONJOB_MISSED_SCHEDULE,
      `time() - ${newest(scheduledOperands)} > ${t.missedSeconds}\nunless on ${nsCj}\n  ${unfinishedRun}\nunless on ${nsCj}\n  ${suspendedWithin(t.windowSeconds)}`,
      '5m', {}, details));
  }

  add(rule(o, BatchAlert.CRONJOB_RUN_TOO_LONG,
    `(\n    time()\n  - (\n      ${startOf(ownedJobs)}\n    )\n) > ${t.runSeconds}\nunless on ${nsJob}\n  (\n      ${complete}\n    or\n      ${failed}\n  )`,
    '1m', cj, details));

  add(rule(o, BatchAlert.CRONJOB_PODS_STUCK,
    `${stuckPods(q, nsPod, nsJob, t.podsStuckSeconds, 'kube_pod_owner', {})}\nand on ${nsJob}\n  ${ownedJobs}\nunless on ${nsJob}\n  (\n      ${complete}\n    or\n      ${failed}\n  )`,
    undefined, cj, details));

  if (present.has(BatchAlert.CRONJOB_SUSPENDED_TOO_LONG)) {
    add(rule(o, BatchAlert.CRONJOB_SUSPENDED_TOO_LONG,
      `time() - max by ${nsCj} (${q.sel('kube_cronjob_status_last_schedule_time', cj)} or ${q.sel('kube_cronjob_created', cj)}) > ${t.suspendedSeconds}\nand on ${nsCj}\n  (max by ${nsCj} (${q.sel('kube_cronjob_spec_suspend', cj)}) == 1)`,
      undefined, {}, details));
  }

  add(rule(o, BatchAlert.CRONJOB_TOO_MANY_JOBS,
    `count by ${ns} (\n  ${ownedJobs}\n) > ${t.maxJobs}`,
    '1h', cj, details));

  add(rule(o, BatchAlert.CRONJOB_METRICS_ABSENT,
    `absent(${q.sel('kube_cronjob_info', cj)})`,
    '15m', {}, details));

  return { name: alertGroupName('CronJob', o.namespace, o.name), rules };
}

/** Reasons a container waits that never resolve by themselves. */
export const STUCK_WAITING_REASONS = ['CreateContainerConfigError', 'CreateContainerError', 'ErrImagePull', 'ImagePullBackOff', 'InvalidImageName'];

/**
 * Per Job: the age of its oldest pod that is Pending or has a container stuck waiting, when older
 * than `seconds`. Pods are tied to Jobs by kube_pod_owner (the Job controller's owner reference).
 */
function stuckPods(q: Promql, nsPod: string, nsJob: string, seconds: number, ownerMetric: string, ownerMatchers: Record<string, string>): string {
  const waiting = `max by ${nsPod} (${q.selRe('kube_pod_container_status_waiting_reason', 'reason', STUCK_WAITING_REASONS)}) == 1`;
  const pending = `max by ${nsPod} (${q.sel('kube_pod_status_phase', { phase: 'Pending' })}) == 1`;
  const owner = `max by ${q.by('namespace', 'pod', 'job_name')} (\n      label_replace(${q.sel(ownerMetric, { owner_kind: 'Job', ...ownerMatchers })}, "job_name", "$1", "owner_name", "(.+)")\n    )`;
  return `max by ${nsJob} (\n    (\n        time() - max by ${nsPod} (${q.sel('kube_pod_created')}) > ${seconds}\n      and on ${nsPod}\n        (\n            ${pending}\n          or\n            ${waiting}\n        )\n    )\n  * on ${nsPod} group_left (job_name)\n    ${owner}\n)`;
}

/** The Job alerts (alerts.md §7.2, issue #12). */
export function jobRules(
  o: RuleRenderOptions, t: JobThresholds, facts: { activeDeadlineSeconds?: number; ttlSecondsAfterFinished?: number },
): RenderedGroup {
  const q = new Promql(o);
  const details = jobDetails(t, facts);
  const nsJob = q.by('namespace', 'job_name');
  const j = { job_name: o.name };
  const rules: RenderedRule[] = [];
  const present = new Set<string>(jobAlertsOf(o.disabled, t));
  const add = (r: RenderedRule) => {
    if (present.has(r.alert)) rules.push(r);
  };
  const failed = `max by ${nsJob} (${q.sel('kube_job_failed', copyWith(j, { condition: 'true' }))}) == 1`;
  const complete = `max by ${nsJob} (${q.sel('kube_job_complete', copyWith(j, { condition: 'true' }))}) == 1`;

  add(rule(o, BatchAlert.JOB_FAILED, failed, '1m', {}, details));

  add(rule(o, BatchAlert.JOB_NOT_FINISHED,
    `time() - max by ${nsJob} (${q.sel('kube_job_status_start_time', j)} or ${q.sel('kube_job_created', j)}) > ${t.runSeconds}\nunless on ${nsJob}\n  (\n      ${complete}\n    or\n      ${failed}\n  )`,
    '1m', {}, details));

  add(rule(o, BatchAlert.JOB_PODS_STUCK,
    `${stuckPods(q, q.by('namespace', 'pod'), nsJob, t.podsStuckSeconds, 'kube_pod_owner', { owner_name: o.name })}\nunless on ${nsJob}\n  (\n      ${complete}\n    or\n      ${failed}\n  )`,
    undefined, {}, details));

  if (present.has(BatchAlert.JOB_NOT_CLEANED_UP)) {
    add(rule(o, BatchAlert.JOB_NOT_CLEANED_UP,
      `time() - max by ${nsJob} (${q.sel('kube_job_status_completion_time', j)}) > ${t.ttlSeconds}`,
      '15m', {}, details));
  }
  return { name: alertGroupName('Job', o.namespace, o.name), rules };
}

export function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
