/** Preset example: DatabaseMigrationJob. */
import { App, Chart, Size } from 'cdk8s';
import { DatabaseMigrationJob } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

const resources = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } };

export function build(app: App): Chart {
  const chart = new Chart(app, 'preset-database-migration', { namespace: 'team-a', disableResourceNameHashes: true });
  new DatabaseMigrationJob(chart, 'migrate', {
    name: 'shop-migrate-43',
    image: 'registry.example.com/shop/migrations:43',
    resources,
    command: ['/app/migrate', 'up'],
    secretEnv: { DATABASE_URL: { secretName: 'shop-db', key: 'url' } },
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
