import { KubernetesVersion } from '../util/k8s-version';

/** How serious a finding is. */
export enum Severity {
  /** The API server rejects the spec, or it can never work. Fails synth; `lint` exits 1. */
  ERROR = 'error',
  /** Known to fail in production. Printed at synth; suppressible with a reason. */
  WARNING = 'warning',
  /** Worth knowing. */
  INFO = 'info',
}

/** One finding of a rule on one object. */
export interface Finding {
  /** Rule id, kebab-case, e.g. `no-active-deadline`. */
  readonly ruleId: string;
  readonly severity: Severity;
  /** `Job` or `CronJob`. */
  readonly kind: string;
  /** metadata.name of the object. */
  readonly name: string;
  /** Field path inside the manifest, e.g. `spec.jobTemplate.spec.backoffLimit`. */
  readonly path: string;
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** A rule's description, for docs and `BatchRules.all()`. */
export interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  /** What the rule catches, in one sentence. */
  readonly description: string;
}

/** What a rule check sees: the plain manifest and where its job and pod specs live. */
export interface RuleContext {
  readonly manifest: any;
  readonly kind: 'Job' | 'CronJob';
  readonly name: string;
  /** The Job spec (a CronJob's jobTemplate.spec). */
  readonly job: any;
  /** The pod spec. */
  readonly pod: any;
  /** `spec.` or `spec.jobTemplate.spec.` */
  readonly jobPath: string;
  /** `<jobPath>template.spec.` */
  readonly podPath: string;
  readonly target: KubernetesVersion;
  /**
   * Findings below this severity are dropped: a check may leave out work that only such findings
   * need. @default Severity.INFO
   */
  readonly minSeverity?: Severity;
}

/** What a check returns for each problem. */
export interface Hit {
  readonly path: string;
  readonly message: string;
  readonly fix?: string;
  /** Override the rule's severity (e.g. schedule risks that carry their own); never above it. */
  readonly severity?: Severity;
}

/** A rule: data plus a pure check. */
export interface Rule {
  readonly id: string;
  /** The rule's severity, and the highest of its hits (a rule below the lint's minimum is not run). */
  readonly severity: Severity;
  readonly description: string;
  readonly fix: string;
  /** Kinds the rule applies to. */
  readonly kinds: ReadonlyArray<'Job' | 'CronJob'>;
  readonly check: (ctx: RuleContext) => Hit[];
}
