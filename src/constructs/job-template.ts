import { Duration, SizeRoundingBehavior } from 'cdk8s';
import * as kplus from 'cdk8s-plus-28';
import { Construct } from 'constructs';
import { PodFailurePolicy, PodFailurePolicyRuleSpec } from './pod-failure-policy';
import { alreadyReported } from './props-check';
import { append } from '../util/append';
import { copyWith } from '../util/copy-with';
import { ConfigErrorDetails } from '../util/errors';
import { BatchFeatureKey, featureProblem, supportsFeature } from '../util/features';
import { KubernetesVersion } from '../util/k8s-version';

/**
 * Job-level settings shared by every production construct (a standalone Job or a CronJob's
 * job template).
 */
export interface ProductionJobOptions {
  /**
   * How long a run may take before Kubernetes kills it (`activeDeadlineSeconds`).
   * Required: a run without a deadline can hang forever, and no value is right for every job.
   */
  readonly activeDeadline: Duration;

  /**
   * Retries before the run is marked failed (`backoffLimit`).
   *
   * 2 (three attempts) absorbs a transient failure (a node dying, an image pull hiccup) without
   * the Kubernetes default of 6 retrying non-idempotent work for many minutes. Disruptions
   * (evictions, preemption, spot reclaim) never count, because the pod failure policy ignores them.
   *
   * @default 2
   */
  readonly backoffLimit?: number;

  /**
   * Exit codes that mean "retrying will not help": the run fails at once (a `FailJob` rule).
   * @default - none
   */
  readonly nonRetryableExitCodes?: number[];

  /**
   * Container whose exit code `nonRetryableExitCodes` applies to.
   * @default - any container
   */
  readonly nonRetryableExitCodesContainer?: string;

  /**
   * Extra pod failure policy rules, applied after the built-in ones.
   * @default - only the built-in rules
   */
  readonly podFailurePolicy?: PodFailurePolicy;

  /**
   * Ignore pod failures caused by disruptions (`DisruptionTarget` condition: eviction,
   * preemption, node drain, spot reclaim), so they do not use up `backoffLimit`.
   * @default true
   */
  readonly ignoreDisruptions?: boolean;

  /**
   * Mount a writable `emptyDir` at `/tmp` in every container, because root filesystems are
   * read-only by default.
   * @default true
   */
  readonly writableTmp?: boolean;

  /**
   * The Kubernetes version the manifests are for. Fields that need a newer version are errors.
   * @default KubernetesVersion.DEFAULT (1.31)
   */
  readonly targetVersion?: KubernetesVersion;
}

/** Options resolved with their defaults. */
export interface ResolvedJobOptions {
  /** Undefined only when activeDeadline is missing or bad (a problem is recorded; synth fails). */
  readonly activeDeadlineSeconds?: number;
  readonly backoffLimit?: number;
  readonly policyRules: readonly PodFailurePolicyRuleSpec[];
  readonly writableTmp: boolean;
  readonly targetVersion: KubernetesVersion;
}

export const DEFAULT_BACKOFF_LIMIT = 2;

/**
 * The built-in rule (disruptions do not count), shared by every workload's resolved options and
 * frozen: a manifest holds its own copy (rendering copies every value).
 */
const DISRUPTION_RULES: readonly PodFailurePolicyRuleSpec[] = deepFreeze(PodFailurePolicy.create().ignorePodConditions(['DisruptionTarget']).rules);

/** The hardened container defaults that hold objects: shared by every container, frozen (rendering copies them). */
const RUNTIME_DEFAULT_SECCOMP: kplus.SeccompProfile = deepFreeze({ type: kplus.SeccompProfileType.RUNTIME_DEFAULT });
const DROP_ALL: kplus.ContainerSecutiryContextCapabilities = deepFreeze({ drop: [kplus.Capability.ALL] });

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
const MAX_INT32 = 2 ** 31 - 1;

/** Secret-looking environment variable names that must come from a Secret, not a literal. */
export const SECRET_ENV_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|API_?KEY|PRIVATE_?KEY|ACCESS_?KEY|CREDENTIAL|AUTH)/i;

/**
 * Validates the job options and resolves their defaults. Returns the problems instead of throwing,
 * and always returns options to go on with (bad values replaced by defaults or left out).
 * `known` are problems already found (by the props check): a field reported there is not reported again.
 */
export function resolveJobOptions(path: string, fieldPrefix: string, options: ProductionJobOptions,
  extra: { backoffLimitPerIndex?: number } = {}, known: ConfigErrorDetails[] = []): { resolved: ResolvedJobOptions; problems: ConfigErrorDetails[] } {
  const problems: ConfigErrorDetails[] = [];
  const targetVersion = options.targetVersion ?? KubernetesVersion.DEFAULT;
  const field = (name: string) => `${fieldPrefix}${name}`;

  let activeDeadlineSeconds: number | undefined;
  if (options.activeDeadline === undefined || options.activeDeadline === null) {
    if (!alreadyReported(known, field('activeDeadline'))) problems.push({ path, field: field('activeDeadline'), problem: 'is required: a run without a deadline can hang forever', fix: 'pass activeDeadline: Duration.minutes(30) (the longest a healthy run may take, with margin)' });
  } else {
    activeDeadlineSeconds = toWholeSeconds(options.activeDeadline);
    if (!Number.isInteger(activeDeadlineSeconds) || activeDeadlineSeconds <= 0 || activeDeadlineSeconds > MAX_INT32) {
      problems.push({ path, field: field('activeDeadline'), value: options.activeDeadline.toHumanString?.() ?? activeDeadlineSeconds, problem: 'must be a whole number of seconds greater than 0', fix: 'use e.g. Duration.minutes(30)' });
      activeDeadlineSeconds = undefined;
    }
  }

  let backoffLimit = options.backoffLimit ?? (extra.backoffLimitPerIndex !== undefined ? undefined : DEFAULT_BACKOFF_LIMIT);
  if (backoffLimit !== undefined && (!Number.isInteger(backoffLimit) || backoffLimit < 0 || backoffLimit > MAX_INT32)) {
    problems.push({ path, field: field('backoffLimit'), value: backoffLimit, problem: 'must be a whole number from 0', fix: 'use a small retry count such as 0 (no retry), 1 or 2' });
    backoffLimit = DEFAULT_BACKOFF_LIMIT;
  }

  const rules: PodFailurePolicyRuleSpec[] = [];
  if (options.ignoreDisruptions ?? true) append(rules, DISRUPTION_RULES);
  if (options.nonRetryableExitCodes && options.nonRetryableExitCodes.length > 0) {
    try {
      const container = options.nonRetryableExitCodesContainer;
      const failFast = PodFailurePolicy.create().failJobOnExitCodes(options.nonRetryableExitCodes, { container });
      append(rules, failFast.rules);
    } catch (e) {
      problems.push({ path, field: field('nonRetryableExitCodes'), value: options.nonRetryableExitCodes, problem: errorProblem(e), fix: 'list non-zero exit codes from 1 to 255, each once' });
    }
  }
  if (options.podFailurePolicy) append(rules, options.podFailurePolicy.rules);
  if (rules.length > 20) {
    problems.push({ path, field: field('podFailurePolicy'), value: rules.length, problem: 'must hold at most 20 rules (built-in rules included)', fix: 'merge rules with the same action' });
  }
  if (rules.length > 0) gate(problems, path, targetVersion, 'podFailurePolicy', field('podFailurePolicy'));
  if (rules.some((r) => r.action === 'FailIndex')) {
    if (extra.backoffLimitPerIndex === undefined) {
      problems.push({ path, field: field('podFailurePolicy'), value: 'FailIndex', problem: 'uses the FailIndex action, which the API server only accepts with backoffLimitPerIndex', fix: 'use IndexedShardJob with backoffLimitPerIndex, or FailJob instead' });
    }
    gate(problems, path, targetVersion, 'failIndexAction', field('podFailurePolicy'));
  }

  // Most workloads have only the built-in rule: they share one list instead of holding a copy each.
  const policyRules = rules.length === DISRUPTION_RULES.length && rules.every((r, i) => r === DISRUPTION_RULES[i]) ? DISRUPTION_RULES : rules;
  return {
    problems,
    resolved: { activeDeadlineSeconds, backoffLimit, policyRules, writableTmp: options.writableTmp ?? true, targetVersion },
  };
}

/** Adds a problem when `feature` is newer than the target version. */
export function gate(problems: ConfigErrorDetails[], path: string, target: KubernetesVersion, feature: BatchFeatureKey, field: string): void {
  if (!supportsFeature(target, feature)) problems.push({ path, field, ...featureProblem(target, feature) });
}

/**
 * Checks a container before it is added and fills in the production defaults: memory limit =
 * memory request, restricted security context, writable /tmp. cdk8s-plus would otherwise give
 * every container 1 CPU / 512Mi silently, so requests must be explicit. With problems, the props
 * returned still make a container (so the app's other constructs get checked); synth then fails.
 */
export function hardenContainerProps(path: string, field: string, props: kplus.ContainerProps, tmpVolume: kplus.Volume | undefined): {
  props: kplus.ContainerProps; problems: ConfigErrorDetails[];
} {
  const problems: ConfigErrorDetails[] = [];
  const name = props.name ?? 'main';
  const where = `${field}[${name}]`;
  if (typeof props.image !== 'string' || props.image.trim() === '') {
    problems.push({ path, field: `${where}.image`, value: props.image, problem: 'is required', fix: 'pass the image with a pinned tag or digest, e.g. "registry.example.com/report:1.4.2"' });
  }
  append(problems, resourceProblems(path, `${where}.resources`, props.resources));
  const envVariables: Record<string, kplus.EnvValue> = props.envVariables ?? {};
  const envNames = Object.keys(envVariables);
  for (let i = 0; i < envNames.length; i++) {
    const envName = envNames[i];
    const value = envVariables[envName];
    if (value?.value !== undefined && SECRET_ENV_NAME.test(envName)) {
      problems.push({ path, field: `${where}.envVariables.${envName}`, value: '<literal value hidden>', problem: 'looks like a secret but is a literal value, which ends up in plain text in the manifest, Git and `kubectl describe`', fix: 'reference a Secret key: EnvValue.fromSecretValue({ secret, key }) or addSecretEnv()' });
    }
  }
  const badRestartPolicy = props.restartPolicy !== undefined && props.restartPolicy !== kplus.ContainerRestartPolicy.ALWAYS;
  if (badRestartPolicy) {
    problems.push({ path, field: `${where}.restartPolicy`, value: props.restartPolicy, problem: 'may only be Always (which makes an init container a native sidecar)', fix: 'remove restartPolicy, or use addSidecar()' });
  }
  // cdk8s-plus throws a bare Error for a repeated port ("Port with number 80 and protocol TCP already exists"),
  // comparing number and protocol as text (so two NaN ports repeat too): compared the same way here.
  const numberProtocol = (p: kplus.ContainerPort) => `${p.number}/${p.protocol ?? 'TCP'}`;
  const ports: kplus.ContainerPort[] = [];
  for (const port of props.ports ?? []) {
    if (ports.some((q) => numberProtocol(q) === numberProtocol(port))) {
      problems.push({ path, field: `${where}.ports`, value: port.number, problem: `lists port ${port.number}/${port.protocol ?? 'TCP'} twice`, fix: 'list each port number and protocol once' });
    } else if (port.name !== undefined && ports.some((q) => q.name === port.name)) {
      problems.push({ path, field: `${where}.ports`, value: port.name, problem: 'gives two ports the same name', fix: 'give each port its own name' });
    } else {
      ports.push(port);
    }
  }
  const units = unitProblems(path, `${where}.resources`, props.resources);
  append(problems, units.problems);
  const memory = units.resources?.memory;
  const mounts = [...(props.volumeMounts ?? [])];
  if (tmpVolume && !mounts.some((m) => m.path === '/tmp')) mounts.push(tmpMount(tmpVolume));
  const hardened: kplus.ContainerProps = copyWith(props, {
    image: typeof props.image === 'string' && props.image.trim() !== '' ? props.image : 'image-missing',
    resources: memory?.request
      ? copyWith(units.resources, { memory: { request: memory.request, limit: memory.limit ?? memory.request } })
      : units.resources,
    restartPolicy: badRestartPolicy ? undefined : props.restartPolicy,
    securityContext: copyWith(copyWith(HARDENED_SECURITY_CONTEXT, props.securityContext), {
      // A partial security context (capabilities.add alone) merges with the hardened one: drop ALL stays.
      capabilities: props.securityContext?.capabilities ? copyWith(DROP_ALL, props.securityContext.capabilities) : DROP_ALL,
    }),
    volumeMounts: mounts,
  });
  if (props.ports) (hardened as { ports?: kplus.ContainerPort[] }).ports = ports;
  return { problems, props: hardened };
}

/** The container security context every production container starts from (the props' own fields win). */
const HARDENED_SECURITY_CONTEXT: kplus.ContainerSecurityContextProps = Object.freeze({
  ensureNonRoot: true,
  privileged: false,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  seccompProfile: RUNTIME_DEFAULT_SECCOMP,
});

/** The emptyDir volume mounted at /tmp (see `writableTmpVolume`). */
let sharedTmpVolume: kplus.Volume | undefined;

/**
 * The emptyDir volume named "tmp" that every production workload mounts at /tmp: one for all of
 * them. A Volume renders only its name and config, the same for every workload, and a construct
 * (with its tree node) per workload cost about 0.7 KB of memory each. It lives in a construct tree
 * of its own, outside every app.
 */
export function writableTmpVolume(): kplus.Volume {
  sharedTmpVolume ??= kplus.Volume.fromEmptyDir(new Construct(undefined as any, ''), 'tmp', 'tmp');
  return sharedTmpVolume;
}

/** The mount of the shared /tmp volume, the same for every container (frozen). */
let sharedTmpMount: kplus.VolumeMount | undefined;
function tmpMount(volume: kplus.Volume): kplus.VolumeMount {
  if (sharedTmpMount?.volume !== volume) sharedTmpMount = Object.freeze({ path: '/tmp', volume });
  return sharedTmpMount;
}

/** cpu and memory requests are required: cdk8s-plus would otherwise give every container 1 CPU / 512Mi silently. */
export function resourceProblems(path: string, field: string, resources: kplus.ContainerResources | undefined): ConfigErrorDetails[] {
  const cpuRequest = resources?.cpu?.request;
  const memoryRequest = resources?.memory?.request;
  if (cpuRequest && memoryRequest) return [];
  const missing = [!cpuRequest ? 'cpu' : undefined, !memoryRequest ? 'memory' : undefined].filter(Boolean).join(' and ');
  return [{
    path,
    field,
    value: describeResources(resources),
    problem: `must request ${missing}: without requests the scheduler packs pods blindly and batch runs get evicted or OOM-killed first`,
    fix: 'pass resources: { cpu: { request: Cpu.millis(250) }, memory: { request: Size.mebibytes(256) } }',
  }];
}

/**
 * The final touches on a rendered Job spec that cdk8s-plus cannot express: the pod failure
 * policy, pod-level seccomp, and no service account token unless asked.
 */
export function finishJobSpec(spec: any, options: ResolvedJobOptions): any {
  const podSpec = copyWith(spec.template?.spec, {});
  podSpec.securityContext = copyWith(podSpec.securityContext, {});
  podSpec.securityContext.seccompProfile ??= { type: 'RuntimeDefault' };
  podSpec.securityContext.runAsNonRoot ??= true;
  const jobSpec = copyWith(spec, {});
  if (options.activeDeadlineSeconds !== undefined) jobSpec.activeDeadlineSeconds = options.activeDeadlineSeconds;
  jobSpec.backoffLimit = options.backoffLimit;
  if (options.policyRules.length > 0) jobSpec.podFailurePolicy = { rules: options.policyRules };
  jobSpec.template = copyWith(spec.template, { spec: podSpec });
  return jobSpec;
}

/** Problems only visible in the rendered spec: things added after construction. */
export function renderedSpecProblems(path: string, fieldPrefix: string, spec: any): ConfigErrorDetails[] {
  const problems: ConfigErrorDetails[] = [];
  const podSpec = spec?.template?.spec ?? {};
  if (podSpec.restartPolicy !== 'Never') {
    problems.push({ path, field: `${fieldPrefix}template.spec.restartPolicy`, value: podSpec.restartPolicy, problem: 'must be Never: the pod failure policy requires it, and OnFailure restarts hide failures from backoffLimit', fix: 'remove the restartPolicy override' });
  }
  const groups: Array<[string, any[]]> = [['containers', podSpec.containers ?? []], ['initContainers', podSpec.initContainers ?? []]];
  if ((podSpec.containers ?? []).length === 0) {
    problems.push({ path, field: `${fieldPrefix}template.spec.containers`, value: [], problem: 'must hold at least one container', fix: 'pass containers: [{ image, resources }] or call addContainer()' });
  }
  for (const [group, containers] of groups) {
    for (const c of containers) {
      for (const env of c.env ?? []) {
        if (env.value !== undefined && SECRET_ENV_NAME.test(env.name)) {
          problems.push({ path, field: `${fieldPrefix}template.spec.${group}[${c.name}].env.${env.name}`, value: '<literal value hidden>', problem: 'looks like a secret but is a literal value, which ends up in plain text in the manifest', fix: 'reference a Secret key: EnvValue.fromSecretValue({ secret, key }) or addSecretEnv()' });
        }
      }
    }
  }
  return problems;
}

/**
 * Sizes cdk8s-plus renders in whole units only (memory in Mi, ephemeral storage in Gi): any other
 * size fails deep in serialization ("Failed serializing construct"). Reported here with the prop, and
 * left out of the props returned so that rendering goes on.
 */
export function unitProblems(path: string, field: string, resources: kplus.ContainerResources | undefined): {
  problems: ConfigErrorDetails[]; resources: kplus.ContainerResources | undefined;
} {
  if (!resources) return { problems: [], resources };
  const problems: ConfigErrorDetails[] = [];
  let out: any; // a copy without the bad sizes, made only when there is one
  for (let k = 0; k < WHOLE_UNIT_SIZES.length; k++) {
    const { kind, convert, unit, example } = WHOLE_UNIT_SIZES[k];
    const limits = resources[kind] as any;
    if (!limits) continue;
    for (let b = 0; b < 2; b++) {
      const bound = b === 0 ? 'request' : 'limit';
      const size = limits[bound];
      if (size === undefined || size === null || isWholePositive(size, convert)) continue;
      problems.push({ path, field: `${field}.${kind}.${bound}`, value: sizeText(size), problem: `must be a whole number of ${unit} greater than 0 (cdk8s-plus renders ${kind} in ${unit})`, fix: `round it to whole ${unit}, e.g. ${example}` });
      out ??= { ...resources };
      if (out[kind] === limits) out[kind] = { ...limits };
      delete out[kind][bound];
    }
  }
  return { problems, resources: out ?? resources };
}

/** The sizes cdk8s-plus renders in one whole unit, and how to convert to it. */
const WHOLE_UNIT_SIZES: ReadonlyArray<{ kind: 'memory' | 'ephemeralStorage'; convert: 'toMebibytes' | 'toGibibytes'; unit: string; example: string }> = [
  { kind: 'memory', convert: 'toMebibytes', unit: 'mebibytes', example: 'Size.mebibytes(1536)' },
  { kind: 'ephemeralStorage', convert: 'toGibibytes', unit: 'gibibytes', example: 'Size.gibibytes(1)' },
];

function isWholePositive(size: any, convert: 'toMebibytes' | 'toGibibytes'): boolean {
  let amount = NaN;
  try {
    amount = size[convert]();
  } catch { /* not a whole number of the unit */ }
  return Number.isInteger(amount) && amount > 0;
}

function sizeText(size: any): string {
  try {
    return `${size.toMebibytes()}Mi`;
  } catch {
    try {
      return `${size.toKibibytes({ rounding: SizeRoundingBehavior.NONE })}Ki`;
    } catch {
      return String(size);
    }
  }
}

/** A Duration that must be a whole number of seconds from 0 (terminationGracePeriod). */
export function wholeSecondsProblems(path: string, field: string, d: Duration | undefined): ConfigErrorDetails[] {
  if (d === undefined || d === null) return [];
  const seconds = toWholeSeconds(d);
  return Number.isInteger(seconds) && seconds >= 0 && seconds <= MAX_INT32 ? [] : [{ path, field, value: d, problem: 'must be a whole number of seconds from 0', fix: 'use e.g. Duration.seconds(30)' }];
}

function toWholeSeconds(d: Duration): number {
  try {
    return d.toSeconds();
  } catch {
    return NaN;
  }
}

function describeResources(resources: kplus.ContainerResources | undefined): string {
  if (!resources) return 'no resources';
  const parts: string[] = [];
  if (resources.cpu?.request) parts.push(`cpu request ${resources.cpu.request.amount}`);
  if (resources.memory?.request) parts.push(`memory request ${sizeText(resources.memory.request)}`);
  return parts.length > 0 ? parts.join(', ') : 'no requests';
}

function errorProblem(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const m = /: \S+ (.*?)(?: \(got .*\))?\. Fix:/.exec(message);
  return m ? m[1] : message;
}
