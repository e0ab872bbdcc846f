/** Preset example: ShardedSpotJob. */
import { App, Chart, Size } from 'cdk8s';
import { ShardedSpotJob, SpotProvider } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

const resources = { cpu: { request: kplus.Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } };

export function build(app: App): Chart {
  const chart = new Chart(app, 'preset-sharded-spot', { namespace: 'team-a', disableResourceNameHashes: true });
  new ShardedSpotJob(chart, 'reindex', {
    name: 'reindex-products', image: 'registry.example.com/search/reindex:5.0.0', resources, shards: 40, spot: SpotProvider.KARPENTER,
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
