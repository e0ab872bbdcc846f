/**
 * Database migration: run once, never retried on "do not retry" exit code 3, killed after 15
 * minutes, deleted a day after it finishes, with a native Cloud SQL proxy sidecar that stops
 * when the migration exits (so the Job completes).
 */
import { App, Chart, Duration, Size } from 'cdk8s';
import { ProductionJob } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

export function build(app: App): Chart {
  const chart = new Chart(app, 'db-migration', { namespace: 'shop', disableResourceNameHashes: true });
  const migrate = new ProductionJob(chart, 'migrate', {
    metadata: { name: 'shop-migrate-v42' },
    activeDeadline: Duration.minutes(15),
    backoffLimit: 1,
    nonRetryableExitCodes: [3],
    nonRetryableExitCodesContainer: 'migrate',
    containers: [{
      name: 'migrate',
      image: 'registry.example.com/shop/migrations:42',
      command: ['/app/migrate', 'up'],
      resources: { cpu: { request: kplus.Cpu.millis(200) }, memory: { request: Size.mebibytes(256) } },
    }],
  });
  migrate.addSidecar({
    name: 'cloud-sql-proxy',
    image: 'gcr.io/cloud-sql-connectors/cloud-sql-proxy:2.14.1',
    args: ['--port=5432', 'shop-prod:europe-west1:shop'],
    resources: { cpu: { request: kplus.Cpu.millis(50) }, memory: { request: Size.mebibytes(64) } },
  });
  migrate.addSecretEnv('DATABASE_PASSWORD', kplus.Secret.fromSecretName(chart, 'db', 'shop-db'), 'password', 'migrate');
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
