/**
 * Update strategy: Flux force. The Job keeps its fixed name; when a change is refused because the
 * pod template is immutable, Flux's kustomize-controller deletes the Job and creates it again (and
 * so runs it again). An unchanged Job is left alone. Order it before the application with a
 * separate Flux Kustomization that the application's Kustomization `dependsOn` (with `wait: true`).
 */
import { App, Chart, Duration, Size } from 'cdk8s';
import { ObjectStorageBackupJob, ProductionJob, UpdateStrategy } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

const resources = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } };

export function build(app: App): Chart {
  const chart = new Chart(app, 'update-flux-force', { namespace: 'shop', disableResourceNameHashes: true });
  new ProductionJob(chart, 'seed', {
    metadata: { name: 'catalogue-seed' },
    updateStrategy: UpdateStrategy.fluxForce(),
    activeDeadline: Duration.minutes(20),
    containers: [{ name: 'seed', image: 'registry.example.com/shop/catalogue-seed:1.4.0', resources }],
  });
  new ObjectStorageBackupJob(chart, 'backup', {
    name: 'catalogue-backup-before-migration',
    image: 'registry.example.com/backup:3.0.0',
    target: 's3://backups/shop/catalogue/',
    serviceAccountName: 'backup-writer',
    resources,
    updateStrategy: UpdateStrategy.fluxForce(),
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
