/**
 * Object metadata (apimachinery `ValidateObjectMeta`, `ValidateLabels`, `ValidateAnnotations`)
 * and label selectors (`ValidateLabelSelector`).
 */
import { errorsFor, FieldError } from './field-error';
import { dns1123Label, dns1123Subdomain, labelValue, maskTrailingDash, qualifiedName } from './names';
import { append, arr, isMap, obj } from './values';

const E = errorsFor('api-metadata');
const ANNOTATIONS_LIMIT = 256 * 1024;
const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

export function validateLabels(labels: unknown, path: string): FieldError[] {
  if (!isMap(labels)) return [];
  const errs: FieldError[] = [];
  // Index loops over the keys (here and below): these run per manifest, mostly before V8 optimizes
  // them, where destructuring entries costs more than the checks.
  const keys = Object.keys(labels);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = labels[k];
    for (const msg of qualifiedName(k)) errs.push(E.invalid(path, k, msg, 'use a label key of at most 63 characters (letters, digits, "-", "_", "."), optionally prefixed with a DNS subdomain and "/"'));
    if (typeof v === 'string') for (const msg of labelValue(v)) errs.push(E.invalid(path, v, msg, 'use a label value of at most 63 characters: letters, digits, "-", "_", ".", starting and ending with a letter or digit'));
  }
  return errs;
}

export function validateAnnotations(annotations: unknown, path: string): FieldError[] {
  if (!isMap(annotations)) return [];
  const errs: FieldError[] = [];
  let size = 0;
  const keys = Object.keys(annotations);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = annotations[k];
    // Go's strings.ToLower maps "İ" to a plain "i" (JavaScript adds a combining dot).
    for (const msg of qualifiedName(k.replace(/\u0130/g, 'i').toLowerCase())) errs.push(E.invalid(path, k, msg));
    size += Buffer.byteLength(k) + (typeof v === 'string' ? Buffer.byteLength(v) : 0);
  }
  if (size > ANNOTATIONS_LIMIT) errs.push({ ...E.tooLong(path, ANNOTATIONS_LIMIT), fix: 'move large data into a ConfigMap' });
  return errs;
}

export interface ObjectMetaOptions {
  /** Name rules for this kind; DNS-1123 subdomain by default. */
  readonly nameRule?: (name: string) => string[];
}

/** Name, generateName, namespace, labels, annotations, finalizers and owner references. */
export function validateObjectMeta(meta0: unknown, options: ObjectMetaOptions = {}): FieldError[] {
  const meta = obj(meta0);
  const errs: FieldError[] = [];
  const nameRule = options.nameRule ?? dns1123Subdomain;
  const name = meta.name;
  const generateName = meta.generateName;
  if (typeof generateName === 'string' && generateName !== '') {
    // A prefix may end in "-": it is validated as if a suffix followed (the server's own masking).
    for (const msg of nameRule(maskTrailingDash(generateName))) errs.push(E.invalid('metadata.generateName', generateName, msg));
  }
  if (typeof name !== 'string' || name === '') {
    if (typeof generateName !== 'string' || generateName === '') errs.push(E.required('metadata.name', 'name or generateName is required', 'set metadata.name'));
  } else {
    for (const msg of nameRule(name)) errs.push(E.invalid('metadata.name', name, msg, 'use lower-case letters, digits, "-" and ".", starting and ending with a letter or digit'));
  }
  if (typeof meta.namespace === 'string' && meta.namespace !== '') {
    for (const msg of dns1123Label(meta.namespace)) errs.push(E.invalid('metadata.namespace', meta.namespace, msg));
  }
  append(errs, validateLabels(meta.labels, 'metadata.labels'));
  append(errs, validateAnnotations(meta.annotations, 'metadata.annotations'));
  const finalizers = arr(meta.finalizers).filter((f): f is string => typeof f === 'string');
  finalizers.forEach((f, i) => {
    const at = `metadata.finalizers[${i}]`;
    const msgs = qualifiedName(f);
    if (msgs.length) msgs.forEach((m) => errs.push(E.invalid(at, f, m)));
    else if (!f.includes('/') && !STANDARD_FINALIZERS.has(f)) errs.push(E.invalid(at, f, 'name is neither a standard finalizer name nor is it fully qualified'));
  });
  if (finalizers.includes('orphan') && finalizers.includes('foregroundDeletion')) {
    errs.push(E.invalid('metadata.finalizers', finalizers, 'finalizer orphan and foregroundDeletion cannot be both set'));
  }
  // Owner references are reported without their index, as the server does.
  let controllers = 0;
  arr(meta.ownerReferences).forEach((r0) => {
    const r = obj(r0);
    const at = 'metadata.ownerReferences';
    const apiVersion = typeof r.apiVersion === 'string' ? r.apiVersion : '';
    const gv = groupVersion(apiVersion);
    if (gv.version === '') errs.push(E.invalid(`${at}.apiVersion`, apiVersion, 'version must not be empty'));
    for (const f of ['kind', 'name', 'uid']) if (typeof r[f] !== 'string' || r[f] === '') errs.push(E.invalid(`${at}.${f}`, r[f] ?? '', 'must not be empty'));
    if (gv.group === '' && gv.version === 'v1' && r.kind === 'Event') errs.push(E.invalid(at, r, '/v1, Kind=Event is disallowed from being an owner'));
    if (r.controller === true) controllers++;
  });
  if (controllers > 1) errs.push(E.invalid('metadata.ownerReferences', meta.ownerReferences, 'Only one reference can have Controller set to true'));
  return errs;
}

/** schema.ParseGroupVersion: "v1", "group/version"; anything else (two slashes) has no version. */
function groupVersion(apiVersion: string): { group: string; version: string } {
  if (apiVersion === '' || apiVersion === '/') return { group: '', version: '' };
  const parts = apiVersion.split('/');
  if (parts.length === 1) return { group: '', version: apiVersion };
  if (parts.length === 2) return { group: parts[0], version: parts[1] };
  return { group: '', version: '' };
}

/** A metav1.LabelSelector: matchLabels syntax and matchExpressions operators. */
export function validateLabelSelector(sel0: unknown, path: string, ruleErrors = E): FieldError[] {
  const sel = obj(sel0);
  const errs: FieldError[] = [];
  arr(sel.matchExpressions).forEach((r0, i) => {
    const r = obj(r0);
    const at = `${path}.matchExpressions[${i}]`;
    const values = arr(r.values);
    switch (r.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(ruleErrors.required(`${at}.values`, 'must be specified when `operator` is \'In\' or \'NotIn\''));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(ruleErrors.forbidden(`${at}.values`, 'may not be specified when `operator` is \'Exists\' or \'DoesNotExist\''));
        break;
      default:
        errs.push(ruleErrors.invalid(`${at}.operator`, r.operator, 'not a valid selector operator', 'use In, NotIn, Exists or DoesNotExist'));
    }
    if (typeof r.key === 'string') for (const msg of qualifiedName(r.key)) errs.push(ruleErrors.invalid(`${at}.key`, r.key, msg));
    values.forEach((v, j) => { if (typeof v === 'string') for (const msg of labelValue(v)) errs.push(ruleErrors.invalid(`${at}.values[${j}]`, v, msg)); });
  });
  append(errs, validateLabels(sel.matchLabels, `${path}.matchLabels`));
  return errs;
}

/** True when the selector selects a pod with `labels` (an empty selector selects everything). */
export function selectorMatches(sel0: unknown, labels0: unknown): boolean {
  const sel = obj(sel0);
  const labels = obj(labels0);
  const matchLabels = obj(sel.matchLabels);
  for (const k of Object.keys(matchLabels)) if (labels[k] !== matchLabels[k]) return false;
  for (const r0 of arr(sel.matchExpressions)) {
    const r = obj(r0);
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const values = arr(r.values);
    switch (r.operator) {
      case 'In': if (!has || !values.includes(labels[r.key])) return false; break;
      case 'NotIn': if (has && values.includes(labels[r.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
      default: return false;
    }
  }
  return true;
}
