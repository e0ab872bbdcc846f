import { ApiObject } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { hardenContainerProps, renderedSpecProblems } from './job-template';
import { AlertOptions, BatchAlerts } from '../alerts/batch-alerts';
import { BatchConfigError, throwIfProblems } from '../util/errors';
import { requireFeature } from '../util/features';
import { KubernetesVersion } from '../util/k8s-version';
import { BatchValidation } from '../validation/batch-validation';
import { renderedForChecks } from '../validation/rendered';

/**
 * The production rules for a workload's containers and synth-time checks, shared by
 * ProductionJob and ProductionCronJob (which extend different cdk8s-plus classes).
 */
export class ProductionPodPolicy {
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
    return { ...sidecar, restartPolicy: kplus.ContainerRestartPolicy.ALWAYS };
  }

  /** Sets env var `name` from a Secret key on a container (by name, or the first one). */
  public secretEnv(name: string, secret: kplus.ISecret, key: string, container?: string): void {
    const found = container === undefined ? this.workload.containers[0] : this.workload.containers.find((c) => c.name === container);
    if (!found) {
      throw new BatchConfigError({
        path: this.workload.node.path,
        field: 'containers',
        value: container ?? '(first container)',
        problem: 'has no such container for addSecretEnv',
        fix: 'add the container first, or pass the name of an existing container',
      });
    }
    found.env.addVariable(name, kplus.EnvValue.fromSecretValue({ secret, key }));
  }

  /**
   * Attaches what every production workload gets: the rendered-spec checks (for things added
   * after construction), its PrometheusRule, and the validation rules.
   */
  public attach(resource: ApiObject, jobSpecPath: string, jobSpecOf: (manifest: any) => any, alerts: AlertOptions | undefined): BatchAlerts {
    this.workload.node.addValidation({
      validate: () => {
        throwIfProblems(renderedSpecProblems(this.workload.node.path, jobSpecPath, jobSpecOf(renderedForChecks(resource))));
        return [];
      },
    });
    const batchAlerts = new BatchAlerts(this.workload, 'alerts', { ...alerts, target: resource });
    BatchValidation.of(this.workload, { targetVersion: this.targetVersion });
    return batchAlerts;
  }

  private requireSidecars(name: string | undefined): void {
    requireFeature(this.targetVersion, 'nativeSidecars', this.workload.node.path, `initContainers[${name ?? 'main'}].restartPolicy`);
  }

  private harden(group: string, container: kplus.ContainerProps): kplus.ContainerProps {
    const { props, problems } = hardenContainerProps(this.workload.node.path, `${this.fieldPrefix}${group}`, container ?? ({} as kplus.ContainerProps), this.tmpVolume);
    throwIfProblems(problems);
    return props!;
  }
}
