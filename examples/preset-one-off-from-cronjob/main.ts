/** Preset example: re-run a CronJob's template once, in code (kubectl create job --from=cronjob/...), queued in Kueue. */
import { App, Chart, Size } from 'cdk8s';
import { NightlyReportCronJob, OneOffJob } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

const resources = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } };

export function build(app: App): Chart {
  const chart = new Chart(app, 'preset-one-off-from-cronjob', { namespace: 'team-a', disableResourceNameHashes: true });
  const report = new NightlyReportCronJob(chart, 'report', {
    name: 'sales-report', image: 'registry.example.com/reports/sales:2.3.1', resources, timeZone: 'Europe/Berlin', queueName: 'team-a',
  });
  OneOffJob.fromCronJob(chart, 'rerun', report, { name: 'sales-report-rerun-2026-11-24' });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
