import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { BatchRules, isBatchObject, lintManifest, SUPPRESSIONS_ANNOTATION } from './engine';
import { doneChecking, oncePerContent, renderedForChecks, watchSynths } from './rendered';
import { Finding, Severity } from './types';
import { BatchConfigError } from '../util/errors';
import { KubernetesVersion } from '../util/k8s-version';

/** Options for `BatchValidation.of`. */
export interface BatchValidationOptions {
  /** @default KubernetesVersion.DEFAULT */
  readonly targetVersion?: KubernetesVersion;
  /**
   * Print warnings (and info, if asked) to stderr at synth.
   * @default Severity.WARNING
   */
  readonly printSeverity?: Severity;
}

/** A suppression: the rule id and why it does not apply. */
export interface RuleSuppression {
  readonly id: string;
  /** Why the rule does not apply here (at least 10 characters). */
  readonly reason: string;
}

const ATTACHED = Symbol.for('cdk8s-batch.validation');
const printed = new Set<string>();

/**
 * Synth-time checks for every Job and CronJob in a scope — made with this library, cdk8s-plus or
 * plain `ApiObject`s. Errors fail `cdk8s synth` with the construct path, field, value and fix;
 * warnings are printed with their rule id and can be suppressed with a reason.
 *
 * ```ts
 * BatchValidation.of(app);
 * BatchValidation.suppress(job, [{ id: 'no-ttl', reason: 'Argo CD prunes finished Jobs' }]);
 * ```
 */
export class BatchValidation {
  /** Checks every Job/CronJob under `scope` at synth. Calling it twice on a scope is harmless. */
  public static of(scope: IConstruct, options: BatchValidationOptions = {}): void {
    if ((scope as any)[ATTACHED]) return;
    (scope as any)[ATTACHED] = true;
    watchSynths(scope);
    scope.node.addValidation({ validate: () => BatchValidation.check(scope, options) });
  }

  /**
   * Suppresses warnings of rules on a construct's Job/CronJob, with a reason. The suppression is
   * recorded in the manifest as the `cdk8s-batch.io/suppressions` annotation (the CLI honours it
   * too). Errors cannot be suppressed: the API server would still reject the object.
   */
  public static suppress(construct: IConstruct, suppressions: RuleSuppression[]): void {
    const target = batchObjectOf(construct);
    for (const s of suppressions) {
      if (!BatchRules.exists(s.id)) {
        throw new BatchConfigError({ path: construct.node.path, field: 'suppress.id', value: s.id, problem: 'is not a cdk8s-batch rule id', fix: `use one of: ${BatchRules.all().map((r) => r.id).join(', ')}` });
      }
      if (typeof s.reason !== 'string' || s.reason.trim().length < 10) {
        throw new BatchConfigError({ path: construct.node.path, field: `suppress(${s.id}).reason`, value: s.reason, problem: 'must say why the rule does not apply (at least 10 characters)', fix: 'write the reason a reviewer needs, e.g. "idempotent: safe to run twice"' });
      }
    }
    const existing: RuleSuppression[] = JSON.parse(target.metadata.toJson().annotations?.[SUPPRESSIONS_ANNOTATION] ?? '[]');
    const kept = existing.filter((e) => !suppressions.some((s) => s.id === e.id));
    const merged = [...kept, ...suppressions.map((s) => ({ id: s.id, reason: s.reason }))];
    target.metadata.addAnnotation(SUPPRESSIONS_ANNOTATION, JSON.stringify(merged));
  }

  /** The findings for every Job/CronJob under `scope` (for tests and tooling). */
  public static findings(scope: IConstruct, targetVersion?: KubernetesVersion): Finding[] {
    return batchObjects(scope).flatMap(({ object }) => lintManifest(object.toJson(), { targetVersion }));
  }

  private static check(scope: IConstruct, options: BatchValidationOptions): string[] {
    const errors: Array<{ path: string; field: string; problem: string; fix: string }> = [];
    const printAt = options.printSeverity ?? Severity.WARNING;
    for (const { object, owner } of batchObjects(scope)) {
      const manifest = renderedForChecks(object);
      doneChecking(object);
      for (const f of oncePerContent(String(options.targetVersion?.minor ?? ''), manifest, () => lintManifest(manifest, { targetVersion: options.targetVersion }))) {
        if (f.severity === Severity.ERROR) {
          errors.push({ path: owner.node.path, field: f.path, problem: `[${f.ruleId}] ${f.message}`, fix: f.fix });
        } else if (f.severity === Severity.WARNING || printAt === Severity.INFO) {
          const line = `[cdk8s-batch] ${f.severity} ${f.ruleId} ${owner.node.path}: ${f.path}: ${f.message}. Fix: ${f.fix} (suppress with BatchValidation.suppress and a reason)`;
          if (!printed.has(line)) {
            printed.add(line);
            process.stderr.write(`${line}\n`);
          }
        }
      }
    }
    if (errors.length > 0) throw new BatchConfigError(errors);
    return [];
  }

  private constructor() {}
}

/** Every batch ApiObject under scope, with the construct that owns it (a kplus Job, or the ApiObject itself). */
function batchObjects(scope: IConstruct): Array<{ object: ApiObject; owner: IConstruct }> {
  return scope.node.findAll().filter((c): c is ApiObject => c instanceof ApiObject && isBatchObject({ apiVersion: c.apiVersion, kind: c.kind }))
    .map((object) => ({ object, owner: object.node.id === 'Resource' && object.node.scope ? object.node.scope : object }));
}

function batchObjectOf(construct: IConstruct): ApiObject {
  const object = construct instanceof ApiObject ? construct : batchObjects(construct)[0]?.object;
  if (!object || !isBatchObject({ apiVersion: object.apiVersion, kind: object.kind })) {
    throw new BatchConfigError({ path: construct.node.path, field: 'construct', problem: 'has no batch/v1 Job or CronJob to suppress rules on', fix: 'pass the Job/CronJob construct or its ApiObject' });
  }
  return object;
}

