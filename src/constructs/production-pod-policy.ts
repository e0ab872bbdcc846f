import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { hardenContainerProps, renderedSpecProblems } from './job-template';
import { checkAlertNames, checkContainerProps } from './props-check';
import { AlertOptions, BatchAlerts } from '../alerts/batch-alerts';
import { checkBatchAlertsProps } from '../alerts/batch-alerts-props';
import { append } from '../util/append';
import { copyWith } from '../util/copy-with';
import { BatchConfigError, ConfigErrorDetails } from '../util/errors';
import { featureProblem, supportsFeature } from '../util/features';
import { KubernetesVersion } from '../util/k8s-version';
import { BatchValidation, BatchValidationOptions, deferCheck, recordProblems } from '../validation/batch-validation';
import { renderedForChecks } from '../validation/rendered';

/** `onExitCodes.containerName` must name a container of the pod: the API server rejects the Job otherwise. */
export function exitCodeContainerProblems(path: string, jobSpecPath: string, spec: any,
  exitCodesContainer: string | undefined): ConfigErrorDetails[] {
  const pod = spec?.template?.spec ?? {};
  const names = [...(pod.containers ?? []), ...(pod.initContainers ?? [])].map((c: any) => c.name);
  const problems: ConfigErrorDetails[] = [];
  (spec?.podFailurePolicy?.rules ?? []).forEach((rule: any, i: number) => {
    const name = rule.onExitCodes?.containerName;
    if (name === undefined || names.includes(name)) return;
    const fromOption = name === exitCodesContainer;
    problems.push({
      path,
      field: fromOption ? 'nonRetryableExitCodesContainer' : `podFailurePolicy (${jobSpecPath}podFailurePolicy.rules[${i}].onExitCodes.containerName)`,
      value: name,
      problem: 'must name a container of the pod (the API server rejects the Job otherwise)',
      fix: names.length > 0 ? `use one of ${names.map((n: string) => JSON.stringify(n)).join(', ')}` : 'add the container first',
    });
  });
  return problems;
}

/** What a workload attaches (see `ProductionPodPolicy.attach`). */
interface AttachedWorkload {
  readonly resource: ApiObject;
  readonly jobSpecPath: string;
  readonly jobSpecOf: (manifest: any) => any;
  readonly exitCodesContainer?: string;
}

/** The lint options of a workload per target version, shared by the workloads that target it. */
const LINT_OPTIONS = new Map<KubernetesVersion, BatchValidationOptions>();
function lintOptions(targetVersion: KubernetesVersion): BatchValidationOptions {
  let options = LINT_OPTIONS.get(targetVersion);
  if (!options) LINT_OPTIONS.set(targetVersion, options = Object.freeze({ targetVersion }));
  return options;
}

/**
 * The production rules for a workload's containers and synth-time checks, shared by
 * ProductionJob and ProductionCronJob (which extend different cdk8s-plus classes).
 */
export class ProductionPodPolicy {
  /** The workload's alerts, once made. */
  private alerts?: BatchAlerts;
  /** Disabled alerts whose BatchAlerts is not made yet: the options it will be made with. */
  private disabledAlertOptions?: AlertOptions;
  /** What `attach` gave, for the rendered-spec checks at synth. */
  private attached?: AttachedWorkload;

  /** The workload's construct path, computed once (constructs walks the scopes on every read). */
  private workloadPath?: string;

  constructor(
    private readonly workload: kplus.AbstractPod,
    private readonly targetVersion: KubernetesVersion,
    /** Prefix of container fields in messages: "" for a Job, "jobTemplate." for a CronJob. */
    private readonly fieldPrefix: string,
    private readonly tmpVolume: kplus.Volume | undefined,
  ) {}

  /** A regular container, checked and with the production defaults. */
  public container(container: kplus.ContainerProps): kplus.ContainerProps {
    return this.harden('containers', container);
  }

  /** An init container; `restartPolicy: Always` (a native sidecar) needs Kubernetes 1.29+. */
  public initContainer(container: kplus.ContainerProps): kplus.ContainerProps {
    if (container?.restartPolicy === kplus.ContainerRestartPolicy.ALWAYS) this.requireSidecars(container.name);
    return this.harden('initContainers', container);
  }

  /** A native sidecar: an init container with `restartPolicy: Always`. */
  public sidecar(sidecar: kplus.ContainerProps): kplus.ContainerProps {
    this.requireSidecars(sidecar?.name);
    return copyWith(sidecar, { restartPolicy: kplus.ContainerRestartPolicy.ALWAYS });
  }

  /** Sets env var `name` from a Secret key on a container (by name, or the first one). */
  public secretEnv(name: string, secret: kplus.ISecret, key: string, container?: string): void {
    const found = container === undefined ? this.workload.containers[0] : this.workload.containers.find((c) => c.name === container);
    if (!found) {
      recordProblems(this.workload, [{
        path: this.path,
        field: 'containers',
        value: container ?? '(first container)',
        problem: `has no such container for addSecretEnv(${JSON.stringify(name)})`,
        fix: 'add the container first, or pass the name of an existing container',
      }]);
      return;
    }
    found.env.addVariable(name, kplus.EnvValue.fromSecretValue({ secret, key }));
  }

  private get path(): string {
    this.workloadPath ??= this.workload.node.path;
    return this.workloadPath;
  }

  /**
   * Attaches what every production workload gets: the rendered-spec checks (for things added
   * after construction), its PrometheusRule, and the validation rules.
   */
  public attach(resource: ApiObject, jobSpecPath: string, jobSpecOf: (manifest: any) => any, alerts: AlertOptions | undefined,
    exitCodesContainer?: string): void {
    // The policy is the deferred check itself: no closure (and its context) kept per workload.
    this.attached = { resource, jobSpecPath, jobSpecOf, exitCodesContainer };
    deferCheck(this.workload, this);
    this.attachAlerts(resource, alerts);
    BatchValidation.of(this.workload, lintOptions(this.targetVersion));
  }

  /** The rendered-spec checks (for things added after construction), run at synth. */
  public deferredProblems(): ConfigErrorDetails[] {
    const { resource, jobSpecPath, jobSpecOf, exitCodesContainer } = this.attached!;
    const path = this.path;
    const spec = jobSpecOf(renderedForChecks(resource));
    const problems = renderedSpecProblems(path, jobSpecPath, spec);
    append(problems, exitCodeContainerProblems(path, jobSpecPath, spec, exitCodesContainer));
    return problems;
  }

  /** The workload's `BatchAlerts` (made now if the alerts are disabled and nobody asked for it yet). */
  public batchAlerts(): BatchAlerts {
    if (!this.alerts) {
      this.alerts = new BatchAlerts(this.workload, 'alerts', copyWith(this.disabledAlertOptions, { target: this.attached!.resource }));
      this.disabledAlertOptions = undefined;
    }
    return this.alerts;
  }

  /** The workload's PrometheusRule, if its alerts are rendered (without making a BatchAlerts for disabled ones). */
  public alertRule(): ApiObject | undefined {
    return this.alerts?.rule;
  }

  /**
   * The workload's alerts; bad alert options are recorded and the alerts left out, so construction
   * goes on. Disabled alerts are checked now but their (empty) BatchAlerts is made only when asked
   * for: a construct per workload that renders nothing was most of what alerts off added to memory.
   */
  private attachAlerts(resource: ApiObject, alerts: AlertOptions | undefined): void {
    const problems = alerts ? checkAlertNames(this.path, 'alerts', alerts) : [];
    try {
      if (problems.length === 0 && alerts?.enabled === false) {
        checkBatchAlertsProps(`${this.path}/alerts`, copyWith(alerts, { target: resource }));
        this.disabledAlertOptions = alerts;
        return;
      }
      if (problems.length === 0) {
        this.alerts = new BatchAlerts(this.workload, 'alerts', copyWith(alerts, { target: resource }));
        return;
      }
    } catch (e) {
      if (!(e instanceof BatchConfigError)) throw e;
      append(problems, e.problems);
    }
    recordProblems(this.workload, problems);
    this.alerts = new BatchAlerts(this.workload, 'alerts-not-rendered', { enabled: false, target: resource });
  }

  private requireSidecars(name: string | undefined): void {
    if (supportsFeature(this.targetVersion, 'nativeSidecars')) return;
    recordProblems(this.workload, [{ path: this.path, field: `initContainers[${name ?? 'main'}].restartPolicy`, ...featureProblem(this.targetVersion, 'nativeSidecars') }]);
  }

  private harden(group: string, container: kplus.ContainerProps): kplus.ContainerProps {
    const path = this.path;
    const field = `${this.fieldPrefix}${group}`;
    const checked = checkContainerProps(path, `${field}[${container?.name ?? 'main'}]`, container ?? ({} as kplus.ContainerProps));
    const { props, problems } = hardenContainerProps(path, field, checked.props, this.tmpVolume);
    append(checked.problems, problems);
    recordProblems(this.workload, checked.problems);
    return props;
  }
}
