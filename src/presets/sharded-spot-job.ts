import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PresetProps, presetContainer, presetMetadata, presetServiceAccount, requireProp, useKueueQueue } from './common';
import { IndexedShardJob } from '../constructs/indexed-shard-job';
import { childPath } from '../constructs/production-job';
import { checkProps, PRESETS } from '../constructs/props-check';
import { SpotProvider } from '../constructs/spot-tolerant-job';
import { UpdateStrategy } from '../constructs/update-strategy';
import { recordProblems } from '../validation/batch-validation';

/** Properties of a `ShardedSpotJob`. */
export interface ShardedSpotJobProps extends PresetProps {
  /** Number of shards (`completions`); each pod reads JOB_COMPLETION_INDEX and TOTAL_SHARDS. */
  readonly shards: number;
  /** Your cluster's spot nodes. */
  readonly spot: SpotProvider;
  /** @default 10, or fewer when there are fewer shards */
  readonly parallelism?: number;
  /** Retries per shard. @default 2 */
  readonly backoffLimitPerIndex?: number;
  /** @default Duration.hours(6) */
  readonly activeDeadline?: Duration;
  /**
   * How the Job is replaced when its spec changes (see `UpdateStrategy`).
   * @default UpdateStrategy.fixedName()
   */
  readonly updateStrategy?: UpdateStrategy;
}

/**
 * Sharded processing on spot nodes: Indexed, TOTAL_SHARDS, a failing shard retried on its own,
 * spot reclaims ignored (they never use up retries). Make each shard idempotent and checkpoint
 * inside a shard if one takes long (see SpotTolerantJob's checkpoint option and the README).
 */
export class ShardedSpotJob extends IndexedShardJob {
  constructor(scope: Construct, id: string, props: ShardedSpotJobProps) {
    const path = childPath(scope, id);
    const checked = checkProps(path, 'ShardedSpotJobProps', props, PRESETS.shardedSpot);
    props = checked.props;
    const problems = checked.problems;
    problems.push(...requireProp(path, 'image', props.image, 'pass the worker image'));
    problems.push(...requireProp(path, 'spot', props.spot, 'pass spot: SpotProvider.KARPENTER (or EKS, GKE, AKS, custom)'));
    super(scope, id, {
      metadata: presetMetadata(props),
      serviceAccount: presetServiceAccount(scope, props),
      shards: props.shards,
      parallelism: props.parallelism ?? Math.min(10, props.shards ?? 1),
      backoffLimitPerIndex: props.backoffLimitPerIndex ?? 2,
      spot: props.spot,
      activeDeadline: props.activeDeadline ?? Duration.hours(6),
      alerts: props.alerts,
      targetVersion: props.targetVersion,
      updateStrategy: props.updateStrategy,
    });
    recordProblems(this, problems);
    this.addContainer(presetContainer(this, 'worker', props));
    if (props.queueName) useKueueQueue(this, props.queueName);
  }
}
