import { apiServerVerdict, ApiServerVerdict, describeFieldError, FieldError } from './api-server';
import { obj } from './helpers';
import { Hit, Rule, RuleContext, Severity } from './types';

const both: Array<'Job' | 'CronJob'> = ['Job', 'CronJob'];

/**
 * One API-server run per lint of a manifest (its rule context: one manifest, one target), shared by
 * every area rule. Keyed by the context, not the manifest: a synth holds its manifests until the
 * files are written, and their verdicts are not needed after their lint.
 */
const verdicts = new WeakMap<RuleContext, ApiServerVerdict>();
export function verdictOf(ctx: RuleContext): ApiServerVerdict {
  let verdict = verdicts.get(ctx);
  if (!verdict) verdicts.set(ctx, verdict = apiServerVerdict(ctx.manifest, ctx.target.minor));
  return verdict;
}

/** A verdict's errors by area rule, grouped once for the 14 area rules (most manifests have none). */
const NONE: FieldError[] = [];
const byArea = new WeakMap<ApiServerVerdict, Map<string, FieldError[]>>();
function errorsByArea(verdict: ApiServerVerdict): Map<string, FieldError[]> {
  let groups = byArea.get(verdict);
  if (!groups) {
    byArea.set(verdict, groups = new Map());
    for (const e of verdict.errors) {
      const list = groups.get(e.ruleId);
      if (list) list.push(e);
      else groups.set(e.ruleId, [e]);
    }
  }
  return groups;
}

/**
 * An area of the API server's validation (one file of src/validation/api-server), as a rule:
 * its findings are exactly the errors the server reports for that area.
 */
function area(id: string, description: string, source: string, fix = 'change the field as the message says: the API server rejects the object as it is'): Rule {
  return {
    id,
    severity: Severity.ERROR,
    kinds: id === 'api-cronjob-spec' ? ['CronJob'] : both,
    description: `${description} (${source})`,
    fix,
    check: (ctx) => (errorsByArea(verdictOf(ctx)).get(id) ?? NONE)
      .map((e): Hit => ({ path: e.path, message: describeFieldError(e), ...(e.fix ? { fix: e.fix } : {}) })),
  };
}

/**
 * What the API server of the target version rejects on create, area by area, after decoding,
 * defaulting and the strategy's preparation. `error` means exactly this: the server says no.
 */
export const API_SERVER_RULES: Rule[] = [
  area('api-decode', 'A value of the wrong type (a string where a number belongs, a quantity like "512MB"): the request fails to decode', 'JSON decoding', 'write the value with the type the field has'),
  area('api-metadata', 'Object metadata: name, generateName, namespace, labels, annotations, finalizers, owner references', 'ValidateObjectMeta'),
  area('api-job-spec', 'Job spec: counts, completion mode, indexed limits, managedBy, restartPolicy, the generated selector and labels, the Indexed hostname', 'batch ValidateJob, validateJobSpec'),
  area('api-pod-failure-policy', 'podFailurePolicy rules: actions, exit codes, pod conditions, container names', 'batch validatePodFailurePolicy'),
  area('api-success-policy', 'successPolicy rules: Indexed only, index syntax, counts', 'batch validateSuccessPolicy'),
  area('api-cronjob-spec', 'CronJob spec: schedule, timeZone, concurrencyPolicy, deadlines, history limits, the generated selector, name length', 'batch ValidateCronJobCreate'),
  area('api-pod-spec', 'Pod template: labels, annotations, restartPolicy, DNS, names, deadlines, OS, host aliases, pod resources', 'core ValidatePodTemplateSpec, ValidatePodSpec'),
  area('api-containers', 'Containers and init containers: names, images, ports, pull policy, sidecar rules, resize policy', 'core validateContainers, validateInitContainers'),
  area('api-probes', 'Probes and lifecycle handlers', 'core validateProbe, validateLifecycle'),
  area('api-env', 'Environment variables, envFrom and downward API selectors', 'core ValidateEnv, ValidateEnvFrom'),
  area('api-volumes', 'Volumes, volume mounts and devices', 'core ValidateVolumes, ValidateVolumeMounts'),
  area('api-resources', 'Resource requests, limits and claims', 'core ValidateResourceRequirements'),
  area('api-security-context', 'Pod and container security contexts, sysctls, seccomp, AppArmor, OS-specific fields', 'core validatePodSpecSecurityContext, ValidateSecurityContext'),
  area('api-scheduling', 'Tolerations, affinity, topology spread, node selector, scheduling gates', 'core ValidateTolerations, validateAffinity'),
];

export function jobSpecOf(manifest: any): { job: any; jobPath: string } {
  return manifest.kind === 'CronJob'
    ? { job: obj(obj(obj(manifest.spec).jobTemplate).spec), jobPath: 'spec.jobTemplate.spec.' }
    : { job: obj(manifest.spec), jobPath: 'spec.' };
}

export function contextOf(manifest: any, target: RuleContext['target'], minSeverity?: Severity): RuleContext {
  const { job, jobPath } = jobSpecOf(manifest);
  return {
    manifest,
    kind: manifest.kind,
    name: typeof obj(manifest.metadata).name === 'string' ? manifest.metadata.name : '(unnamed)',
    job,
    pod: obj(obj(job.template).spec),
    jobPath,
    podPath: `${jobPath}template.spec.`,
    target,
    minSeverity,
  };
}
