import { createHash } from 'crypto';
import { ApiObject, Lazy } from 'cdk8s';
import { BatchConfigError, ConfigErrorDetails, throwIfProblems } from '../util/errors';

/** Marks Jobs whose name this library derives from their content (read by the `job-fixed-name-no-update-strategy` rule). */
export const UPDATE_STRATEGY_ANNOTATION = 'cdk8s-batch.io/update-strategy';
export const ARGOCD_HOOK_ANNOTATION = 'argocd.argoproj.io/hook';
export const ARGOCD_HOOK_DELETE_POLICY_ANNOTATION = 'argocd.argoproj.io/hook-delete-policy';
export const ARGOCD_SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
export const ARGOCD_SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
export const HELM_HOOK_ANNOTATION = 'helm.sh/hook';
export const HELM_HOOK_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';
export const HELM_HOOK_DELETE_POLICY_ANNOTATION = 'helm.sh/hook-delete-policy';
export const FLUX_FORCE_ANNOTATION = 'kustomize.toolkit.fluxcd.io/force';

/** Length of the content hash appended to the name (hex characters). */
export const CONTENT_HASH_LENGTH = 10;

/**
 * The Job spec fields the API server refuses to change on update (`ValidateJobSpecUpdate` in
 * kubernetes/kubernetes `pkg/apis/batch/validation`): a change to any of them needs a new Job.
 * `parallelism`, `activeDeadlineSeconds`, `backoffLimit`, `maxFailedIndexes`, `ttlSecondsAfterFinished`,
 * `suspend` and `podReplacementPolicy` may change in place. (`completions` of an Indexed Job may change
 * together with `parallelism`; it is still hashed: the conservative side is a new Job.)
 */
export const IMMUTABLE_JOB_SPEC_FIELDS: ReadonlyArray<string> = [
  'template', 'completions', 'completionMode', 'selector', 'podFailurePolicy', 'backoffLimitPerIndex', 'managedBy', 'successPolicy',
];

/** How a standalone Job is replaced when its spec changes (its pod template is immutable). */
export enum UpdateStrategyType {
  /** A fixed name and no annotations: re-applying a changed Job fails with `spec.template: field is immutable`. */
  FIXED_NAME = 'fixed-name',
  /** A hash of the immutable spec appended to the name: a changed Job is a new Job. */
  CONTENT_HASH = 'content-hash',
  /** An Argo CD resource hook. */
  ARGO_CD_HOOK = 'argocd-hook',
  /** A Helm chart hook. */
  HELM_HOOK = 'helm-hook',
  /** Flux kustomize-controller deletes and re-creates the Job when an update is refused. */
  FLUX_FORCE = 'flux-force',
}

/** Argo CD hook types (`argocd.argoproj.io/hook`). `Skip` is left out: it stops Argo CD from applying the Job at all. */
export enum ArgoCdHookPhase {
  /** Before the manifests are applied (database migrations). */
  PRE_SYNC = 'PreSync',
  /** After all PreSync hooks succeeded, together with the manifests. */
  SYNC = 'Sync',
  /** After a successful sync, once every resource is Healthy (smoke tests, notifications). */
  POST_SYNC = 'PostSync',
  /** When the sync operation fails (Argo CD 1.2+). */
  SYNC_FAIL = 'SyncFail',
  /** Before the Application's resources are deleted (recent Argo CD 3.x releases only). */
  PRE_DELETE = 'PreDelete',
  /** After all the Application's resources are deleted (Argo CD 2.10+). */
  POST_DELETE = 'PostDelete',
}

/** Argo CD hook deletion policies (`argocd.argoproj.io/hook-delete-policy`). */
export enum ArgoCdHookDeletePolicy {
  /** Delete the hook after it succeeded. */
  HOOK_SUCCEEDED = 'HookSucceeded',
  /** Delete the hook after it failed. */
  HOOK_FAILED = 'HookFailed',
  /** Delete the previous hook before creating the new one (Argo CD's default when none is given). */
  BEFORE_HOOK_CREATION = 'BeforeHookCreation',
}

/** Helm hooks (`helm.sh/hook`). */
export enum HelmHook {
  PRE_INSTALL = 'pre-install',
  POST_INSTALL = 'post-install',
  PRE_DELETE = 'pre-delete',
  POST_DELETE = 'post-delete',
  PRE_UPGRADE = 'pre-upgrade',
  POST_UPGRADE = 'post-upgrade',
  PRE_ROLLBACK = 'pre-rollback',
  POST_ROLLBACK = 'post-rollback',
  /** Run by `helm test`. */
  TEST = 'test',
}

/** Helm hook deletion policies (`helm.sh/hook-delete-policy`). */
export enum HelmHookDeletePolicy {
  /** Delete the previous hook before a new one is launched (Helm's default when none is given). */
  BEFORE_HOOK_CREATION = 'before-hook-creation',
  /** Delete the hook after it succeeded. */
  HOOK_SUCCEEDED = 'hook-succeeded',
  /** Delete the hook if it failed. */
  HOOK_FAILED = 'hook-failed',
}

/** Options of `UpdateStrategy.contentHash`. */
export interface ContentHashOptions {
  /**
   * Also put the Job in this Argo CD sync wave (`argocd.argoproj.io/sync-wave`). Argo CD applies an
   * earlier wave and waits for it to be Healthy (a Job: succeeded) before the next one, so `-1` runs
   * the Job before the application (wave 0) and a failed run stops the rollout. Other tools ignore it.
   * @default - no sync wave
   */
  readonly argoCdSyncWave?: number;
}

/** Options of `UpdateStrategy.argoCdHook`. */
export interface ArgoCdHookOptions {
  /**
   * When the hook runs (several are allowed).
   * @default [ArgoCdHookPhase.PRE_SYNC]
   */
  readonly phases?: ArgoCdHookPhase[];
  /**
   * When Argo CD deletes the hook Job. Keep `BEFORE_HOOK_CREATION` (or use `HOOK_SUCCEEDED`) with a
   * named hook, or the next sync finds the old Job in the way.
   * @default [ArgoCdHookDeletePolicy.BEFORE_HOOK_CREATION]
   */
  readonly deletePolicies?: ArgoCdHookDeletePolicy[];
  /**
   * Order among the hooks of the same phase (`argocd.argoproj.io/sync-wave`; lower runs first, may be negative).
   * @default - wave 0
   */
  readonly syncWave?: number;
}

/** Options of `UpdateStrategy.helmHook`. */
export interface HelmHookOptions {
  /**
   * When the hook runs (several are allowed).
   * @default [HelmHook.PRE_INSTALL, HelmHook.PRE_UPGRADE]
   */
  readonly hooks?: HelmHook[];
  /**
   * Order among hooks of the same kind (`helm.sh/hook-weight`; lower runs first, may be negative).
   * @default - Helm's 0 (no annotation)
   */
  readonly weight?: number;
  /**
   * When Helm deletes the hook Job.
   * @default [HelmHookDeletePolicy.BEFORE_HOOK_CREATION]
   */
  readonly deletePolicies?: HelmHookDeletePolicy[];
}

/**
 * How a standalone Job survives a change of its spec. A Job's pod template (and a few other spec
 * fields) cannot be changed, so re-applying a Job with a fixed name and, say, a new image fails
 * with `spec.template: field is immutable` — in `kubectl apply`, Argo CD, Flux and Helm alike.
 *
 * - `contentHash()`: the name gets a short hash of the immutable spec, so a change is a new Job
 *   and an unchanged spec keeps its name (runs once per version). Works with any tool.
 * - `argoCdHook()`, `helmHook()`: the deploy tool owns the Job's life cycle and re-creates it.
 * - `fluxForce()`: Flux deletes and re-creates the Job when the update is refused.
 * - `fixedName()`: today's behaviour; only for Jobs you never change, or delete by hand before.
 */
export class UpdateStrategy {
  /** A fixed name, no annotations (the default of the production constructs). */
  public static fixedName(): UpdateStrategy {
    return new UpdateStrategy(UpdateStrategyType.FIXED_NAME);
  }

  /** `<name>-<hash of the immutable spec>`, shortened to fit the name limits (63; less for Indexed Jobs). */
  public static contentHash(options: ContentHashOptions = {}): UpdateStrategy {
    return new UpdateStrategy(UpdateStrategyType.CONTENT_HASH, options);
  }

  /** An Argo CD resource hook (`argocd.argoproj.io/hook`, `hook-delete-policy`, `sync-wave`). */
  public static argoCdHook(options: ArgoCdHookOptions = {}): UpdateStrategy {
    return new UpdateStrategy(UpdateStrategyType.ARGO_CD_HOOK, options);
  }

  /** A Helm hook (`helm.sh/hook`, `hook-weight`, `hook-delete-policy`), for manifests packaged into a chart. */
  public static helmHook(options: HelmHookOptions = {}): UpdateStrategy {
    return new UpdateStrategy(UpdateStrategyType.HELM_HOOK, options);
  }

  /** `kustomize.toolkit.fluxcd.io/force: enabled`: Flux re-creates the Job when an immutable field changed. */
  public static fluxForce(): UpdateStrategy {
    return new UpdateStrategy(UpdateStrategyType.FLUX_FORCE);
  }

  private constructor(
    /** Which strategy. */
    public readonly type: UpdateStrategyType,
    // One of ContentHashOptions, ArgoCdHookOptions, HelmHookOptions, depending on `type`.
    private readonly options: any = {},
  ) {}

  /**
   * The annotations this strategy puts on the Job; throws a BatchConfigError naming `path` and
   * `field` for values the tool does not accept.
   * @internal
   */
  public _annotations(path: string, field: string): { [key: string]: string } {
    const problems: ConfigErrorDetails[] = [];
    const o = this.options ?? {};
    const out: { [key: string]: string } = {};
    switch (this.type) {
      case UpdateStrategyType.CONTENT_HASH:
        out[UPDATE_STRATEGY_ANNOTATION] = UpdateStrategyType.CONTENT_HASH;
        if (o.argoCdSyncWave !== undefined) out[ARGOCD_SYNC_WAVE_ANNOTATION] = int32(problems, path, `${field}.argoCdSyncWave`, o.argoCdSyncWave, 'use a whole number such as -1 (before the application) or 1 (after it)');
        break;
      case UpdateStrategyType.ARGO_CD_HOOK:
        out[ARGOCD_HOOK_ANNOTATION] = list(problems, path, `${field}.phases`, o.phases ?? [ArgoCdHookPhase.PRE_SYNC], Object.values(ArgoCdHookPhase), 'Argo CD hook type',
          (v) => (v === 'Skip' ? 'Skip makes Argo CD never apply the Job; leave the Job out of the manifests instead' : undefined));
        out[ARGOCD_HOOK_DELETE_POLICY_ANNOTATION] = list(problems, path, `${field}.deletePolicies`, o.deletePolicies ?? [ArgoCdHookDeletePolicy.BEFORE_HOOK_CREATION], Object.values(ArgoCdHookDeletePolicy), 'Argo CD hook deletion policy');
        if (o.syncWave !== undefined) out[ARGOCD_SYNC_WAVE_ANNOTATION] = int32(problems, path, `${field}.syncWave`, o.syncWave, 'use a whole number; lower waves run first');
        break;
      case UpdateStrategyType.HELM_HOOK:
        out[HELM_HOOK_ANNOTATION] = list(problems, path, `${field}.hooks`, o.hooks ?? [HelmHook.PRE_INSTALL, HelmHook.PRE_UPGRADE], Object.values(HelmHook), 'Helm hook');
        if (o.weight !== undefined) out[HELM_HOOK_WEIGHT_ANNOTATION] = int32(problems, path, `${field}.weight`, o.weight, 'use a whole number; lower weights run first');
        out[HELM_HOOK_DELETE_POLICY_ANNOTATION] = list(problems, path, `${field}.deletePolicies`, o.deletePolicies ?? [HelmHookDeletePolicy.BEFORE_HOOK_CREATION], Object.values(HelmHookDeletePolicy), 'Helm hook deletion policy');
        break;
      case UpdateStrategyType.FLUX_FORCE:
        out[FLUX_FORCE_ANNOTATION] = 'enabled';
        break;
      default:
        break;
    }
    throwIfProblems(problems);
    return out;
  }
}

/**
 * Applies an update strategy to a Job `ApiObject` and returns the problems of its options (and renames its PrometheusRule with it, so
 * the alerts follow the generated name). For a content-hashed name, the name is computed when the
 * manifest is rendered, from the final spec: containers added after construction count.
 */
export function applyUpdateStrategy(job: ApiObject, strategy: UpdateStrategy | undefined, path: string,
  options: { field?: string; alertRule?: ApiObject } = {}): ConfigErrorDetails[] {
  if (strategy === undefined) return [];
  const field = options.field ?? 'updateStrategy';
  if (!(strategy instanceof UpdateStrategy)) {
    return [{ path, field, value: strategy, problem: 'must be an UpdateStrategy', fix: 'use UpdateStrategy.contentHash(), argoCdHook(), helmHook(), fluxForce() or fixedName()' }];
  }
  let annotations: { [key: string]: string };
  try {
    annotations = strategy._annotations(path, field);
  } catch (e) {
    if (e instanceof BatchConfigError) return e.problems;
    throw e;
  }
  for (const [key, value] of Object.entries(annotations)) job.metadata.addAnnotation(key, value);
  if (strategy.type !== UpdateStrategyType.CONTENT_HASH) return [];

  const base = job.name;
  let rendering = false;
  const name = (): string => {
    // Rendering the spec renders the metadata too: the inner pass sees the base name.
    if (rendering) return base;
    rendering = true;
    try {
      return contentHashedName(base, job.toJson().spec);
    } finally {
      rendering = false;
    }
  };
  renameAtSynth(job, name);
  if (options.alertRule) renameAtSynth(options.alertRule, () => `${name()}-alerts`);
  return [];
}

/** `<base>-<hash>`: the base shortened (deterministically) so the result fits the Job name limit. */
export function contentHashedName(base: string, spec: any): string {
  const hash = immutableSpecHash(base, spec);
  const room = maxJobNameLength(spec) - CONTENT_HASH_LENGTH - 1;
  const kept = base.length > room ? base.slice(0, room).replace(/[-.]+$/, '') : base;
  return `${kept}-${hash}`;
}

/**
 * A short hash of the base name and the immutable parts of a Job spec. The base name is included
 * so two long names cut to the same prefix still get different names.
 */
export function immutableSpecHash(base: string, spec: any): string {
  const picked: { [k: string]: unknown } = {};
  for (const f of IMMUTABLE_JOB_SPEC_FIELDS) if (spec?.[f] !== undefined) picked[f] = spec[f];
  return createHash('sha256').update(canonicalJson({ name: base, spec: picked })).digest('hex').slice(0, CONTENT_HASH_LENGTH);
}

/**
 * The longest valid Job name: 63 (the `batch.kubernetes.io/job-name` label value); for an Indexed
 * Job `<name>-<completions-1>` must be a DNS label (the pod hostname), so fewer.
 */
export function maxJobNameLength(spec: any): number {
  const c = spec?.completions;
  if (spec?.completionMode === 'Indexed' && Number.isInteger(c) && c > 0) return 63 - 1 - String(c - 1).length;
  return 63;
}

/** JSON with object keys sorted, so the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as object).sort()
      .filter((k) => (value as any)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as any)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Makes `metadata.name` a value computed when the manifest is rendered. */
function renameAtSynth(object: ApiObject, produce: () => string): void {
  Object.defineProperty(object.metadata, 'name', { value: Lazy.any({ produce }), writable: true, configurable: true, enumerable: true });
}

function list(problems: ConfigErrorDetails[], path: string, field: string, values: unknown, allowed: string[], what: string,
  special?: (v: unknown) => string | undefined): string {
  if (!Array.isArray(values) || values.length === 0) {
    problems.push({ path, field, value: values, problem: `must list at least one ${what}`, fix: `use one or more of: ${allowed.join(', ')}` });
    return '';
  }
  values.forEach((v, i) => {
    const why = special?.(v);
    if (why) {
      problems.push({ path, field: `${field}[${i}]`, value: v, problem: `must not be ${String(v)}`, fix: why });
    } else if (typeof v !== 'string' || !allowed.includes(v)) {
      const problem = `must be a ${what} (the tool ignores or rejects anything else; values are case-sensitive)`;
      problems.push({ path, field: `${field}[${i}]`, value: v, problem, fix: `use one of: ${allowed.join(', ')}` });
    } else if (values.indexOf(v) !== i) {
      problems.push({ path, field: `${field}[${i}]`, value: v, problem: 'is listed twice', fix: 'list each value once' });
    }
  });
  return values.join(',');
}

function int32(problems: ConfigErrorDetails[], path: string, field: string, value: unknown, fix: string): string {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < -(2 ** 31) || value > 2 ** 31 - 1) {
    problems.push({ path, field, value, problem: 'must be a whole number (it is written as a string annotation the tool parses as an integer)', fix });
  }
  return String(value);
}
