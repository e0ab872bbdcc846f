import { ApiObject, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { finishJobSpec, ProductionJobOptions, ResolvedJobOptions, resolveJobOptions, wholeSecondsProblems, writableTmpVolume } from './job-template';
import { workloadNameProblems } from './names';
import { ProductionPodPolicy } from './production-pod-policy';
import { checkProps, PRODUCTION_JOB } from './props-check';
import { applyUpdateStrategy, UpdateStrategy } from './update-strategy';
import { AlertOptions, BatchAlerts } from '../alerts/batch-alerts';
import { append } from '../util/append';
import { copyWith } from '../util/copy-with';
import { ConfigErrorDetails } from '../util/errors';
import { KubernetesVersion } from '../util/k8s-version';
import { recordProblems } from '../validation/batch-validation';

/** Properties of a `ProductionJob`. */
export interface ProductionJobProps extends kplus.WorkloadProps, ProductionJobOptions {
  /**
   * How long a finished Job (and its pods and logs) is kept (`ttlSecondsAfterFinished`).
   * One day keeps a failed run around long enough for the JobFailed alert to be seen and
   * investigated, and stops finished Jobs from piling up forever.
   * @default Duration.days(1)
   */
  readonly ttlAfterFinished?: Duration;

  /**
   * The PrometheusRule for this Job (JobFailed, JobNotFinished, JobNotCleanedUp), with thresholds
   * from its deadline and TTL. `{ enabled: false }` turns it off.
   * @default - alerts on, default options
   */
  readonly alerts?: AlertOptions;

  /**
   * How the Job is replaced when its spec changes (the pod template is immutable): a content-hashed
   * name, an Argo CD or Helm hook, or Flux force. See the README's "Updating Jobs" section.
   * @default UpdateStrategy.fixedName() - a fixed name: re-applying a changed Job fails with "field is immutable"
   */
  readonly updateStrategy?: UpdateStrategy;
}

/** A native sidecar: an init container that runs for the whole pod and is stopped when the main containers exit. */
export interface SidecarProps extends kplus.ContainerProps {}

/**
 * A Kubernetes Job with production defaults: a required deadline, few retries, disruptions that
 * do not use up retries, a TTL, explicit resource requests, Pod Security "restricted".
 *
 * ```ts
 * new ProductionJob(chart, 'migrate', {
 *   activeDeadline: Duration.minutes(15),
 *   containers: [{ image: 'registry.example.com/app:1.4.2', command: ['migrate'],
 *     resources: { cpu: { request: Cpu.millis(200) }, memory: { request: Size.mebibytes(256) } } }],
 * });
 * ```
 */
export class ProductionJob extends kplus.Job {
  /** The Kubernetes version the manifest targets. */
  public readonly targetVersion: KubernetesVersion;

  /** The Job `ApiObject`, for escape hatches, validation and alerts. */
  public readonly resource: ApiObject;

  /** The PrometheusRule generator for this Job. */
  public get alerts(): BatchAlerts {
    return this.policy.batchAlerts();
  }

  /** @internal */
  protected readonly _options: ResolvedJobOptions;
  private readonly policy: ProductionPodPolicy;

  constructor(scope: Construct, id: string, props: ProductionJobProps) {
    const path = childPath(scope, id);
    // Subclasses check their own props interface (it has more keys) and pass clean props here.
    const checked = new.target === ProductionJob
      ? checkProps(path, 'ProductionJobProps', props, PRODUCTION_JOB)
      : { props: props ?? ({} as ProductionJobProps), problems: [] };
    const p = checked.props;
    const problems: ConfigErrorDetails[] = [...checked.problems];
    // IndexedShardJob passes backoffLimitPerIndex, which changes the backoffLimit default and allows FailIndex.
    const perIndex = (p as { backoffLimitPerIndex?: number }).backoffLimitPerIndex;
    const { resolved, problems: optionProblems } = resolveJobOptions(path, '', p, { backoffLimitPerIndex: perIndex }, problems);
    append(problems, optionProblems);
    const ttl = checkTtl(path, 'ttlAfterFinished', p.ttlAfterFinished);
    append(problems, ttl);
    const grace = wholeSecondsProblems(path, 'terminationGracePeriod', p.terminationGracePeriod);
    append(problems, grace);
    if (p.restartPolicy !== undefined && p.restartPolicy !== kplus.RestartPolicy.NEVER) {
      problems.push({ path, field: 'restartPolicy', value: p.restartPolicy, problem: 'must be Never for a production Job (Always is rejected by the API server for Jobs; OnFailure restarts in place, hiding failures from backoffLimit and the pod failure policy)', fix: 'remove restartPolicy' });
    }

    // Containers are added after super() so that the production checks and defaults apply to them.
    // Bad values were left out above, so the construct is still built: later constructs get checked too.
    super(scope, id, copyWith(p, {
      containers: undefined,
      initContainers: undefined,
      restartPolicy: kplus.RestartPolicy.NEVER,
      terminationGracePeriod: grace.length === 0 ? p.terminationGracePeriod : undefined,
      automountServiceAccountToken: p.automountServiceAccountToken ?? false,
      activeDeadline: resolved.activeDeadlineSeconds !== undefined ? p.activeDeadline : undefined,
      backoffLimit: resolved.backoffLimit,
      ttlAfterFinished: ttl.length === 0 ? p.ttlAfterFinished ?? Duration.days(1) : Duration.days(1),
    }));
    recordProblems(this, problems);
    this._options = resolved;
    this.targetVersion = resolved.targetVersion;
    this.resource = this.apiObject;
    const tmp = resolved.writableTmp ? writableTmpVolume() : undefined;
    this.policy = new ProductionPodPolicy(this, this.targetVersion, '', tmp);
    recordProblems(this, workloadNameProblems(path, 'Job', this.name));
    for (const c of p.initContainers ?? []) this.addInitContainer(c);
    for (const c of p.containers ?? []) this.addContainer(c);
    this.policy.attach(this.apiObject, 'spec.', jobSpecOfManifest, p.alerts, p.nonRetryableExitCodesContainer);
    recordProblems(this, applyUpdateStrategy(this.apiObject, p.updateStrategy, path, { alertRule: this.policy.alertRule() }));
  }

  /** Adds a container with the production checks (image, cpu/memory requests) and defaults. */
  public addContainer(container: kplus.ContainerProps): kplus.Container {
    return super.addContainer(this.policy.container(container));
  }

  /** Adds an init container with the production checks and defaults. */
  public addInitContainer(container: kplus.ContainerProps): kplus.Container {
    return super.addInitContainer(this.policy.initContainer(container));
  }

  /**
   * Adds a native sidecar (an init container with `restartPolicy: Always`): it starts before the
   * main containers and is stopped when they exit, so the Job completes. A sidecar added as a
   * regular container keeps running and the Job never completes. Needs Kubernetes 1.29+.
   */
  public addSidecar(sidecar: SidecarProps): kplus.Container {
    return this.addInitContainer(this.policy.sidecar(sidecar));
  }

  /**
   * Sets environment variable `name` on a container from a Secret key, by reference: the value
   * never appears in the manifest.
   * @param container the container's name; the first container when omitted
   */
  public addSecretEnv(name: string, secret: kplus.ISecret, key: string, container?: string): void {
    this.policy.secretEnv(name, secret, key, container);
  }

  /** @internal */
  public _toKube(): any {
    // cdk8s-plus throws for a pod without containers (wrapped in "Failed serializing"): an empty pod
    // is rendered instead, and the rendered-spec check reports the missing container.
    const spec = this.containers.length > 0 ? super._toKube() : { template: { spec: { containers: [], restartPolicy: 'Never' } } };
    return this._finishSpec(finishJobSpec(spec, this._options));
  }

  /**
   * Hook for subclasses to add to the rendered Job spec.
   * @internal
   */
  protected _finishSpec(spec: any): any {
    return spec;
  }


}

/** The construct path a child with this id will get (for errors raised before it exists). */
export function childPath(scope: Construct, id: string): string {
  return scope.node.path ? `${scope.node.path}/${id}` : id;
}

/** TTL must be a whole number of seconds ≥ 0. */
export function checkTtl(path: string, field: string, ttl: Duration | undefined): ConfigErrorDetails[] {
  if (ttl === undefined) return [];
  let seconds = NaN;
  try {
    seconds = ttl.toSeconds();
  } catch { /* fractional seconds */ }
  return Number.isInteger(seconds) && seconds >= 0 ? [] : [{ path, field, value: seconds, problem: 'must be a whole number of seconds from 0', fix: 'use e.g. Duration.days(1)' }];
}

/** The Job spec in a rendered Job (a module function: a closure made in the constructor would keep its context alive). */
function jobSpecOfManifest(manifest: any): any {
  return manifest.spec;
}
