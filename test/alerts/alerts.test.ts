import { ApiObject, Chart, Cron, Duration, Size, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import * as yaml from 'yaml';
import { promqlErrors, recordedSeries } from './fixtures';
import { AlertRepresentation, AlertSeverity, BatchAlert, BatchAlerts, cronJobThresholds, jobThresholds, OneOffJob, podsStuckDefault, ProductionCronJob, ProductionJob, promDuration } from '../../src';

const resources = { cpu: { request: kplus.Cpu.millis(100) }, memory: { request: Size.mebibytes(128) } };
const containers = [{ name: 'main', image: 'registry.example.com/app:1.0.0', resources }];

function rulesOf(manifests: any[]): any[] {
  return manifests.filter((m) => m.kind === 'PrometheusRule').flatMap((m) => m.spec.groups.flatMap((g: any) => g.rules));
}

// Most tests below read the expressions of the PER_WORKLOAD representation; SHARED has its own describe.
const PER_WORKLOAD = { representation: AlertRepresentation.PER_WORKLOAD };

function report(props: any = {}, representation = PER_WORKLOAD) {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'batch' });
  const alerts = { ...representation, ...props.alerts };
  new ProductionCronJob(chart, 'report', {
    metadata: { name: 'report' }, schedule: '0 * * * *', activeDeadline: Duration.minutes(30), failedJobsRetained: 1, containers, ...props, alerts,
  });
  return Testing.synth(chart);
}

function migrate(props: any = {}, representation = PER_WORKLOAD) {
  const chart = new Chart(Testing.app(), 'test', { namespace: 'batch' });
  new ProductionJob(chart, 'migrate', { metadata: { name: 'migrate' }, activeDeadline: Duration.minutes(10), containers, ...props, alerts: { ...representation, ...props.alerts } });
  return Testing.synth(chart);
}

describe('thresholds (pure)', () => {
  test('hourly, Forbid, SDS 300, ADS 1800, history 3/1 (the reference example)', () => {
    expect(cronJobThresholds({
      maxIntervalSeconds: 3600,
      minIntervalSeconds: 3600,
      startingDeadlineSeconds: 300,
      activeDeadlineSeconds: 1800,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      concurrencyPolicy: 'Forbid',
    })).toEqual({
      successSeconds: 9000,
      graceSeconds: 600,
      missedSeconds: 4200,
      windowSeconds: 4200,
      runSeconds: 2100,
      suspendedSeconds: 86400,
      maxJobs: 5,
      podsStuckSeconds: 450,
    });
  });
  test('irregular schedule: the longest gap drives NotSucceededRecently (weekdays: 3 days)', () => {
    expect(cronJobThresholds({ maxIntervalSeconds: 259200, minIntervalSeconds: 86400 }).successSeconds).toBe(2 * 259200 + 259200);
  });
  test('no deadline: maxRunSeconds or the interval; Allow counts overlapping runs', () => {
    const t = cronJobThresholds({ maxIntervalSeconds: 600, minIntervalSeconds: 600, maxRunSeconds: 1500, concurrencyPolicy: 'Allow' });
    expect(t.runSeconds).toBe(1500);
    expect(t.maxJobs).toBe(3 + 1 + 3);
    expect(cronJobThresholds({ maxIntervalSeconds: 600, minIntervalSeconds: 600 }).runSeconds).toBe(600);
  });
  test('toleratedFailures and no starting deadline', () => {
    const t = cronJobThresholds({ maxIntervalSeconds: 3600, minIntervalSeconds: 3600, toleratedFailures: 2, activeDeadlineSeconds: 600 });
    expect(t.successSeconds).toBe(3 * 3600 + 600);
    expect(t.graceSeconds).toBe(600);
  });
  test('jobs', () => {
    expect(jobThresholds({ activeDeadlineSeconds: 600, ttlSecondsAfterFinished: 86400 }))
      .toEqual({ runSeconds: 900, ttlSeconds: 90000, podsStuckSeconds: 150 });
    expect(jobThresholds({})).toEqual({ runSeconds: 3600, ttlSeconds: undefined, podsStuckSeconds: 600 });
  });
  test('stuck pods: 10 minutes, at most a quarter of the deadline and half the shortest gap, at least 2 minutes; an explicit value wins', () => {
    expect(podsStuckDefault()).toBe(600);
    expect(podsStuckDefault(7200)).toBe(600);
    expect(podsStuckDefault(1200)).toBe(300);
    expect(podsStuckDefault(undefined, 300)).toBe(150);
    expect(podsStuckDefault(60, 60)).toBe(120);
    expect(cronJobThresholds({ maxIntervalSeconds: 300, minIntervalSeconds: 300, podsStuckSeconds: 900 }).podsStuckSeconds).toBe(900);
    expect(jobThresholds({ podsStuckSeconds: 42 }).podsStuckSeconds).toBe(42);
  });
  test('missed schedule: the longest gap plus the grace', () => {
    const t = cronJobThresholds({ maxIntervalSeconds: 47 * 3600, minIntervalSeconds: 23 * 3600, startingDeadlineSeconds: 120 });
    expect(t.missedSeconds).toBe(47 * 3600 + 420);
  });
  test('Prometheus durations', () => {
    expect([promDuration(9000), promDuration(90), promDuration(86400), promDuration(0)]).toEqual(['2h30m', '1m30s', '1d', '0s']);
  });
});

describe('CronJob alerts', () => {
  const manifests = report();
  const rules = rulesOf(manifests);
  const rule = manifests.find((m) => m.kind === 'PrometheusRule');

  test('one PrometheusRule in the workload namespace with the eight alerts', () => {
    expect(rule.metadata).toEqual({ name: 'report-alerts', namespace: 'batch' });
    expect(rules.map((r) => r.alert)).toEqual(['CronJobLastRunFailed', 'CronJobNotSucceededRecently', 'CronJobMissedSchedule',
      'CronJobRunTooLong', 'CronJobPodsStuck', 'CronJobSuspendedTooLong', 'CronJobTooManyJobs', 'CronJobMetricsAbsent']);
  });
  test('no rule reads kube_cronjob_next_schedule_time (kube-state-metrics\' own cron parser)', () => {
    for (const r of rules) expect(r.expr).not.toContain('kube_cronjob_next_schedule_time');
    expect(rules.find((r) => r.alert === 'CronJobMissedSchedule').expr).toContain('kube_cronjob_status_last_schedule_time');
  });
  test('every expression parses as PromQL', () => {
    for (const r of rules) expect({ alert: r.alert, errors: promqlErrors(r.expr) }).toEqual({ alert: r.alert, errors: [] });
  });
  test('every alert has a severity, none has a static job label, every one is scoped to its namespace and CronJob', () => {
    for (const r of rules) {
      expect(r.labels.severity).toMatch(/^(critical|warning|info)$/);
      expect(r.labels.job).toBeUndefined();
      expect(r.expr).toContain('namespace="batch"');
      expect(r.expr).toMatch(/cronjob="report"|owner_name="report"/);
      // namespace and cronjob come from the expression's grouping or from static labels
      expect(r.labels.cronjob === 'report' || /by \(namespace, cronjob\)|absent\(/.test(r.expr)).toBe(true);
    }
  });
  test('every operand is deduplicated with max by (robust to duplicate kube-state-metrics targets)', () => {
    for (const r of rules.filter((x) => !x.expr.startsWith('absent'))) expect(r.expr).toMatch(/max by \(/);
  });
  test('thresholds come from the rendered spec', () => {
    const by = (name: string) => rules.find((r) => r.alert === name);
    expect(by('CronJobNotSucceededRecently').expr).toContain('> 9000');
    expect(by('CronJobMissedSchedule').expr).toContain('> 4200');
    expect(by('CronJobMissedSchedule').expr).toContain('[4200s]');
    expect(by('CronJobPodsStuck').expr).toContain('> 450');
    expect(by('CronJobRunTooLong').expr).toContain('> 2100');
    expect(by('CronJobSuspendedTooLong').expr).toContain('> 86400');
    expect(by('CronJobTooManyJobs').expr).toContain('> 5');
  });
  test('a Berlin weekday schedule uses its longest gap: the weekend across the October DST change is 73 hours', () => {
    const r = rulesOf(report({ schedule: '0 9 * * 1-5', timeZone: 'Europe/Berlin', activeDeadline: Duration.hours(1) }));
    expect(r.find((x) => x.alert === 'CronJobNotSucceededRecently').expr).toContain(`> ${2 * (259200 + 3600) + 3600}`);
  });
  test('no CronJobMissedSchedule for a schedule that never fires twice (no gap to measure)', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'batch' });
    const raw = new ApiObject(chart, 'never', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'never' },
      spec: { schedule: '0 0 30 2 *', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'a:1' }] } } } } },
    });
    new BatchAlerts(chart, 'alerts', { target: raw, ...PER_WORKLOAD });
    const alerts = rulesOf(Testing.synth(chart)).map((r) => r.alert);
    expect(alerts).not.toContain('CronJobMissedSchedule');
    expect(alerts).toContain('CronJobNotSucceededRecently');
  });
  test('CronJobSuspendedTooLong only when suspend is rendered false', () => {
    expect(rulesOf(report({ suspend: true })).map((r) => r.alert)).not.toContain('CronJobSuspendedTooLong');
  });
  test('snapshot', () => expect(yaml.stringify(rule)).toMatchSnapshot());
});

describe('Job alerts', () => {
  test('JobFailed, JobNotFinished, JobPodsStuck, JobNotCleanedUp with thresholds from the spec', () => {
    const rules = rulesOf(migrate());
    expect(rules.map((r) => r.alert)).toEqual(['JobFailed', 'JobNotFinished', 'JobPodsStuck', 'JobNotCleanedUp']);
    expect(rules[1].expr).toContain('> 900');
    expect(rules[2].expr).toContain('> 150');
    expect(rules[2].expr).toContain('owner_name="migrate"');
    expect(rules[3].expr).toContain('> 90000');
    for (const r of rules) {
      expect(promqlErrors(r.expr)).toEqual([]);
      expect(r.expr).toContain('job_name="migrate"');
      expect(r.expr).toMatch(/by \(namespace, job_name\)/);
    }
  });
  test('no TTL, no JobNotCleanedUp', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'batch' });
    const job = new kplus.Job(chart, 'plain', { metadata: { name: 'plain' }, containers: [{ image: 'a:1' }] });
    new BatchAlerts(chart, 'alerts', { target: ApiObject.of(job), ...PER_WORKLOAD });
    expect(rulesOf(Testing.synth(chart)).map((r) => r.alert)).toEqual(['JobFailed', 'JobNotFinished', 'JobPodsStuck']);
  });
  test('snapshot', () => expect(yaml.stringify(migrate().find((m) => m.kind === 'PrometheusRule'))).toMatchSnapshot());
});

describe('options', () => {
  const all = report({
    alerts: {
      disabledAlerts: [BatchAlert.CRONJOB_METRICS_ABSENT],
      severityOverrides: { CronJobLastRunFailed: AlertSeverity.CRITICAL },
      labels: { team: 'data' },
      ruleLabels: { release: 'kube-prometheus-stack' },
      runbookBaseUrl: 'https://runbooks.example.com/batch',
      kubeStateMetricsSelector: 'job="kube-state-metrics"',
      clusterLabel: 'cluster',
      toleratedFailures: 2,
    },
  });
  const rule = all.find((m) => m.kind === 'PrometheusRule');
  const rules = rulesOf(all);
  test('applied', () => {
    expect(rule.metadata.labels).toEqual({ release: 'kube-prometheus-stack' });
    expect(rules.map((r) => r.alert)).not.toContain('CronJobMetricsAbsent');
    expect(rules[0].labels).toEqual({ team: 'data', cronjob: 'report', severity: 'critical' });
    expect(rules[0].annotations.runbook_url).toBe('https://runbooks.example.com/batch#CronJobLastRunFailed');
    for (const r of rules) {
      expect(r.labels.team).toBe('data');
      expect(promqlErrors(r.expr)).toEqual([]);
      expect(r.expr).toContain('job="kube-state-metrics"');
      expect(r.expr).toContain('by (cluster, namespace');
    }
    expect(rules.find((r) => r.alert === 'CronJobNotSucceededRecently').expr).toContain(`> ${3 * 3600 + 1800}`);
  });
  test('snapshot with every option', () => expect(yaml.stringify(rule)).toMatchSnapshot());
  test('disabled', () => expect(report({ alerts: { enabled: false } }).map((m) => m.kind)).toEqual(['CronJob']));
  test('podsStuckSeconds is used, and must be a positive whole number', () => {
    expect(rulesOf(report({ alerts: { podsStuckSeconds: 900 } })).find((r) => r.alert === 'CronJobPodsStuck').expr).toContain('> 900');
    expect(() => report({ alerts: { podsStuckSeconds: 0 } })).toThrow('alerts: podsStuckSeconds must be a positive whole number of seconds (got 0)');
  });
  test('kubeStateMetricsVersion: before 2.5.0 CronJobNotSucceededRecently uses the Jobs\' completion times only', () => {
    const expr = (v?: string) => rulesOf(report({ alerts: { kubeStateMetricsVersion: v } })).find((r) => r.alert === 'CronJobNotSucceededRecently').expr;
    expect(expr()).toContain('kube_cronjob_status_last_successful_time');
    expect(expr('v2.5.0')).toContain('kube_cronjob_status_last_successful_time');
    expect(expr('2.4.2')).not.toContain('kube_cronjob_status_last_successful_time');
    expect(expr('2.4.2')).toContain('kube_job_status_completion_time');
  });
  test('kubeStateMetricsVersion must be a release at least 2.0.0', () => {
    expect(() => report({ alerts: { kubeStateMetricsVersion: 'latest' } })).toThrow('alerts: kubeStateMetricsVersion must be a kube-state-metrics release like "2.20.0" (got "latest")');
    expect(() => report({ alerts: { kubeStateMetricsVersion: '1.9.8' } })).toThrow('alerts: kubeStateMetricsVersion must be at least 2.0.0');
  });
  test('a label named job is rejected', () => {
    expect(() => report({ alerts: { labels: { job: 'x' } } })).toThrow('alerts: alerts.labels.job clashes with a label the alerts need');
  });
});

describe('manual runs', () => {
  test('OneOffJob.fromCronJob registers its Job name with the CronJob\'s alerts (regex-escaped)', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'batch' });
    const cj = new ProductionCronJob(chart, 'report', { metadata: { name: 'report' }, schedule: '0 * * * *', activeDeadline: Duration.minutes(30), containers, alerts: PER_WORKLOAD });
    OneOffJob.fromCronJob(chart, 'rerun', cj, { name: 'report.rerun-1' });
    const rules = rulesOf(Testing.synth(chart));
    const missed = rules.find((r) => r.alert === 'CronJobMissedSchedule').expr;
    expect(missed).toContain('kube_job_info{namespace="batch", job_name=~"report\\\\.rerun-1"}');
    expect(rules.find((r) => r.alert === 'CronJobNotSucceededRecently').expr).toContain('job_name=~"report\\\\.rerun-1"');
    expect(promqlErrors(missed)).toEqual([]);
  });
  test('without a OneOffJob no name-matched Jobs', () => {
    expect(rulesOf(report()).find((r) => r.alert === 'CronJobMissedSchedule').expr).not.toContain('kube_job_info');
  });
  test('countManualRun on the alerts of a Job is an error', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'batch' });
    const job = new ProductionJob(chart, 'migrate', { metadata: { name: 'migrate' }, activeDeadline: Duration.minutes(10), containers });
    expect(() => job.alerts.countManualRun('x')).toThrow('countManualRun applies to the alerts of a CronJob only');
  });
});

describe('BatchAlerts on workloads made without this library', () => {
  test('a cdk8s-plus CronJob', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'ops' });
    const cj = new kplus.CronJob(chart, 'cleanup', { metadata: { name: 'cleanup' }, schedule: Cron.daily(), containers: [{ image: 'a:1' }] });
    new BatchAlerts(chart, 'alerts', { target: ApiObject.of(cj), ...PER_WORKLOAD });
    const rules = rulesOf(Testing.synth(chart));
    expect(rules.map((r) => r.alert)).toContain('CronJobNotSucceededRecently');
    expect(rules.find((r) => r.alert === 'CronJobNotSucceededRecently').expr).toContain(`> ${3 * 86400}`);
  });
  test('a raw ApiObject CronJob without a namespace: the chart namespace or "default"', () => {
    const chart = new Chart(Testing.app(), 'test');
    const raw = new ApiObject(chart, 'raw', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'raw' },
      spec: { schedule: '@hourly', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'a:1' }] } } } } },
    });
    new BatchAlerts(chart, 'alerts', { target: raw, ...PER_WORKLOAD });
    const rules = rulesOf(Testing.synth(chart));
    expect(rules[0].expr).toContain('namespace="default"');
  });
  test('a target that is not a Job or CronJob', () => {
    const chart = new Chart(Testing.app(), 'test');
    const cm = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap' });
    expect(() => new BatchAlerts(chart, 'alerts', { target: cm })).toThrow('test/alerts: target must be a batch/v1 Job or CronJob (got "v1/ConfigMap")');
  });
});

describe('SHARED representation (issue #13)', () => {
  const SHARED = { representation: AlertRepresentation.SHARED };
  const prometheusRules = (manifests: any[]) => manifests.filter((m) => m.kind === 'PrometheusRule');

  test('is the default', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'batch' });
    const cj = new ProductionCronJob(chart, 'report', { metadata: { name: 'report' }, schedule: '0 * * * *', activeDeadline: Duration.minutes(30), containers });
    expect(cj.alerts.representation).toBe(AlertRepresentation.SHARED);
    expect(cj.alerts.sharedRule).toBeDefined();
  });

  test('per workload only recording rules carrying the thresholds; one shared rule with the alerts', () => {
    const manifests = report({}, SHARED);
    const [own, shared] = prometheusRules(manifests);
    expect(own.metadata).toEqual({ name: 'report-alerts', namespace: 'batch' });
    // one recording rule per workload, a series per threshold
    const [record] = own.spec.groups[0].rules;
    expect(own.spec.groups[0].rules).toHaveLength(1);
    expect(record.record).toBe('cdk8s_batch:cronjob_alert_threshold');
    expect(record.labels).toEqual({ namespace: 'batch', cronjob: 'report', cdk8s_batch_rules: expect.stringMatching(/^[0-9a-f]{8}$/) });
    expect(promqlErrors(record.expr)).toEqual([]);
    expect(Object.fromEntries(recordedSeries(record.expr).map((r) => [r.labels.alert, r.value]))).toEqual({
      CronJobLastRunFailed: 1,
      CronJobNotSucceededRecently: 9000,
      CronJobMissedSchedule: 4200,
      CronJobRunTooLong: 2100,
      CronJobPodsStuck: 450,
      CronJobSuspendedTooLong: 86400,
      CronJobTooManyJobs: 5,
      CronJobMetricsAbsent: 1,
    });
    expect(shared.metadata.namespace).toBe('batch');
    expect(shared.metadata.name).toMatch(/^cdk8s-batch-alerts-[0-9a-f]{8}$/);
    const alerts = shared.spec.groups.flatMap((g: any) => g.rules).filter((r: any) => r.alert).map((r: any) => r.alert);
    expect(alerts).toEqual(rulesOf(report()).map((r) => r.alert));
    for (const r of shared.spec.groups.flatMap((g: any) => g.rules)) {
      expect({ rule: r.alert ?? r.record, errors: promqlErrors(r.expr) }).toEqual({ rule: r.alert ?? r.record, errors: [] });
      // no workload name or threshold in the shared text
      expect(JSON.stringify(r)).not.toContain('report');
      expect(r.expr).not.toMatch(/> \d/);
    }
  });

  test('the same alert labels as PER_WORKLOAD, without the per-workload literals', () => {
    const perWorkload = rulesOf(report());
    const shared = prometheusRules(report({}, SHARED))[1].spec.groups.flatMap((g: any) => g.rules).filter((r: any) => r.alert);
    for (const r of shared) {
      const p = perWorkload.find((x) => x.alert === r.alert);
      // PER_WORKLOAD's static cronjob label comes from the shared expression's grouping instead
      expect({ alert: r.alert, labels: r.labels, for: r.for }).toEqual({ alert: r.alert, labels: Object.fromEntries(Object.entries(p.labels).filter(([k]) => k !== 'cronjob')), for: p.for });
    }
  });

  test('workloads with the same options share one rule; other options get another one; a Job adds the Job group', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'batch' });
    const a = new ProductionCronJob(chart, 'a', { metadata: { name: 'a' }, schedule: '0 * * * *', activeDeadline: Duration.minutes(30), containers });
    const b = new ProductionCronJob(chart, 'b', { metadata: { name: 'b' }, schedule: '0 3 * * *', activeDeadline: Duration.minutes(30), containers, alerts: { toleratedFailures: 3 } });
    const c = new ProductionCronJob(chart, 'c', { metadata: { name: 'c' }, schedule: '0 3 * * *', activeDeadline: Duration.minutes(30), containers, alerts: { labels: { team: 'c' } } });
    new ProductionJob(chart, 'j', { metadata: { name: 'j' }, activeDeadline: Duration.minutes(10), containers });
    expect(a.alerts.sharedRule).toBe(b.alerts.sharedRule); // thresholds are not part of the key
    expect(c.alerts.sharedRule).not.toBe(a.alerts.sharedRule);
    const rules = prometheusRules(Testing.synth(chart));
    expect(rules.map((m) => m.metadata.name)).toEqual(['a-alerts', expect.stringMatching(/^cdk8s-batch-alerts-/), 'b-alerts', 'c-alerts', expect.stringMatching(/^cdk8s-batch-alerts-/), 'j-alerts']);
    const [sharedA, sharedC] = [rules[1], rules[4]];
    expect(sharedA.spec.groups.map((g: any) => g.name.split('.')[1])).toEqual(['cronjob', 'job']);
    expect(sharedC.spec.groups.map((g: any) => g.name.split('.')[1])).toEqual(['cronjob']);
    // the threshold series name their shared rule
    const key = (name: string) => rules.find((m) => m.metadata.name === name).spec.groups[0].rules[0].labels.cdk8s_batch_rules;
    expect(key('a-alerts')).toBe(key('b-alerts'));
    expect(key('c-alerts')).not.toBe(key('a-alerts'));
    expect(sharedC.spec.groups[0].rules[1].expr).toContain(`cdk8s_batch_rules="${key('c-alerts')}"`);
  });

  test('a disabled alert has no threshold series; manual runs have one series each; ruleLabels go on both objects', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'batch' });
    const alerts = { disabledAlerts: [BatchAlert.CRONJOB_TOO_MANY_JOBS], ruleLabels: { release: 'kps' } };
    const cj = new ProductionCronJob(chart, 'report', { metadata: { name: 'report' }, schedule: '0 * * * *', activeDeadline: Duration.minutes(30), containers, alerts });
    OneOffJob.fromCronJob(chart, 'rerun', cj, { name: 'report.rerun-1' });
    const rules = prometheusRules(Testing.synth(chart));
    const own = rules.find((m) => m.metadata.name === 'report-alerts');
    const [thresholds, manual] = own.spec.groups[0].rules;
    expect(recordedSeries(thresholds.expr).map((r) => r.labels.alert)).not.toContain('CronJobTooManyJobs');
    expect(recordedSeries(thresholds.expr).map((r) => r.labels.alert)).toContain('CronJobMissedSchedule');
    expect(manual.record).toBe('cdk8s_batch:cronjob_manual_run_info');
    expect(recordedSeries(manual.expr)).toEqual([{ value: 1, labels: { job_name: 'report.rerun-1' } }]);
    expect(own.metadata.labels).toEqual({ release: 'kps' });
    expect(cj.alerts.sharedRule!.metadata.getLabel('release')).toBe('kps');
  });

  test('every option renders parseable shared rules; absent() labels of the kube-state-metrics selector are kept', () => {
    const all = report({
      alerts: {
        severityOverrides: { CronJobLastRunFailed: AlertSeverity.CRITICAL },
        labels: { team: 'data' },
        runbookBaseUrl: 'https://r.example.com/batch',
        kubeStateMetricsSelector: 'job="kube-state-metrics", cluster=~"prod.*"',
        clusterLabel: 'cluster',
        kubeStateMetricsVersion: '2.4.0',
      },
    }, SHARED);
    const shared = prometheusRules(all)[1].spec.groups.flatMap((g: any) => g.rules);
    for (const r of shared) {
      expect(promqlErrors(r.expr)).toEqual([]);
      expect(r.expr).toContain('job="kube-state-metrics"');
    }
    const absent = shared.find((r: any) => r.alert === 'CronJobMetricsAbsent');
    expect(absent.expr).toContain('"job", "kube-state-metrics"');
    expect(absent.expr).not.toContain('"cluster"');
    expect(shared.find((r: any) => r.alert === 'CronJobLastRunFailed').labels).toEqual({ team: 'data', severity: 'critical' });
    expect(shared.find((r: any) => r.alert === 'CronJobNotSucceededRecently').expr).not.toContain('kube_cronjob_status_last_successful_time');
  });

  test('two charts in one namespace get separate shared objects and keys (neither overwrites nor double-fires the other)', () => {
    const app = Testing.app();
    const one = new Chart(app, 'one', { namespace: 'batch' });
    const two = new Chart(app, 'two', { namespace: 'batch' });
    const a = new ProductionCronJob(one, 'a', { metadata: { name: 'a' }, schedule: '0 * * * *', activeDeadline: Duration.minutes(30), containers });
    const b = new ProductionJob(two, 'b', { metadata: { name: 'b' }, activeDeadline: Duration.minutes(10), containers });
    expect(a.alerts.sharedRule!.name).not.toBe(b.alerts.sharedRule!.name);
    const key = (c: Chart, name: string) => c.toJson().find((m: any) => m.metadata.name === name).spec.groups[0].rules[0].labels.cdk8s_batch_rules;
    expect(key(one, 'a-alerts')).not.toBe(key(two, 'b-alerts'));
    // stable: the same app built again gives the same names
    const again = new Chart(Testing.app(), 'one', { namespace: 'batch' });
    const a2 = new ProductionCronJob(again, 'a', { metadata: { name: 'a' }, schedule: '0 * * * *', activeDeadline: Duration.minutes(30), containers });
    expect(a2.alerts.sharedRule!.name).toBe(a.alerts.sharedRule!.name);
  });

  test('workloads of one chart in two namespaces: a shared object in each', () => {
    const chart = new Chart(Testing.app(), 'test', { namespace: 'batch' });
    new ProductionCronJob(chart, 'a', { metadata: { name: 'a' }, schedule: '0 * * * *', activeDeadline: Duration.minutes(30), containers });
    new ProductionCronJob(chart, 'b', { metadata: { name: 'b', namespace: 'other' }, schedule: '0 * * * *', activeDeadline: Duration.minutes(30), containers });
    const shared = prometheusRules(Testing.synth(chart)).filter((m) => m.metadata.name.startsWith('cdk8s-batch-alerts-'));
    expect(shared.map((m) => m.metadata.namespace)).toEqual(['batch', 'other']);
    expect(shared[1].spec.groups[0].rules[1].expr).toContain('namespace="other"');
    expect(shared[1].spec.groups[0].rules[1].expr).not.toContain('namespace="batch"');
  });

  test('without any namespace: the shared object has none either and reads namespace "default", as PER_WORKLOAD does', () => {
    const chart = new Chart(Testing.app(), 'test');
    const raw = new ApiObject(chart, 'raw', {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'raw' },
      spec: { schedule: '@hourly', jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'a:1' }] } } } } },
    });
    new BatchAlerts(chart, 'alerts', { target: raw });
    const [own, shared] = prometheusRules(Testing.synth(chart));
    expect([own.metadata.namespace, shared.metadata.namespace]).toEqual([undefined, undefined]);
    expect(own.spec.groups[0].rules[0].labels.namespace).toBe('default');
    expect(shared.spec.groups[0].rules[1].expr).toContain('namespace="default"');
  });

  test('representation must be one of the enum values', () => {
    expect(() => report({ alerts: { representation: 'Lean' } })).toThrow('alerts: alerts.representation must be one of Shared, PerWorkload (got "Lean")');
  });

  test('snapshot', () => expect(prometheusRules(report({}, SHARED)).map((m) => yaml.stringify(m)).join('---\n')).toMatchSnapshot());
});

test('a label key with a line break stays on one line in the report', () => {
  const c = new Chart(Testing.app(), 'c', { namespace: 'batch' });
  new ProductionCronJob(c, 'cj', { schedule: '0 * * * *', activeDeadline: Duration.minutes(10), containers: [{ image: 'a:1', resources }], alerts: { labels: { 'a\nb': '\uD800' } } });
  let message = '';
  try {
    Testing.synth(c);
  } catch (e) {
    message = (e as Error).message;
  }
  expect(message).toContain('c/cj/alerts: alerts.labels.a\\nb must be a string of valid UTF-8 text');
  expect(message.split('\n').every((line) => line === '2 problems:' || line.startsWith('  - c/cj/alerts: '))).toBe(true);
});
