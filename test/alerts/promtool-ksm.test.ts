import { ApiObject, Chart, Testing } from 'cdk8s';
import { promtool, renderTemplate, RuleGroup, series } from './fixtures';
import { AlertRepresentation, BatchAlerts, CronSchedule, cronJobThresholds, scheduleIntervals } from '../../src';

// Issue #12: CronJobMissedSchedule must not depend on kube-state-metrics' own cron parser.
// Each scenario compares the generated rule with the pre-#12 expression on kube_cronjob_next_schedule_time
// (LegacyCronJobMissedSchedule), fed with what kube-state-metrics >= 2.19.0 (netresearch/go-cron) exports.
// promtool time 0 is the instant of the CronJob's last run before the story; every timestamp is relative to it.

const NS = 'batch';

function cronJob(name: string, schedule: string, timeZone?: string, representation = AlertRepresentation.PER_WORKLOAD): RuleGroup[] {
  const chart = new Chart(Testing.app(), 'test', { namespace: NS });
  const raw = new ApiObject(chart, name, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: { schedule, ...(timeZone ? { timeZone } : {}), jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'm', image: 'a:1' }] } } } } },
  });
  new BatchAlerts(chart, 'alerts', { target: raw, representation });
  return Testing.synth(chart).filter((m) => m.kind === 'PrometheusRule').flatMap((m) => m.spec.groups);
}

/** The CronJobMissedSchedule expression before issue #12, for comparison only. */
function legacy(name: string, grace: number, window: number): RuleGroup {
  const sel = (metric: string) => `${metric}{namespace="${NS}", cronjob="${name}"}`;
  return {
    name: `legacy.${name}`,
    rules: [{
      alert: 'LegacyCronJobMissedSchedule',
      expr: `time() - max by (namespace, cronjob) (${sel('kube_cronjob_next_schedule_time')}) > ${grace}\nunless on (namespace, cronjob)\n  (max by (namespace, cronjob) (${sel('kube_cronjob_status_active')}) > 0)\nunless on (namespace, cronjob)\n  (max by (namespace, cronjob) (max_over_time(${sel('kube_cronjob_spec_suspend')}[${window}s])) == 1)`,
      for: '5m',
      labels: { severity: 'warning' },
      annotations: {},
    }],
  };
}

/** Input series for a CronJob: steps of `stepSeconds`; `scheduled` = [step, lastScheduleTime] changes; `ksmNext` likewise. */
function story(name: string, stepSeconds: number, steps: number, scheduled: Array<[number, number]>, ksmNext: Array<[number, number]>) {
  const cj = { namespace: NS, cronjob: name };
  const segments = (changes: Array<[number, number]>) =>
    changes.map(([from, value], i): [number, number, number] => [from, i + 1 < changes.length ? changes[i + 1][0] - 1 : steps, value]);
  return [
    series('kube_cronjob_created', cj, [[0, steps, -86400]]),
    series('kube_cronjob_status_active', cj, [[0, steps, 0]]),
    series('kube_cronjob_spec_suspend', cj, [[0, steps, 0]]),
    series('kube_cronjob_status_last_schedule_time', cj, segments(scheduled)),
    series('kube_cronjob_next_schedule_time', cj, segments(ksmNext)),
  ];
}

const seconds = (iso: string) => Date.parse(iso) / 1000;
const evalAt = (s: number) => `${Math.round(s)}s`;

describe('CronJobMissedSchedule does not depend on kube-state-metrics\' cron parser (issue #12)', () => {
  test('"0 0 13 * 5" (Friday OR the 13th for Kubernetes; Friday the 13th for go-cron): the old rule misses a controller outage, the new one pages; both quiet when healthy', () => {
    const schedule = CronSchedule.parse('0 0 13 * 5');
    const longest = scheduleIntervals(schedule).longestSeconds;
    expect(longest).toBe(7 * 86400);
    const t = cronJobThresholds({ maxIntervalSeconds: longest, minIntervalSeconds: 0 });
    const t0 = seconds('2026-03-20T00:00:00Z'); // a Friday run
    // What kube-state-metrics >= 2.19.0 exports after that run: go-cron's next Friday the 13th.
    const goCronNext = seconds('2026-11-13T00:00:00Z') - t0;
    const runs = schedule.next(new Date(t0 * 1000), 6).map((d) => d.getTime() / 1000 - t0);
    expect(runs.map((r) => r / 86400)).toEqual([7, 14, 21, 24, 28, 35]); // Fridays, and Monday April 13
    const step = 600;
    const steps = Math.ceil((t.missedSeconds + 3600) / step);
    const rule = cronJob('fri13', '0 0 13 * 5')[0].rules.find((r) => r.alert === 'CronJobMissedSchedule')!;
    const firing = (value: number) => ({
      exp_labels: { namespace: NS, cronjob: 'fri13', ...rule.labels },
      exp_annotations: Object.fromEntries(Object.entries(rule.annotations).map(([k, v]) => [k, renderTemplate(v, value, {})])),
    });
    const outageAt = t.missedSeconds + 1800;
    const tests = [
      {
        name: 'controller down after the 2026-03-20 run',
        interval: `${step}s`,
        input_series: story('fri13', step, steps, [[0, 0]], [[0, goCronNext]]),
        alert_rule_test: [
          { eval_time: evalAt(t.missedSeconds - 600), alertname: 'CronJobMissedSchedule', exp_alerts: [] },
          { eval_time: evalAt(outageAt), alertname: 'CronJobMissedSchedule', exp_alerts: [firing(outageAt)] },
          { eval_time: evalAt(outageAt), alertname: 'LegacyCronJobMissedSchedule', exp_alerts: [] }, // the miss the old rule cannot see
        ],
      },
      {
        name: 'healthy: every run created, including Monday the 13th',
        interval: `${step}s`,
        input_series: story('fri13', step, Math.ceil(runs[5] / step) + 10, [[0, 0], ...runs.map((r): [number, number] => [r / step, r])], [[0, goCronNext]]),
        alert_rule_test: [runs[3] + 3600, runs[5] + 3000].flatMap((s) => [
          { eval_time: evalAt(s), alertname: 'CronJobMissedSchedule', exp_alerts: [] },
          { eval_time: evalAt(s), alertname: 'LegacyCronJobMissedSchedule', exp_alerts: [] },
        ]),
      },
    ];
    // Both representations, the same expected alerts (from the PER_WORKLOAD rule).
    for (const representation of [AlertRepresentation.PER_WORKLOAD, AlertRepresentation.SHARED]) {
      const result = promtool([...cronJob('fri13', '0 0 13 * 5', undefined, representation), legacy('fri13', t.graceSeconds, t.windowSeconds)], tests, `${step}s`);
      expect({ representation, check: result.check, test: result.test, output: result.check === 0 && result.test === 0 ? 'ok' : result.output })
        .toEqual({ representation, check: 0, test: 0, output: 'ok' });
    }
  });

  test('"30 2 * * *" in America/New_York across the spring-forward gap: the old rule pages for a run Kubernetes never makes, the new one stays quiet', () => {
    const schedule = CronSchedule.parse('30 2 * * *', { timeZone: 'America/New_York' });
    const longest = scheduleIntervals(schedule).longestSeconds;
    expect(longest).toBe(47 * 3600); // 2026-03-07 02:30 EST -> 2026-03-09 02:30 EDT
    const t = cronJobThresholds({ maxIntervalSeconds: longest, minIntervalSeconds: 23 * 3600 });
    const t0 = seconds('2026-03-07T07:30:00Z');
    const [nextRun, following] = schedule.next(new Date(t0 * 1000), 2).map((d) => d.getTime() / 1000 - t0);
    expect([nextRun, following]).toEqual([47 * 3600, 71 * 3600]); // 03-08 02:30 does not exist: Kubernetes skips it
    // go-cron runs a time in the gap right after the jump: 2026-03-08 03:00 EDT.
    const goCronNext = seconds('2026-03-08T07:00:00Z') - t0;
    const step = 300;
    const steps = Math.ceil((nextRun + 3 * 3600) / step);
    const tests = [{
      name: 'healthy CronJob across the DST gap',
      interval: `${step}s`,
      input_series: story('nightly', step, steps, [[0, 0], [nextRun / step, nextRun]], [[0, goCronNext], [nextRun / step, following]]),
      alert_rule_test: [
        { eval_time: evalAt(goCronNext + 1800), alertname: 'LegacyCronJobMissedSchedule', exp_alerts: [{ exp_labels: { namespace: NS, cronjob: 'nightly', severity: 'warning' } }] },
        { eval_time: evalAt(nextRun - 600), alertname: 'LegacyCronJobMissedSchedule', exp_alerts: [{ exp_labels: { namespace: NS, cronjob: 'nightly', severity: 'warning' } }] },
        ...[goCronNext + 1800, nextRun - 600, nextRun + 3600].map((s) => ({ eval_time: evalAt(s), alertname: 'CronJobMissedSchedule', exp_alerts: [] })),
        { eval_time: evalAt(nextRun + 3600), alertname: 'LegacyCronJobMissedSchedule', exp_alerts: [] },
      ],
    }];
    for (const representation of [AlertRepresentation.PER_WORKLOAD, AlertRepresentation.SHARED]) {
      const groups = [...cronJob('nightly', '30 2 * * *', 'America/New_York', representation), legacy('nightly', t.graceSeconds, t.windowSeconds)];
      const result = promtool(groups, tests, `${step}s`);
      expect({ representation, check: result.check, test: result.test, output: result.check === 0 && result.test === 0 ? 'ok' : result.output })
        .toEqual({ representation, check: 0, test: 0, output: 'ok' });
    }
  });
});
