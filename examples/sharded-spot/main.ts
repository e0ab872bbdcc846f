/**
 * Sharded data processing on spot nodes: 20 shards, 5 at a time, each shard retried on its own
 * (backoffLimitPerIndex), spot reclaims ignored, progress checkpointed to a PVC.
 */
import { App, Chart, Duration, Size } from 'cdk8s';
import { IndexedShardJob, SpotProvider, SpotTolerantJob } from 'cdk8s-batch';
import * as kplus from 'cdk8s-plus-28';

export function build(app: App): Chart {
  const chart = new Chart(app, 'sharded-spot', { namespace: 'data', disableResourceNameHashes: true });
  new IndexedShardJob(chart, 'reindex', {
    metadata: { name: 'reindex-2026-11' },
    shards: 20,
    parallelism: 5,
    backoffLimitPerIndex: 2,
    maxFailedIndexes: 2,
    spot: SpotProvider.KARPENTER,
    activeDeadline: Duration.hours(6),
    containers: [{
      name: 'worker',
      image: 'registry.example.com/data/reindex:5.0.0',
      resources: { cpu: { request: kplus.Cpu.units(2) }, memory: { request: Size.gibibytes(4) } },
    }],
  });
  return chart;
}

/** The same work as a SpotTolerantJob: a single pod that checkpoints, for work that cannot be sharded. */
export function buildSingle(app: App): Chart {
  const chart = new Chart(app, 'spot-single', { namespace: 'data', disableResourceNameHashes: true });
  new SpotTolerantJob(chart, 'compact', {
    metadata: { name: 'compact-2026-11' },
    spot: SpotProvider.KARPENTER,
    checkpoint: { claimName: 'compact-checkpoints' },
    activeDeadline: Duration.hours(8),
    containers: [{
      name: 'compact',
      image: 'registry.example.com/data/compact:1.9.0',
      resources: { cpu: { request: kplus.Cpu.units(1) }, memory: { request: Size.gibibytes(2) } },
    }],
  });
  return chart;
}

if (require.main === module) {
  const app = new App();
  build(app);
  buildSingle(app);
  app.synth();
}
