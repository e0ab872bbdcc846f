import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PresetProps, presetContainer, presetMetadata, presetServiceAccount, requireProp, useKueueQueue } from './common';
import { childPath, ProductionJob } from '../constructs/production-job';
import { checkProps, PRESETS } from '../constructs/props-check';
import { UpdateStrategy } from '../constructs/update-strategy';
import { recordProblems } from '../validation/batch-validation';

/** Properties of an `ObjectStorageBackupJob`. */
export interface ObjectStorageBackupJobProps extends PresetProps {
  /** Where backups go, e.g. "s3://backups/shop/" (exported as BACKUP_TARGET). */
  readonly target: string;
  /** @default Duration.hours(3) */
  readonly activeDeadline?: Duration;
  /**
   * How the Job is replaced when its spec changes (see `UpdateStrategy`).
   * @default UpdateStrategy.fixedName()
   */
  readonly updateStrategy?: UpdateStrategy;
}

/**
 * A backup to object storage: credentials by Secret reference (`secretEnv`) or workload identity
 * (`serviceAccountName`, which mounts the service account token), two retries, a deadline, a
 * day's TTL. Pitfalls prevented: credentials in the manifest, a stuck backup nobody notices.
 */
export class ObjectStorageBackupJob extends ProductionJob {
  constructor(scope: Construct, id: string, props: ObjectStorageBackupJobProps) {
    const path = childPath(scope, id);
    const checked = checkProps(path, 'ObjectStorageBackupJobProps', props, PRESETS.objectStorageBackup);
    props = checked.props;
    const problems = checked.problems;
    problems.push(...requireProp(path, 'image', props.image, 'pass the backup image'));
    problems.push(...requireProp(path, 'target', props.target, 'pass the bucket URL, e.g. "s3://backups/shop/"'));
    if (!props.serviceAccountName && Object.keys(props.secretEnv ?? {}).length === 0) {
      problems.push({ path, field: 'secretEnv', problem: 'or serviceAccountName is required: the backup needs credentials for the bucket', fix: 'pass serviceAccountName (workload identity / IRSA) or secretEnv with the access keys' });
    }
    super(scope, id, {
      metadata: presetMetadata(props),
      serviceAccount: presetServiceAccount(scope, props),
      automountServiceAccountToken: props.serviceAccountName !== undefined,
      activeDeadline: props.activeDeadline ?? Duration.hours(3),
      alerts: props.alerts,
      targetVersion: props.targetVersion,
      updateStrategy: props.updateStrategy,
    });
    recordProblems(this, problems);
    this.addContainer(presetContainer(this, 'backup', { ...props, env: { ...props.env, BACKUP_TARGET: props.target } }));
    if (props.queueName) useKueueQueue(this, props.queueName);
  }
}
