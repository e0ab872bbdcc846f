import { arr, containersOf, DNS1123_LABEL, DNS1123_SUBDOMAIN, isInt, obj, quantity, show } from './helpers';
import { Hit, Rule, RuleContext, Severity } from './types';
import { apiServerScheduleErrors } from '../schedule/cron-schedule';
import { BATCH_FEATURES, BatchFeatureKey, supportsFeature } from '../util/features';

const E = Severity.ERROR;
const both: Array<'Job' | 'CronJob'> = ['Job', 'CronJob'];
const MAX_INT32 = 2 ** 31 - 1;

/** Rules for what the API server rejects (batch/v1 validation and the pod-template parts that matter). */
export const API_SERVER_RULES: Rule[] = [
  {
    id: 'name-invalid',
    severity: E,
    kinds: both,
    description: 'metadata.name must be set and be a DNS-1123 subdomain.',
    fix: 'use lower case letters, digits and "-", starting and ending with a letter or digit',
    check: (ctx) => {
      const name = obj(ctx.manifest.metadata).name;
      if (name === undefined && obj(ctx.manifest.metadata).generateName !== undefined) return [];
      if (typeof name !== 'string' || name.length === 0) return [{ path: 'metadata.name', message: 'metadata.name is required' }];
      return DNS1123_SUBDOMAIN.test(name) && name.length <= 253 ? [] : [{ path: 'metadata.name', message: `metadata.name ${show(name)} is not a DNS-1123 subdomain` }];
    },
  },
  {
    id: 'name-too-long',
    severity: E,
    kinds: both,
    description: 'Job names over 63 characters break the pods\' job-name label; CronJob names over 52 leave no room for the 11-character run suffix.',
    fix: 'shorten metadata.name',
    check: (ctx) => {
      const name = obj(ctx.manifest.metadata).name;
      const max = ctx.kind === 'Job' ? 63 : 52;
      return typeof name === 'string' && name.length > max
        ? [{ path: 'metadata.name', message: `${ctx.kind} name has ${name.length} characters; the limit is ${max}${ctx.kind === 'Job' ? ' (it becomes the pods\' batch.kubernetes.io/job-name label value)' : ' (the controller appends 11 characters to name each Job)'}` }]
        : [];
    },
  },
  {
    id: 'restart-policy-invalid',
    severity: E,
    kinds: both,
    description: 'A Job\'s pods must have restartPolicy OnFailure or Never (unset means Always, which is rejected).',
    fix: 'set restartPolicy: Never',
    check: (ctx) => {
      const rp = obj(ctx.pod).restartPolicy;
      return rp === 'OnFailure' || rp === 'Never' ? [] : [{ path: `${ctx.podPath}restartPolicy`, message: rp === undefined ? 'restartPolicy is required for Job pods: valid values are "OnFailure" and "Never"' : `restartPolicy ${show(rp)} is not supported for Job pods: valid values are "OnFailure" and "Never"` }];
    },
  },
  {
    id: 'containers-invalid',
    severity: E,
    kinds: both,
    description: 'The pod needs at least one container; every container needs a valid, unique name and an image.',
    fix: 'give every container a DNS-1123 label name and an image',
    check: (ctx) => {
      const hits: Hit[] = [];
      if (arr(obj(ctx.pod).containers).length === 0) hits.push({ path: `${ctx.podPath}containers`, message: 'the pod has no containers' });
      const seen = new Set<string>();
      for (const { c, path } of containersOf(ctx.pod, ctx.podPath)) {
        if (typeof c.name !== 'string' || !DNS1123_LABEL.test(c.name) || c.name.length > 63) hits.push({ path: `${path}.name`, message: `container name ${show(c.name)} is not a DNS-1123 label` });
        else if (seen.has(c.name)) hits.push({ path: `${path}.name`, message: `container name ${show(c.name)} is used twice` });
        seen.add(c.name);
        if (typeof c.image !== 'string' || c.image.trim() === '') hits.push({ path: `${path}.image`, message: `container ${show(c.name)} has no image` });
      }
      return hits;
    },
  },
  {
    id: 'counts-invalid',
    severity: E,
    kinds: both,
    description: 'completions, parallelism, backoffLimit, activeDeadlineSeconds, ttlSecondsAfterFinished, startingDeadlineSeconds and history limits must be whole numbers in range.',
    fix: 'use whole numbers: activeDeadlineSeconds > 0, the others >= 0',
    check: (ctx) => {
      const hits: Hit[] = [];
      const j = obj(ctx.job);
      const check = (path: string, v: any, min: number) => {
        if (v !== undefined && v !== null && !(isInt(v) && v >= min && v <= (path.endsWith('activeDeadlineSeconds') ? Number.MAX_SAFE_INTEGER : MAX_INT32))) {
          hits.push({ path, message: `${path.split('.').pop()} must be a whole number from ${min} (got ${show(v)})` });
        }
      };
      check(`${ctx.jobPath}completions`, j.completions, 0);
      check(`${ctx.jobPath}parallelism`, j.parallelism, 0);
      check(`${ctx.jobPath}backoffLimit`, j.backoffLimit, 0);
      check(`${ctx.jobPath}activeDeadlineSeconds`, j.activeDeadlineSeconds, 1);
      check(`${ctx.jobPath}ttlSecondsAfterFinished`, j.ttlSecondsAfterFinished, 0);
      if (ctx.kind === 'CronJob') {
        const s = obj(ctx.manifest.spec);
        check('spec.startingDeadlineSeconds', s.startingDeadlineSeconds, 0);
        check('spec.successfulJobsHistoryLimit', s.successfulJobsHistoryLimit, 0);
        check('spec.failedJobsHistoryLimit', s.failedJobsHistoryLimit, 0);
      }
      return hits;
    },
  },
  {
    id: 'indexed-invalid',
    severity: E,
    kinds: both,
    description: 'completionMode must be NonIndexed or Indexed; Indexed needs completions (at most 100000) and parallelism at most 100000; backoffLimitPerIndex and maxFailedIndexes need Indexed, and maxFailedIndexes needs backoffLimitPerIndex and must not exceed completions.',
    fix: 'set completionMode: Indexed with completions, and maxFailedIndexes only together with backoffLimitPerIndex',
    check: (ctx) => {
      const j = obj(ctx.job);
      const p = ctx.jobPath;
      const hits: Hit[] = [];
      const mode = j.completionMode ?? 'NonIndexed';
      if (mode !== 'NonIndexed' && mode !== 'Indexed') hits.push({ path: `${p}completionMode`, message: `completionMode ${show(mode)} is not supported: valid values are "NonIndexed" and "Indexed"` });
      if (mode === 'Indexed') {
        if (j.completions === undefined || j.completions === null) hits.push({ path: `${p}completions`, message: 'completions is required when completionMode is Indexed' });
        else if (isInt(j.completions) && j.completions > 100000) hits.push({ path: `${p}completions`, message: `completions ${j.completions} exceeds 100000 for an Indexed Job` });
        if (isInt(j.parallelism) && j.parallelism > 100000) hits.push({ path: `${p}parallelism`, message: `parallelism ${j.parallelism} exceeds 100000 for an Indexed Job` });
      }
      if (j.backoffLimitPerIndex !== undefined && mode !== 'Indexed') hits.push({ path: `${p}backoffLimitPerIndex`, message: 'backoffLimitPerIndex requires completionMode Indexed' });
      if (j.backoffLimitPerIndex !== undefined && !(isInt(j.backoffLimitPerIndex) && j.backoffLimitPerIndex >= 0)) hits.push({ path: `${p}backoffLimitPerIndex`, message: `backoffLimitPerIndex must be a whole number from 0 (got ${show(j.backoffLimitPerIndex)})` });
      if (j.maxFailedIndexes !== undefined) {
        if (j.backoffLimitPerIndex === undefined) hits.push({ path: `${p}maxFailedIndexes`, message: 'maxFailedIndexes requires backoffLimitPerIndex' });
        if (!(isInt(j.maxFailedIndexes) && j.maxFailedIndexes >= 0)) hits.push({ path: `${p}maxFailedIndexes`, message: `maxFailedIndexes must be a whole number from 0 (got ${show(j.maxFailedIndexes)})` });
        else if (isInt(j.completions) && j.maxFailedIndexes > j.completions) hits.push({ path: `${p}maxFailedIndexes`, message: `maxFailedIndexes ${j.maxFailedIndexes} exceeds completions ${j.completions}` });
      }
      return hits;
    },
  },
  {
    id: 'pod-failure-policy-invalid',
    severity: E,
    kinds: both,
    description: 'podFailurePolicy needs restartPolicy Never, at most 20 rules, each with a valid action and exactly one of onExitCodes / onPodConditions; exit codes In must not include 0, at most 255 unique values; FailIndex needs backoffLimitPerIndex.',
    fix: 'fix the rule as the message says (or build it with PodFailurePolicy)',
    check: (ctx) => {
      const policy = obj(ctx.job).podFailurePolicy;
      if (policy === undefined || policy === null) return [];
      const p = `${ctx.jobPath}podFailurePolicy`;
      const hits: Hit[] = [];
      if (obj(ctx.pod).restartPolicy !== 'Never') hits.push({ path: `${ctx.podPath}restartPolicy`, message: 'podFailurePolicy requires restartPolicy Never' });
      const rules = arr(obj(policy).rules);
      if (rules.length > 20) hits.push({ path: `${p}.rules`, message: `podFailurePolicy has ${rules.length} rules; at most 20 are allowed` });
      rules.forEach((r0, i) => {
        const r = obj(r0);
        const at = `${p}.rules[${i}]`;
        if (!['FailJob', 'Ignore', 'Count', 'FailIndex'].includes(r.action)) hits.push({ path: `${at}.action`, message: `action ${show(r.action)} is not supported: valid values are "Count", "FailIndex", "FailJob" and "Ignore"` });
        if (r.action === 'FailIndex' && obj(ctx.job).backoffLimitPerIndex === undefined) hits.push({ path: `${at}.action`, message: 'action FailIndex requires backoffLimitPerIndex' });
        const hasCodes = r.onExitCodes !== undefined && r.onExitCodes !== null;
        const hasConds = r.onPodConditions !== undefined && r.onPodConditions !== null;
        if (hasCodes === hasConds) hits.push({ path: at, message: 'exactly one of onExitCodes and onPodConditions is required' });
        if (hasCodes) {
          const e = obj(r.onExitCodes);
          const values = arr(e.values);
          if (e.operator !== 'In' && e.operator !== 'NotIn') hits.push({ path: `${at}.onExitCodes.operator`, message: `operator ${show(e.operator)} is not supported: valid values are "In" and "NotIn"` });
          if (values.length === 0 || values.length > 255) hits.push({ path: `${at}.onExitCodes.values`, message: 'onExitCodes.values must hold 1 to 255 exit codes' });
          if (values.some((v) => !isInt(v) || v < 0 || v > 255)) hits.push({ path: `${at}.onExitCodes.values`, message: 'exit codes must be whole numbers from 0 to 255' });
          if (e.operator === 'In' && values.includes(0)) hits.push({ path: `${at}.onExitCodes.values`, message: 'exit code 0 is not allowed with operator In' });
          if (new Set(values).size !== values.length) hits.push({ path: `${at}.onExitCodes.values`, message: 'exit codes must be unique' });
          if (values.some((v, k) => k > 0 && v < values[k - 1])) hits.push({ path: `${at}.onExitCodes.values`, message: 'exit codes must be sorted in increasing order' });
        }
        arr(r.onPodConditions).forEach((c, k) => {
          if (typeof obj(c).type !== 'string' || obj(c).type === '') hits.push({ path: `${at}.onPodConditions[${k}].type`, message: 'pod condition type is required' });
          if (obj(c).status !== undefined && !['True', 'False', 'Unknown'].includes(obj(c).status)) hits.push({ path: `${at}.onPodConditions[${k}].status`, message: `status ${show(obj(c).status)} is not supported: valid values are "True", "False" and "Unknown"` });
        });
      });
      return hits;
    },
  },
  {
    id: 'success-policy-invalid',
    severity: E,
    kinds: both,
    description: 'successPolicy needs completionMode Indexed and 1 to 20 rules, each with succeededIndexes or succeededCount.',
    fix: 'use successPolicy only on Indexed Jobs, with succeededIndexes and/or succeededCount in each rule',
    check: (ctx) => {
      const sp = obj(ctx.job).successPolicy;
      if (sp === undefined || sp === null) return [];
      const p = `${ctx.jobPath}successPolicy`;
      const hits: Hit[] = [];
      if (obj(ctx.job).completionMode !== 'Indexed') hits.push({ path: p, message: 'successPolicy requires completionMode Indexed' });
      const rules = arr(obj(sp).rules);
      if (rules.length === 0 || rules.length > 20) hits.push({ path: `${p}.rules`, message: 'successPolicy must have 1 to 20 rules' });
      rules.forEach((r, i) => {
        if (obj(r).succeededIndexes === undefined && obj(r).succeededCount === undefined) hits.push({ path: `${p}.rules[${i}]`, message: 'a success policy rule needs succeededIndexes or succeededCount' });
      });
      return hits;
    },
  },
  {
    id: 'pod-replacement-policy-invalid',
    severity: E,
    kinds: both,
    description: 'podReplacementPolicy must be TerminatingOrFailed or Failed, and Failed when a podFailurePolicy is set.',
    fix: 'use podReplacementPolicy: Failed',
    check: (ctx) => {
      const v = obj(ctx.job).podReplacementPolicy;
      if (v === undefined || v === null) return [];
      const path = `${ctx.jobPath}podReplacementPolicy`;
      if (v !== 'TerminatingOrFailed' && v !== 'Failed') return [{ path, message: `podReplacementPolicy ${show(v)} is not supported: valid values are "Failed" and "TerminatingOrFailed"` }];
      return v !== 'Failed' && obj(ctx.job).podFailurePolicy ? [{ path, message: 'podReplacementPolicy must be Failed when podFailurePolicy is set' }] : [];
    },
  },
  {
    id: 'schedule-invalid',
    severity: E,
    kinds: ['CronJob'],
    description: 'spec.schedule and spec.timeZone must be accepted by the API server (robfig/cron syntax, no TZ= in the schedule, an IANA zone).',
    fix: 'see the message; `cdk8s-batch schedule "<expr>"` shows what Kubernetes makes of a schedule',
    check: (ctx) => {
      const s = obj(ctx.manifest.spec);
      if (typeof s.schedule !== 'string') return [{ path: 'spec.schedule', message: 'spec.schedule is required' }];
      if (s.timeZone !== undefined && s.timeZone !== null && typeof s.timeZone !== 'string') return [{ path: 'spec.timeZone', message: 'spec.timeZone must be a string' }];
      return apiServerScheduleErrors(s.schedule, s.timeZone ?? undefined).map((e) => ({
        path: `spec.${e.field}`, message: `spec.${e.field}: Invalid value: ${show(e.value)}: ${e.kubernetesMessage}`, fix: e.fix,
      }));
    },
  },
  {
    id: 'concurrency-policy-invalid',
    severity: E,
    kinds: ['CronJob'],
    description: 'concurrencyPolicy must be Allow, Forbid or Replace.',
    fix: 'use concurrencyPolicy: Forbid',
    check: (ctx) => {
      const v = obj(ctx.manifest.spec).concurrencyPolicy;
      return v === undefined || ['Allow', 'Forbid', 'Replace'].includes(v) ? [] : [{ path: 'spec.concurrencyPolicy', message: `concurrencyPolicy ${show(v)} is not supported: valid values are "Allow", "Forbid" and "Replace"` }];
    },
  },
  {
    id: 'container-restart-policy-invalid',
    severity: E,
    kinds: both,
    description: 'Only init containers may set restartPolicy, and only to Always (a native sidecar).',
    fix: 'remove restartPolicy from regular containers; use restartPolicy: Always on init containers for sidecars',
    check: (ctx) => containersOf(ctx.pod, ctx.podPath).flatMap(({ c, path, group }) => {
      if (c.restartPolicy === undefined) return [];
      if (group === 'containers') return [{ path: `${path}.restartPolicy`, message: 'restartPolicy may only be set on init containers' }];
      return c.restartPolicy === 'Always' ? [] : [{ path: `${path}.restartPolicy`, message: `init container restartPolicy ${show(c.restartPolicy)} is not supported: only "Always"` }];
    }),
  },
  {
    id: 'resources-request-exceeds-limit',
    severity: E,
    kinds: both,
    description: 'A container\'s resource requests must not exceed its limits.',
    fix: 'raise the limit or lower the request',
    check: (ctx) => containersOf(ctx.pod, ctx.podPath).flatMap(({ c, path }) => {
      const req = obj(obj(c.resources).requests);
      const lim = obj(obj(c.resources).limits);
      return Object.keys(req).filter((k) => lim[k] !== undefined).flatMap((k) => {
        const r = quantity(req[k]);
        const l = quantity(lim[k]);
        return r !== undefined && l !== undefined && r > l ? [{ path: `${path}.resources.requests.${k}`, message: `${k} request ${req[k]} exceeds the limit ${lim[k]}` }] : [];
      });
    }),
  },
  {
    id: 'field-needs-newer-kubernetes',
    severity: E,
    kinds: both,
    description: 'Fields introduced after the target Kubernetes version are dropped or rejected by older API servers.',
    fix: 'raise the target version if the cluster runs it, or remove the field',
    check: (ctx) => {
      const j = obj(ctx.job);
      const used: Array<[BatchFeatureKey, boolean, string]> = [
        ['podFailurePolicy', j.podFailurePolicy !== undefined, `${ctx.jobPath}podFailurePolicy`],
        ['backoffLimitPerIndex', j.backoffLimitPerIndex !== undefined, `${ctx.jobPath}backoffLimitPerIndex`],
        ['maxFailedIndexes', j.maxFailedIndexes !== undefined, `${ctx.jobPath}maxFailedIndexes`],
        ['failIndexAction', arr(obj(j.podFailurePolicy).rules).some((r) => obj(r).action === 'FailIndex'), `${ctx.jobPath}podFailurePolicy`],
        ['podReplacementPolicy', j.podReplacementPolicy !== undefined, `${ctx.jobPath}podReplacementPolicy`],
        ['nativeSidecars', arr(obj(ctx.pod).initContainers).some((c) => obj(c).restartPolicy === 'Always'), `${ctx.podPath}initContainers`],
        ['successPolicy', j.successPolicy !== undefined, `${ctx.jobPath}successPolicy`],
        ['managedBy', j.managedBy !== undefined, `${ctx.jobPath}managedBy`],
      ];
      return used.filter(([f, inUse]) => inUse && !supportsFeature(ctx.target, f)).map(([f, , path]) => ({
        path, message: `${BATCH_FEATURES[f].name} needs Kubernetes 1.${BATCH_FEATURES[f].sinceMinor} or newer (${BATCH_FEATURES[f].stage}); the target is ${ctx.target.name}`,
      }));
    },
  },
];

export function jobSpecOf(manifest: any): { job: any; jobPath: string } {
  return manifest.kind === 'CronJob'
    ? { job: obj(obj(obj(manifest.spec).jobTemplate).spec), jobPath: 'spec.jobTemplate.spec.' }
    : { job: obj(manifest.spec), jobPath: 'spec.' };
}

export function contextOf(manifest: any, target: RuleContext['target']): RuleContext {
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
  };
}
