import { ApiObject, Cron, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { finishJobSpec, ProductionJobOptions, ResolvedJobOptions, resolveJobOptions, wholeSecondsProblems, writableTmpVolume } from './job-template';
import { workloadNameProblems } from './names';
import { checkTtl, childPath, SidecarProps } from './production-job';
import { ProductionPodPolicy } from './production-pod-policy';
import { alreadyReported, checkProps, PRODUCTION_CRON_JOB } from './props-check';
import { AlertOptions, BatchAlerts } from '../alerts/batch-alerts';
import { CronSchedule } from '../schedule/cron-schedule';
import { ScheduleError } from '../schedule/errors';
import { SPREAD_ANNOTATION, SpreadSchedule } from '../schedule/spread';
import { append } from '../util/append';
import { copyWith } from '../util/copy-with';
import { ConfigErrorDetails } from '../util/errors';
import { KubernetesVersion } from '../util/k8s-version';
import { recordProblems } from '../validation/batch-validation';

/** Properties of a `ProductionCronJob`. */
export interface ProductionCronJobProps extends kplus.WorkloadProps, ProductionJobOptions {
  /**
   * The schedule in Kubernetes' cron dialect (5 fields, `@daily`-style descriptors, `@every 1h`),
   * checked exactly as the API server checks it. Use `timeZone` for the zone, never `TZ=` in the schedule.
   */
  readonly schedule: string;

  /**
   * IANA time zone the schedule is read in (`spec.timeZone`). Rendered explicitly so runs do not
   * depend on the zone the controller manager happens to run in.
   * @default "Etc/UTC"
   */
  readonly timeZone?: string;

  /**
   * Forbid: a run is skipped while the previous one is still running, so stateful runs never overlap.
   * @default kplus.ConcurrencyPolicy.FORBID
   */
  readonly concurrencyPolicy?: kplus.ConcurrencyPolicy;

  /**
   * How late a run may start (`startingDeadlineSeconds`), e.g. after a controller outage. Later
   * runs are skipped instead of starting at a surprising time. Must be at least 10 seconds (the
   * controller syncs about every 10 s).
   * @default Duration.minutes(5)
   */
  readonly startingDeadline?: Duration;

  /**
   * Successful Jobs kept (`successfulJobsHistoryLimit`).
   * @default 3
   */
  readonly successfulJobsRetained?: number;

  /**
   * Failed Jobs kept (`failedJobsHistoryLimit`): the evidence of a failure. Keep at least 1, or
   * the failed run's pods and logs vanish before anyone looks and the last-run-failed alert cannot fire.
   * @default 3
   */
  readonly failedJobsRetained?: number;

  /**
   * Rendered explicitly so that a suspension is always a deliberate change.
   * @default false
   */
  readonly suspend?: boolean;

  /**
   * `ttlSecondsAfterFinished` for each run's Job.
   * @default - none: the history limits clean up and keep the latest failures as evidence
   */
  readonly ttlAfterFinished?: Duration;

  /**
   * The PrometheusRule for this CronJob (last run failed, not succeeded recently, missed schedule,
   * run too long, suspended too long, too many Jobs, metrics absent), with thresholds from the
   * schedule's gaps in its time zone and the deadlines. `{ enabled: false }` turns it off.
   * @default - alerts on, default options
   */
  readonly alerts?: AlertOptions;
}

/**
 * A Kubernetes CronJob with production defaults: Forbid, an explicit time zone, a starting
 * deadline, history limits 3/3, `suspend: false`, and the `ProductionJob` defaults for every run.
 */
export class ProductionCronJob extends kplus.CronJob {
  /** The schedule as written (Kubernetes dialect). */
  public readonly scheduleExpression: string;

  /** The parsed schedule in the CronJob's time zone: next runs, intervals. */
  public readonly cronSchedule: CronSchedule;

  /** The time zone rendered as `spec.timeZone`. */
  public readonly scheduleTimeZone: string;

  /** The Kubernetes version the manifest targets. */
  public readonly targetVersion: KubernetesVersion;

  /** The CronJob `ApiObject`, for escape hatches, validation and alerts. */
  public readonly resource: ApiObject;

  /** The PrometheusRule generator for this CronJob. */
  public get alerts(): BatchAlerts {
    return this.policy.batchAlerts();
  }

  private readonly options: ResolvedJobOptions;
  private readonly ttlSeconds?: number;
  private readonly policy: ProductionPodPolicy;

  constructor(scope: Construct, id: string, props: ProductionCronJobProps) {
    const path = childPath(scope, id);
    const checked = new.target === ProductionCronJob
      ? checkProps(path, 'ProductionCronJobProps', props, PRODUCTION_CRON_JOB)
      : { props: props ?? ({} as ProductionCronJobProps), problems: [] };
    const p = checked.props;
    const problems: ConfigErrorDetails[] = [...checked.problems];
    const { resolved, problems: optionProblems } = resolveJobOptions(path, '', p, {}, problems);
    append(problems, optionProblems);
    const timeZone = p.timeZone ?? 'Etc/UTC';
    const schedule = parseSchedule(path, p.schedule, timeZone, problems);
    const ttl = checkTtl(path, 'ttlAfterFinished', p.ttlAfterFinished);
    const startingDeadline = checkStartingDeadline(path, p.startingDeadline);
    append(problems, ttl);
    append(problems, startingDeadline);
    const grace = wholeSecondsProblems(path, 'terminationGracePeriod', p.terminationGracePeriod);
    append(problems, grace);
    append(problems, checkHistory(path, 'successfulJobsRetained', p.successfulJobsRetained));
    append(problems, checkHistory(path, 'failedJobsRetained', p.failedJobsRetained));
    if (p.restartPolicy !== undefined && p.restartPolicy !== kplus.RestartPolicy.NEVER) {
      problems.push({ path, field: 'restartPolicy', value: p.restartPolicy, problem: 'must be Never for production runs (Always is rejected for Jobs; OnFailure hides failures from backoffLimit)', fix: 'remove restartPolicy' });
    }
    const historyOk = (field: string) => !problems.some((x) => x.field === field);

    // Bad values are left out (defaults used), so the construct is still built and later ones get checked.
    super(scope, id, copyWith(p, {
      containers: undefined,
      initContainers: undefined,
      // cdk8s-plus's Cron cannot hold every Kubernetes schedule (descriptors, @every): the
      // expression is rendered from scheduleExpression in _toKube instead.
      schedule: Cron.daily(),
      timeZone,
      restartPolicy: kplus.RestartPolicy.NEVER,
      terminationGracePeriod: grace.length === 0 ? p.terminationGracePeriod : undefined,
      automountServiceAccountToken: p.automountServiceAccountToken ?? false,
      concurrencyPolicy: p.concurrencyPolicy ?? kplus.ConcurrencyPolicy.FORBID,
      startingDeadline: startingDeadline.length === 0 ? p.startingDeadline ?? Duration.minutes(5) : Duration.minutes(5),
      successfulJobsRetained: historyOk('successfulJobsRetained') ? p.successfulJobsRetained ?? 3 : 3,
      failedJobsRetained: historyOk('failedJobsRetained') ? p.failedJobsRetained ?? 3 : 3,
      suspend: p.suspend ?? false,
      activeDeadline: resolved.activeDeadlineSeconds !== undefined ? p.activeDeadline : undefined,
      backoffLimit: resolved.backoffLimit,
      ttlAfterFinished: undefined,
    }));
    recordProblems(this, problems);
    this.scheduleExpression = schedule ? p.schedule : PLACEHOLDER_SCHEDULE;
    this.cronSchedule = schedule ?? CronSchedule.parse(PLACEHOLDER_SCHEDULE);
    this.scheduleTimeZone = timeZone;
    this.options = resolved;
    this.targetVersion = resolved.targetVersion;
    this.ttlSeconds = ttl.length === 0 ? p.ttlAfterFinished?.toSeconds() : undefined;
    this.resource = this.apiObject;
    const tmp = resolved.writableTmp ? writableTmpVolume() : undefined;
    this.policy = new ProductionPodPolicy(this, this.targetVersion, 'jobTemplate.', tmp);
    recordProblems(this, workloadNameProblems(path, 'CronJob', this.name));
    // A schedule from SpreadSchedule says so on the object (key "namespace/name" or "name").
    if (schedule) {
      const spread = SpreadSchedule.descriptionFor(`${this.metadata.namespace ?? 'default'}/${this.name}`, p.schedule) ?? SpreadSchedule.descriptionFor(this.name, p.schedule);
      if (spread) this.metadata.addAnnotation(SPREAD_ANNOTATION, spread);
    }
    for (const c of p.initContainers ?? []) this.addInitContainer(c);
    for (const c of p.containers ?? []) this.addContainer(c);
    this.policy.attach(this.apiObject, 'spec.jobTemplate.spec.', cronJobSpecOfManifest, p.alerts, p.nonRetryableExitCodesContainer);
  }

  /** Adds a container with the production checks (image, cpu/memory requests) and defaults. */
  public addContainer(container: kplus.ContainerProps): kplus.Container {
    return super.addContainer(this.policy.container(container));
  }

  /** Adds an init container with the production checks and defaults. */
  public addInitContainer(container: kplus.ContainerProps): kplus.Container {
    return super.addInitContainer(this.policy.initContainer(container));
  }

  /** Adds a native sidecar (init container with `restartPolicy: Always`); see `ProductionJob.addSidecar`. */
  public addSidecar(sidecar: SidecarProps): kplus.Container {
    return this.addInitContainer(this.policy.sidecar(sidecar));
  }

  /** Sets env var `name` from a Secret key, by reference. */
  public addSecretEnv(name: string, secret: kplus.ISecret, key: string, container?: string): void {
    this.policy.secretEnv(name, secret, key, container);
  }

  /** @internal */
  public _toKube(): any {
    // cdk8s-plus throws ("PodSpec must have at least 1 container", wrapped in "Failed serializing"):
    // an empty pod is rendered instead, and the rendered-spec check reports the missing container.
    const spec: any = this.containers.length > 0 ? super._toKube() : { jobTemplate: { spec: { template: { spec: { containers: [], restartPolicy: 'Never' } } } } };
    const jobSpec = finishJobSpec(spec.jobTemplate.spec, this.options);
    if (this.ttlSeconds !== undefined) jobSpec.ttlSecondsAfterFinished = this.ttlSeconds;
    return { ...spec, schedule: this.scheduleExpression, jobTemplate: { ...spec.jobTemplate, spec: jobSpec } };
  }

}

/**
 * Rendered (with the zone) when the schedule or zone is invalid: the problem is recorded and synth
 * fails, but the construct tree stays whole so the rest of the app is checked in the same run.
 */
const PLACEHOLDER_SCHEDULE = '0 0 * * *';

function parseSchedule(path: string, schedule: string, timeZone: string, problems: ConfigErrorDetails[]): CronSchedule | undefined {
  if (typeof schedule !== 'string') {
    if (!alreadyReported(problems, 'schedule')) {
      problems.push({ path, field: 'schedule', value: schedule, problem: 'is required', fix: 'pass schedule: "0 2 * * *" (Kubernetes\' cron dialect: 02:00 every day)' });
    }
    return undefined;
  }
  try {
    return CronSchedule.parse(schedule, { timeZone });
  } catch (e) {
    if (!(e instanceof ScheduleError)) throw e;
    problems.push({ path, field: e.field, value: e.value, problem: e.problem, fix: e.fix });
    return undefined;
  }
}

function checkStartingDeadline(path: string, d: Duration | undefined): ConfigErrorDetails[] {
  if (d === undefined) return [];
  let s = NaN;
  try {
    s = d.toSeconds();
  } catch { /* fractional */ }
  return Number.isInteger(s) && s >= 10 ? [] : [{
    path,
    field: 'startingDeadline',
    value: Number.isNaN(s) ? d.toHumanString() : s,
    problem: 'must be a whole number of seconds, at least 10 (the CronJob controller syncs about every 10 seconds; below that runs are skipped, and 0 never starts a run)',
    fix: 'use e.g. Duration.minutes(5)',
  }];
}

function checkHistory(path: string, field: string, n: number | undefined): ConfigErrorDetails[] {
  if (n === undefined || (Number.isInteger(n) && n >= 0)) return [];
  return [{ path, field, value: n, problem: 'must be a whole number from 0', fix: 'use 3 (the default)' }];
}

/** The Job spec in a rendered CronJob (a module function: a closure made in the constructor would keep its context alive). */
function cronJobSpecOfManifest(manifest: any): any {
  return manifest.spec.jobTemplate.spec;
}
