import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as yaml from 'yaml';
import { kubeStateMetricsCaveatsMarkdown, kubeStateMetricsScheduleRisks } from '../../src';
import { oversizedSteps, parseKsmVersion } from '../../src/alerts/ksm';

const codes = (schedule: string, timeZone?: string, version?: string) =>
  kubeStateMetricsScheduleRisks(schedule, timeZone, version).map((r) => r.code);

describe('kubeStateMetricsScheduleRisks (pure)', () => {
  test('a plain UTC schedule has none', () => {
    expect(codes('0 3 * * *')).toEqual([]);
    expect(codes('0 9 * * 1-5', 'UTC')).toEqual([]);
    expect(codes('*/15 * * * *', 'Etc/UTC', '2.20.0')).toEqual([]);
  });

  test('day-of-month AND day-of-week restricted: go-cron (>= 2.19.0) ANDs them', () => {
    const [risk] = kubeStateMetricsScheduleRisks('0 0 13 * 5');
    expect(risk).toEqual({
      code: 'ksm-dom-dow-and',
      message: expect.stringContaining('Kubernetes runs it on days matching either, kube-state-metrics 2.19.0 and later only on days matching both'),
      fix: expect.stringContaining('split it into two CronJobs'),
      versions: '≥ 2.19.0',
    });
    expect(codes('0 0 13 * 5', undefined, '2.18.0')).toEqual([]);
    expect(codes('0 0 13 * 5', undefined, 'v2.19.0')).toEqual(['ksm-dom-dow-and']);
    // a star in either field is the ordinary AND both libraries agree on
    expect(codes('0 0 * * 5')).toEqual([]);
    expect(codes('0 0 13 * *')).toEqual([]);
    expect(codes('0 0 */1 * 5')).toEqual([]); // robfig's star bit: "*/1" counts as "*"
  });

  test('a named zone: ignored before 2.15.0, crash without tzdata on 2.15.0 to 2.19.0', () => {
    expect(codes('0 9 * * *', 'Europe/Berlin')).toEqual(['ksm-timezone-ignored', 'ksm-timezone-crash']);
    expect(codes('0 9 * * *', 'Europe/Berlin', '2.14.0')).toEqual(['ksm-timezone-ignored']);
    expect(codes('0 9 * * *', 'Europe/Berlin', '2.15.0')).toEqual(['ksm-timezone-crash']);
    expect(codes('0 9 * * *', 'Europe/Berlin', '2.19.0')).toEqual(['ksm-timezone-crash']);
    expect(codes('0 9 * * *', 'Europe/Berlin', '2.19.1')).toEqual([]);
    expect(codes('0 9 * * *', 'Europe/Berlin', 'latest')).toEqual(['ksm-timezone-ignored', 'ksm-timezone-crash']); // unreadable: any release
    expect(kubeStateMetricsScheduleRisks('0 9 * * *', 'Europe/Berlin')[1].versions).toBe('2.15.0 ≤ v < 2.19.1');
    // Etc/UTC is not shifted, but loading it needs time zone data too; only "UTC" does not
    expect(codes('0 9 * * *', 'Etc/UTC')).toEqual(['ksm-timezone-crash']);
    expect(codes('0 9 * * *', 'UTC')).toEqual([]);
  });

  test('DST gap and repeated fall-back time (>= 2.19.0)', () => {
    expect(codes('30 2 * * *', 'America/New_York', '2.20.0')).toEqual(['ksm-dst-gap']);
    expect(codes('30 1 * * *', 'America/New_York', '2.20.0')).toEqual(['ksm-dst-repeated']);
    expect(codes('30 2 * * *', 'America/New_York', '2.18.0')).toEqual(['ksm-timezone-crash']);
    expect(codes('30 4 * * *', 'America/New_York', '2.20.0')).toEqual([]);
    expect(kubeStateMetricsScheduleRisks('30 2 * * *', 'America/New_York', '2.20.0')[0].message).toContain('Kubernetes skips that run');
  });

  test('a step not smaller than its range: crash on 2.19.0, no next_schedule_time from 2.19.1', () => {
    expect(codes('*/60 * * * *')).toEqual(['ksm-step-crash', 'ksm-step-invalid']);
    expect(codes('*/60 * * * *', undefined, '2.19.0')).toEqual(['ksm-step-crash']);
    expect(codes('*/60 * * * *', undefined, '2.20.0')).toEqual(['ksm-step-invalid']);
    expect(codes('*/60 * * * *', undefined, '2.18.0')).toEqual([]);
    expect(codes('*/59 * * * *')).toEqual([]);
    expect(kubeStateMetricsScheduleRisks('*/120 4-22 * * *', undefined, '2.19.0')[0].message).toContain('(*/120)');
  });

  test('oversized steps per field, as go-cron counts the range', () => {
    expect(oversizedSteps('*/60 * * * *')).toEqual(['*/60']);
    expect(oversizedSteps('0 1 */32,1-7 * 3')).toEqual(['*/32']);
    expect(oversizedSteps('0 5-6/2 * * *')).toEqual(['5-6/2']);
    expect(oversizedSteps('0 5-7/2 * * *')).toEqual([]);
    expect(oversizedSteps('0 0 * * mon-tue/2')).toEqual(['mon-tue/2']);
    expect(oversizedSteps('0/30 * * * *')).toEqual([]);
    expect(oversizedSteps('30/30 * * * *')).toEqual(['30/30']); // "N/step" is N-max/step: 30..59 has 30 values
    expect(oversizedSteps('@hourly')).toEqual([]);
  });

  test('schedules the API server rejects are left to the API-server rules', () => {
    expect(codes('0 0 * * 7')).toEqual([]);
  });

  test('versions parse with or without v, and with suffixes', () => {
    expect(parseKsmVersion('v2.19.1')).toEqual([2, 19, 1]);
    expect(parseKsmVersion('2.20')).toEqual([2, 20, 0]);
    expect(parseKsmVersion('2.13.0-rc.1')).toEqual([2, 13, 0]);
    expect(parseKsmVersion('latest')).toBeUndefined();
  });
});

describe('README', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8');

  test('the kube-state-metrics caveats table is the generated one', () => {
    const m = /<!-- ksm-caveats:start -->\n([\s\S]*?)\n<!-- ksm-caveats:end -->/.exec(readme);
    expect(m?.[1]).toBe(kubeStateMetricsCaveatsMarkdown());
  });

  test('the rendered PrometheusRules of the nightly-report example are what the example synthesizes', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { build } = require('../../examples/nightly-report/main');
    const app = Testing.app();
    build(app);
    const manifests = app.charts.flatMap((c) => c.toJson());
    const rule = manifests.find((m: any) => m.kind === 'PrometheusRule' && m.metadata.name === 'nightly-report-alerts');
    const shown = /<summary>The rendered PrometheusRule of the nightly-report example<\/summary>\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shown).toBe(yaml.stringify(rule, { lineWidth: 0, blockQuote: 'literal' }));
    // and the shared alert rules it joins (the default representation)
    const shared = manifests.find((m: any) => m.kind === 'PrometheusRule' && m.metadata.name.startsWith('cdk8s-batch-alerts-'));
    const shownShared = /<summary>The shared PrometheusRule of the nightly-report example<\/summary>\n\n```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(shownShared).toBe(yaml.stringify(shared, { lineWidth: 0, blockQuote: 'literal' }));
  });
});
