/**
 * Update strategy: content-hashed name. For plain `kubectl apply` pipelines (and any other tool):
 * the Job is named `<name>-<hash of its immutable spec>`, so a new image, command, env or resources
 * is a new Job instead of "spec.template: field is immutable", and re-applying an unchanged spec
 * does not run it again. The alerts follow the generated name.
 */
import { App, Chart, Duration, Size } from 'cdk8s';
import { IndexedShardJob, ProductionJob, UpdateStrategy } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

const resources = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } };

export function build(app: App): Chart {
  const chart = new Chart(app, 'update-content-hash', { namespace: 'shop', disableResourceNameHashes: true });
  new ProductionJob(chart, 'backfill', {
    metadata: { name: 'orders-backfill' },
    updateStrategy: UpdateStrategy.contentHash(),
    activeDeadline: Duration.hours(1),
    containers: [{
      name: 'backfill',
      image: 'registry.example.com/shop/backfill:2.1.0',
      args: ['--since', '2024-01-01'],
      resources,
    }],
  });
  // Indexed Jobs keep `<name>-<completions-1>` a valid pod hostname: long names are cut to fit.
  new IndexedShardJob(chart, 'reindex', {
    metadata: { name: 'search-reindex-all-products-in-every-catalogue-and-every-locale' },
    updateStrategy: UpdateStrategy.contentHash(),
    shards: 100,
    parallelism: 10,
    activeDeadline: Duration.hours(2),
    containers: [{ name: 'worker', image: 'registry.example.com/shop/reindex:5.0.0', resources }],
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
