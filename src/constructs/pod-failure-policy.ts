import { BatchConfigError } from '../util/errors';

/** What the Job controller does when a pod failure matches a rule. */
export enum PodFailurePolicyAction {
  /** Fail the whole Job at once: for errors a retry cannot fix. */
  FAIL_JOB = 'FailJob',
  /** Do not count the failure against backoffLimit: for disruptions such as spot evictions. */
  IGNORE = 'Ignore',
  /** Count the failure against backoffLimit (the default behaviour, useful to stop matching later rules). */
  COUNT = 'Count',
  /** Fail only this index (Indexed Jobs with backoffLimitPerIndex). */
  FAIL_INDEX = 'FailIndex',
}

/** How exit codes are matched. */
export enum ExitCodeOperator {
  IN = 'In',
  NOT_IN = 'NotIn',
}

/** Options for an exit-code rule. */
export interface ExitCodeRuleOptions {
  /**
   * Only match exit codes of this container.
   * @default - any container in the pod
   */
  readonly container?: string;
  /**
   * `In` matches the listed codes, `NotIn` every other non-zero code.
   * @default ExitCodeOperator.IN
   */
  readonly operator?: ExitCodeOperator;
}

/** `onExitCodes` of a rule as the API server receives it. */
export interface PodFailurePolicyOnExitCodes {
  /** Container whose exit code is matched. @default - any container */
  readonly containerName?: string;
  /** `In` or `NotIn`. */
  readonly operator: string;
  /** Sorted, unique exit codes. */
  readonly values: number[];
}

/** One entry of `onPodConditions`. */
export interface PodFailurePolicyOnPodCondition {
  /** Pod condition type, e.g. `DisruptionTarget`. */
  readonly type: string;
  /** Condition status to match. */
  readonly status: string;
}

/** One rule as the API server receives it. */
export interface PodFailurePolicyRuleSpec {
  /** `FailJob`, `Ignore`, `Count` or `FailIndex`. */
  readonly action: string;
  /** Exit-code matcher. @default - none (the rule matches pod conditions) */
  readonly onExitCodes?: PodFailurePolicyOnExitCodes;
  /** Pod-condition matchers. @default - none (the rule matches exit codes) */
  readonly onPodConditions?: PodFailurePolicyOnPodCondition[];
}

const MAX_RULES = 20;
const MAX_EXIT_CODES = 255;

/**
 * A `spec.podFailurePolicy` that can only hold what the API server accepts: at most 20 rules,
 * each matching exit codes or pod conditions (never both), `In` lists without 0, at most 255
 * sorted unique codes.
 *
 * ```ts
 * PodFailurePolicy.create()
 *   .failJobOnExitCodes([3], { container: 'migrate' })   // "do not retry"
 *   .ignorePodConditions(['DisruptionTarget']);
 * ```
 */
export class PodFailurePolicy {
  /** An empty policy; add rules with the methods below. */
  public static create(): PodFailurePolicy {
    return new PodFailurePolicy([]);
  }

  private readonly ruleList: PodFailurePolicyRuleSpec[];

  private constructor(rules: PodFailurePolicyRuleSpec[]) {
    this.ruleList = rules;
  }

  /** Fail the Job as soon as a container exits with one of `codes`. */
  public failJobOnExitCodes(codes: number[], options: ExitCodeRuleOptions = {}): PodFailurePolicy {
    return this.onExitCodes(PodFailurePolicyAction.FAIL_JOB, codes, options);
  }

  /** Count these exit codes against backoffLimit (stops later rules from matching them). */
  public countOnExitCodes(codes: number[], options: ExitCodeRuleOptions = {}): PodFailurePolicy {
    return this.onExitCodes(PodFailurePolicyAction.COUNT, codes, options);
  }

  /** Fail only the pod's index (needs `backoffLimitPerIndex`, Kubernetes 1.29+). */
  public failIndexOnExitCodes(codes: number[], options: ExitCodeRuleOptions = {}): PodFailurePolicy {
    return this.onExitCodes(PodFailurePolicyAction.FAIL_INDEX, codes, options);
  }

  /** Do not count these exit codes against backoffLimit. */
  public ignoreExitCodes(codes: number[], options: ExitCodeRuleOptions = {}): PodFailurePolicy {
    return this.onExitCodes(PodFailurePolicyAction.IGNORE, codes, options);
  }

  /** Do not count failures of pods that carry one of these conditions with status True (e.g. `DisruptionTarget`). */
  public ignorePodConditions(conditionTypes: string[]): PodFailurePolicy {
    return this.onPodConditions(PodFailurePolicyAction.IGNORE, conditionTypes);
  }

  /** Apply `action` to pods that carry one of these conditions with status True. */
  public onPodConditions(action: PodFailurePolicyAction, conditionTypes: string[]): PodFailurePolicy {
    const field = `podFailurePolicy.rules[${this.ruleList.length}].onPodConditions`;
    if (conditionTypes.length === 0) {
      throw policyError(field, conditionTypes, 'must name at least one pod condition type', 'pass e.g. ["DisruptionTarget"]');
    }
    for (const type of conditionTypes) {
      if (!/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(type)) {
        throw policyError(field, type, 'must be a valid condition type (a qualified name such as DisruptionTarget)', 'use the condition type as Kubernetes spells it');
      }
    }
    return this.add({ action, onPodConditions: conditionTypes.map((type) => ({ type, status: 'True' })) });
  }

  /** The rules in order: the Job controller applies the first that matches. */
  public get rules(): PodFailurePolicyRuleSpec[] {
    return this.ruleList.map((r) => ({ ...r }));
  }

  /** True if some rule uses the FailIndex action. */
  public get usesFailIndex(): boolean {
    return this.ruleList.some((r) => r.action === PodFailurePolicyAction.FAIL_INDEX);
  }

  /** True if a rule ignores pods with the `DisruptionTarget` condition. */
  public get ignoresDisruptions(): boolean {
    return this.ruleList.some((r) => r.action === PodFailurePolicyAction.IGNORE
      && (r.onPodConditions ?? []).some((c) => c.type === 'DisruptionTarget'));
  }

  private onExitCodes(action: PodFailurePolicyAction, codes: number[], options: ExitCodeRuleOptions): PodFailurePolicy {
    const operator = options.operator ?? ExitCodeOperator.IN;
    const field = `podFailurePolicy.rules[${this.ruleList.length}].onExitCodes.values`;
    if (codes.length === 0) {
      throw policyError(field, codes, 'must list at least one exit code', 'pass the exit codes your program uses for this case');
    }
    if (codes.length > MAX_EXIT_CODES) {
      throw policyError(field, codes.length, `must hold at most ${MAX_EXIT_CODES} exit codes`, 'use NotIn for the complement instead');
    }
    for (const code of codes) {
      if (!Number.isInteger(code) || code < 0 || code > 255) {
        throw policyError(field, code, 'must hold integer exit codes from 0 to 255', 'use the process exit status (0-255)');
      }
    }
    if (operator === ExitCodeOperator.IN && codes.includes(0)) {
      throw policyError(field, codes, 'must not contain 0 with operator In (a pod that exits 0 succeeded)', 'remove 0 from the list');
    }
    if (new Set(codes).size !== codes.length) {
      throw policyError(field, codes, 'must not repeat an exit code', 'list each exit code once');
    }
    if (options.container !== undefined && !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(options.container)) {
      throw policyError(`podFailurePolicy.rules[${this.ruleList.length}].onExitCodes.containerName`, options.container,
        'must be a container name (DNS-1123 label)', 'use the name of a container of this Job');
    }
    return this.add({
      action,
      onExitCodes: {
        ...(options.container !== undefined ? { containerName: options.container } : {}),
        operator,
        values: [...codes].sort((a, b) => a - b),
      },
    });
  }

  private add(rule: PodFailurePolicyRuleSpec): PodFailurePolicy {
    if (this.ruleList.length >= MAX_RULES) {
      throw policyError('podFailurePolicy.rules', this.ruleList.length + 1, `must hold at most ${MAX_RULES} rules`, 'merge rules with the same action');
    }
    return new PodFailurePolicy([...this.ruleList, rule]);
  }
}

function policyError(field: string, value: unknown, problem: string, fix: string): BatchConfigError {
  return new BatchConfigError({ path: 'PodFailurePolicy', field, value, problem, fix });
}
