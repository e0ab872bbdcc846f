import { BatchConfigError } from './errors';
import { KubernetesVersion } from './k8s-version';

/**
 * Batch API fields newer than 1.28, with the minor version in which each is usable on a default
 * cluster (beta and on by default, or GA). Before that the API server drops the field silently,
 * which is worse than rejecting it: the safety it was meant to add is not there.
 */
export interface BatchFeature {
  /** Human name used in messages. */
  readonly name: string;
  /** Field path as users see it in a Job manifest. */
  readonly field: string;
  /** First minor version where the field is on by default. */
  readonly sinceMinor: number;
  /** What happened in that version (for the message). */
  readonly stage: string;
}

export const BATCH_FEATURES = {
  podFailurePolicy: { name: 'Pod failure policy', field: 'spec.podFailurePolicy', sinceMinor: 26, stage: 'beta, on by default, in 1.26; GA in 1.31' },
  backoffLimitPerIndex: { name: 'Backoff limit per index', field: 'spec.backoffLimitPerIndex', sinceMinor: 29, stage: 'beta, on by default, in 1.29; GA in 1.33' },
  maxFailedIndexes: { name: 'Max failed indexes', field: 'spec.maxFailedIndexes', sinceMinor: 29, stage: 'beta, on by default, in 1.29; GA in 1.33' },
  failIndexAction: { name: 'FailIndex pod failure policy action', field: 'spec.podFailurePolicy.rules[].action: FailIndex', sinceMinor: 29, stage: 'beta, on by default, in 1.29; GA in 1.33' },
  podReplacementPolicy: { name: 'Pod replacement policy', field: 'spec.podReplacementPolicy', sinceMinor: 29, stage: 'beta, on by default, in 1.29; GA in 1.34' },
  nativeSidecars: { name: 'Native sidecar containers', field: 'spec.template.spec.initContainers[].restartPolicy: Always', sinceMinor: 29, stage: 'beta, on by default, in 1.29; GA in 1.33' },
  successPolicy: { name: 'Job success policy', field: 'spec.successPolicy', sinceMinor: 31, stage: 'beta, on by default, in 1.31; GA in 1.33' },
  managedBy: { name: 'Job managedBy', field: 'spec.managedBy', sinceMinor: 32, stage: 'beta, on by default, in 1.32; GA in 1.35' },
} as const satisfies Record<string, BatchFeature>;

export type BatchFeatureKey = keyof typeof BATCH_FEATURES;

/** True when `feature` can be used on a cluster of version `target`. */
export function supportsFeature(target: KubernetesVersion, feature: BatchFeatureKey): boolean {
  return target.minor >= BATCH_FEATURES[feature].sinceMinor;
}

/** Message for a field the target version lacks; shared by constructs and validation rules. */
export function featureProblem(target: KubernetesVersion, feature: BatchFeatureKey): { problem: string; fix: string } {
  const f = BATCH_FEATURES[feature];
  return {
    problem: `needs Kubernetes 1.${f.sinceMinor} or newer (${f.name}: ${f.stage}), but the target version is ${target.name}`,
    fix: `raise targetVersion to "1.${f.sinceMinor}" or later if your cluster runs it, or stop using ${f.field}`,
  };
}

/** Throws a clear error when `feature` is not available on `target`. */
export function requireFeature(target: KubernetesVersion, feature: BatchFeatureKey, path: string, field?: string): void {
  if (supportsFeature(target, feature)) return;
  throw new BatchConfigError({ path, field: field ?? BATCH_FEATURES[feature].field, ...featureProblem(target, feature) });
}
