/** Preset example: HistoryCleanupCronJob. */
import { App, Chart, Size } from 'cdk8s';
import { HistoryCleanupCronJob } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

const resources = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } };

export function build(app: App): Chart {
  const chart = new Chart(app, 'preset-history-cleanup', { namespace: 'team-a', disableResourceNameHashes: true });
  new HistoryCleanupCronJob(chart, 'cleanup', {
    name: 'audit-log-cleanup',
    image: 'registry.example.com/ops/cleanup:1.1.0',
    resources,
    args: ['--table', 'audit_log', '--older-than', '90d'],
    secretEnv: { DATABASE_URL: { secretName: 'audit-db', key: 'url' } },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
