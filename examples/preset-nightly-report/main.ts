/** Preset example: NightlyReportCronJob. */
import { App, Chart, Size } from 'cdk8s';
import { NightlyReportCronJob } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

const resources = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } };

export function build(app: App): Chart {
  const chart = new Chart(app, 'preset-nightly-report', { namespace: 'team-a', disableResourceNameHashes: true });
  new NightlyReportCronJob(chart, 'report', {
    name: 'sales-report',
    image: 'registry.example.com/reports/sales:2.3.1',
    resources,
    timeZone: 'Europe/Berlin',
    alerts: { labels: { team: 'finance' }, runbookBaseUrl: 'https://runbooks.example.com/batch' },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
