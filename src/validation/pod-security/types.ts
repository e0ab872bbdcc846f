/** Pod Security Standards levels that restrict anything (`privileged` restricts nothing). */
export type PodSecurityLevel = 'baseline' | 'restricted';

/** A pod template as it appears in a Job or CronJob: annotations in `metadata`, the pod in `spec`. */
export interface PodTemplateLike {
  readonly metadata?: any;
  readonly spec?: any;
}

/** One Pod Security check that a pod fails, as Pod Security Admission would report it. */
export interface PodSecurityCheckFailure {
  /** The check id used by Pod Security Admission, e.g. `hostNamespaces`, `capabilities_restricted`. */
  readonly check: string;
  /** The level the check belongs to (a `baseline` check also applies under `restricted`). */
  readonly level: PodSecurityLevel;
  /**
   * Every offending field, relative to the pod template: `spec.containers[0].securityContext.privileged`,
   * `metadata.annotations["container.apparmor.security.beta.kubernetes.io/main"]`. Never empty.
   */
  readonly paths: string[];
  readonly message: string;
  readonly fix: string;
}

/** What a check function returns when the pod fails it. */
export interface CheckProblem {
  readonly paths: string[];
  readonly message: string;
  readonly fix: string;
}

/** A container with its place in the template. */
export interface ContainerRef {
  /** The container object ({} when the entry is not an object). */
  readonly c: any;
  /** `spec.containers[0]`, `spec.initContainers[1]`, `spec.ephemeralContainers[0]`. */
  readonly path: string;
  /** Its name, or its path when it has none. */
  readonly label: string;
}

/** A pod template prepared for the checks: safe accessors over untrusted YAML. */
export interface PodView {
  readonly annotations: Record<string, any>;
  readonly spec: any;
  /** spec.securityContext, or {}. */
  readonly podSc: any;
  /** Init containers, then containers, then ephemeral containers (the order PSA visits them). */
  readonly containers: ContainerRef[];
}

export type CheckFn = (pod: PodView) => CheckProblem | undefined;

/** One revision of a check: applies from policy version 1.`since` until the next revision. */
export interface CheckRevision {
  readonly since: number;
  readonly check: CheckFn;
  /** Baseline check ids this restricted revision replaces under `restricted`. */
  readonly overrides?: string[];
}

/** A Pod Security check and its revisions, oldest first. */
export interface PodSecurityCheck {
  readonly id: string;
  readonly level: PodSecurityLevel;
  readonly revisions: CheckRevision[];
}
