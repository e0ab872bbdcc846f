import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { duplicated, promtool, recordedSeries, renderTemplate, RuleGroup, series } from './fixtures';
import { AlertRepresentation, cronJobThresholds, jobThresholds, OneOffJob, ProductionCronJob, ProductionJob } from '../../src';

// The workloads under test, rendered by the library: hourly CronJob batch/report (Forbid, SDS 300,
// ADS 1800, history 3/1) and Job batch/migrate (ADS 600, TTL 1 day). Rendered both ways: every
// promtool case runs against both representations with the same inputs and the same expected alerts.
const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } };
function synthGroups(representation: AlertRepresentation): RuleGroup[] {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'batch' });
  const alerts = { representation };
  const reportCronJob = new ProductionCronJob(chart, 'report', { metadata: { name: 'report' }, schedule: '0 * * * *', activeDeadline: Duration.minutes(30), failedJobsRetained: 1, containers: [{ image: 'a:1', resources }], alerts });
  new ProductionJob(chart, 'migrate', { metadata: { name: 'migrate' }, activeDeadline: Duration.minutes(10), containers: [{ image: 'a:1', resources }], alerts });
  // This library's manual run of the CronJob: Job report-manual, no owner reference.
  OneOffJob.fromCronJob(chart, 'rerun', reportCronJob, { alerts });
  // The OneOffJob's own Job alerts are not under test here (their names would duplicate migrate's in one file).
  return Testing.synth(chart).filter((m) => m.kind === 'PrometheusRule').flatMap((m) => m.spec.groups)
    .filter((g: RuleGroup) => g.name !== 'job.batch.report-manual');
}
const REPRESENTATIONS: Array<[string, RuleGroup[]]> = [
  ['PER_WORKLOAD', synthGroups(AlertRepresentation.PER_WORKLOAD)],
  ['SHARED', synthGroups(AlertRepresentation.SHARED)],
];
// Expected alerts come from the PER_WORKLOAD rules (labels, annotations with per-workload literals):
// the SHARED rules must produce exactly these.
const groups = REPRESENTATIONS[0][1];
const ruleOf = (alert: string) => groups.flatMap((g) => g.rules).find((r) => r.alert === alert)!;

// The same parameters the rules were rendered from.
const T = cronJobThresholds({ maxIntervalSeconds: 3600, minIntervalSeconds: 3600, startingDeadlineSeconds: 300, activeDeadlineSeconds: 1800, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1, concurrencyPolicy: 'Forbid' });
const J = jobThresholds({ activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 86400 });
const min = (s: number) => s / 60;
const minUp = (s: number) => Math.ceil(s / 60);

const cj = { namespace: 'batch', cronjob: 'report' };
const job = (name: string) => ({ namespace: 'batch', job_name: name });
const owner = (name: string, cronjob = 'report') => ({ ...job(name), owner_kind: 'CronJob', owner_name: cronjob, owner_is_controller: 'true' });

/** An expected firing alert: labels, and the rule's annotations rendered with the value. */
function firing(alert: string, value: number, outputLabels: Record<string, string>) {
  const r = ruleOf(alert);
  const labels = { ...outputLabels, ...r.labels };
  const annotations = Object.fromEntries(Object.entries(r.annotations).map(([k, v]) => [k, renderTemplate(v, value, labels)]));
  return { exp_labels: labels, exp_annotations: annotations };
}
const at = (eval_time: number, alertname: string, exp_alerts: any[] = []) => ({ eval_time: `${eval_time}m`, alertname, exp_alerts });

/** A run of CronJob report: owned, started at `start` (minute), finishing `how` at `end`. */
function run(name: string, start: number, until: number, end?: number, how?: 'complete' | 'failed', instanceDup = false) {
  const out = [
    series('kube_job_owner', owner(name), [[start, until, 1]]),
    series('kube_job_status_start_time', job(name), [[start, until, start * 60]]),
    ...(end !== undefined ? [series(`kube_job_${how}`, { ...job(name), condition: 'true' }, [[end, until, 1]])] : []),
    ...(end !== undefined && how === 'complete' ? [series('kube_job_status_completion_time', job(name), [[end, until, end * 60]])] : []),
  ];
  return instanceDup ? out.flatMap(duplicated) : out;
}

/** A manual run without an owner reference (OneOffJob): only kube_job_info ties it to the CronJob, by name. */
function oneOffRun(name: string, start: number, until: number, end: number) {
  return [
    series('kube_job_info', job(name), [[start, until, 1]]),
    series('kube_job_owner', { ...job(name) }, [[start, until, 1]]), // KSM >= 2.8: ownerless Job, owner labels absent
    series('kube_job_status_start_time', job(name), [[start, until, start * 60]]),
    series('kube_job_complete', { ...job(name), condition: 'true' }, [[end, until, 1]]),
    series('kube_job_status_completion_time', job(name), [[end, until, end * 60]]),
  ];
}

/** A CronJob whose controller scheduled the last run at minute `last` and then nothing (outage). */
function scheduledUntil(last: number, until: number, dup = false) {
  const out = [
    series('kube_cronjob_created', cj, [[0, until, 0]]),
    series('kube_cronjob_status_last_schedule_time', cj, [[last, until, last * 60]]),
    series('kube_cronjob_status_active', cj, [[0, until, 0]]),
    series('kube_cronjob_spec_suspend', cj, [[0, until, 0]]),
  ];
  return dup ? out.flatMap(duplicated) : out;
}

/** A pod of Job `jobName`, created at minute `created`, Pending until `started` (then Running), waiting with `reason` meanwhile. */
function pod(name: string, jobName: string, created: number, started: number, until: number, reason?: string, dup = false) {
  const p = { namespace: 'batch', pod: name };
  const out = [
    series('kube_pod_created', p, [[created, until, created * 60]]),
    series('kube_pod_owner', { ...p, owner_kind: 'Job', owner_name: jobName, owner_is_controller: 'true' }, [[created, until, 1]]),
    series('kube_pod_status_phase', { ...p, phase: 'Pending' }, started > until ? [[created, until, 1]] : [[created, started - 1, 1], [started, until, 0]]),
  ];
  out.push(series('kube_pod_status_phase', { ...p, phase: 'Running' }, started > until ? [[created, until, 0]] : [[created, started - 1, 0], [started, until, 1]]));
  // Once the container runs the reason is gone (0 here; newer KSM drops the series, a staleness marker).
  if (reason) out.push(series('kube_pod_container_status_waiting_reason', { ...p, container: 'main', reason }, started > until ? [[created + 1, until, 1]] : [[created + 1, started - 1, 1], [started, until, 0]]));
  return dup ? out.flatMap(duplicated) : out;
}

const tests: any[] = [
  {
    name: 'CronJobLastRunFailed: fails, stays firing while a retry runs, resolves when a newer run succeeds; another CronJob never leaks in',
    interval: '1m',
    input_series: [
      ...run('report-1', 1, 200, 3, 'complete'),
      ...run('report-2', 61, 200, 66, 'failed'),
      ...run('report-3', 121, 200, 126, 'failed'),
      ...run('report-4', 181, 200, 184, 'complete'),
      series('kube_job_owner', owner('other-1', 'other'), [[0, 200, 1]]),
      series('kube_job_status_start_time', job('other-1'), [[0, 200, 99999]]),
      series('kube_job_failed', { ...job('other-1'), condition: 'true' }, [[0, 200, 1]]),
    ],
    alert_rule_test: [
      at(30, 'CronJobLastRunFailed'),
      at(64, 'CronJobLastRunFailed'),
      at(70, 'CronJobLastRunFailed'), // pending (for: 5m)
      at(72, 'CronJobLastRunFailed', [firing('CronJobLastRunFailed', 3660, { namespace: 'batch' })]),
      at(123, 'CronJobLastRunFailed', [firing('CronJobLastRunFailed', 3660, { namespace: 'batch' })]),
      at(130, 'CronJobLastRunFailed', [firing('CronJobLastRunFailed', 7260, { namespace: 'batch' })]),
      at(190, 'CronJobLastRunFailed'),
    ],
  },
  {
    name: 'CronJobLastRunFailed: a run that retried and then succeeded is quiet',
    interval: '1m',
    input_series: [
      ...run('report-1', 1, 30, 10, 'complete'),
      series('kube_job_status_failed', job('report-1'), [[5, 30, 1]]),
      series('kube_job_failed', { ...job('report-1'), condition: 'true' }, [[1, 30, 0]]),
    ],
    alert_rule_test: [at(20, 'CronJobLastRunFailed')],
  },
  {
    name: 'CronJobLastRunFailed and CronJobRunTooLong: duplicate kube-state-metrics targets give one alert, no evaluation error',
    interval: '1m',
    input_series: [...run('report-2', 1, 100, 6, 'failed', true), ...run('report-9', 1, 100, undefined, undefined, true)],
    alert_rule_test: [
      at(20, 'CronJobLastRunFailed', [firing('CronJobLastRunFailed', 60, { namespace: 'batch' })]),
      at(min(T.runSeconds) + 5, 'CronJobRunTooLong', [firing('CronJobRunTooLong', (min(T.runSeconds) + 5) * 60 - 60, { namespace: 'batch', job_name: 'report-9' })]),
    ],
  },
  {
    name: 'CronJobNotSucceededRecently: stale success fires after the threshold; a never-succeeded CronJob falls back to its creation time',
    interval: '1m',
    input_series: [
      series('kube_cronjob_created', cj, [[0, 200, 0]]),
      series('kube_cronjob_spec_suspend', cj, [[0, 200, 0]]),
      series('kube_cronjob_status_last_successful_time', cj, [[3, 200, 180]]),
      series('kube_cronjob_created', { namespace: 'batch', cronjob: 'never' }, [[0, 200, 0]]),
    ],
    alert_rule_test: [
      at(min(T.successSeconds), 'CronJobNotSucceededRecently'),
      at(min(T.successSeconds) + 10, 'CronJobNotSucceededRecently', [firing('CronJobNotSucceededRecently', T.successSeconds + 600 - 180, cj)]),
    ],
  },
  {
    name: 'CronJobNotSucceededRecently: never succeeded',
    interval: '1m',
    input_series: [series('kube_cronjob_created', cj, [[0, 200, 0]]), series('kube_cronjob_spec_suspend', cj, [[0, 200, 0]])],
    alert_rule_test: [at(min(T.successSeconds) + 10, 'CronJobNotSucceededRecently', [firing('CronJobNotSucceededRecently', T.successSeconds + 600, cj)])],
  },
  {
    name: 'CronJobNotSucceededRecently: suspended CronJobs do not page',
    interval: '1m',
    input_series: [
      series('kube_cronjob_created', cj, [[0, 200, 0]]),
      series('kube_cronjob_spec_suspend', cj, [[0, 99, 0], [100, 200, 1]]),
      series('kube_cronjob_status_last_successful_time', cj, [[3, 200, 180]]),
    ],
    alert_rule_test: [at(min(T.successSeconds) + 10, 'CronJobNotSucceededRecently')],
  },
  {
    name: 'CronJobMissedSchedule: controller outage after the 00:00 run pages (from last_schedule_time, not next_schedule_time)',
    interval: '1m',
    input_series: scheduledUntil(0, 200),
    alert_rule_test: [
      at(minUp(T.missedSeconds) + 4, 'CronJobMissedSchedule'), // pending (for: 5m)
      at(minUp(T.missedSeconds) + 10, 'CronJobMissedSchedule', [firing('CronJobMissedSchedule', (minUp(T.missedSeconds) + 10) * 60, cj)]),
    ],
  },
  {
    name: 'CronJobMissedSchedule: duplicate kube-state-metrics targets give one alert',
    interval: '1m',
    input_series: scheduledUntil(0, 200, true),
    alert_rule_test: [at(minUp(T.missedSeconds) + 10, 'CronJobMissedSchedule', [firing('CronJobMissedSchedule', (minUp(T.missedSeconds) + 10) * 60, cj)])],
  },
  {
    name: 'CronJobMissedSchedule: quiet when healthy (hourly runs); another CronJob\'s outage does not leak in',
    interval: '1m',
    input_series: [
      series('kube_cronjob_created', cj, [[0, 200, 0]]),
      series('kube_cronjob_status_last_schedule_time', cj, [[0, 59, 0], [60, 119, 3600], [120, 179, 7200], [180, 200, 10800]]),
      series('kube_cronjob_status_active', cj, [[0, 200, 0]]),
      series('kube_cronjob_spec_suspend', cj, [[0, 200, 0]]),
      // another CronJob's outage is not this one's alert
      series('kube_cronjob_created', { namespace: 'batch', cronjob: 'other' }, [[0, 200, 0]]),
      series('kube_cronjob_status_last_schedule_time', { namespace: 'batch', cronjob: 'other' }, [[0, 200, 0]]),
    ],
    alert_rule_test: [at(100, 'CronJobMissedSchedule'), at(190, 'CronJobMissedSchedule')],
  },
  {
    name: 'CronJobMissedSchedule: quiet while a run is unfinished (Forbid skips slots: RunTooLong\'s case)',
    interval: '1m',
    input_series: [...scheduledUntil(0, 200), ...run('report-1', 0, 200)],
    alert_rule_test: [at(minUp(T.missedSeconds) + 10, 'CronJobMissedSchedule')],
  },
  {
    name: 'CronJobMissedSchedule: a controller that died during a run (status.active stays 1) still pages once the run is over',
    interval: '1m',
    input_series: [
      ...scheduledUntil(0, 200).filter((x) => !x.series.startsWith('kube_cronjob_status_active')),
      series('kube_cronjob_status_active', cj, [[0, 200, 1]]),
      ...run('report-1', 0, 200, 20, 'complete'),
    ],
    alert_rule_test: [at(minUp(T.missedSeconds) + 10, 'CronJobMissedSchedule', [firing('CronJobMissedSchedule', (minUp(T.missedSeconds) + 10) * 60, cj)])],
  },
  {
    name: 'CronJobMissedSchedule: quiet while suspended and one interval after',
    interval: '1m',
    input_series: [
      ...scheduledUntil(0, 200).filter((x) => !x.series.startsWith('kube_cronjob_spec_suspend')),
      series('kube_cronjob_spec_suspend', cj, [[0, 100, 1], [101, 200, 0]]),
    ],
    alert_rule_test: [at(80, 'CronJobMissedSchedule'), at(100 + min(T.windowSeconds) - 5, 'CronJobMissedSchedule')],
  },
  {
    name: 'Manual run (kubectl create job --from=cronjob, owner reference): its success clears CronJobMissedSchedule until one gap after it',
    interval: '1m',
    input_series: [...scheduledUntil(0, 300), ...run('report-manual-kubectl', 80, 300, 85, 'complete')],
    alert_rule_test: [
      at(78, 'CronJobMissedSchedule', [firing('CronJobMissedSchedule', 78 * 60, cj)]),
      at(90, 'CronJobMissedSchedule'),
      at(80 + minUp(T.missedSeconds) + 10, 'CronJobMissedSchedule', [firing('CronJobMissedSchedule', (minUp(T.missedSeconds) + 10) * 60, cj)]),
    ],
  },
  {
    name: 'Manual run (OneOffJob, no owner reference): its success clears CronJobMissedSchedule; a failed one does not',
    interval: '1m',
    input_series: [...scheduledUntil(0, 200), ...oneOffRun('report-manual', 80, 200, 85)],
    alert_rule_test: [
      at(78, 'CronJobMissedSchedule', [firing('CronJobMissedSchedule', 78 * 60, cj)]),
      at(84, 'CronJobMissedSchedule', [firing('CronJobMissedSchedule', 84 * 60, cj)]), // still running: not yet a success
      at(90, 'CronJobMissedSchedule'),
    ],
  },
  {
    name: 'Manual run: a failed OneOffJob does not clear CronJobMissedSchedule; a Job of another name does not count',
    interval: '1m',
    input_series: [
      ...scheduledUntil(0, 200),
      series('kube_job_info', job('report-manual'), [[80, 200, 1]]),
      series('kube_job_status_start_time', job('report-manual'), [[80, 200, 4800]]),
      series('kube_job_failed', { ...job('report-manual'), condition: 'true' }, [[85, 200, 1]]),
      ...oneOffRun('report-manual-other', 80, 200, 85),
    ],
    alert_rule_test: [at(90, 'CronJobMissedSchedule', [firing('CronJobMissedSchedule', 90 * 60, cj)])],
  },
  {
    name: 'Manual run: a successful OneOffJob or kubectl run clears CronJobNotSucceededRecently (even before the controller counts it)',
    interval: '1m',
    input_series: [
      series('kube_cronjob_created', cj, [[0, 300, 0]]),
      series('kube_cronjob_spec_suspend', cj, [[0, 300, 0]]),
      series('kube_cronjob_status_last_successful_time', cj, [[0, 300, 0]]),
      ...oneOffRun('report-manual', minUp(T.successSeconds) + 10, 300, minUp(T.successSeconds) + 15),
    ],
    alert_rule_test: [
      at(minUp(T.successSeconds) + 12, 'CronJobNotSucceededRecently', [firing('CronJobNotSucceededRecently', (minUp(T.successSeconds) + 12) * 60, cj)]),
      at(minUp(T.successSeconds) + 20, 'CronJobNotSucceededRecently'),
    ],
  },
  {
    name: 'Manual run: a successful kubectl run (owned Job) clears CronJobLastRunFailed',
    interval: '1m',
    input_series: [...run('report-1', 1, 100, 5, 'failed'), ...run('report-manual-kubectl', 30, 100, 35, 'complete')],
    alert_rule_test: [
      at(20, 'CronJobLastRunFailed', [firing('CronJobLastRunFailed', 60, { namespace: 'batch' })]),
      at(40, 'CronJobLastRunFailed'),
    ],
  },
  {
    name: 'CronJobPodsStuck: ImagePullBackOff pods of a run page within the configured time (one alert for two KSM targets) and resolve when they start',
    interval: '1m',
    input_series: [
      ...run('report-7', 1, 60, undefined, undefined, true),
      ...pod('report-7-x1', 'report-7', 1, 30, 60, 'ImagePullBackOff', true),
      // a pod of another CronJob's run, stuck too: not this CronJob's business
      series('kube_job_owner', owner('other-3', 'other'), [[1, 60, 1]]),
      ...pod('other-3-x1', 'other-3', 1, 61, 60, 'ImagePullBackOff'),
    ],
    alert_rule_test: [
      at(1 + Math.floor(T.podsStuckSeconds / 60), 'CronJobPodsStuck'),
      at(1 + minUp(T.podsStuckSeconds + 1), 'CronJobPodsStuck', [firing('CronJobPodsStuck', minUp(T.podsStuckSeconds + 1) * 60, { namespace: 'batch', job_name: 'report-7' })]),
      at(29, 'CronJobPodsStuck', [firing('CronJobPodsStuck', 28 * 60, { namespace: 'batch', job_name: 'report-7' })]),
      at(31, 'CronJobPodsStuck'), // the pod started
    ],
  },
  {
    name: 'CronJobPodsStuck: a container stuck in CreateContainerConfigError outside Pending pages; the alert ends with the run',
    interval: '1m',
    input_series: [
      ...run('report-8', 1, 60, 40, 'failed'),
      series('kube_pod_created', { namespace: 'batch', pod: 'report-8-x1' }, [[1, 60, 60]]),
      series('kube_pod_owner', { namespace: 'batch', pod: 'report-8-x1', owner_kind: 'Job', owner_name: 'report-8', owner_is_controller: 'true' }, [[1, 60, 1]]),
      series('kube_pod_status_phase', { namespace: 'batch', pod: 'report-8-x1', phase: 'Running' }, [[1, 60, 1]]),
      series('kube_pod_container_status_waiting_reason', { namespace: 'batch', pod: 'report-8-x1', container: 'sidecar', reason: 'CreateContainerConfigError' }, [[1, 60, 1]]),
    ],
    alert_rule_test: [
      at(20, 'CronJobPodsStuck', [firing('CronJobPodsStuck', 19 * 60, { namespace: 'batch', job_name: 'report-8' })]),
      at(45, 'CronJobPodsStuck'), // run failed (deadline): JobFailed/LastRunFailed take over
    ],
  },
  {
    name: 'JobPodsStuck: an unschedulable pod pages after the threshold and resolves when the Job ends',
    interval: '1m',
    input_series: [
      ...pod('migrate-x1', 'migrate', 0, 61, 60),
      series('kube_job_failed', { ...job('migrate'), condition: 'true' }, [[11, 60, 1]]),
      ...pod('other-x1', 'other', 0, 61, 60),
    ],
    alert_rule_test: [
      at(Math.floor(J.podsStuckSeconds / 60) - 1, 'JobPodsStuck'),
      at(minUp(J.podsStuckSeconds + 1), 'JobPodsStuck', [firing('JobPodsStuck', minUp(J.podsStuckSeconds + 1) * 60, job('migrate'))]),
      at(12, 'JobPodsStuck'),
    ],
  },
  {
    name: 'CronJobRunTooLong: a run that never finishes fires (even with no active pods); a long run that completed does not',
    interval: '1m',
    input_series: [...run('report-5', 1, 60), ...run('report-6', 1, 60, 30, 'complete')],
    alert_rule_test: [
      at(min(T.runSeconds) - 1, 'CronJobRunTooLong'),
      at(min(T.runSeconds) + 5, 'CronJobRunTooLong', [firing('CronJobRunTooLong', (min(T.runSeconds) + 5) * 60 - 60, { namespace: 'batch', job_name: 'report-5' })]),
    ],
  },
  {
    name: 'CronJobSuspendedTooLong: suspended out of band for over a day',
    interval: '1m',
    input_series: [
      series('kube_cronjob_spec_suspend', cj, [[0, 1600, 1]]),
      series('kube_cronjob_status_last_schedule_time', cj, [[0, 1600, 0]]),
      series('kube_cronjob_spec_suspend', { namespace: 'batch', cronjob: 'active' }, [[0, 1600, 0]]),
      series('kube_cronjob_status_last_schedule_time', { namespace: 'batch', cronjob: 'active' }, [[0, 1600, 0]]),
    ],
    alert_rule_test: [
      at(min(T.suspendedSeconds) - 10, 'CronJobSuspendedTooLong'),
      at(min(T.suspendedSeconds) + 10, 'CronJobSuspendedTooLong', [firing('CronJobSuspendedTooLong', T.suspendedSeconds + 600, cj)]),
    ],
  },
  {
    name: 'CronJobTooManyJobs: Jobs piling up beyond the history limits (another CronJob\'s Jobs do not count)',
    interval: '1m',
    input_series: [
      ...Array.from({ length: T.maxJobs + 2 }, (_v, i) => series('kube_job_owner', owner(`report-${i}`), [[0, 100, 1]])),
      ...Array.from({ length: 4 }, (_v, i) => series('kube_job_owner', owner(`other-${i}`, 'other'), [[0, 100, 1]])),
    ],
    alert_rule_test: [
      at(30, 'CronJobTooManyJobs'),
      at(70, 'CronJobTooManyJobs', [firing('CronJobTooManyJobs', T.maxJobs + 2, { namespace: 'batch' })]),
    ],
  },
  {
    name: 'CronJobTooManyJobs: at the history limits is fine',
    interval: '1m',
    input_series: Array.from({ length: T.maxJobs }, (_v, i) => series('kube_job_owner', owner(`report-${i}`), [[0, 100, 1]])),
    alert_rule_test: [at(70, 'CronJobTooManyJobs')],
  },
  {
    name: 'CronJobMetricsAbsent: kube-state-metrics does not export this CronJob',
    interval: '1m',
    input_series: [series('kube_cronjob_info', { namespace: 'batch', cronjob: 'other' }, [[0, 30, 1]])],
    alert_rule_test: [at(20, 'CronJobMetricsAbsent', [firing('CronJobMetricsAbsent', 1, cj)])],
  },
  {
    name: 'CronJobMetricsAbsent: exported (twice, by two replicas) is fine',
    interval: '1m',
    input_series: duplicated(series('kube_cronjob_info', cj, [[0, 30, 1]])),
    alert_rule_test: [at(20, 'CronJobMetricsAbsent')],
  },
  {
    name: 'JobFailed: Failed=True on two kube-state-metrics targets gives one alert; a retried-then-succeeded Job is quiet',
    interval: '1m',
    input_series: [
      ...duplicated(series('kube_job_failed', { ...job('migrate'), condition: 'true' }, [[5, 20, 1]])),
    ],
    alert_rule_test: [
      at(5, 'JobFailed'),
      at(8, 'JobFailed', [firing('JobFailed', 1, job('migrate'))]),
    ],
  },
  {
    name: 'JobFailed: retried then succeeded',
    interval: '1m',
    input_series: [
      series('kube_job_status_failed', job('migrate'), [[2, 20, 1]]),
      series('kube_job_failed', { ...job('migrate'), condition: 'true' }, [[0, 20, 0]]),
      series('kube_job_complete', { ...job('migrate'), condition: 'true' }, [[6, 20, 1]]),
    ],
    alert_rule_test: [at(10, 'JobFailed'), at(10, 'JobNotFinished')],
  },
  {
    name: 'JobNotFinished: a Job that never started, counted from its creation',
    interval: '1m',
    input_series: [series('kube_job_created', job('migrate'), [[0, 30, 0]])],
    alert_rule_test: [
      at(min(J.runSeconds), 'JobNotFinished'),
      at(min(J.runSeconds) + 5, 'JobNotFinished', [firing('JobNotFinished', J.runSeconds + 300, job('migrate'))]),
    ],
  },
  {
    name: 'JobNotFinished: a failed Job is JobFailed\'s, not this one\'s',
    interval: '1m',
    input_series: [
      series('kube_job_created', job('migrate'), [[0, 30, 0]]),
      series('kube_job_status_start_time', job('migrate'), [[0, 30, 0]]),
      series('kube_job_failed', { ...job('migrate'), condition: 'true' }, [[10, 30, 1]]),
    ],
    alert_rule_test: [at(min(J.runSeconds) + 5, 'JobNotFinished')],
  },
  {
    name: 'JobNotCleanedUp: a finished Job outlives its TTL',
    interval: '1m',
    input_series: [series('kube_job_status_completion_time', job('migrate'), [[0, 1600, 60]])],
    alert_rule_test: [
      at(min(J.ttlSeconds!) - 10, 'JobNotCleanedUp'),
      at(min(J.ttlSeconds!) + 40, 'JobNotCleanedUp', [firing('JobNotCleanedUp', J.ttlSeconds! + 2400 - 60, job('migrate'))]),
    ],
  },
];

describe('promtool (Debian prometheus 2.42): the generated rules and their unit tests', () => {
  test('the thresholds used here are the ones in the rules', () => {
    expect(ruleOf('CronJobNotSucceededRecently').expr).toContain(`> ${T.successSeconds}`);
    expect(ruleOf('JobNotFinished').expr).toContain(`> ${J.runSeconds}`);
  });

  test('every alert is covered by a firing case and a quiet case', () => {
    const alerts = groups.flatMap((g) => g.rules.map((r) => r.alert));
    const cases = tests.flatMap((t) => t.alert_rule_test);
    for (const alert of alerts) {
      expect({ alert, fires: cases.some((c) => c.alertname === alert && c.exp_alerts.length > 0) }).toEqual({ alert, fires: true });
      expect({ alert, quiet: cases.some((c) => c.alertname === alert && c.exp_alerts.length === 0) }).toEqual({ alert, quiet: true });
    }
  });

  test('both representations have the same alerts', () => {
    const names = (gs: RuleGroup[]) => gs.flatMap((g) => g.rules.map((r) => r.alert)).filter((a) => a).sort();
    expect(names(REPRESENTATIONS[1][1])).toEqual(names(groups));
  });

  test.each(REPRESENTATIONS)('%s: promtool check rules and promtool test rules pass', (_name, rendered) => {
    const result = promtool(rendered, tests);
    expect({ check: result.check, test: result.test, output: result.check === 0 && result.test === 0 ? 'ok' : result.output })
      .toEqual({ check: 0, test: 0, output: 'ok' });
  });

  test.each([AlertRepresentation.PER_WORKLOAD, AlertRepresentation.SHARED])('%s: promtool check rules accepts the variants: every option, kube-state-metrics before 2.5.0, several OneOffJobs', (representation) => {
    const c = new Chart(Testing.app(), 'variants', { namespace: 'batch' });
    const alerts = { kubeStateMetricsSelector: 'job="kube-state-metrics"', clusterLabel: 'cluster', podsStuckSeconds: 900, runbookBaseUrl: 'https://r.example.com', representation };
    const a = new ProductionCronJob(c, 'a', { metadata: { name: 'a' }, schedule: '0 9 * * 1-5', timeZone: 'Europe/Berlin', activeDeadline: Duration.minutes(30), containers: [{ image: 'a:1', resources }], alerts });
    new ProductionCronJob(c, 'b', { metadata: { name: 'b' }, schedule: '*/5 * * * *', activeDeadline: Duration.minutes(3), containers: [{ image: 'a:1', resources }], alerts: { kubeStateMetricsVersion: '2.4.0', representation } });
    OneOffJob.fromCronJob(c, 'r1', a, { name: 'a-rerun.1', alerts: { representation } });
    OneOffJob.fromCronJob(c, 'r2', a, { name: 'a-rerun-2', alerts: { representation } });
    const variantGroups = Testing.synth(c).filter((m) => m.kind === 'PrometheusRule').flatMap((m) => m.spec.groups);
    const rules = variantGroups.flatMap((g: any) => g.rules);
    if (representation === AlertRepresentation.PER_WORKLOAD) {
      expect(rules.find((r: any) => r.alert === 'CronJobMissedSchedule').expr).toContain('job_name=~"a-rerun-2|a-rerun\\\\.1"');
    } else {
      const manual = rules.find((r: any) => r.record === 'cdk8s_batch:cronjob_manual_run_info');
      expect(recordedSeries(manual.expr).map((r) => r.labels.job_name)).toEqual(['a-rerun-2', 'a-rerun.1']);
      // three rendering keys (a; b with another KSM version; the OneOffJobs' defaults): three shared groups of CronJob rules or Job rules
      expect(variantGroups.map((g: any) => g.name).filter((n: string) => n.startsWith('cdk8s-batch.')).length).toBe(3);
    }
    const result = promtool(variantGroups, []);
    expect({ check: result.check, output: result.check === 0 ? 'ok' : result.output }).toEqual({ check: 0, output: 'ok' });
  });

  test.each(REPRESENTATIONS)('%s: the promtool harness can fail: a wrong expectation is reported', (_name, rendered) => {
    const wrong = [{ ...tests[0], alert_rule_test: [at(30, 'CronJobLastRunFailed', [firing('CronJobLastRunFailed', 1, { namespace: 'batch' })])] }];
    expect(promtool(rendered, wrong).test).not.toBe(0);
  });
});
