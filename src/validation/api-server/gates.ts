/**
 * Feature gates that change what the API server does with a batch object on create, with the
 * first minor version in which each is on by default (beta-on or GA; pkg/features/kube_features.go).
 * With a gate off, the server drops the gated fields before validating, so they are silently lost.
 */
export const FEATURE_GATES = {
  JobBackoffLimitPerIndex: { onSince: 29, fields: 'backoffLimitPerIndex, maxFailedIndexes, the FailIndex action' },
  JobPodReplacementPolicy: { onSince: 29, fields: 'podReplacementPolicy' },
  JobSuccessPolicy: { onSince: 31, fields: 'successPolicy' },
  JobManagedBy: { onSince: 32, fields: 'managedBy' },
  SidecarContainers: { onSince: 29, fields: 'restartPolicy: Always on init containers (native sidecars)' },
  ContainerRestartRules: { onSince: 35, fields: 'container-level restartPolicy other than a sidecar\'s Always, restartPolicyRules' },
  RelaxedEnvironmentVariableValidation: { onSince: 32, fields: 'environment variable names with any printable ASCII but "="' },
  RelaxedDNSSearchValidation: { onSince: 33, fields: 'dnsConfig.searches with "_" and a lone "."' },
  PodLifecycleSleepAction: { onSince: 30, fields: 'lifecycle sleep handlers' },
  PodLifecycleSleepActionAllowZero: { onSince: 33, fields: 'sleep handlers of 0 seconds' },
  PodLevelResources: { onSince: 34, fields: 'spec.resources on the pod template' },
  InPlacePodVerticalScaling: { onSince: 33, fields: 'resizePolicy' },
  RecursiveReadOnlyMounts: { onSince: 31, fields: 'volumeMounts[].recursiveReadOnly' },
  SupplementalGroupsPolicy: { onSince: 33, fields: 'securityContext.supplementalGroupsPolicy' },
  ProcMountType: { onSince: 33, fields: 'securityContext.procMount' },
  DynamicResourceAllocation: { onSince: 34, fields: 'resourceClaims and resources.claims' },
  ImageVolume: { onSince: 35, fields: 'image volumes' },
  AppArmorFields: { onSince: 30, fields: 'securityContext.appArmorProfile' },
  UserNamespacesSupport: { onSince: 33, fields: 'hostUsers' },
  SELinuxChangePolicy: { onSince: 33, fields: 'securityContext.seLinuxChangePolicy' },
  MatchLabelKeysInPodAffinity: { onSince: 31, fields: 'matchLabelKeys and mismatchLabelKeys in pod (anti-)affinity terms' },
  HostnameOverride: { onSince: 35, fields: 'hostnameOverride' },
  EnvFiles: { onSince: 35, fields: 'env valueFrom.fileKeyRef' },
  // Alpha (or beta and off) in every version this library knows.
  ContainerStopSignals: { onSince: undefined, fields: 'lifecycle.stopSignal' },
  SELinuxMount: { onSince: undefined, fields: 'seLinuxChangePolicy: MountOption' },
  ClusterTrustBundleProjection: { onSince: undefined, fields: 'clusterTrustBundle projected volume sources' },
  PodCertificateRequest: { onSince: undefined, fields: 'podCertificate projected volume sources' },
} as const;

export type FeatureGate = keyof typeof FEATURE_GATES;

/** The default gates of one Kubernetes minor version. */
export class FeatureGates {
  constructor(public readonly minor: number) {}

  public enabled(gate: FeatureGate): boolean {
    const onSince: number | undefined = FEATURE_GATES[gate].onSince;
    return onSince !== undefined && this.minor >= onSince;
  }
}
