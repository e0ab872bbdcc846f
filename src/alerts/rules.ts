import { CronJobThresholds, JobThresholds, promDuration } from './thresholds';

/** The alerts this library generates. */
export enum BatchAlert {
  CRONJOB_LAST_RUN_FAILED = 'CronJobLastRunFailed',
  CRONJOB_NOT_SUCCEEDED_RECENTLY = 'CronJobNotSucceededRecently',
  CRONJOB_MISSED_SCHEDULE = 'CronJobMissedSchedule',
  CRONJOB_RUN_TOO_LONG = 'CronJobRunTooLong',
  CRONJOB_SUSPENDED_TOO_LONG = 'CronJobSuspendedTooLong',
  CRONJOB_TOO_MANY_JOBS = 'CronJobTooManyJobs',
  CRONJOB_METRICS_ABSENT = 'CronJobMetricsAbsent',
  JOB_FAILED = 'JobFailed',
  JOB_NOT_FINISHED = 'JobNotFinished',
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

class Promql {
  constructor(private readonly o: RuleRenderOptions) {}

  /** `metric{namespace="ns", ...extra, <ksm selector>}` */
  sel(metric: string, matchers: Record<string, string> = {}): string {
    const all = [`namespace="${esc(this.o.namespace)}"`, ...Object.entries(matchers).map(([k, v]) => `${k}="${esc(v)}"`)];
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
  CronJobSuspendedTooLong: AlertSeverity.INFO,
  CronJobTooManyJobs: AlertSeverity.INFO,
  CronJobMetricsAbsent: AlertSeverity.WARNING,
  JobFailed: AlertSeverity.CRITICAL,
  JobNotFinished: AlertSeverity.WARNING,
  JobNotCleanedUp: AlertSeverity.INFO,
};

function rule(o: RuleRenderOptions, alert: BatchAlert, expr: string, forDuration: string | undefined,
  staticLabels: Record<string, string>, summary: string, description: string): RenderedRule {
  const labels: Record<string, string> = { ...o.extraLabels, ...staticLabels, severity: o.severities[alert] ?? DEFAULT_SEVERITY[alert] };
  const annotations: Record<string, string> = { summary, description };
  if (o.runbookBaseUrl) annotations.runbook_url = `${o.runbookBaseUrl}#${alert}`;
  return { alert, expr, ...(forDuration ? { for: forDuration } : {}), labels, annotations };
}

/** The seven CronJob alerts (alerts.md §7.1). */
export function cronJobRules(
  o: RuleRenderOptions, t: CronJobThresholds, facts: { suspendRenderedFalse: boolean; activeDeadlineSeconds?: number },
): RenderedGroup {
  const q = new Promql(o);
  const id = `${o.namespace}/${o.name}`;
  const ns = q.by('namespace');
  const nsJob = q.by('namespace', 'job_name');
  const nsCj = q.by('namespace', 'cronjob');
  const cj = { cronjob: o.name };
  const owned = `max by ${nsJob} (${q.sel('kube_job_status_start_time')})\n  * on ${nsJob} group_left ()\n    max by ${nsJob} (${q.sel('kube_job_owner', { owner_kind: 'CronJob', owner_name: o.name })})`;
  const failed = `max by ${nsJob} (${q.sel('kube_job_failed', { condition: 'true' })}) == 1`;
  const complete = `max by ${nsJob} (${q.sel('kube_job_complete', { condition: 'true' })}) == 1`;
  const suspendedWithin = (seconds: number) => `(max by ${nsCj} (max_over_time(${q.sel('kube_cronjob_spec_suspend', cj)}[${seconds}s])) == 1)`;
  const rules: RenderedRule[] = [];
  const add = (r: RenderedRule) => {
    if (!o.disabled.has(r.alert)) rules.push(r);
  };

  add(rule(o, BatchAlert.CRONJOB_LAST_RUN_FAILED,
    `max by ${ns} (\n    ${owned}\n  and on ${nsJob}\n    (${failed})\n)\n==\nmax by ${ns} (\n    ${owned}\n  and on ${nsJob}\n    (\n        ${failed}\n      or\n        ${complete}\n    )\n)`,
    '5m', cj, `CronJob ${id} - last run failed`,
    `The most recent finished run of CronJob ${id} (started {{ $value | humanizeTimestamp }}) failed.`));

  add(rule(o, BatchAlert.CRONJOB_NOT_SUCCEEDED_RECENTLY,
    `(\n    time() - max by ${nsCj} (${q.sel('kube_cronjob_status_last_successful_time', cj)}) > ${t.successSeconds}\n  or\n    (\n        time() - max by ${nsCj} (${q.sel('kube_cronjob_created', cj)}) > ${t.successSeconds}\n      unless on ${nsCj}\n        ${q.sel('kube_cronjob_status_last_successful_time', cj)}\n    )\n)\nunless on ${nsCj}\n  ${suspendedWithin(t.successSeconds)}`,
    '5m', {}, `CronJob ${id} has not succeeded recently`,
    `CronJob ${id} last succeeded {{ $value | humanizeDuration }} ago (threshold ${promDuration(t.successSeconds)}).`));

  add(rule(o, BatchAlert.CRONJOB_MISSED_SCHEDULE,
    `time() - max by ${nsCj} (${q.sel('kube_cronjob_next_schedule_time', cj)}) > ${t.graceSeconds}\nunless on ${nsCj}\n  (max by ${nsCj} (${q.sel('kube_cronjob_status_active', cj)}) > 0)\nunless on ${nsCj}\n  ${suspendedWithin(t.windowSeconds)}`,
    '5m', {}, `CronJob ${id} missed a scheduled run`,
    `CronJob ${id} should have started a run {{ $value | humanizeDuration }} ago but has not.`));

  add(rule(o, BatchAlert.CRONJOB_RUN_TOO_LONG,
    `(\n    time()\n  - (\n      ${owned}\n    )\n) > ${t.runSeconds}\nunless on ${nsJob}\n  (\n      ${complete}\n    or\n      ${failed}\n  )`,
    '1m', cj, `CronJob ${id} has a run that is not finishing`,
    `Job {{ $labels.namespace }}/{{ $labels.job_name }} of CronJob ${o.name} has been running for {{ $value | humanizeDuration }} (${facts.activeDeadlineSeconds !== undefined ? `activeDeadlineSeconds ${facts.activeDeadlineSeconds}` : `expected at most ${promDuration(t.runSeconds)}`}).`));

  if (facts.suspendRenderedFalse) {
    add(rule(o, BatchAlert.CRONJOB_SUSPENDED_TOO_LONG,
      `time() - max by ${nsCj} (${q.sel('kube_cronjob_status_last_schedule_time', cj)} or ${q.sel('kube_cronjob_created', cj)}) > ${t.suspendedSeconds}\nand on ${nsCj}\n  (max by ${nsCj} (${q.sel('kube_cronjob_spec_suspend', cj)}) == 1)`,
      undefined, {}, `CronJob ${id} is suspended`,
      `CronJob ${id} is suspended and has not been scheduled for {{ $value | humanizeDuration }}.`));
  }

  add(rule(o, BatchAlert.CRONJOB_TOO_MANY_JOBS,
    `count by ${ns} (\n  max by ${nsJob} (${q.sel('kube_job_owner', { owner_kind: 'CronJob', owner_name: o.name })})\n) > ${t.maxJobs}`,
    '1h', cj, `CronJob ${id} has more Jobs than its history limits allow`,
    `CronJob ${id} owns {{ $value }} Job objects (expected at most ${t.maxJobs}); finished Jobs are not being cleaned up.`));

  add(rule(o, BatchAlert.CRONJOB_METRICS_ABSENT,
    `absent(${q.sel('kube_cronjob_info', cj)})`,
    '15m', {}, `No kube-state-metrics data for CronJob ${id}`,
    `kube-state-metrics exports no kube_cronjob_info for ${id}: the CronJob is missing or not watched, so its other alerts cannot fire.`));

  return { name: `cronjob.${o.namespace}.${o.name}`, rules };
}

/** The three Job alerts (alerts.md §7.2). */
export function jobRules(
  o: RuleRenderOptions, t: JobThresholds, facts: { activeDeadlineSeconds?: number; ttlSecondsAfterFinished?: number },
): RenderedGroup {
  const q = new Promql(o);
  const id = `${o.namespace}/${o.name}`;
  const nsJob = q.by('namespace', 'job_name');
  const j = { job_name: o.name };
  const rules: RenderedRule[] = [];
  const add = (r: RenderedRule) => {
    if (!o.disabled.has(r.alert)) rules.push(r);
  };
  const failed = `max by ${nsJob} (${q.sel('kube_job_failed', { ...j, condition: 'true' })}) == 1`;
  const complete = `max by ${nsJob} (${q.sel('kube_job_complete', { ...j, condition: 'true' })}) == 1`;

  add(rule(o, BatchAlert.JOB_FAILED, failed, '1m', {}, `Job ${id} failed`,
    'Job {{ $labels.namespace }}/{{ $labels.job_name }} has condition Failed=True (backoffLimit or activeDeadlineSeconds exceeded, or a pod failure policy matched).'));

  add(rule(o, BatchAlert.JOB_NOT_FINISHED,
    `time() - max by ${nsJob} (${q.sel('kube_job_status_start_time', j)} or ${q.sel('kube_job_created', j)}) > ${t.runSeconds}\nunless on ${nsJob}\n  (\n      ${complete}\n    or\n      ${failed}\n  )`,
    '1m', {}, `Job ${id} is not finishing`,
    `Job {{ $labels.namespace }}/{{ $labels.job_name }} has not finished {{ $value | humanizeDuration }} after it started (${facts.activeDeadlineSeconds !== undefined ? `activeDeadlineSeconds ${facts.activeDeadlineSeconds}` : `expected at most ${promDuration(t.runSeconds)}`}).`));

  if (t.ttlSeconds !== undefined) {
    add(rule(o, BatchAlert.JOB_NOT_CLEANED_UP,
      `time() - max by ${nsJob} (${q.sel('kube_job_status_completion_time', j)}) > ${t.ttlSeconds}`,
      '15m', {}, `Finished Job ${id} was not garbage-collected`,
      `Job {{ $labels.namespace }}/{{ $labels.job_name }} completed {{ $value | humanizeDuration }} ago but still exists (ttlSecondsAfterFinished ${facts.ttlSecondsAfterFinished}).`));
  }
  return { name: `job.${o.namespace}.${o.name}`, rules };
}

function esc(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}
