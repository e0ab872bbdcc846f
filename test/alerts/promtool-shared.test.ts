import { Chart, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { promtool, recordedSeries, renderTemplate, RuleGroup, series } from './fixtures';
import { AlertRepresentation, BatchAlert, cronJobThresholds, ProductionCronJob, ProductionJob } from '../../src';

// Issue #13: what the shared representation adds, run against both representations with the same
// inputs and the same expected alerts. Namespace batch holds four CronJobs:
//   hourly  "0 * * * *"              default options
//   daily   "0 3 * * *"              default options (same rendering key as hourly, other thresholds)
//   quiet   "0 * * * *"              CronJobNotSucceededRecently disabled (same key: it only lacks the series)
//   teamb   "0 * * * *"              labels {team: b}: another rendering key, another shared rule
//   ksmsel  "0 * * * *"              kubeStateMetricsSelector: a third key; absent() labels from its matchers
const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } };
const base = { activeDeadline: Duration.minutes(30), containers: [{ image: 'a:1', resources }] };

function synthGroups(representation: AlertRepresentation): RuleGroup[] {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'batch' });
  new ProductionCronJob(chart, 'hourly', { ...base, metadata: { name: 'hourly' }, schedule: '0 * * * *', alerts: { representation } });
  new ProductionCronJob(chart, 'daily', { ...base, metadata: { name: 'daily' }, schedule: '0 3 * * *', alerts: { representation } });
  new ProductionCronJob(chart, 'quiet', {
    ...base, metadata: { name: 'quiet' }, schedule: '0 * * * *', alerts: { representation, disabledAlerts: [BatchAlert.CRONJOB_NOT_SUCCEEDED_RECENTLY] },
  });
  new ProductionCronJob(chart, 'teamb', { ...base, metadata: { name: 'teamb' }, schedule: '0 * * * *', alerts: { representation, labels: { team: 'b' } } });
  new ProductionCronJob(chart, 'ksmsel', {
    ...base, metadata: { name: 'ksmsel' }, schedule: '0 * * * *', alerts: { representation, kubeStateMetricsSelector: 'job="kube-state-metrics", instance=~"ksm-.*"' },
  });
  // Two Jobs with different deadlines: JobNotFinished at 900 s and 3900 s.
  new ProductionJob(chart, 'short', { ...base, activeDeadline: Duration.minutes(10), metadata: { name: 'short' }, alerts: { representation } });
  new ProductionJob(chart, 'long', { ...base, activeDeadline: Duration.minutes(60), metadata: { name: 'long' }, alerts: { representation } });
  return Testing.synth(chart).filter((m) => m.kind === 'PrometheusRule').flatMap((m) => m.spec.groups);
}

const perWorkload = synthGroups(AlertRepresentation.PER_WORKLOAD);
const shared = synthGroups(AlertRepresentation.SHARED);
const REPRESENTATIONS: Array<[string, RuleGroup[]]> = [['PER_WORKLOAD', perWorkload], ['SHARED', shared]];

// Thresholds of an hourly and a daily CronJob with activeDeadlineSeconds 1800 (ProductionCronJob's
// default startingDeadlineSeconds and history limits do not enter these two).
const H = cronJobThresholds({ maxIntervalSeconds: 3600, minIntervalSeconds: 3600, activeDeadlineSeconds: 1800 });
const D = cronJobThresholds({ maxIntervalSeconds: 86400, minIntervalSeconds: 86400, activeDeadlineSeconds: 1800 });
const min = (s: number) => s / 60;

/** The expected alert of `cronjob`, from its PER_WORKLOAD rule (labels, annotations rendered with the value). */
function firing(cronjob: string, alert: string, value: number, outputLabels: Record<string, string> = {}) {
  const r = perWorkload.find((g) => g.name === `cronjob.batch.${cronjob}`)!.rules.find((x) => x.alert === alert)!;
  const labels = { namespace: 'batch', cronjob, ...outputLabels, ...r.labels };
  const annotations = Object.fromEntries(Object.entries(r.annotations).map(([k, v]) => [k, renderTemplate(v, value, labels)]));
  return { exp_labels: labels, exp_annotations: annotations };
}
/** The expected alert of Job `jobName`, from its PER_WORKLOAD rule. */
function jobFiring(jobName: string, alert: string, value: number) {
  const r = perWorkload.find((g) => g.name === `job.batch.${jobName}`)!.rules.find((x) => x.alert === alert)!;
  const labels = { namespace: 'batch', job_name: jobName, ...r.labels };
  const annotations = Object.fromEntries(Object.entries(r.annotations).map(([k, v]) => [k, renderTemplate(v, value, labels)]));
  return { exp_labels: labels, exp_annotations: annotations };
}
const at = (minute: number, alertname: string, exp_alerts: any[] = []) => ({ eval_time: `${minute}m`, alertname, exp_alerts });

/** A CronJob created at minute 0 that never succeeded; last scheduled at minute `scheduled`; suspended during `suspended`. */
function cronJob(name: string, until: number, scheduled = 0, suspended?: [number, number]) {
  const cj = { namespace: 'batch', cronjob: name };
  return [
    series('kube_cronjob_info', cj, [[0, until, 1]]),
    series('kube_cronjob_created', cj, [[0, until, 0]]),
    series('kube_cronjob_status_last_schedule_time', cj, [[0, until, scheduled * 60]]),
    series('kube_cronjob_spec_suspend', cj, suspended ? [[0, suspended[0] - 1, 0], [suspended[0], suspended[1], 1], [suspended[1] + 1, until, 0]] : [[0, until, 0]]),
  ];
}

const successMinutes = min(H.successSeconds);
const dailySuccessMinutes = min(D.successSeconds);
// Suspended from minute 100 to 120 (last suspended sample at 120): the window W of CronJobMissedSchedule
// covers that sample until minute 120 + W inclusive; the alert is pending from 120 + W + 1 (for: 5m).
const W = min(H.windowSeconds);
const tests = [
  {
    name: 'two CronJobs of one namespace and key with different thresholds fire independently; a disabled alert stays quiet for its workload only; another key fires once',
    interval: '1m',
    input_series: ['hourly', 'daily', 'quiet', 'teamb'].flatMap((n) => cronJob(n, dailySuccessMinutes + 20)),
    alert_rule_test: [
      at(successMinutes + 4, 'CronJobNotSucceededRecently'), // pending (for: 5m)
      at(successMinutes + 10, 'CronJobNotSucceededRecently', [
        firing('hourly', 'CronJobNotSucceededRecently', (successMinutes + 10) * 60),
        firing('teamb', 'CronJobNotSucceededRecently', (successMinutes + 10) * 60),
      ]),
      at(dailySuccessMinutes + 10, 'CronJobNotSucceededRecently', [
        firing('hourly', 'CronJobNotSucceededRecently', (dailySuccessMinutes + 10) * 60),
        firing('daily', 'CronJobNotSucceededRecently', (dailySuccessMinutes + 10) * 60),
        firing('teamb', 'CronJobNotSucceededRecently', (dailySuccessMinutes + 10) * 60),
      ]),
    ],
  },
  {
    name: 'CronJobMissedSchedule: the suspension window at its edge (hourly suspended from minute 100 to 120)',
    interval: '1m',
    input_series: cronJob('hourly', 120 + W + 30, 0, [100, 120]),
    alert_rule_test: [
      at(99, 'CronJobMissedSchedule', [firing('hourly', 'CronJobMissedSchedule', 99 * 60)]),
      at(110, 'CronJobMissedSchedule'),
      at(120 + W, 'CronJobMissedSchedule'),
      at(120 + W + 5, 'CronJobMissedSchedule'), // pending since 120 + W + 1
      at(120 + W + 6, 'CronJobMissedSchedule', [firing('hourly', 'CronJobMissedSchedule', (120 + W + 6) * 60)]),
    ],
  },
  {
    name: 'CronJobNotSucceededRecently: the suspension window at its edge (hourly suspended from minute 10 to 20)',
    interval: '1m',
    input_series: cronJob('hourly', 20 + successMinutes + 30, 0, [10, 20]),
    alert_rule_test: [
      at(20 + successMinutes, 'CronJobNotSucceededRecently'),
      at(20 + successMinutes + 5, 'CronJobNotSucceededRecently'), // pending since 20 + threshold + 1
      at(20 + successMinutes + 6, 'CronJobNotSucceededRecently', [firing('hourly', 'CronJobNotSucceededRecently', (20 + successMinutes + 6) * 60)]),
    ],
  },
  {
    name: 'two Jobs with different deadlines: JobNotFinished fires for each at its own threshold',
    interval: '1m',
    input_series: ['short', 'long'].map((n) => series('kube_job_created', { namespace: 'batch', job_name: n }, [[0, 80, 0]])),
    alert_rule_test: [
      at(16, 'JobNotFinished'), // pending (for: 1m)
      at(20, 'JobNotFinished', [jobFiring('short', 'JobNotFinished', 1200)]),
      at(70, 'JobNotFinished', [jobFiring('short', 'JobNotFinished', 4200), jobFiring('long', 'JobNotFinished', 4200)]),
    ],
  },
  {
    name: 'CronJobMetricsAbsent: the absent() labels (namespace, cronjob, the selector\'s equality matchers) in both representations',
    interval: '1m',
    input_series: ['hourly', 'daily', 'quiet', 'teamb'].map((n) => series('kube_cronjob_info', { namespace: 'batch', cronjob: n }, [[0, 30, 1]])),
    alert_rule_test: [at(20, 'CronJobMetricsAbsent', [firing('ksmsel', 'CronJobMetricsAbsent', 1, { job: 'kube-state-metrics' })])],
  },
];

describe('shared representation (issue #13): the same alerts as per-workload rules', () => {
  test('the thresholds used here are the ones rendered', () => {
    const expr = (cronjob: string, alert: string) => perWorkload.find((g) => g.name === `cronjob.batch.${cronjob}`)!.rules.find((r) => r.alert === alert)!.expr;
    expect(expr('hourly', 'CronJobNotSucceededRecently')).toContain(`> ${H.successSeconds}\n`);
    expect(expr('daily', 'CronJobNotSucceededRecently')).toContain(`> ${D.successSeconds}\n`);
    expect(expr('hourly', 'CronJobMissedSchedule')).toContain(`[${H.windowSeconds}s]`);
    expect(H.windowSeconds).toBe(H.missedSeconds); // the shared rule uses the threshold as the look-back
  });

  test('SHARED: one shared rule per rendering key; the workloads carry only recording rules', () => {
    expect(shared.filter((g) => g.name.startsWith('cdk8s-batch.cronjob.'))).toHaveLength(3);
    expect(shared.filter((g) => g.name.startsWith('cdk8s-batch.job.'))).toHaveLength(1); // the Jobs use the default key
    for (const g of shared.filter((x) => x.name.startsWith('cronjob.'))) {
      expect(g.rules.map((r: any) => r.record)).toEqual(['cdk8s_batch:cronjob_alert_threshold']);
    }
    const quiet = recordedSeries((shared.find((g) => g.name === 'cronjob.batch.quiet')!.rules[0] as any).expr).map((r) => r.labels.alert);
    expect(quiet).not.toContain('CronJobNotSucceededRecently');
    expect(quiet).toContain('CronJobMissedSchedule');
  });

  test.each(REPRESENTATIONS)('%s: promtool check rules and promtool test rules pass', (_name, rendered) => {
    const result = promtool(rendered, tests);
    expect({ check: result.check, test: result.test, output: result.check === 0 && result.test === 0 ? 'ok' : result.output })
      .toEqual({ check: 0, test: 0, output: 'ok' });
  });

  test.each(REPRESENTATIONS)('%s: the edge is exact: one minute earlier is a failure', (_name, rendered) => {
    const wrong = [{ ...tests[1], alert_rule_test: [at(120 + W + 5, 'CronJobMissedSchedule', [firing('hourly', 'CronJobMissedSchedule', (120 + W + 5) * 60)])] }];
    expect(promtool(rendered, wrong).test).not.toBe(0);
  });
});

// Multi-cluster (clusterLabel): one Prometheus (Thanos) sees CronJob batch/hourly in clusters a and
// b. The threshold series carry no cluster label, so they apply in every cluster; a suspension in
// one cluster must not silence the other, and each alert must name its cluster.
describe('clusterLabel: two clusters, one CronJob name, both representations', () => {
  const clustered = (representation: AlertRepresentation): RuleGroup[] => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'batch' });
    new ProductionCronJob(chart, 'hourly', { ...base, metadata: { name: 'hourly' }, schedule: '0 * * * *', alerts: { representation, clusterLabel: 'cluster' } });
    return Testing.synth(chart).filter((m) => m.kind === 'PrometheusRule').flatMap((m) => m.spec.groups);
  };
  const perWorkloadC = clustered(AlertRepresentation.PER_WORKLOAD);
  const inCluster = (cluster: string, until: number, suspended?: [number, number]) => cronJob('hourly', until, 0, suspended).map((s) => ({
    ...s, series: s.series.replace('{', `{cluster="${cluster}",`),
  }));
  const firingIn = (cluster: string, alert: string, value: number) => {
    const r = perWorkloadC.find((g) => g.name === 'cronjob.batch.hourly')!.rules.find((x) => x.alert === alert)!;
    const labels = { cluster, namespace: 'batch', cronjob: 'hourly', ...r.labels };
    const annotations = Object.fromEntries(Object.entries(r.annotations).map(([k, v]) => [k, renderTemplate(v, value, labels)]));
    return { exp_labels: labels, exp_annotations: annotations };
  };
  const clusterTests = [{
    name: 'a suspension in cluster a silences cluster a only; missed runs fire per cluster',
    interval: '1m',
    input_series: [...inCluster('a', 180, [100, 120]), ...inCluster('b', 180)],
    alert_rule_test: [
      at(99, 'CronJobMissedSchedule', [firingIn('a', 'CronJobMissedSchedule', 99 * 60), firingIn('b', 'CronJobMissedSchedule', 99 * 60)]),
      at(110, 'CronJobMissedSchedule', [firingIn('b', 'CronJobMissedSchedule', 110 * 60)]),
    ],
  }];

  test.each([['PER_WORKLOAD', perWorkloadC], ['SHARED', clustered(AlertRepresentation.SHARED)]] as Array<[string, RuleGroup[]]>)(
    '%s: promtool test rules pass', (_name, rendered) => {
      const result = promtool(rendered, clusterTests);
      expect({ check: result.check, test: result.test, output: result.check === 0 && result.test === 0 ? 'ok' : result.output })
        .toEqual({ check: 0, test: 0, output: 'ok' });
    });
});
