import { Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { PresetProps, presetContainer, presetMetadata, presetServiceAccount, requireProp, useKueueQueue } from './common';
import { ProductionCronJob } from '../constructs/production-cron-job';
import { childPath } from '../constructs/production-job';
import { checkProps, PRESETS } from '../constructs/props-check';
import { recordProblems } from '../validation/batch-validation';

/** Properties of a `NightlyReportCronJob`. */
export interface NightlyReportCronJobProps extends PresetProps {
  /**
   * When it runs. 04:00 is outside the 01:00-03:59 window where DST changes skip or repeat runs.
   * @default "0 4 * * *"
   */
  readonly schedule?: string;
  /** The zone the report's "night" is in, e.g. "Europe/Berlin". */
  readonly timeZone: string;
  /** @default Duration.hours(2) */
  readonly activeDeadline?: Duration;
}

/**
 * A nightly report: Forbid, deadlines, history 3/3, explicit zone, alerts. Pitfalls prevented:
 * overlapping runs, hung reports, runs starting hours late after an outage, DST surprises,
 * failures nobody hears about.
 */
export class NightlyReportCronJob extends ProductionCronJob {
  constructor(scope: Construct, id: string, props: NightlyReportCronJobProps) {
    const path = childPath(scope, id);
    const checked = checkProps(path, 'NightlyReportCronJobProps', props, PRESETS.nightlyReport);
    props = checked.props;
    const problems = checked.problems;
    problems.push(...requireProp(path, 'image', props.image, 'pass the report image'));
    problems.push(...requireProp(path, 'timeZone', props.timeZone, 'pass the zone the report\'s night is in, e.g. "Europe/Berlin"'));
    super(scope, id, {
      metadata: presetMetadata(props),
      serviceAccount: presetServiceAccount(scope, props),
      schedule: props.schedule ?? '0 4 * * *',
      timeZone: props.timeZone,
      activeDeadline: props.activeDeadline ?? Duration.hours(2),
      startingDeadline: Duration.minutes(30),
      alerts: props.alerts,
      targetVersion: props.targetVersion,
    });
    recordProblems(this, problems);
    this.addContainer(presetContainer(this, 'report', props));
    if (props.queueName) useKueueQueue(this, props.queueName);
  }
}
