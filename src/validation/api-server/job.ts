/**
 * Job and Job template specs (batch validation `ValidateJob`, `validateJobSpec`,
 * `ValidateGeneratedSelector`, `validatePodFailurePolicy*`, `validateSuccessPolicy*`,
 * `validatePodReplacementPolicy`, `validateManagedBy`, `ValidateJobTemplateSpec`).
 */
import { PodValidationContext } from './context';
import { errorsFor, FieldError } from './field-error';
import { dns1123Label, domainPrefixedPath, qualifiedName } from './names';
import { selectorMatches, validateLabelSelector, validateObjectMeta } from './object-meta';
import { validatePodTemplate } from './pod-spec';
import { GENERATED_UID } from './prepare';
import { append, arr, isInt, isSet, obj } from './values';

const E = errorsFor('api-job-spec');
const PFP = errorsFor('api-pod-failure-policy');
const SP = errorsFor('api-success-policy');
const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const CONDITION_STATUS = ['False', 'True', 'Unknown'];
const MAX_INDEXED_PARALLELISM = 100000;
const MAX_FAILED_INDEXES = 100000;
const HIGH_COMPLETIONS = 100000;
const MAX_FOR_HIGH_COMPLETIONS = 10000;

const nonNegative = (v: unknown, path: string): FieldError[] => (isInt(v) && v < 0 ? [E.invalid(path, v, 'must be greater than or equal to 0', 'use 0 or more')] : []);

function validatePodFailurePolicy(spec: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const rules = arr(obj(spec.podFailurePolicy).rules);
  const rp = `${path}.rules`;
  if (rules.length > 20) errs.push(PFP.tooMany(rp, rules.length, 20));
  const pod = obj(obj(spec.template).spec);
  const names = new Set(arr(pod.containers).concat(arr(pod.initContainers)).map((c) => obj(c).name));
  rules.forEach((r0, i) => {
    const r = obj(r0);
    const at = `${rp}[${i}]`;
    if (!isSet(r.action) || r.action === '') {errs.push(PFP.required(`${at}.action`, `valid values: ${JSON.stringify(ACTIONS)}`));} else if (r.action === 'FailIndex') {
      if (!isSet(spec.backoffLimitPerIndex)) errs.push(PFP.invalid(`${at}.action`, r.action, 'requires the backoffLimitPerIndex to be set', 'set backoffLimitPerIndex, or use FailJob'));
    } else if (!ACTIONS.includes(r.action)) {errs.push(PFP.notSupported(`${at}.action`, r.action, ACTIONS));}
    const conditions = arr(r.onPodConditions);
    if (isSet(r.onExitCodes)) {
      const ec = obj(r.onExitCodes);
      const ep = `${at}.onExitCodes`;
      if (isSet(ec.containerName) && !names.has(ec.containerName)) {
        errs.push(PFP.invalid(`${ep}.containerName`, ec.containerName, 'must be one of the container or initContainer names in the pod template', `use one of ${[...names].map((n) => JSON.stringify(n)).join(', ')}`));
      }
      if (!isSet(ec.operator) || ec.operator === '') errs.push(PFP.required(`${ep}.operator`, 'valid values: ["In" "NotIn"]'));
      else if (!['In', 'NotIn'].includes(ec.operator)) errs.push(PFP.notSupported(`${ep}.operator`, ec.operator, ['In', 'NotIn']));
      const values = arr(ec.values);
      if (values.length === 0) {errs.push(PFP.invalid(`${ep}.values`, values, 'at least one value is required'));} else if (values.length > 255) {errs.push(PFP.tooMany(`${ep}.values`, values.length, 255));} else {
        const seen = new Set<unknown>();
        values.forEach((v, j) => {
          if (seen.has(v)) errs.push(PFP.duplicate(`${ep}.values[${j}]`, v));
          seen.add(v);
          if (ec.operator === 'In' && v === 0) errs.push(PFP.invalid(`${ep}.values[${j}]`, v, 'must not be 0 for the In operator', 'exit code 0 is success; remove it'));
          if (j > 0 && isInt(v) && isInt(values[j - 1]) && values[j - 1] > v) errs.push(PFP.invalid(`${ep}.values`, values, 'must be ordered', 'sort the exit codes in ascending order'));
        });
      }
    }
    if (conditions.length > 0) {
      const cp = `${at}.onPodConditions`;
      if (conditions.length > 20) errs.push(PFP.tooMany(cp, conditions.length, 20));
      conditions.forEach((c0, j) => {
        const c = obj(c0);
        const type = typeof c.type === 'string' ? c.type : '';
        append(errs, qualifiedName(type).map((m) => PFP.invalid(`${cp}[${j}].type`, type, m)));
        if (!isSet(c.status) || c.status === '') errs.push(PFP.required(`${cp}[${j}].status`, `valid values: ${JSON.stringify(CONDITION_STATUS)}`));
        else if (!CONDITION_STATUS.includes(c.status)) errs.push(PFP.notSupported(`${cp}[${j}].status`, c.status, CONDITION_STATUS));
      });
    }
    if (isSet(r.onExitCodes) && conditions.length > 0) errs.push(PFP.invalid(at, undefined, 'specifying both OnExitCodes and OnPodConditions is not supported', 'split it into two rules'));
    else if (!isSet(r.onExitCodes) && conditions.length === 0) errs.push(PFP.invalid(at, undefined, 'specifying one of OnExitCodes and OnPodConditions is required'));
  });
  return errs;
}

/** `1,3-5,7`: strictly increasing indexes below `completions`; returns the count or an error text. */
export function parseIndexes(text: string, completions: number): { total: number } | { error: string } {
  if (text === '') return { total: 0 };
  let last: number | undefined;
  let total = 0;
  const atoi = (s: string) => (/^[+-]?\d+$/.test(s) && Math.abs(Number(s)) <= Number.MAX_SAFE_INTEGER ? Number(s) : undefined);
  for (const interval of text.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2) return { error: `the fragment "${interval}" violates the requirement that an index interval can have at most two parts separated by '-'` };
    const x = atoi(limits[0]);
    if (x === undefined) return { error: `cannot convert string to integer for index: "${limits[0]}"` };
    if (x >= completions) return { error: `too large index: "${limits[0]}"` };
    if (last !== undefined && last >= x) return { error: `non-increasing order, previous: ${last}, current: ${x}` };
    total++;
    last = x;
    if (limits.length > 1) {
      const y = atoi(limits[1]);
      if (y === undefined) return { error: `cannot convert string to integer for index: "${limits[1]}"` };
      if (y >= completions) return { error: `too large index: "${limits[1]}"` };
      if (last >= y) return { error: `non-increasing order, previous: ${last}, current: ${y}` };
      total += y - x;
      last = y;
    }
  }
  return { total };
}

function validateSuccessPolicy(spec: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const rules = arr(obj(spec.successPolicy).rules);
  const rp = `${path}.rules`;
  if (rules.length === 0) errs.push(SP.required(rp, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > 20) errs.push(SP.tooMany(rp, rules.length, 20));
  const completions = isInt(spec.completions) ? spec.completions : undefined;
  rules.forEach((r0, i) => {
    const r = obj(r0);
    const at = `${rp}[${i}]`;
    let total: number | undefined;
    if (typeof r.succeededIndexes === 'string') {
      const ip = `${at}.succeededIndexes`;
      if (Buffer.byteLength(r.succeededIndexes) > 65536) errs.push(SP.tooLong(ip, 65536));
      if (completions !== undefined) {
        const parsed = parseIndexes(r.succeededIndexes, completions);
        if ('error' in parsed) errs.push(SP.invalid(ip, r.succeededIndexes, `error parsing succeededIndexes: ${parsed.error}`, 'write indexes like "0,2-5" in increasing order, each below completions'));
        else total = parsed.total;
      }
    }
    if (isInt(r.succeededCount)) {
      const cp = `${at}.succeededCount`;
      if (r.succeededCount < 0) errs.push(SP.invalid(cp, r.succeededCount, 'must be greater than or equal to 0'));
      if (completions !== undefined && r.succeededCount > completions) errs.push(SP.invalid(cp, r.succeededCount, `must be less than or equal to ${completions} (the number of specified completions)`));
      if (total !== undefined && r.succeededCount > total) errs.push(SP.invalid(cp, r.succeededCount, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
    }
    if (!isSet(r.succeededIndexes) && !isSet(r.succeededCount)) errs.push(SP.required(at, 'at least one of succeededCount or succeededIndexes must be specified'));
  });
  return errs;
}

/** `validateJobSpec`: what a Job and a CronJob's jobTemplate share. `path` is `spec` or `spec.jobTemplate.spec`. */
export function validateJobSpec(spec: any, path: string, ctx: PodValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) append(errs, nonNegative(spec[f], `${path}.${f}`));
  const indexed = spec.completionMode === 'Indexed';
  if (isSet(spec.backoffLimitPerIndex)) {
    append(errs, nonNegative(spec.backoffLimitPerIndex, `${path}.backoffLimitPerIndex`));
    if (!indexed) errs.push(E.invalid(`${path}.backoffLimitPerIndex`, spec.backoffLimitPerIndex, 'requires indexed completion mode', 'set completionMode: Indexed'));
  }
  if (isSet(spec.maxFailedIndexes)) {
    append(errs, nonNegative(spec.maxFailedIndexes, `${path}.maxFailedIndexes`));
    if (!isSet(spec.backoffLimitPerIndex)) errs.push(E.required(`${path}.backoffLimitPerIndex`, 'when maxFailedIndexes is specified'));
    if (!indexed) errs.push(E.invalid(`${path}.maxFailedIndexes`, spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  if (isSet(spec.managedBy)) {
    const m = spec.managedBy;
    const mp = `${path}.managedBy`;
    if (typeof m === 'string') {
      if (m === '') errs.push(E.required(mp));
      else append(errs, domainPrefixedPath(m).map((msg) => E.invalid(mp, m, msg)));
      if (m.length > 63) errs.push({ ...E.tooLong(mp, 63), detail: 'may not be more than 63 bytes' });
    }
  }
  if (isSet(spec.completionMode)) {
    if (spec.completionMode !== 'NonIndexed' && spec.completionMode !== 'Indexed') {
      errs.push(E.notSupported(`${path}.completionMode`, spec.completionMode, ['Indexed', 'NonIndexed']));
    } else if (indexed) {
      if (!isSet(spec.completions)) errs.push(E.required(`${path}.completions`, 'when completion mode is Indexed', 'set completions to the number of indexes'));
      if (isInt(spec.parallelism) && spec.parallelism > MAX_INDEXED_PARALLELISM) errs.push(E.invalid(`${path}.parallelism`, spec.parallelism, `must be less than or equal to ${MAX_INDEXED_PARALLELISM} when completion mode is Indexed`));
      if (isInt(spec.completions) && isInt(spec.maxFailedIndexes) && spec.maxFailedIndexes > spec.completions) errs.push(E.invalid(`${path}.maxFailedIndexes`, spec.maxFailedIndexes, 'must be less than or equal to completions'));
      if (isInt(spec.maxFailedIndexes) && spec.maxFailedIndexes > MAX_FAILED_INDEXES) errs.push(E.invalid(`${path}.maxFailedIndexes`, spec.maxFailedIndexes, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
      if (isInt(spec.completions) && spec.completions > HIGH_COMPLETIONS && isSet(spec.backoffLimitPerIndex)) {
        const why = `must be less than or equal to ${MAX_FOR_HIGH_COMPLETIONS} when completions are above ${HIGH_COMPLETIONS} and used with backoff limit per index`;
        if (!isSet(spec.maxFailedIndexes)) errs.push(E.required(`${path}.maxFailedIndexes`, `must be specified when completions is above ${HIGH_COMPLETIONS}`));
        else if (isInt(spec.maxFailedIndexes) && spec.maxFailedIndexes > MAX_FOR_HIGH_COMPLETIONS) errs.push(E.invalid(`${path}.maxFailedIndexes`, spec.maxFailedIndexes, why));
        if (isInt(spec.parallelism) && spec.parallelism > MAX_FOR_HIGH_COMPLETIONS) errs.push(E.invalid(`${path}.parallelism`, spec.parallelism, why));
      }
    }
  }
  if (isSet(spec.successPolicy)) {
    if (!indexed) errs.push(SP.invalid(`${path}.successPolicy`, spec.successPolicy, 'requires indexed completion mode', 'set completionMode: Indexed'));
    else append(errs, validateSuccessPolicy(spec, `${path}.successPolicy`));
  }
  if (isSet(spec.podReplacementPolicy)) {
    const v = spec.podReplacementPolicy;
    if (isSet(spec.podFailurePolicy)) {
      if (v !== 'Failed') errs.push(E.notSupported(`${path}.podReplacementPolicy`, v, ['Failed'], 'a Job with a podFailurePolicy needs podReplacementPolicy: Failed'));
    } else if (v !== 'Failed' && v !== 'TerminatingOrFailed') {
      errs.push(E.notSupported(`${path}.podReplacementPolicy`, v, ['Failed', 'TerminatingOrFailed']));
    }
  }
  append(errs, validatePodTemplate(spec.template, `${path}.template`, ctx));
  const rpPath = `${path}.template.spec.restartPolicy`;
  const rp = obj(obj(spec.template).spec).restartPolicy;
  if (!isSet(rp) || rp === '' || rp === 'Always') errs.push(E.required(rpPath, 'valid values: "OnFailure", "Never"', 'set restartPolicy: Never (or OnFailure) on the pod template'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(E.notSupported(rpPath, rp, ['OnFailure', 'Never']));
  else if (isSet(spec.podFailurePolicy) && rp !== 'Never') errs.push(PFP.invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified', 'set restartPolicy: Never'));
  if (isSet(spec.podFailurePolicy)) append(errs, validatePodFailurePolicy(spec, `${path}.podFailurePolicy`));
  return errs;
}

/** `ValidateJob` on create, after defaulting and selector generation. */
export function validateJob(job: any, ctx: PodValidationContext): FieldError[] {
  const meta = obj(job.metadata);
  const spec = obj(job.spec);
  const errs = validateObjectMeta(meta);
  const name = typeof meta.name === 'string' ? meta.name : '';
  if (spec.completionMode === 'Indexed' && isInt(spec.completions) && spec.completions > 0 && name !== '') {
    const hostname = `${name}-${spec.completions - 1}`;
    if (dns1123Label(hostname).length > 0) {
      errs.push(E.invalid('metadata.name', name, `will not able to create pod with invalid DNS label: ${hostname}`, `shorten the name to at most ${62 - String(spec.completions - 1).length} characters, without dots`));
    }
  }
  const template = obj(spec.template);
  const labels = obj(obj(template.metadata).labels);
  if (spec.manualSelector !== true) {
    // The generated labels must be on the template with the generated values, and the selector
    // (the generated one, or the user's with the generated controller-uid added) must select them.
    const expected: Record<string, string> = { 'controller-uid': GENERATED_UID, 'job-name': name, 'batch.kubernetes.io/controller-uid': GENERATED_UID, 'batch.kubernetes.io/job-name': name };
    for (const k of Object.keys(expected)) {
      const v = expected[k];
      if (labels[k] !== v) errs.push(E.invalid(`spec.template.metadata.labels[${k}]`, labels[k], `must be '${v === GENERATED_UID ? '<uid of the new Job>' : v}'`, `remove the ${k} label: the API server sets it`));
    }
    if (!selectorMatches(spec.selector, expected)) {
      errs.push(E.invalid('spec.selector', spec.selector, '`selector` not auto-generated', 'remove spec.selector (or set manualSelector: true and own the labels)'));
    }
  }
  if (!isSet(spec.selector)) errs.push(E.required('spec.selector', '', 'give a selector, or drop manualSelector so it is generated'));
  else append(errs, validateLabelSelector(spec.selector, 'spec.selector', E));
  if (!isSet(spec.selector) || !selectorMatches(spec.selector, labels)) {
    errs.push(E.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`', 'make the template labels match spec.selector'));
  }
  append(errs, validateJobSpec(spec, 'spec', ctx));
  // The server copies the name into the pods' job-name labels: say so where that is the cause.
  return errs.map((e) => (e.path === 'spec.template.labels' && e.value === name && name.length > 63
    ? { ...e, fix: `shorten metadata.name to at most 63 characters: the API server copies it into the pods' job-name labels (${name.length} now)` } : e));
}

/** `ValidateJobTemplateSpec`: a CronJob's jobTemplate, whose selector is always generated. */
export function validateJobTemplate(jobTemplate: any, ctx: PodValidationContext): FieldError[] {
  const spec = obj(obj(jobTemplate).spec);
  const errs = validateJobSpec(spec, 'spec.jobTemplate.spec', ctx);
  if (isSet(spec.selector)) errs.push(E.invalid('spec.jobTemplate.spec.selector', spec.selector, '`selector` will be auto-generated', 'remove the selector'));
  if (spec.manualSelector === true) errs.push(E.notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false'], 'remove manualSelector'));
  return errs;
}
