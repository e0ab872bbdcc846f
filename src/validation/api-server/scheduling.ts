/**
 * Where a pod may run (core validation `ValidateTolerations`, `validateAffinity`, `ValidateNodeSelector`,
 * `validatePodAffinityTerm`, `validateTopologySpreadConstraints`, `validateSchedulingGates`).
 */
import { errorsFor, FieldError } from './field-error';
import { dns1123Label, dns1123Subdomain, labelValue, qualifiedName } from './names';
import { validateLabelSelector, validateLabels } from './object-meta';
import { append, arr, isInt, isSet, obj } from './values';

const E = errorsFor('api-scheduling');
const labelName = (key: unknown, path: string): FieldError[] => (typeof key === 'string' ? qualifiedName(key).map((m) => E.invalid(path, key, m)) : []);

export function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  arr(tolerations).forEach((t0, i) => {
    const t = obj(t0);
    const at = `${path}[${i}]`;
    const key = typeof t.key === 'string' ? t.key : '';
    if (key !== '') append(errs, labelName(key, `${at}.key`));
    if (key === '' && t.operator !== 'Exists') errs.push(E.invalid(`${at}.operator`, t.operator ?? '', 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (isSet(t.tolerationSeconds) && t.effect !== 'NoExecute') errs.push(E.invalid(`${at}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    switch (t.operator ?? '') {
      case 'Equal':
      case '':
        if (typeof t.value === 'string') { const m = labelValue(t.value); if (m.length) errs.push(E.invalid(`${at}.operator`, t.value, m.join(';'))); }
        break;
      case 'Exists':
        if (typeof t.value === 'string' && t.value !== '') errs.push(E.invalid(`${at}.operator`, t, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(E.notSupported(`${at}.operator`, t.operator, ['Equal', 'Exists']));
    }
    if (isSet(t.effect) && t.effect !== '' && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(t.effect)) {
      errs.push(E.notSupported(`${at}.effect`, t.effect, ['NoExecute', 'NoSchedule', 'PreferNoSchedule']));
    }
  });
  return errs;
}

/** `required`: a required term's values must be label values too (preferred terms are not held to it). */
function nodeSelectorTerm(term0: unknown, path: string, required = false): FieldError[] {
  const term = obj(term0);
  const errs: FieldError[] = [];
  arr(term.matchExpressions).forEach((r0, j) => {
    const r = obj(r0);
    const at = `${path}.matchExpressions[${j}]`;
    const values = arr(r.values);
    switch (r.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(E.required(`${at}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(E.forbidden(`${at}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      case 'Gt':
      case 'Lt':
        if (values.length !== 1) errs.push(E.required(`${at}.values`, "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        break;
      default:
        errs.push(E.invalid(`${at}.operator`, r.operator, 'not a valid selector operator', 'use In, NotIn, Exists, DoesNotExist, Gt or Lt'));
    }
    // A requirement without a key decodes to "", which is no label name.
    append(errs, labelName(typeof r.key === 'string' ? r.key : '', `${at}.key`));
    if (required) values.forEach((v, k) => { if (typeof v === 'string') for (const m of labelValue(v)) errs.push(E.invalid(`${at}.values[${k}]`, v, m)); });
  });
  arr(term.matchFields).forEach((r0, j) => {
    const r = obj(r0);
    const at = `${path}.matchFields[${j}]`;
    if (r.operator === 'In' || r.operator === 'NotIn') {
      if (arr(r.values).length !== 1) errs.push(E.required(`${at}.values`, "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else {
      errs.push(E.invalid(`${at}.operator`, r.operator, 'not a valid selector operator'));
    }
    if (r.key !== 'metadata.name') errs.push(E.invalid(`${at}.key`, r.key, 'not a valid field selector key'));
    else arr(r.values).forEach((v, k) => { if (typeof v === 'string') for (const m of dns1123Subdomain(v)) errs.push(E.invalid(`${at}.values[${k}]`, v, m)); });
  });
  return errs;
}

const weight = (w: unknown, path: string): FieldError[] => (!isInt(w) || w <= 0 || w > 100 ? [E.invalid(path, w ?? 0, 'must be in the range 1-100')] : []);

function podAffinityTerm(term0: unknown, path: string): FieldError[] {
  const term = obj(term0);
  const errs: FieldError[] = [];
  if (isSet(term.labelSelector)) append(errs, validateLabelSelector(term.labelSelector, `${path}.labelSelector`, E));
  if (isSet(term.namespaceSelector)) append(errs, validateLabelSelector(term.namespaceSelector, `${path}.namespaceSelector`, E));
  for (const ns of arr(term.namespaces)) if (typeof ns === 'string') for (const m of dns1123Label(ns)) errs.push(E.invalid(`${path}.namespace`, ns, m));
  const match = arr(term.matchLabelKeys);
  const mismatch = arr(term.mismatchLabelKeys);
  match.forEach((k, i) => append(errs, labelName(k, `${path}.matchLabelKeys[${i}]`)));
  mismatch.forEach((k, i) => append(errs, labelName(k, `${path}.mismatchLabelKeys[${i}]`)));
  if (!isSet(term.labelSelector)) {
    if (match.length) errs.push(E.forbidden(`${path}.matchLabelKeys`, 'must not be specified when labelSelector is not set'));
    if (mismatch.length) errs.push(E.forbidden(`${path}.mismatchLabelKeys`, 'must not be specified when labelSelector is not set'));
  }
  match.forEach((k, i) => { if (mismatch.includes(k)) errs.push(E.invalid(`${path}.matchLabelKeys[${i}]`, k, 'exists in both matchLabelKeys and mismatchLabelKeys')); });
  if (isSet(term.labelSelector)) {
    // A matchLabelKeys key that a selector expression repeats (after matchLabels or an earlier
    // expression) is reported at the term's path indexed by the key's position, as upstream does.
    const selector = obj(term.labelSelector);
    const keys = new Set<unknown>(Object.keys(obj(selector.matchLabels)));
    for (const e of arr(selector.matchExpressions)) {
      const key = obj(e).key;
      const i = match.lastIndexOf(key);
      if (i >= 0 && keys.has(key)) errs.push(E.invalid(`${path}[${i}]`, key, 'exists in both matchLabelKeys and labelSelector'));
      keys.add(key);
    }
  }
  if (typeof term.topologyKey !== 'string' || term.topologyKey === '') errs.push(E.required(`${path}.topologyKey`, 'can not be empty', 'use a node label key such as kubernetes.io/hostname'));
  else append(errs, labelName(term.topologyKey, `${path}.topologyKey`));
  return errs;
}

function podAffinity(a0: unknown, path: string): FieldError[] {
  const a = obj(a0);
  return [
    ...arr(a.requiredDuringSchedulingIgnoredDuringExecution).flatMap((t, i) => podAffinityTerm(t, `${path}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`)),
    ...arr(a.preferredDuringSchedulingIgnoredDuringExecution).flatMap((t0, i) => {
      const at = `${path}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      return [...weight(obj(t0).weight, `${at}.weight`), ...podAffinityTerm(obj(t0).podAffinityTerm, `${at}.podAffinityTerm`)];
    }),
  ];
}

export function validateAffinity(affinity0: unknown, path: string): FieldError[] {
  if (!isSet(affinity0)) return [];
  const affinity = obj(affinity0);
  const errs: FieldError[] = [];
  if (isSet(affinity.nodeAffinity)) {
    const na = obj(affinity.nodeAffinity);
    const np = `${path}.nodeAffinity`;
    if (isSet(na.requiredDuringSchedulingIgnoredDuringExecution)) {
      const terms = arr(obj(na.requiredDuringSchedulingIgnoredDuringExecution).nodeSelectorTerms);
      const tp = `${np}.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`;
      if (terms.length === 0) errs.push(E.required(tp, 'must have at least one node selector term'));
      terms.forEach((t, i) => append(errs, nodeSelectorTerm(t, `${tp}[${i}]`, true)));
    }
    arr(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t0, i) => {
      const at = `${np}.preferredDuringSchedulingIgnoredDuringExecution[${i}]`;
      append(errs, weight(obj(t0).weight, `${at}.weight`));
      append(errs, nodeSelectorTerm(obj(t0).preference, `${at}.preference`));
    });
  }
  if (isSet(affinity.podAffinity)) append(errs, podAffinity(affinity.podAffinity, `${path}.podAffinity`));
  if (isSet(affinity.podAntiAffinity)) append(errs, podAffinity(affinity.podAntiAffinity, `${path}.podAntiAffinity`));
  return errs;
}

export function validateTopologySpreadConstraints(list: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const constraints = arr(list).map(obj);
  constraints.forEach((c, i) => {
    const at = `${path}[${i}]`;
    if (!isInt(c.maxSkew) || c.maxSkew <= 0) errs.push(E.invalid(`${at}.maxSkew`, c.maxSkew ?? 0, 'must be greater than zero'));
    // ValidateTopologyKey: any non-empty key (unlike an affinity term's, it is no label name check).
    if (typeof c.topologyKey !== 'string' || c.topologyKey === '') errs.push(E.required(`${at}.topologyKey`, 'can not be empty'));
    if (!['DoNotSchedule', 'ScheduleAnyway'].includes(c.whenUnsatisfiable)) errs.push(E.notSupported(`${at}.whenUnsatisfiable`, c.whenUnsatisfiable ?? '', ['DoNotSchedule', 'ScheduleAnyway']));
    if (constraints.slice(i + 1).some((o) => o.topologyKey === c.topologyKey && o.whenUnsatisfiable === c.whenUnsatisfiable)) {
      errs.push(E.duplicate(`${at}.{topologyKey, whenUnsatisfiable}`, `{${c.topologyKey}, ${c.whenUnsatisfiable}}`));
    }
    if (isSet(c.minDomains)) {
      if (!isInt(c.minDomains) || c.minDomains <= 0) errs.push(E.invalid(`${at}.minDomains`, c.minDomains, 'must be greater than 0'));
      else if (c.whenUnsatisfiable !== 'DoNotSchedule') errs.push(E.invalid(`${at}.minDomains`, c.minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${c.whenUnsatisfiable}`));
    }
    for (const f of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) if (isSet(c[f]) && !['Honor', 'Ignore'].includes(c[f])) errs.push(E.notSupported(`${at}.${f}`, c[f], ['Honor', 'Ignore']));
    const keys = arr(c.matchLabelKeys);
    if (keys.length) {
      if (!isSet(c.labelSelector)) errs.push(E.forbidden(`${at}.matchLabelKeys`, 'must not be specified when labelSelector is not set'));
      const selector = obj(c.labelSelector);
      const selectorKeys = new Set([...Object.keys(obj(selector.matchLabels)), ...arr(selector.matchExpressions).map((e) => obj(e).key)]);
      keys.forEach((k, j) => {
        append(errs, labelName(k, `${at}.matchLabelKeys[${j}]`));
        if (selectorKeys.has(k)) errs.push(E.invalid(`${at}.matchLabelKeys[${j}]`, k, 'exists in both matchLabelKeys and labelSelector'));
      });
    }
    if (isSet(c.labelSelector)) append(errs, validateLabelSelector(c.labelSelector, `${at}.labelSelector`, E));
  });
  return errs;
}

export function validateNodeSelector(selector: unknown, path: string): FieldError[] {
  return validateLabels(selector, path).map((e) => ({ ...e, ruleId: E.required('').ruleId }));
}

export function validateSchedulingGates(gates: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr(gates).forEach((g0, i) => {
    // A gate without a name decodes to "", which is no qualified name; reported at the entry.
    const name = typeof obj(g0).name === 'string' ? obj(g0).name : '';
    const at = `${path}[${i}]`;
    append(errs, qualifiedName(name).map((m) => E.invalid(at, name, m)));
    if (seen.has(name)) errs.push(E.duplicate(at, name));
    seen.add(name);
  });
  return errs;
}
