import { Construct } from 'constructs';
import { ProductionJob, ProductionJobProps, childPath } from './production-job';
import { alreadyReported, checkProps, INDEXED_SHARD_JOB } from './props-check';
import { SpotProvider, withSpotScheduling } from './spot-tolerant-job';
import { ConfigErrorDetails } from '../util/errors';
import { featureProblem, supportsFeature } from '../util/features';
import { KubernetesVersion } from '../util/k8s-version';
import { recordProblems } from '../validation/batch-validation';

/** Properties of an `IndexedShardJob`. */
export interface IndexedShardJobProps extends ProductionJobProps {
  /** Number of shards: `completions`, one pod per index 0..shards-1. */
  readonly shards: number;

  /**
   * How many shards run at once (`parallelism`).
   * @default - all shards at once
   */
  readonly parallelism?: number;

  /**
   * Retries per shard (`backoffLimitPerIndex`, Kubernetes 1.29+): a failing shard does not use up
   * the retries of the others. When set, `backoffLimit` is not defaulted.
   * @default - retries are shared by all shards (backoffLimit)
   */
  readonly backoffLimitPerIndex?: number;

  /**
   * Fail the whole Job once this many shards have failed (`maxFailedIndexes`, needs backoffLimitPerIndex).
   * @default - every shard is tried
   */
  readonly maxFailedIndexes?: number;

  /**
   * Run the shards on spot / preemptible nodes (required node affinity and toleration). Reclaims
   * never use up retries: the pod failure policy ignores `DisruptionTarget`.
   * @default - any node
   */
  readonly spot?: SpotProvider;
}

/** Completions above this need maxFailedIndexes ≤ 10^4 with backoffLimitPerIndex (API server rule). */
const MAX_INDEXED_COMPLETIONS = 100_000;

/**
 * An Indexed Job: `shards` pods, each gets its index in `JOB_COMPLETION_INDEX` (set by
 * Kubernetes) and the shard count in `TOTAL_SHARDS` (set here), so a worker processes
 * `items[i]` where `i % TOTAL_SHARDS == JOB_COMPLETION_INDEX`.
 */
export class IndexedShardJob extends ProductionJob {
  /** Number of shards. */
  public readonly shards: number;

  private readonly shardParallelism: number;
  private readonly perIndex?: number;
  private readonly maxFailed?: number;
  private readonly spot?: SpotProvider;

  constructor(scope: Construct, id: string, props: IndexedShardJobProps) {
    const path = childPath(scope, id);
    const checked = new.target === IndexedShardJob
      ? checkProps(path, 'IndexedShardJobProps', props, INDEXED_SHARD_JOB)
      : { props: props ?? ({} as IndexedShardJobProps), problems: [] };
    props = checked.props;
    const target = props.targetVersion ?? KubernetesVersion.DEFAULT;
    const problems: ConfigErrorDetails[] = [...checked.problems];
    const positive = (field: string, v: number | undefined, max: number, required: boolean) => {
      if (alreadyReported(problems, field)) return;
      if (v === undefined ? required : !(Number.isInteger(v) && v >= (field === 'maxFailedIndexes' || field === 'backoffLimitPerIndex' ? 0 : 1) && v <= max)) {
        problems.push({ path, field, value: v, problem: `must be a whole number from ${field === 'maxFailedIndexes' || field === 'backoffLimitPerIndex' ? 0 : 1} to ${max}`, fix: field === 'shards' ? 'pass the number of shards, e.g. shards: 10' : `use a value up to ${max}` });
      }
    };
    positive('shards', props?.shards, MAX_INDEXED_COMPLETIONS, true);
    positive('parallelism', props?.parallelism, MAX_INDEXED_COMPLETIONS, false);
    positive('backoffLimitPerIndex', props?.backoffLimitPerIndex, 2 ** 31 - 1, false);
    positive('maxFailedIndexes', props?.maxFailedIndexes, props?.shards ?? MAX_INDEXED_COMPLETIONS, false);
    if (props?.maxFailedIndexes !== undefined && props.backoffLimitPerIndex === undefined) {
      problems.push({ path, field: 'maxFailedIndexes', value: props.maxFailedIndexes, problem: 'can only be set together with backoffLimitPerIndex (API server rule)', fix: 'set backoffLimitPerIndex too, or remove maxFailedIndexes' });
    }
    for (const [field, feature] of [['backoffLimitPerIndex', 'backoffLimitPerIndex'], ['maxFailedIndexes', 'maxFailedIndexes']] as const) {
      if ((props as any)?.[field] !== undefined && !supportsFeature(target, feature)) {
        problems.push({ path, field, ...featureProblem(target, feature), value: (props as any)[field] });
      }
    }
    if (props.spot && props.ignoreDisruptions === false) {
      problems.push({ path, field: 'ignoreDisruptions', value: false, problem: 'must stay true on spot nodes: every reclaim would use up retries', fix: 'remove ignoreDisruptions' });
    }
    const bad = (field: string) => problems.some((p) => p.field === field);
    // Bad values are left out so the construct is still built (synth fails with the recorded problems).
    super(scope, id, {
      ...props,
      backoffLimitPerIndex: bad('backoffLimitPerIndex') ? undefined : props.backoffLimitPerIndex,
      ignoreDisruptions: bad('ignoreDisruptions') ? undefined : props.ignoreDisruptions,
    } as IndexedShardJobProps);
    recordProblems(this, problems);
    this.shards = bad('shards') ? 1 : props.shards;
    this.shardParallelism = bad('parallelism') ? this.shards : props.parallelism ?? this.shards;
    this.perIndex = bad('backoffLimitPerIndex') ? undefined : props.backoffLimitPerIndex;
    this.maxFailed = bad('maxFailedIndexes') ? undefined : props.maxFailedIndexes;
    this.spot = props.spot;
  }

  /** @internal */
  protected _finishSpec(spec: any): any {
    const containers = (spec.template.spec.containers ?? []).map((c: any) => ({
      ...c,
      env: [...(c.env ?? []).filter((e: any) => e.name !== 'TOTAL_SHARDS'), { name: 'TOTAL_SHARDS', value: String(this.shards) }],
    }));
    const podSpec = { ...spec.template.spec, containers };
    return {
      ...spec,
      completionMode: 'Indexed',
      completions: this.shards,
      parallelism: this.shardParallelism,
      ...(this.perIndex !== undefined ? { backoffLimitPerIndex: this.perIndex } : {}),
      ...(this.maxFailed !== undefined ? { maxFailedIndexes: this.maxFailed } : {}),
      template: { ...spec.template, spec: this.spot ? withSpotScheduling(podSpec, this.spot, true) : podSpec },
    };
  }
}
