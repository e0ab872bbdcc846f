import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PresetProps, presetContainer, presetMetadata, presetServiceAccount, requireProp, useKueueQueue } from './common';
import { ProductionCronJob } from '../constructs/production-cron-job';
import { childPath } from '../constructs/production-job';
import { checkProps, PRESETS } from '../constructs/props-check';
import { recordProblems } from '../validation/batch-validation';

/** Properties of an `IndexRefreshCronJob`. */
export interface IndexRefreshCronJobProps extends PresetProps {
  /** @default "0 *\/6 * * *" (every 6 hours) */
  readonly schedule?: string;
  /** @default "Etc/UTC" */
  readonly timeZone?: string;
  /** @default Duration.hours(1) */
  readonly activeDeadline?: Duration;
}

/**
 * An embedding/search-index refresh: API keys and database credentials only by Secret reference
 * (`secretEnv` is required), Forbid so refreshes never overlap, alerts when the index goes stale.
 */
export class IndexRefreshCronJob extends ProductionCronJob {
  constructor(scope: Construct, id: string, props: IndexRefreshCronJobProps) {
    const path = childPath(scope, id);
    const checked = checkProps(path, 'IndexRefreshCronJobProps', props, PRESETS.indexRefresh);
    props = checked.props;
    const problems = checked.problems;
    problems.push(...requireProp(path, 'image', props.image, 'pass the refresh image'));
    if (!props.secretEnv || Object.keys(props.secretEnv).length === 0) {
      problems.push({ path, field: 'secretEnv', value: props.secretEnv, problem: 'is required: an index refresh needs credentials (model API key, vector store), and they must come from Secrets', fix: 'pass secretEnv: { OPENAI_API_KEY: { secretName: "embeddings", key: "api-key" } }' });
    }
    super(scope, id, {
      metadata: presetMetadata(props),
      serviceAccount: presetServiceAccount(scope, props),
      schedule: props.schedule ?? '0 */6 * * *',
      timeZone: props.timeZone,
      activeDeadline: props.activeDeadline ?? Duration.hours(1),
      alerts: props.alerts,
      targetVersion: props.targetVersion,
    });
    recordProblems(this, problems);
    this.addContainer(presetContainer(this, 'refresh', props));
    if (props.queueName) useKueueQueue(this, props.queueName);
  }
}
