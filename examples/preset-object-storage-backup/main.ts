/** Preset example: ObjectStorageBackupJob. */
import { App, Chart, Size } from 'cdk8s';
import { ObjectStorageBackupJob } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

const resources = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } };

export function build(app: App): Chart {
  const chart = new Chart(app, 'preset-object-storage-backup', { namespace: 'team-a', disableResourceNameHashes: true });
  new ObjectStorageBackupJob(chart, 'backup', {
    name: 'orders-backup',
    image: 'registry.example.com/ops/backup:3.0.0',
    resources,
    target: 's3://backups/orders/',
    serviceAccountName: 'backup-writer',
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
