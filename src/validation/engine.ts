import { API_SERVER_RULES, contextOf } from './api-rules';
import { obj } from './helpers';
import { BEST_PRACTICE_RULES } from './practice-rules';
import { Finding, Rule, RuleInfo, Severity } from './types';
import { KubernetesVersion } from '../util/k8s-version';

/** Annotation holding suppressions: `[{"id": "<rule id>", "reason": "<why>"}]`. */
export const SUPPRESSIONS_ANNOTATION = 'cdk8s-batch.io/suppressions';

export const ALL_RULES: Rule[] = [...API_SERVER_RULES, ...BEST_PRACTICE_RULES];
const RULE_IDS = new Set(ALL_RULES.map((r) => r.id));

/** Options for linting. */
export interface LintOptions {
  /** @default KubernetesVersion.DEFAULT */
  readonly targetVersion?: KubernetesVersion;
  /** Findings below this severity are dropped. @default Severity.INFO */
  readonly minSeverity?: Severity;
}

const RANK: Record<Severity, number> = { [Severity.ERROR]: 3, [Severity.WARNING]: 2, [Severity.INFO]: 1 };

/** True when `severity` is at least `min` (error > warning > info). */
export function meetsSeverity(severity: Severity, min: Severity = Severity.INFO): boolean {
  return RANK[severity] >= RANK[min];
}

/** True for the kinds the engine checks. */
export function isBatchObject(manifest: any): boolean {
  const m = obj(manifest);
  return m.apiVersion === 'batch/v1' && (m.kind === 'Job' || m.kind === 'CronJob');
}

/**
 * Every finding for one manifest. Never throws: a rule that fails on a malformed object reports
 * `manifest-malformed` instead. Non-batch objects give no findings.
 *
 * @jsii ignore
 */
export function lintManifest(manifest: any, options: LintOptions = {}): Finding[] {
  if (!isBatchObject(manifest)) return [];
  const ctx = contextOf(manifest, options.targetVersion ?? KubernetesVersion.DEFAULT, options.minSeverity);
  const suppressed = suppressionsOf(manifest);
  const findings: Finding[] = [];
  const rules = rulesFor(ctx.kind, options.minSeverity);
  // Index loops: the engine runs per manifest, mostly before V8 optimizes it.
  for (let r = 0; r < rules.length; r++) {
    const rule = rules[r];
    let hits;
    try {
      hits = rule.check(ctx);
    } catch (e) {
      hits = [{ path: '', message: `the manifest is malformed for rule ${rule.id}: ${(e as Error).message}`, severity: Severity.ERROR }];
    }
    for (let h = 0; h < hits.length; h++) {
      const hit = hits[h];
      const severity = hit.severity ?? rule.severity;
      if (!meetsSeverity(severity, options.minSeverity)) continue;
      // Errors cannot be suppressed: the API server rejects the object whatever we say.
      if (severity !== Severity.ERROR && suppressed.has(rule.id)) continue;
      findings.push({ ruleId: rule.id, severity, kind: ctx.kind, name: ctx.name, path: hit.path, message: hit.message, fix: hit.fix ?? rule.fix });
    }
  }
  return findings;
}

/** The rules that apply to a kind at a minimum severity, chosen once for each pair (not per manifest). */
const rulesByKindAndSeverity = new Map<string, Rule[]>();
function rulesFor(kind: string, minSeverity: Severity | undefined): Rule[] {
  const key = `${kind}\u0000${minSeverity ?? ''}`;
  let rules = rulesByKindAndSeverity.get(key);
  if (!rules) {
    rules = ALL_RULES.filter((rule) => rule.kinds.includes(kind as Rule['kinds'][number]) && meetsSeverity(rule.severity, minSeverity));
    rulesByKindAndSeverity.set(key, rules);
  }
  return rules;
}

/** Rule ids suppressed by the object's annotation (malformed annotations suppress nothing). */
export function suppressionsOf(manifest: any): Set<string> {
  const raw = obj(obj(obj(manifest).metadata).annotations)[SUPPRESSIONS_ANNOTATION];
  if (typeof raw !== 'string') return new Set();
  try {
    const list = JSON.parse(raw);
    return new Set((Array.isArray(list) ? list : []).filter((s) => typeof s?.id === 'string' && typeof s?.reason === 'string' && s.reason.trim().length > 0).map((s) => s.id));
  } catch {
    return new Set();
  }
}

/** The rule catalogue (jsii-friendly). */
export class BatchRules {
  /** Every rule: id, severity, description. */
  public static all(): RuleInfo[] {
    return ALL_RULES.map((r) => ({ id: r.id, severity: r.severity, description: r.description }));
  }

  /** True if `id` names a rule. */
  public static exists(id: string): boolean {
    return RULE_IDS.has(id);
  }

  /** Lints one plain manifest object. */
  public static lint(manifest: any, options?: LintOptions): Finding[] {
    return lintManifest(manifest, options);
  }

  private constructor() {}
}
