import { ApiObject, ApiObjectProps, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { AlertOptions, BatchAlerts } from '../alerts/batch-alerts';
import { checkTtl, childPath } from '../constructs/production-job';
import { checkAlertNames, checkProps, PRESETS } from '../constructs/props-check';
import { applyUpdateStrategy, UpdateStrategy } from '../constructs/update-strategy';
import { BatchConfigError } from '../util/errors';
import { checkLike, recordProblems } from '../validation/batch-validation';

/** Options for `OneOffJob.fromCronJob`. */
export interface OneOffJobOptions {
  /**
   * The Job's name (must be unique in the namespace; at most 63 characters).
   * @default "<cronjob name>-manual"
   */
  readonly name?: string;
  /**
   * Alerts for the run (JobFailed, JobNotFinished; JobNotCleanedUp when the template has a TTL).
   * @default - alerts on
   */
  readonly alerts?: AlertOptions;
  /**
   * How the committed Job is replaced when the CronJob's template changes. `contentHash()` makes
   * the run follow the template: a new template is a new run, an unchanged one is not re-run.
   * @default UpdateStrategy.fixedName()
   */
  readonly updateStrategy?: UpdateStrategy;
  /**
   * How long the finished run (and its pods and logs) is kept (`ttlSecondsAfterFinished`). A
   * CronJob's history limits do not clean up a standalone Job, so without a TTL manual runs pile up.
   * @default - the job template's TTL if it has one, else Duration.days(1)
   */
  readonly ttlAfterFinished?: Duration;
}

/**
 * A one-off run of a CronJob's template, in code: what `kubectl create job --from=cronjob/<name>`
 * does (same job template, annotation `cronjob.kubernetes.io/instantiate: manual`, no owner).
 * The CronJob's alerts count it as a run by name: when it succeeds, CronJobMissedSchedule and
 * CronJobNotSucceededRecently clear.
 */
export class OneOffJob {
  /** A Job with the CronJob's rendered job template (works for this library's, cdk8s-plus or ApiObject CronJobs). */
  public static fromCronJob(scope: Construct, id: string, cronJob: Construct, options: OneOffJobOptions = {}): ApiObject {
    const source = ApiObject.of(cronJob);
    const path = childPath(scope, id);
    const checked = checkProps(path, 'OneOffJobOptions', options, PRESETS.oneOff);
    options = checked.props;
    const problems = [...checked.problems, ...(options.alerts ? checkAlertNames(path, 'alerts', options.alerts) : [])];
    if (source.kind !== 'CronJob') {
      throw new BatchConfigError({ path: cronJob.node.path, field: 'cronJob', value: source.kind, problem: 'must be a CronJob', fix: 'pass the CronJob construct' });
    }
    let name = options.name ?? `${source.name}-manual`;
    if (name.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) {
      problems.push({ path, field: 'name', value: name, problem: 'must be a DNS-1123 subdomain of at most 63 characters', fix: 'pass a shorter name' });
      name = 'invalid-name';
    }
    const ttl = checkTtl(path, 'ttlAfterFinished', options.ttlAfterFinished);
    problems.push(...ttl);
    const ttlSeconds = ttl.length === 0 && options.ttlAfterFinished ? options.ttlAfterFinished.toSeconds() : undefined;
    // kubectl copies the template as is; a Job made in code has no CronJob to clean it up, so it gets a TTL.
    const template = () => withTtl(source.toJson().spec.jobTemplate, ttlSeconds);
    const job = new OneOffJobObject(scope, id, template, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        ...(source.metadata.namespace ? { namespace: source.metadata.namespace } : {}),
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
      },
      spec: Lazy.any({ produce: () => template().spec }),
    });
    const alerts = new BatchAlerts(scope, `${id}-alerts`, { ...(problems.length > 0 ? { enabled: false } : options.alerts), target: job });
    problems.push(...applyUpdateStrategy(job, options.updateStrategy, path, { alertRule: alerts.rule }));
    recordProblems(job, problems);
    // Its manifest is checked like the CronJob's, at the same target version (the copied template
    // plus the name and TTL set here).
    checkLike(job, cronJob);
    // A successful manual run stands in for missed scheduled runs: tell the CronJob's alerts its name
    // (a Job made at synth cannot carry the CronJob's owner reference, which needs the CronJob's uid).
    for (const cronAlerts of source.node.root.node.findAll()) {
      if (cronAlerts instanceof BatchAlerts && cronAlerts.target === source) cronAlerts.countManualRun(name);
    }
    return job;
  }

  private constructor() {}
}

/** The job template with `ttlSecondsAfterFinished`: the option, else the template's own, else one day. */
function withTtl(jobTemplate: any, ttlSeconds: number | undefined): any {
  const spec = jobTemplate?.spec ?? {};
  const ttl = ttlSeconds ?? spec.ttlSecondsAfterFinished ?? Duration.days(1).toSeconds();
  return { ...jobTemplate, spec: { ...spec, ttlSecondsAfterFinished: ttl } };
}

/** The Job, with the job template's labels (e.g. a Kueue queue) copied at synth, as kubectl does. */
class OneOffJobObject extends ApiObject {
  constructor(scope: Construct, id: string, private readonly template: () => any, props: ApiObjectProps) {
    super(scope, id, props);
  }

  public toJson(): any {
    const json = super.toJson();
    const labels = this.template().metadata?.labels;
    return labels ? { ...json, metadata: { ...json.metadata, labels: { ...labels, ...json.metadata.labels } } } : json;
  }
}
