import { BatchConfigError } from './errors';

/** Oldest and newest Kubernetes minor versions the library knows the batch API of. */
export const MIN_SUPPORTED_MINOR = 28;
export const MAX_SUPPORTED_MINOR = 37;

/**
 * The Kubernetes version a manifest is meant for: validation reproduces that version's API server
 * with its default feature gates (what it rejects, and which fields it drops silently).
 */
export class KubernetesVersion {
  public static readonly V1_28 = new KubernetesVersion(28);
  public static readonly V1_29 = new KubernetesVersion(29);
  public static readonly V1_30 = new KubernetesVersion(30);
  public static readonly V1_31 = new KubernetesVersion(31);
  public static readonly V1_32 = new KubernetesVersion(32);
  public static readonly V1_33 = new KubernetesVersion(33);
  public static readonly V1_34 = new KubernetesVersion(34);
  public static readonly V1_35 = new KubernetesVersion(35);
  public static readonly V1_36 = new KubernetesVersion(36);
  public static readonly V1_37 = new KubernetesVersion(37);

  /**
   * The default target: 1.34, the oldest minor still in standard support on the big managed
   * services (EKS, GKE, AKS) at the end of 2026. What validates for it is accepted by 1.34 and
   * every newer minor; pass the version your cluster runs to check exactly that.
   */
  public static readonly DEFAULT = KubernetesVersion.V1_34;

  /**
   * Parses `1.31`, `v1.31` or `1.31.4`.
   * @throws if the text is not a 1.x version the library knows (1.28 to 1.37).
   */
  public static of(version: string): KubernetesVersion {
    const match = /^v?1\.(\d{1,3})(\.\d+)?$/.exec(version.trim());
    const minor = match ? Number(match[1]) : NaN;
    if (!match || minor < MIN_SUPPORTED_MINOR || minor > MAX_SUPPORTED_MINOR) {
      throw new BatchConfigError({
        path: 'cdk8s-batch',
        field: 'targetVersion',
        value: version,
        problem: `must be a Kubernetes version from 1.${MIN_SUPPORTED_MINOR} to 1.${MAX_SUPPORTED_MINOR}`,
        fix: 'pass the minor version your cluster runs, e.g. "1.31" (see `kubectl version`)',
      });
    }
    return KubernetesVersion.ALL[minor - MIN_SUPPORTED_MINOR];
  }

  /** Every supported version, oldest first. */
  public static get all(): KubernetesVersion[] {
    return [...KubernetesVersion.ALL];
  }

  private static readonly ALL: KubernetesVersion[] = [
    KubernetesVersion.V1_28, KubernetesVersion.V1_29, KubernetesVersion.V1_30, KubernetesVersion.V1_31, KubernetesVersion.V1_32,
    KubernetesVersion.V1_33, KubernetesVersion.V1_34, KubernetesVersion.V1_35, KubernetesVersion.V1_36, KubernetesVersion.V1_37,
  ];

  /** The minor version number, e.g. 31 for 1.31. */
  public readonly minor: number;

  private constructor(minor: number) {
    this.minor = minor;
  }

  /** `1.31` */
  public get name(): string {
    return `1.${this.minor}`;
  }

  /** True when this version is the same as or newer than `other`. */
  public isAtLeast(other: KubernetesVersion): boolean {
    return this.minor >= other.minor;
  }

  public toString(): string {
    return this.name;
  }
}
