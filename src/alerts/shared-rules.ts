/**
 * The shared representation (issue #13): per workload only recording rules that carry its
 * thresholds as series; one set of alert rules per namespace and rendering key that joins them.
 * Same inputs, same firing alerts (label sets and annotations) as `cronJobRules`/`jobRules`.
 */
import { KsmFeatures } from './ksm';
import { ALERT_TEXT, BatchAlert, esc, Promql, RenderedRule, severityOf, STUCK_WAITING_REASONS } from './rules';
import { CronJobThresholds, JobThresholds } from './thresholds';
import { copyWith } from '../util/copy-with';

/** Label that ties threshold series to the shared rules of one rendering key. */
export const KEY_LABEL = 'cdk8s_batch_rules';
/** Per CronJob and alert: the threshold (seconds; Jobs for CronJobTooManyJobs; 1 when the alert has none). */
export const CRONJOB_THRESHOLD = 'cdk8s_batch:cronjob_alert_threshold';
/** Per Job and alert: the threshold (seconds; 1 when the alert has none). */
export const JOB_THRESHOLD = 'cdk8s_batch:job_alert_threshold';
/** Per manual run (OneOffJob) of a CronJob, matched by Job name: 1. */
export const MANUAL_RUN = 'cdk8s_batch:cronjob_manual_run_info';
/** Per CronJob: the last evaluation time at which it was seen suspended (a latch, see suspendedLatch). */
export const SUSPENDED_LAST = 'cdk8s_batch:cronjob_suspended_last_timestamp_seconds';

/** A recording rule. */
export interface RenderedRecord {
  record: string;
  expr: string;
  labels: Record<string, string>;
}

/** A group of alert and recording rules. */
export interface RenderedMixedGroup {
  name: string;
  rules: Array<RenderedRule | RenderedRecord>;
}

/** Everything that changes the shared rules' text (the rendering key's contents) plus where they live. */
export interface SharedRenderOptions {
  readonly namespace: string;
  /** Short id of the rendering key (the value of the `cdk8s_batch_rules` label). */
  readonly key: string;
  readonly severities: Readonly<Record<string, string>>;
  readonly extraLabels: Readonly<Record<string, string>>;
  readonly runbookBaseUrl?: string;
  readonly kubeStateMetricsSelector?: string;
  readonly clusterLabel?: string;
  readonly ksm: KsmFeatures;
}

/** The threshold value each CronJob alert is compared with, in the order of `cronJobRules`. */
function cronJobValues(t: CronJobThresholds): Record<string, number> {
  return {
    CronJobLastRunFailed: 1,
    CronJobNotSucceededRecently: t.successSeconds,
    // The suspension look-back of CronJobMissedSchedule is its threshold (windowSeconds = missedSeconds).
    CronJobMissedSchedule: t.missedSeconds,
    CronJobRunTooLong: t.runSeconds,
    CronJobPodsStuck: t.podsStuckSeconds,
    CronJobSuspendedTooLong: t.suspendedSeconds,
    CronJobTooManyJobs: t.maxJobs,
    CronJobMetricsAbsent: 1,
  };
}

/** Which workload, under which key, with which enabled alerts and per-alert description details. */
export interface WorkloadRecordsInput {
  readonly namespace: string;
  readonly name: string;
  readonly key: string;
  readonly alerts: readonly string[];
  readonly details: Record<string, string>;
}

/**
 * One recording rule that yields a series per (label, value) pair: `vector(value)` labelled with
 * `label_replace`, joined with `or` (the label sets differ, so every series is kept). One rule per
 * workload instead of one per threshold: fewer rules to evaluate, less YAML.
 */
function seriesOf(record: string, entries: Array<{ value: number; labels: Record<string, string> }>,
  labels: Record<string, string>): RenderedRecord[] {
  if (entries.length === 0) return [];
  const one = (e: { value: number; labels: Record<string, string> }) => Object.entries(e.labels)
    .reduce((expr, [k, v]) => `label_replace(${expr}, "${k}", "${esc(v).replace(/\$/g, '$$$$')}", "", "")`, `vector(${e.value})`);
  return [{ record, expr: entries.map(one).join('\nor\n'), labels }];
}

/**
 * The recording rules of one CronJob: a threshold series per enabled alert (a disabled alert has
 * none, so the shared rule cannot fire for it) and a series per manual run name.
 */
export function cronJobRecords(p: WorkloadRecordsInput & { thresholds: CronJobThresholds; manualRuns: readonly string[] }): RenderedRecord[] {
  const values = cronJobValues(p.thresholds);
  const labels = { namespace: p.namespace, cronjob: p.name, [KEY_LABEL]: p.key };
  return [
    ...seriesOf(CRONJOB_THRESHOLD, p.alerts.map((alert) => ({ value: values[alert], labels: { alert, ...detailLabel(p.details, alert) } })), labels),
    ...seriesOf(MANUAL_RUN, [...p.manualRuns].sort().map((jobName) => ({ value: 1, labels: { job_name: jobName } })), labels),
  ];
}

/** The `detail` label: the per-workload text of the alert's description, read by the shared annotation. */
function detailLabel(details: Record<string, string>, alert: string): Record<string, string> {
  return details[alert] !== undefined ? { detail: details[alert] } : {};
}

/** The recording rules of one Job: a threshold series per enabled alert. */
export function jobRecords(p: WorkloadRecordsInput & { thresholds: JobThresholds }): RenderedRecord[] {
  const values: Record<string, number | undefined> = {
    JobFailed: 1,
    JobNotFinished: p.thresholds.runSeconds,
    JobPodsStuck: p.thresholds.podsStuckSeconds,
    JobNotCleanedUp: p.thresholds.ttlSeconds,
  };
  return seriesOf(JOB_THRESHOLD, p.alerts.map((alert) => ({ value: values[alert]!, labels: { alert, ...detailLabel(p.details, alert) } })),
    { namespace: p.namespace, job_name: p.name, [KEY_LABEL]: p.key });
}

/** `name="value"` matchers of a selector: absent() turns them into labels, so the shared form adds them too. */
function equalityMatchers(selector: string | undefined): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const re = /([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!=|!~|=)\s*("(?:[^"\\\n]|\\.)*")/g;
  for (let m = re.exec(selector ?? ''); m; m = re.exec(selector ?? '')) {
    if (m[2] === '=') out.push([m[1], m[3]]);
  }
  // absent() drops a label with two equality matchers; so do we.
  return out.filter(([name]) => out.filter(([n]) => n === name).length === 1);
}

function alertRule(o: SharedRenderOptions, alert: BatchAlert, expr: string, forDuration: string | undefined, kind: 'CronJob' | 'Job'): RenderedRule {
  const idLabel = kind === 'CronJob' ? 'cronjob' : 'job_name';
  const id = `{{ $labels.namespace }}/{{ $labels.${idLabel} }}`;
  const metric = kind === 'CronJob' ? CRONJOB_THRESHOLD : JOB_THRESHOLD;
  // The per-workload text lives on the threshold series (label "detail"): read it at alert time.
  const detail = `{{ with printf "${metric}{namespace=%q, ${idLabel}=%q, alert=%q, ${KEY_LABEL}=%q}" $labels.namespace $labels.${idLabel} "${alert}" "${o.key}" | query }}`
    + '{{ . | first | label "detail" }}{{ end }}';
  const annotations: Record<string, string> = {
    summary: ALERT_TEXT[alert].summary(id),
    description: ALERT_TEXT[alert].description(id, '{{ $labels.cronjob }}', detail),
  };
  if (o.runbookBaseUrl) annotations.runbook_url = `${o.runbookBaseUrl}#${alert}`;
  const labels: Record<string, string> = copyWith(o.extraLabels, { severity: severityOf(o.severities, alert) });
  return { alert, expr, ...(forDuration ? { for: forDuration } : {}), labels, annotations };
}

/** The shared CronJob rules of one namespace and rendering key: the suspension latch, then the alerts. */
export function sharedCronJobGroup(o: SharedRenderOptions): RenderedMixedGroup {
  const q = new Promql(o);
  const ns = esc(o.namespace);
  const nsJob = q.by('namespace', 'job_name');
  const nsCj = q.by('namespace', 'cronjob');
  const nsJobCj = q.by('namespace', 'job_name', 'cronjob');
  const nsPod = q.by('namespace', 'pod');
  const mine = `${KEY_LABEL}="${esc(o.key)}"`;
  const thr = (alert: string) => `${CRONJOB_THRESHOLD}{namespace="${ns}", alert="${alert}", ${mine}}`;
  const over = (alert: string) => `> on (namespace, cronjob) group_left ()\n  ${thr(alert)}`;
  // Every Job owned by a CronJob, with the CronJob's name as label `cronjob`.
  const ownedJobs = `max by ${nsJobCj} (label_replace(${q.sel('kube_job_owner', { owner_kind: 'CronJob' })}, "cronjob", "$1", "owner_name", "(.+)"))`;
  // Plus this library's OneOffJobs (no owner reference): matched by name through the manual-run series.
  const manual = `max by ${nsJobCj} (\n        ${q.sel('kube_job_info')}\n      * on (namespace, job_name) group_left (cronjob)\n        max by (namespace, job_name, cronjob) (${MANUAL_RUN}{namespace="${ns}", ${mine}})\n      )`;
  const runs = `(\n      ${ownedJobs}\n    or\n      ${manual}\n    )`;
  const jobTime = (metric: string, jobs: string) => `max by ${nsJob} (${q.sel(metric)})\n  * on ${nsJob} group_left (cronjob)\n    ${jobs}`;
  const startOf = (jobs: string) => jobTime('kube_job_status_start_time', jobs);
  const owned = startOf(runs);
  const failed = `max by ${nsJob} (${q.sel('kube_job_failed', { condition: 'true' })}) == 1`;
  const complete = `max by ${nsJob} (${q.sel('kube_job_complete', { condition: 'true' })}) == 1`;
  const finished = `(\n      ${complete}\n    or\n      ${failed}\n  )`;
  // Suspended within the alert's threshold: the latch is not older than the threshold.
  const suspendedWithin = (alert: string) => `(\n    time() - ${SUSPENDED_LAST}{namespace="${ns}", ${mine}}\n  <= on (namespace, cronjob) group_left ()\n    ${thr(alert)}\n  )`;
  const tagged = (expr: string, source: string) => `label_replace(${expr}, "source", "${source}", "", "")`;
  const newest = (operands: string[]) => `max by ${nsCj} (\n      ${operands.join('\n    or\n      ')}\n  )`;
  const indent = (s: string) => s.replace(/\n/g, '\n    ');
  const rules: Array<RenderedRule | RenderedRecord> = [];

  // The shared form of max_over_time(kube_cronjob_spec_suspend[<threshold>]) == 1: the last time each
  // CronJob was seen suspended, carried forward by reading its own previous value (rules of a group
  // run in order, so the alerts below see this evaluation's value). last_over_time(...[1h]) keeps the
  // value across a gap in evaluations (a Prometheus restart) of up to an hour.
  rules.push({
    record: SUSPENDED_LAST,
    expr: `(\n    time() * (max by ${nsCj} (${q.sel('kube_cronjob_spec_suspend')}) == 1)\n  or\n    max by ${nsCj} (last_over_time(${SUSPENDED_LAST}{namespace="${ns}", ${mine}}[1h]))\n)\nand on (namespace, cronjob)\n  ${CRONJOB_THRESHOLD}{namespace="${ns}", ${mine}}`,
    labels: { [KEY_LABEL]: o.key },
  });

  rules.push(alertRule(o, BatchAlert.CRONJOB_LAST_RUN_FAILED,
    `(\n    max by ${nsCj} (\n        ${indent(owned)}\n      and on ${nsJob}\n        (${failed})\n    )\n  ==\n    max by ${nsCj} (\n        ${indent(owned)}\n      and on ${nsJob}\n        (\n            ${failed}\n          or\n            ${complete}\n        )\n    )\n)\nand on (namespace, cronjob)\n  ${thr(BatchAlert.CRONJOB_LAST_RUN_FAILED)}`,
    '5m', 'CronJob'));

  const successOperands = [
    ...(o.ksm.lastSuccessfulTime ? [tagged(`max by ${nsCj} (${q.sel('kube_cronjob_status_last_successful_time')})`, 'controller')] : []),
    tagged(`max by ${nsCj} (\n        ${indent(indent(jobTime('kube_job_status_completion_time', runs)))}\n      )`, 'jobs'),
    tagged(`max by ${nsCj} (${q.sel('kube_cronjob_created')})`, 'created'),
  ];
  rules.push(alertRule(o, BatchAlert.CRONJOB_NOT_SUCCEEDED_RECENTLY,
    `time() - ${newest(successOperands)} ${over(BatchAlert.CRONJOB_NOT_SUCCEEDED_RECENTLY)}\nunless on ${nsCj}\n  ${suspendedWithin(BatchAlert.CRONJOB_NOT_SUCCEEDED_RECENTLY)}`,
    '5m', 'CronJob'));

  const scheduledOperands = [
    tagged(`max by ${nsCj} (${q.sel('kube_cronjob_status_last_schedule_time')})`, 'scheduled'),
    tagged(`max by ${nsCj} (${q.sel('kube_cronjob_created')})`, 'created'),
    tagged(`max by ${nsCj} (\n        ${indent(indent(startOf(runs)))}\n      and on ${nsJob}\n        (${complete})\n      )`, 'succeeded-run'),
  ];
  const unfinishedRun = `count by ${nsCj} (\n      ${ownedJobs}\n    unless on ${nsJob}\n      ${indent(finished)}\n  )`;
  rules.push(alertRule(o, BatchAlert.CRONJOB_MISSED_SCHEDULE,
    `time() - ${newest(scheduledOperands)} ${over(BatchAlert.CRONJOB_MISSED_SCHEDULE)}\nunless on ${nsCj}\n  ${unfinishedRun}\nunless on ${nsCj}\n  ${suspendedWithin(BatchAlert.CRONJOB_MISSED_SCHEDULE)}`,
    '5m', 'CronJob'));

  rules.push(alertRule(o, BatchAlert.CRONJOB_RUN_TOO_LONG,
    `(\n    time()\n  - (\n      ${indent(startOf(ownedJobs))}\n    )\n) ${over(BatchAlert.CRONJOB_RUN_TOO_LONG)}\nunless on ${nsJob}\n  ${finished}`,
    '1m', 'CronJob'));

  rules.push(alertRule(o, BatchAlert.CRONJOB_PODS_STUCK,
    `(\n    ${indent(podAges(q, nsPod, nsJob))}\n  * on ${nsJob} group_left (cronjob)\n    ${ownedJobs}\n) ${over(BatchAlert.CRONJOB_PODS_STUCK)}\nunless on ${nsJob}\n  ${finished}`,
    undefined, 'CronJob'));

  rules.push(alertRule(o, BatchAlert.CRONJOB_SUSPENDED_TOO_LONG,
    `time() - max by ${nsCj} (${q.sel('kube_cronjob_status_last_schedule_time')} or ${q.sel('kube_cronjob_created')}) ${over(BatchAlert.CRONJOB_SUSPENDED_TOO_LONG)}\nand on ${nsCj}\n  (max by ${nsCj} (${q.sel('kube_cronjob_spec_suspend')}) == 1)`,
    undefined, 'CronJob'));

  rules.push(alertRule(o, BatchAlert.CRONJOB_TOO_MANY_JOBS,
    `count by ${nsCj} (\n  ${ownedJobs}\n) ${over(BatchAlert.CRONJOB_TOO_MANY_JOBS)}`,
    '1h', 'CronJob'));

  // absent() labels its output with the selector's equality matchers: namespace, cronjob and those
  // of kubeStateMetricsSelector (e.g. job="kube-state-metrics"); added here so the labels match.
  let absent = `max by (namespace, cronjob) (${thr(BatchAlert.CRONJOB_METRICS_ABSENT)})\nunless on (namespace, cronjob)\n  ${q.sel('kube_cronjob_info')}`;
  for (const [name, literal] of equalityMatchers(o.kubeStateMetricsSelector)) {
    if (name === 'namespace' || name === 'cronjob') continue;
    absent = `label_replace(\n  ${absent.replace(/\n/g, '\n  ')},\n  "${name}", ${literal.replace(/\$/g, '$$$$')}, "", ""\n)`;
  }
  rules.push(alertRule(o, BatchAlert.CRONJOB_METRICS_ABSENT, absent, '15m', 'CronJob'));

  return { name: `cdk8s-batch.cronjob.${o.key}`, rules };
}

/** The shared Job rules of one namespace and rendering key. */
export function sharedJobGroup(o: SharedRenderOptions): RenderedMixedGroup {
  const q = new Promql(o);
  const ns = esc(o.namespace);
  const nsJob = q.by('namespace', 'job_name');
  const thr = (alert: string) => `${JOB_THRESHOLD}{namespace="${ns}", alert="${alert}", ${KEY_LABEL}="${esc(o.key)}"}`;
  const over = (alert: string) => `> on (namespace, job_name) group_left ()\n  ${thr(alert)}`;
  const failed = `max by ${nsJob} (${q.sel('kube_job_failed', { condition: 'true' })}) == 1`;
  const complete = `max by ${nsJob} (${q.sel('kube_job_complete', { condition: 'true' })}) == 1`;
  const finished = `(\n      ${complete}\n    or\n      ${failed}\n  )`;
  const rules: Array<RenderedRule | RenderedRecord> = [];

  rules.push(alertRule(o, BatchAlert.JOB_FAILED, `(${failed})\nand on (namespace, job_name)\n  ${thr(BatchAlert.JOB_FAILED)}`, '1m', 'Job'));
  rules.push(alertRule(o, BatchAlert.JOB_NOT_FINISHED,
    `time() - max by ${nsJob} (${q.sel('kube_job_status_start_time')} or ${q.sel('kube_job_created')}) ${over(BatchAlert.JOB_NOT_FINISHED)}\nunless on ${nsJob}\n  ${finished}`,
    '1m', 'Job'));
  rules.push(alertRule(o, BatchAlert.JOB_PODS_STUCK,
    `${podAges(q, q.by('namespace', 'pod'), nsJob)} ${over(BatchAlert.JOB_PODS_STUCK)}\nunless on ${nsJob}\n  ${finished}`,
    undefined, 'Job'));
  rules.push(alertRule(o, BatchAlert.JOB_NOT_CLEANED_UP,
    `time() - max by ${nsJob} (${q.sel('kube_job_status_completion_time')}) ${over(BatchAlert.JOB_NOT_CLEANED_UP)}`,
    '15m', 'Job'));
  return { name: `cdk8s-batch.job.${o.key}`, rules };
}

/**
 * Per Job: the age of its oldest pod that is Pending or has a container stuck waiting (the
 * threshold is compared afterwards: the oldest such pod is over it exactly when one of them is).
 */
function podAges(q: Promql, nsPod: string, nsJob: string): string {
  const waiting = `max by ${nsPod} (${q.selRe('kube_pod_container_status_waiting_reason', 'reason', STUCK_WAITING_REASONS)}) == 1`;
  const pending = `max by ${nsPod} (${q.sel('kube_pod_status_phase', { phase: 'Pending' })}) == 1`;
  const owner = `max by ${q.by('namespace', 'pod', 'job_name')} (\n      label_replace(${q.sel('kube_pod_owner', { owner_kind: 'Job' })}, "job_name", "$1", "owner_name", "(.+)")\n    )`;
  return `max by ${nsJob} (\n    (\n        time() - max by ${nsPod} (${q.sel('kube_pod_created')})\n      and on ${nsPod}\n        (\n            ${pending}\n          or\n            ${waiting}\n        )\n    )\n  * on ${nsPod} group_left (job_name)\n    ${owner}\n)`;
}
