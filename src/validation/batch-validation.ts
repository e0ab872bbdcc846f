import { createHash } from 'crypto';
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { BatchRules, isBatchObject, lintManifest, SUPPRESSIONS_ANNOTATION } from './engine';
import { currentSynth, doneChecking, renderedForChecks, startSynth } from './rendered';
import { Finding, Severity } from './types';
import { append } from '../util/append';
import { BatchConfigError, ConfigErrorDetails, formatConfigError, formatValue, oneLine } from '../util/errors';
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

const REPORT = Symbol.for('cdk8s-batch.synth-report');
const RECORDED = Symbol.for('cdk8s-batch.problems');

/**
 * A check run at synth for one construct; returns its problems (rendered-spec checks). An object
 * with the method (the production constructs' pod policy) needs no closure per construct.
 */
export type DeferredCheck = (() => ConfigErrorDetails[]) | { deferredProblems(): ConfigErrorDetails[] };

/**
 * The one report of an app: every construct records its prop problems here instead of throwing,
 * and a single validation on the root construct turns them (plus the rendered-spec checks and the
 * lint errors of every batch object, plus other constructs' validation errors) into one
 * BatchConfigError when the app synthesizes. cdk8s runs validations in pre-order, so the root's
 * runs first and sees the whole app.
 */
class SynthReport {
  public static of(scope: IConstruct): SynthReport {
    const root = scope.node.root;
    let report: SynthReport | undefined = (root as any)[REPORT];
    if (!report) {
      report = new SynthReport(root);
      Object.defineProperty(root, REPORT, { value: report, enumerable: false });
      root.node.addValidation({ validate: () => report!.validate() });
    }
    return report;
  }

  /** Scopes passed to BatchValidation.of, with their options. */
  public readonly lintScopes = new Map<IConstruct, BatchValidationOptions>();
  /** The deferred checks of each construct: the check, or the list of them when there are several. */
  public readonly deferred = new Map<IConstruct, DeferredCheck | DeferredCheck[]>();
  /**
   * Warnings printed in the current synth (cdk8s validates once per chart within one `app.synth()`),
   * by a digest of the line: a fleet's lines (one per Job for some rules, ~1 KB each) were held
   * whole until the synth was over.
   */
  private printed = new Set<string>();
  /** Warnings of the lint in progress, written together when it ends. */
  private unprinted: string[] = [];
  private resetScheduled = false;
  /** The synth this report last validated: cdk8s validates again for every chart it writes. */
  private validatedSynth?: object;

  private constructor(private readonly root: IConstruct) {}

  public validate(): string[] {
    // Nothing can change within one synth: its repeated validation passes have nothing new to say.
    const synth = currentSynth();
    if (synth !== undefined && synth === this.validatedSynth) return [];
    // Renderings are shared by the checks of one synth only.
    startSynth();
    const problems: ConfigErrorDetails[] = [];
    const all = this.root.node.findAll();
    const broken = new Set<IConstruct>();
    for (const c of all) {
      const recorded = recordedOn(c);
      if (recorded.length > 0) {
        append(problems, recorded);
        broken.add(c);
      }
    }
    for (const [c, checks] of this.deferred) {
      if (broken.has(c)) continue; // its manifest holds placeholders for the bad props
      if (!Array.isArray(checks)) append(problems, runCheck(checks));
      else for (const check of checks) append(problems, runCheck(check));
    }
    append(problems, this.lint(all, broken));
    // Validations of other constructs (cdk8s-plus, the user's): reported in the same list, since
    // throwing here means cdk8s never gets to them.
    for (const c of all) {
      if (c === this.root) continue;
      for (const message of c.node.validate()) problems.push({ path: c.node.path, field: '', problem: message, fix: '' });
    }
    if (problems.length > 0) throw new BatchConfigError(dedupe(problems));
    this.validatedSynth = synth;
    return [];
  }

  private lint(all: IConstruct[], broken: Set<IConstruct>): ConfigErrorDetails[] {
    const errors: ConfigErrorDetails[] = [];
    const seen = new Set<ApiObject>();
    // Innermost registered scope first: a workload's own target version wins over the app's.
    // (Each depth is found once: a fleet registers a scope per workload, and a depth walks the tree.)
    const scopes = [...this.lintScopes.entries()].map(([scope, options]) => ({ scope, options, depth: depth(scope) }))
      .sort((a, b) => b.depth - a.depth);
    const inTree = new Set(all);
    for (const { scope, options } of scopes) {
      if (!inTree.has(scope)) continue;
      const printAt = options.printSeverity ?? Severity.WARNING;
      // Info findings are printed only when asked for: otherwise their checks are skipped.
      const minSeverity = printAt === Severity.INFO ? Severity.INFO : Severity.WARNING;
      for (const { object, owner } of batchObjects(scope)) {
        if (seen.has(object)) continue;
        seen.add(object);
        if (broken.has(owner) || broken.has(object)) continue;
        const manifest = renderedForChecks(object);
        doneChecking(object);
        for (const f of lintManifest(manifest, { targetVersion: options.targetVersion, minSeverity })) {
          if (f.severity === Severity.ERROR) {
            errors.push({ path: owner.node.path, field: f.path, problem: `[${f.ruleId}] ${f.message}`, fix: f.fix });
          } else {
            // A warning, or info asked for (the lint leaves out info otherwise).
            this.warn(oneLine(`[cdk8s-batch] ${f.severity} ${f.ruleId} ${owner.node.path}: ${f.path}: ${f.message}. Fix: ${f.fix} (suppress with BatchValidation.suppress and a reason)`));
          }
        }
      }
    }
    // One write for all of them: a fleet can have thousands of warnings.
    if (this.unprinted.length > 0) process.stderr.write(`${this.unprinted.join('\n')}\n`);
    this.unprinted = [];
    return errors;
  }

  /** Queues a warning, printed once per synth: the set is cleared when the synchronous synth is over. */
  private warn(line: string): void {
    const digest = createHash('sha256').update(line).digest('base64');
    if (this.printed.has(digest)) return;
    this.printed.add(digest);
    this.unprinted.push(line);
    if (!this.resetScheduled) {
      this.resetScheduled = true;
      queueMicrotask(() => {
        this.printed = new Set();
        this.resetScheduled = false;
      });
    }
  }
}

/**
 * Records prop problems of a construct: reported together with every other problem of the app at synth.
 *
 * @jsii ignore
 */
export function recordProblems(construct: IConstruct, problems: ConfigErrorDetails[]): void {
  if (problems.length === 0) return;
  let list: ConfigErrorDetails[] | undefined = (construct as any)[RECORDED];
  if (!list) {
    list = [];
    Object.defineProperty(construct, RECORDED, { value: list, enumerable: false });
  }
  append(list, problems);
  SynthReport.of(construct);
}

/**
 * Registers a check of the rendered output, run at synth unless the construct already has recorded problems.
 *
 * @jsii ignore
 */
export function deferCheck(construct: IConstruct, check: DeferredCheck): void {
  const report = SynthReport.of(construct);
  const known = report.deferred.get(construct);
  report.deferred.set(construct, known === undefined ? check : [...(Array.isArray(known) ? known : [known]), check]);
}

function runCheck(check: DeferredCheck): ConfigErrorDetails[] {
  return typeof check === 'function' ? check() : check.deferredProblems();
}

function recordedOn(c: IConstruct): ConfigErrorDetails[] {
  return (c as any)[RECORDED] ?? [];
}

/**
 * Checks `target` at synth with the options (target version, printing) under which `source` is
 * checked: the innermost registered scope that contains it, else the defaults.
 *
 * @jsii ignore
 */
export function checkLike(target: IConstruct, source: IConstruct): void {
  const report = SynthReport.of(target);
  const around = new Set<IConstruct>(source.node.scopes);
  const options = [...report.lintScopes.entries()].filter(([scope]) => around.has(scope))
    .sort((a, b) => depth(b[0]) - depth(a[0]))[0]?.[1] ?? {};
  BatchValidation.of(target, options);
}

function depth(c: IConstruct): number {
  return c.node.scopes.length;
}

function dedupe(problems: ConfigErrorDetails[]): ConfigErrorDetails[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = formatConfigError(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Synth-time checks for every Job and CronJob in a scope — made with this library, cdk8s-plus or
 * plain `ApiObject`s. Errors fail `cdk8s synth` with the construct path, field, value and fix —
 * every problem of the whole app in one report; warnings are printed with their rule id and can
 * be suppressed with a reason.
 *
 * ```ts
 * BatchValidation.of(app);
 * BatchValidation.suppress(job, [{ id: 'no-ttl', reason: 'Argo CD prunes finished Jobs' }]);
 * ```
 */
export class BatchValidation {
  /** Checks every Job/CronJob under `scope` at synth. Calling it twice on a scope is harmless. */
  public static of(scope: IConstruct, options: BatchValidationOptions = {}): void {
    const report = SynthReport.of(scope);
    if (!report.lintScopes.has(scope)) report.lintScopes.set(scope, options);
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

  /**
   * The prop problems the constructs under `scope` recorded when they were created, without
   * synthesizing (nothing is rendered). `app.synth()` / `Testing.synth()` report these together
   * with the rendered-spec checks and the lint errors in one `BatchConfigError`.
   */
  public static problems(scope: IConstruct): ConfigProblem[] {
    return scope.node.findAll().flatMap(recordedOn).map((p) => ({
      path: p.path,
      field: p.field,
      problem: p.problem,
      fix: p.fix,
      ...('value' in p ? { value: formatValue(p.value) } : {}),
      message: formatConfigError(p),
    }));
  }

  private constructor() {}
}

/** A recorded problem, as `BatchValidation.problems` returns it. */
export interface ConfigProblem {
  /** Construct path. */
  readonly path: string;
  /** The prop or manifest field. */
  readonly field: string;
  /** The offending value, rendered for a message. @default - no value */
  readonly value?: string;
  /** What is wrong. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
  /** The whole line: `path: field problem (got value). Fix: fix`. */
  readonly message: string;
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

