import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PresetProps, presetContainer, presetMetadata, presetServiceAccount, requireProp, useKueueQueue } from './common';
import { ProductionCronJob } from '../constructs/production-cron-job';
import { childPath } from '../constructs/production-job';
import { checkProps, PRESETS } from '../constructs/props-check';
import { recordProblems } from '../validation/batch-validation';

/** Properties of a `HistoryCleanupCronJob`. */
export interface HistoryCleanupCronJobProps extends PresetProps {
  /** @default "30 4 * * *" */
  readonly schedule?: string;
  /** @default "Etc/UTC" */
  readonly timeZone?: string;
  /** @default Duration.minutes(30) */
  readonly activeDeadline?: Duration;
}

/**
 * A log/history cleanup: daily, one retry (cleanup is idempotent), bounded run time, Forbid.
 * Pitfalls prevented: overlapping deletes, a cleanup stuck for days, silent failure while storage fills up.
 */
export class HistoryCleanupCronJob extends ProductionCronJob {
  constructor(scope: Construct, id: string, props: HistoryCleanupCronJobProps) {
    const path = childPath(scope, id);
    const checked = checkProps(path, 'HistoryCleanupCronJobProps', props, PRESETS.historyCleanup);
    props = checked.props;
    const problems = checked.problems;
    problems.push(...requireProp(path, 'image', props.image, 'pass the cleanup image'));
    super(scope, id, {
      metadata: presetMetadata(props),
      serviceAccount: presetServiceAccount(scope, props),
      schedule: props.schedule ?? '30 4 * * *',
      timeZone: props.timeZone,
      activeDeadline: props.activeDeadline ?? Duration.minutes(30),
      backoffLimit: 1,
      alerts: props.alerts,
      targetVersion: props.targetVersion,
    });
    recordProblems(this, problems);
    this.addContainer(presetContainer(this, 'cleanup', props));
    if (props.queueName) useKueueQueue(this, props.queueName);
  }
}
