import { arr, obj, show } from './helpers';
import { Hit, Rule, RuleContext, Severity } from './types';
import {
  ARGOCD_HOOK_ANNOTATION, ARGOCD_HOOK_DELETE_POLICY_ANNOTATION, ARGOCD_SYNC_OPTIONS_ANNOTATION, ArgoCdHookDeletePolicy, ArgoCdHookPhase,
  CONTENT_HASH_LENGTH, FLUX_FORCE_ANNOTATION, HELM_HOOK_ANNOTATION, HELM_HOOK_DELETE_POLICY_ANNOTATION, HELM_HOOK_WEIGHT_ANNOTATION,
  HelmHook, HelmHookDeletePolicy, UPDATE_STRATEGY_ANNOTATION, UpdateStrategyType,
} from '../constructs/update-strategy';
import { append } from '../util/append';

const ARGO_HOOKS = [...Object.values(ArgoCdHookPhase), 'Skip'];
const HASH_SUFFIX = new RegExp(`-[0-9a-f]{${CONTENT_HASH_LENGTH}}$`);
const FIX = 'give the Job an update strategy: a name that changes with its spec (cdk8s-batch UpdateStrategy.contentHash(), or a version suffix), '
  + 'an Argo CD hook (argocd.argoproj.io/hook: PreSync, or sync-options Force=true,Replace=true), a Helm hook (helm.sh/hook: pre-install,pre-upgrade), '
  + 'or Flux force (kustomize.toolkit.fluxcd.io/force: enabled)';

/**
 * `job-fixed-name-no-update-strategy`: a standalone Job (not created by a CronJob) with a fixed
 * `metadata.name` and no way to be replaced. Its pod template is immutable, so the next change
 * (image, command, env, resources) is refused with `spec.template: field is immutable` by
 * `kubectl apply`, Argo CD, Flux and Helm upgrades alike. Hook and force annotations with values
 * their tool does not accept count as no strategy, and are named.
 */
export const JOB_FIXED_NAME_RULE: Rule = {
  id: 'job-fixed-name-no-update-strategy',
  severity: Severity.WARNING,
  kinds: ['Job'],
  description: 'A standalone Job with a fixed name and no update strategy: the next change to its pod template fails to apply ("spec.template: field is immutable").',
  fix: FIX,
  check: (ctx) => fixedNameHits(ctx),
};

function fixedNameHits(ctx: RuleContext): Hit[] {
  const meta = obj(ctx.manifest.metadata);
  // Jobs created by a controller (a CronJob's runs) are never re-applied.
  if (arr(meta.ownerReferences).some((o) => obj(o).kind === 'CronJob' || obj(o).controller === true)) return [];
  // generateName (no name) makes a new Job on every create.
  if (typeof meta.name !== 'string' || meta.name === '') return [];
  const annotations = obj(meta.annotations);
  const labels = obj(meta.labels);
  const invalid: Hit[] = [];
  let strategy = false;

  const marker = annotations[UPDATE_STRATEGY_ANNOTATION];
  if (marker !== undefined) {
    if (marker === UpdateStrategyType.CONTENT_HASH && HASH_SUFFIX.test(meta.name)) strategy = true;
    else invalid.push({ path: `metadata.annotations.${UPDATE_STRATEGY_ANNOTATION}`, message: `${UPDATE_STRATEGY_ANNOTATION} is ${show(marker)} but the name ${show(meta.name)} carries no content hash: the name is fixed`, fix: 'let UpdateStrategy.contentHash() name the Job, or remove the annotation' });
  }
  if (annotations[ARGOCD_HOOK_ANNOTATION] !== undefined) {
    const bad = [
      ...badValues(annotations, ARGOCD_HOOK_ANNOTATION, ARGO_HOOKS, 'Argo CD hook type'),
      ...badValues(annotations, ARGOCD_HOOK_DELETE_POLICY_ANNOTATION, Object.values(ArgoCdHookDeletePolicy), 'Argo CD hook deletion policy'),
    ];
    append(invalid, bad);
    strategy ||= bad.length === 0;
  }
  const syncOptions = splitList(annotations[ARGOCD_SYNC_OPTIONS_ANNOTATION]);
  if (syncOptions.includes('Force=true') && syncOptions.includes('Replace=true')) strategy = true;
  if (annotations[HELM_HOOK_ANNOTATION] !== undefined) {
    const bad = [
      ...badValues(annotations, HELM_HOOK_ANNOTATION, Object.values(HelmHook), 'Helm hook'),
      ...badValues(annotations, HELM_HOOK_DELETE_POLICY_ANNOTATION, Object.values(HelmHookDeletePolicy), 'Helm hook deletion policy'),
    ];
    const weight = annotations[HELM_HOOK_WEIGHT_ANNOTATION];
    if (weight !== undefined && !(typeof weight === 'string' && /^[+-]?\d+$/.test(weight.trim()))) {
      bad.push({ path: `metadata.annotations.${HELM_HOOK_WEIGHT_ANNOTATION}`, message: `${HELM_HOOK_WEIGHT_ANNOTATION} ${show(weight)} is not a whole number`, fix: 'quote a whole number, e.g. "-5"' });
    }
    append(invalid, bad);
    strategy ||= bad.length === 0;
  }
  for (const [where, map] of [['annotations', annotations], ['labels', labels]] as const) {
    const force = map[FLUX_FORCE_ANNOTATION];
    if (force === undefined) continue;
    if (force === 'enabled') strategy = true;
    else invalid.push({ path: `metadata.${where}.${FLUX_FORCE_ANNOTATION}`, message: `${FLUX_FORCE_ANNOTATION} is ${show(force)}: Flux only re-creates the object for the value "enabled"`, fix: `set ${FLUX_FORCE_ANNOTATION}: enabled` });
  }
  if (strategy) return [];
  if (invalid.length > 0) return invalid;
  return [{
    path: 'metadata.name',
    message: `Job ${show(meta.name)} has a fixed name and no update strategy: the next change to its pod template (image, command, env, resources) is refused with "spec.template: field is immutable"`,
  }];
}

/** Values of a comma-separated annotation that its tool does not know (case-sensitive, spaces trimmed). */
function badValues(annotations: any, key: string, allowed: string[], what: string): Hit[] {
  const raw = annotations[key];
  if (raw === undefined) return [];
  const values = splitList(raw);
  const unknown = typeof raw !== 'string' || values.length === 0 ? [raw] : values.filter((v) => !allowed.includes(v));
  return unknown.map((v) => ({
    path: `metadata.annotations.${key}`,
    message: `${key} ${show(v)} is not a ${what} (case-sensitive), so the tool does not manage this Job's updates`,
    fix: `use one or more of: ${allowed.join(', ')}`,
  }));
}

function splitList(value: unknown): string[] {
  return typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter((v) => v !== '') : [];
}
