import { Construct } from 'constructs';
import { ProductionJob, ProductionJobProps, childPath } from './production-job';
import { checkProps, SPOT_TOLERANT_JOB } from './props-check';
import { ConfigErrorDetails } from '../util/errors';
import { dns1123Subdomain } from '../validation/api-server/names';
import { deferCheck, recordProblems } from '../validation/batch-validation';
import { renderedForChecks } from '../validation/rendered';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function normalizeMountPath(p: string): string {
  return String(p).replace(/\/+/g, '/').replace(/(.)\/$/, '$1');
}


/** How a cloud marks spot / preemptible nodes: a node label to select and an optional taint to tolerate. */
export class SpotProvider {
  /** Karpenter (AWS and others): label `karpenter.sh/capacity-type=spot`. */
  public static readonly KARPENTER = new SpotProvider('karpenter.sh/capacity-type', 'spot');
  /** EKS managed node groups: label `eks.amazonaws.com/capacityType=SPOT`. */
  public static readonly EKS = new SpotProvider('eks.amazonaws.com/capacityType', 'SPOT');
  /** GKE Spot VMs: label and taint `cloud.google.com/gke-spot=true:NoSchedule`. */
  public static readonly GKE = new SpotProvider('cloud.google.com/gke-spot', 'true', 'NoSchedule');
  /** GKE preemptible VMs (legacy): label and taint `cloud.google.com/gke-preemptible=true:NoSchedule`. */
  public static readonly GKE_PREEMPTIBLE = new SpotProvider('cloud.google.com/gke-preemptible', 'true', 'NoSchedule');
  /** AKS spot node pools: label and taint `kubernetes.azure.com/scalesetpriority=spot:NoSchedule`. */
  public static readonly AKS = new SpotProvider('kubernetes.azure.com/scalesetpriority', 'spot', 'NoSchedule');

  /** Any other label/taint convention. */
  public static custom(labelKey: string, labelValue: string, taintEffect?: string): SpotProvider {
    return new SpotProvider(labelKey, labelValue, taintEffect);
  }

  private constructor(
    /** Node label key. */
    public readonly labelKey: string,
    /** Node label value. */
    public readonly labelValue: string,
    /** If set, the nodes carry a taint with the same key/value and this effect, which the pods tolerate. */
    public readonly taintEffect?: string,
  ) {}
}

/** Checkpointing for work that spot reclaims can interrupt. */
export interface CheckpointOptions {
  /** PersistentVolumeClaim holding checkpoints (must outlive pods: not an emptyDir). */
  readonly claimName: string;
  /**
   * Where it is mounted; also exported to the containers as `CHECKPOINT_DIR`.
   * @default "/checkpoint"
   */
  readonly mountPath?: string;
}

/** Properties of a `SpotTolerantJob`. */
export interface SpotTolerantJobProps extends ProductionJobProps {
  /** The spot node convention of your cluster. */
  readonly spot: SpotProvider;

  /**
   * Require spot nodes (`true`) or only prefer them (`false`, falls back to on-demand capacity).
   * @default true
   */
  readonly requireSpot?: boolean;

  /**
   * Resume from checkpoints after a reclaim instead of starting over.
   * @default - no checkpoint volume
   */
  readonly checkpoint?: CheckpointOptions;
}

/**
 * A Job for spot / preemptible nodes: node affinity and toleration for the provider's spot
 * nodes, and a pod failure policy that ignores `DisruptionTarget`, so a reclaimed node does not
 * use up `backoffLimit` (the pod is simply recreated). Give long work a `checkpoint` so a
 * recreated pod resumes instead of starting over.
 */
export class SpotTolerantJob extends ProductionJob {
  /** The spot convention used. */
  public readonly spot: SpotProvider;

  private readonly requireSpot: boolean;
  private readonly checkpoint?: CheckpointOptions;

  constructor(scope: Construct, id: string, props: SpotTolerantJobProps) {
    const path = childPath(scope, id);
    const checked = new.target === SpotTolerantJob
      ? checkProps(path, 'SpotTolerantJobProps', props, SPOT_TOLERANT_JOB)
      : { props: props ?? ({} as SpotTolerantJobProps), problems: [] };
    const p = checked.props;
    const problems: ConfigErrorDetails[] = [...checked.problems];
    if (!(p.spot instanceof SpotProvider)) {
      problems.push({ path, field: 'spot', value: p.spot, problem: p.spot === undefined ? 'is required' : 'must be a SpotProvider', fix: 'pass spot: SpotProvider.KARPENTER (or EKS, GKE, AKS, SpotProvider.custom(...))' });
    }
    if (p.ignoreDisruptions === false) {
      problems.push({ path, field: 'ignoreDisruptions', value: false, problem: 'must stay true on spot nodes: every reclaim would use up backoffLimit and fail the Job', fix: 'remove ignoreDisruptions' });
    }
    const claimOk = !p.checkpoint || dns1123Subdomain(p.checkpoint.claimName ?? '').length === 0;
    if (!claimOk) {
      problems.push({ path, field: 'checkpoint.claimName', value: p.checkpoint!.claimName, problem: 'must be a PersistentVolumeClaim name (DNS-1123 subdomain)', fix: 'pass the name of an existing PVC' });
    }
    const mountPath = p.checkpoint?.mountPath;
    const mountOk = mountPath === undefined || (typeof mountPath === 'string' && /^\/[^:]*$/.test(mountPath) && mountPath.replace(/\/+$/, '') !== '');
    if (!mountOk) {
      problems.push({ path, field: 'checkpoint.mountPath', value: mountPath, problem: 'must be an absolute path other than "/" (without ":")', fix: 'use e.g. "/checkpoint" (the default)' });
    }
    if (p.spot instanceof SpotProvider && p.spot.taintEffect !== undefined && !TAINT_EFFECTS.includes(p.spot.taintEffect)) {
      problems.push({ path, field: 'spot.taintEffect', value: p.spot.taintEffect, problem: `must be a taint effect (${TAINT_EFFECTS.join(', ')})`, fix: 'pass the effect of the spot nodes\' taint to SpotProvider.custom(), e.g. "NoSchedule", or none' });
    }
    super(scope, id, { ...p, ignoreDisruptions: undefined });
    recordProblems(this, problems);
    this.spot = p.spot instanceof SpotProvider ? p.spot : SpotProvider.KARPENTER;
    this.requireSpot = p.requireSpot ?? true;
    this.checkpoint = claimOk && mountOk ? p.checkpoint : undefined;
    // The checkpoint mount must not share its path with /tmp or a container's own mount.
    const checkpointPath = this.checkpoint ? normalizeMountPath(this.checkpoint.mountPath ?? '/checkpoint') : undefined;
    if (checkpointPath) {
      deferCheck(this, () => {
        const pod = renderedForChecks(this.apiObject)?.spec?.template?.spec ?? {};
        const clashes = (pod.containers ?? []).flatMap((c: any) => (c.volumeMounts ?? [])
          .filter((m: any) => m.name !== 'checkpoint' && normalizeMountPath(m.mountPath) === checkpointPath)
          .map((m: any) => `${c.name}: ${m.name}`));
        return clashes.length === 0 ? [] : [{
          path,
          field: 'checkpoint.mountPath',
          value: this.checkpoint!.mountPath ?? '/checkpoint',
          problem: `collides with another volume mounted at the same path (${clashes.join(', ')})`,
          fix: 'mount the checkpoint somewhere else, e.g. "/checkpoint" (the default)',
        }];
      });
    }
  }

  /** @internal */
  protected _finishSpec(spec: any): any {
    const pod = withSpotScheduling(spec.template.spec, this.spot, this.requireSpot);
    if (this.checkpoint) {
      const mountPath = this.checkpoint.mountPath ?? '/checkpoint';
      pod.volumes = [...(pod.volumes ?? []), { name: 'checkpoint', persistentVolumeClaim: { claimName: this.checkpoint.claimName } }];
      pod.containers = (pod.containers ?? []).map((c: any) => ({
        ...c,
        volumeMounts: [...(c.volumeMounts ?? []), { name: 'checkpoint', mountPath }],
        env: [...(c.env ?? []), { name: 'CHECKPOINT_DIR', value: mountPath }],
      }));
    }
    return { ...spec, template: { ...spec.template, spec: pod } };
  }
}

/** Adds the provider's node affinity (required or preferred) and toleration to a rendered pod spec. */
export function withSpotScheduling(podSpec: any, spot: SpotProvider, requireSpot: boolean): any {
  const pod = { ...podSpec };
  const term = { matchExpressions: [{ key: spot.labelKey, operator: 'In', values: [spot.labelValue] }] };
  const nodeAffinity = { ...(pod.affinity?.nodeAffinity ?? {}) };
  if (requireSpot) {
    const existing = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [];
    nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
      nodeSelectorTerms: existing.length === 0
        ? [term]
        : existing.map((t: any) => ({ ...t, matchExpressions: [...(t.matchExpressions ?? []), ...term.matchExpressions] })),
    };
  } else {
    nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution = [
      ...(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution ?? []), { weight: 100, preference: term },
    ];
  }
  pod.affinity = { ...(pod.affinity ?? {}), nodeAffinity };
  if (spot.taintEffect) {
    pod.tolerations = [...(pod.tolerations ?? []), { key: spot.labelKey, operator: 'Equal', value: spot.labelValue, effect: spot.taintEffect }];
  }
  return pod;
}
