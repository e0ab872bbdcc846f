import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PresetProps, presetContainer, presetMetadata, presetServiceAccount, requireProp, useKueueQueue } from './common';
import { childPath, ProductionJob } from '../constructs/production-job';
import { checkProps, PRESETS } from '../constructs/props-check';
import { UpdateStrategy } from '../constructs/update-strategy';
import { recordProblems } from '../validation/batch-validation';

/** Properties of a `WorkQueueJob`. */
export interface WorkQueueJobProps extends PresetProps {
  /** Workers pulling from the queue at once (`parallelism`). */
  readonly workers: number;
  /** @default Duration.hours(4) */
  readonly activeDeadline?: Duration;
  /**
   * How the Job is replaced when its spec changes (see `UpdateStrategy`).
   * @default UpdateStrategy.fixedName()
   */
  readonly updateStrategy?: UpdateStrategy;
}

/**
 * A work-queue Job: `parallelism` workers and no `completions`. Each worker takes items until the
 * queue is empty, then exits 0; the Job succeeds once any worker has succeeded and all have
 * terminated, so a worker must only exit 0 when the queue is really empty.
 */
export class WorkQueueJob extends ProductionJob {
  private readonly workers: number;

  constructor(scope: Construct, id: string, props: WorkQueueJobProps) {
    const path = childPath(scope, id);
    const checked = checkProps(path, 'WorkQueueJobProps', props, PRESETS.workQueue);
    props = checked.props;
    const problems = checked.problems;
    problems.push(...requireProp(path, 'image', props.image, 'pass the worker image'));
    if (!Number.isInteger(props.workers) || props.workers < 1) {
      problems.push({ path, field: 'workers', value: props.workers, problem: 'must be a whole number from 1', fix: 'pass the number of workers, e.g. workers: 5' });
    }
    super(scope, id, {
      metadata: presetMetadata(props),
      serviceAccount: presetServiceAccount(scope, props),
      activeDeadline: props.activeDeadline ?? Duration.hours(4),
      alerts: props.alerts,
      targetVersion: props.targetVersion,
      updateStrategy: props.updateStrategy,
    });
    recordProblems(this, problems);
    this.workers = props.workers;
    this.addContainer(presetContainer(this, 'worker', props));
    if (props.queueName) useKueueQueue(this, props.queueName);
  }

  /** @internal */
  protected _finishSpec(spec: any): any {
    return { ...spec, parallelism: this.workers };
  }
}
