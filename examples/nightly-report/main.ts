/**
 * Nightly report: a CronJob at 04:15 Berlin time (outside the 02:00-03:59 DST change hours), never overlapping,
 * killed after 45 minutes, skipped if it cannot start within 10 minutes.
 */
import { App, Chart, Duration, Size } from 'cdk8s';
import { ProductionCronJob } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

export function build(app: App): Chart {
  const chart = new Chart(app, 'nightly-report', { namespace: 'reporting', disableResourceNameHashes: true });
  const report = new ProductionCronJob(chart, 'nightly-report', {
    metadata: { name: 'nightly-report' },
    schedule: '15 4 * * *',
    timeZone: 'Europe/Berlin',
    activeDeadline: Duration.minutes(45),
    startingDeadline: Duration.minutes(10),
    containers: [{
      name: 'report',
      image: 'registry.example.com/reports/nightly:2.3.1',
      args: ['--date', 'yesterday', '--out', 's3://reports/nightly/'],
      resources: { cpu: { request: kplus.Cpu.millis(500) }, memory: { request: Size.mebibytes(512) } },
    }],
  });
  report.addSecretEnv('WAREHOUSE_PASSWORD', kplus.Secret.fromSecretName(chart, 'warehouse', 'warehouse-credentials'), 'password');
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
