import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PresetProps, presetContainer, presetMetadata, presetServiceAccount, requireProp, useKueueQueue } from './common';
import { childPath, ProductionJob } from '../constructs/production-job';
import { checkProps, PRESETS } from '../constructs/props-check';
import { UpdateStrategy } from '../constructs/update-strategy';
import { recordProblems } from '../validation/batch-validation';

/** Properties of a `DatabaseMigrationJob`. */
export interface DatabaseMigrationJobProps extends PresetProps {
  /**
   * Exit code your migration tool uses for "do not retry" (e.g. a failed, non-transactional
   * migration): the Job fails at once instead of re-running it.
   * @default 3
   */
  readonly doNotRetryExitCode?: number;
  /** @default Duration.minutes(15) */
  readonly activeDeadline?: Duration;
  /**
   * Kept this long after finishing, so JobFailed is seen and the logs can be read; then deleted,
   * so the next release can create a Job with the same name.
   * @default Duration.hours(6)
   */
  readonly ttlAfterFinished?: Duration;
  /**
   * How a new version replaces the last one. The default runs the migration once per version
   * (a new image, command or env gives a new Job name; an unchanged spec keeps its name, so it is
   * not re-run) and, under Argo CD, before the application: sync wave -1 is applied and must
   * succeed before wave 0 rolls out. With Helm use `UpdateStrategy.helmHook()` (pre-install,
   * pre-upgrade); with Flux, put the migration in a Kustomization the application `dependsOn`.
   * @default UpdateStrategy.contentHash({ argoCdSyncWave: -1 })
   */
  readonly updateStrategy?: UpdateStrategy;
}

/**
 * A database migration: runs once (backoffLimit 0: no retry storm on a half-applied migration),
 * fails fast on the "do not retry" exit code, has a deadline and a short TTL.
 * Pitfalls prevented: retrying non-idempotent work, hanging migrations blocking a release,
 * finished Jobs blocking the next release's Job of the same name, and the next release failing
 * with `spec.template: field is immutable` (the name carries a hash of the spec, see `updateStrategy`).
 */
export class DatabaseMigrationJob extends ProductionJob {
  constructor(scope: Construct, id: string, props: DatabaseMigrationJobProps) {
    const path = childPath(scope, id);
    const checked = checkProps(path, 'DatabaseMigrationJobProps', props, PRESETS.databaseMigration);
    props = checked.props;
    const problems = checked.problems;
    problems.push(...requireProp(path, 'image', props.image, 'pass the migration image, e.g. "registry.example.com/app-migrations:42"'));
    super(scope, id, {
      metadata: presetMetadata(props),
      serviceAccount: presetServiceAccount(scope, props),
      activeDeadline: props.activeDeadline ?? Duration.minutes(15),
      backoffLimit: 0,
      nonRetryableExitCodes: [props.doNotRetryExitCode ?? 3],
      nonRetryableExitCodesContainer: 'migrate',
      ttlAfterFinished: props.ttlAfterFinished ?? Duration.hours(6),
      alerts: props.alerts,
      targetVersion: props.targetVersion,
      updateStrategy: props.updateStrategy ?? UpdateStrategy.contentHash({ argoCdSyncWave: -1 }),
    });
    recordProblems(this, problems);
    this.addContainer(presetContainer(this, 'migrate', props));
    if (props.queueName) useKueueQueue(this, props.queueName);
  }
}
