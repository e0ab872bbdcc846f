/**
 * Environment (core validation `ValidateEnv`, `validateEnvVarValueFrom`, `ValidateEnvFrom`) and the
 * downward API field and resource selectors that env and volumes share.
 */
import { PodValidationContext } from './context';
import { errorsFor, FieldError } from './field-error';
import { configMapKey, dns1123Subdomain, envVarName, maskTrailingDash, qualifiedName } from './names';
import { canonicalQuantity, parseQuantity } from './quantity';
import { append, arr, isSet, obj } from './values';

const E = errorsFor('api-env');

/** fieldPath values the downward API converter accepts at all. */
const CONVERTIBLE = new Set(['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName',
  'spec.restartPolicy', 'spec.serviceAccountName', 'spec.schedulerName', 'status.phase', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs']);
export const ENV_FIELD_PATHS = ['metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName', 'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs'];
export const VOLUME_FIELD_PATHS = ['metadata.annotations', 'metadata.labels', 'metadata.name', 'metadata.namespace', 'metadata.uid'];
const RESOURCE_FIELDS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];
const SUBSCRIPTED = /^(metadata\.(?:annotations|labels))\['(.*)'\]$/;

export function validateObjectFieldSelector(ref0: unknown, allowed: readonly string[], path: string): FieldError[] {
  const ref = obj(ref0);
  if (typeof ref.apiVersion !== 'string' || ref.apiVersion === '') return [E.required(`${path}.apiVersion`)];
  if (typeof ref.fieldPath !== 'string' || ref.fieldPath === '') return [E.required(`${path}.fieldPath`)];
  if (ref.apiVersion !== 'v1') return [E.invalid(`${path}.fieldPath`, ref.fieldPath, `error converting fieldPath: unsupported pod version: ${ref.apiVersion}`)];
  const sub = SUBSCRIPTED.exec(ref.fieldPath);
  if (sub) {
    const key = sub[1] === 'metadata.annotations' ? sub[2].toLowerCase() : sub[2];
    return qualifiedName(key).map((m) => E.invalid(path, key, m));
  }
  // Old v1 clients send spec.host: the converter reads it as spec.nodeName.
  const fieldPath = ref.fieldPath === 'spec.host' ? 'spec.nodeName' : ref.fieldPath;
  if (!CONVERTIBLE.has(fieldPath)) return [E.invalid(`${path}.fieldPath`, ref.fieldPath, `error converting fieldPath: field label not supported: ${ref.fieldPath}`)];
  return allowed.includes(fieldPath) ? [] : [E.notSupported(`${path}.fieldPath`, fieldPath, allowed)];
}

// Compared as the server compares them: by the quantity's canonical text (1024 is "1024", not "1Ki").
const CPU_DIVISORS = ['1m', '1'];
const BYTE_DIVISORS = ['1', '1k', '1M', '1G', '1T', '1P', '1E', '1Ki', '1Mi', '1Gi', '1Ti', '1Pi', '1Ei'];
const inSet = (divisor: unknown, set: string[]) => set.includes(canonicalQuantity(divisor) ?? '');

export function validateResourceFieldSelector(ref0: unknown, path: string, inVolume: boolean): FieldError[] {
  const ref = obj(ref0);
  const errs: FieldError[] = [];
  if (inVolume && (typeof ref.containerName !== 'string' || ref.containerName === '')) errs.push(E.required(`${path}.containerName`));
  else if (typeof ref.resource !== 'string' || ref.resource === '') errs.push(E.required(`${path}.resource`));
  else if (!RESOURCE_FIELDS.includes(ref.resource) && !/^(requests|limits)\.hugepages-/.test(ref.resource)) errs.push(E.notSupported(`${path}.resource`, ref.resource, RESOURCE_FIELDS));
  const divisor = parseQuantity(ref.divisor);
  if (divisor && divisor.num !== 0n && typeof ref.resource === 'string') {
    const cpu = /^(limits|requests)\.cpu$/.test(ref.resource);
    const bytes = /^(limits|requests)\.(memory|ephemeral-storage|hugepages-.*)$/.test(ref.resource);
    if (cpu && !inSet(ref.divisor, CPU_DIVISORS)) errs.push(E.invalid(`${path}.divisor`, ref.resource, "only divisor's values 1m and 1 are supported with the cpu resource"));
    if (bytes && !inSet(ref.divisor, BYTE_DIVISORS)) errs.push(E.invalid(`${path}.divisor`, ref.resource, "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are supported with the memory resource"));
  }
  return errs;
}

function keySelector(ref0: unknown, path: string): FieldError[] {
  const ref = obj(ref0);
  const errs: FieldError[] = [];
  const name = typeof ref.name === 'string' ? ref.name : '';
  for (const m of dns1123Subdomain(name)) errs.push(E.invalid(`${path}.name`, name, m, 'name the ConfigMap or Secret'));
  if (typeof ref.key !== 'string' || ref.key === '') errs.push(E.required(`${path}.key`, '', 'name the key to read'));
  else for (const m of configMapKey(ref.key)) errs.push(E.invalid(`${path}.key`, ref.key, m));
  return errs;
}

export function validateEnv(env: unknown, path: string, ctx: PodValidationContext): FieldError[] {
  const relaxed = ctx.gates.enabled('RelaxedEnvironmentVariableValidation');
  const errs: FieldError[] = [];
  arr(env).forEach((e0, i) => {
    const e = obj(e0);
    const at = `${path}[${i}]`;
    if (typeof e.name !== 'string' || e.name === '') errs.push(E.required(`${at}.name`, '', 'name the variable'));
    else for (const m of envVarName(e.name, relaxed)) errs.push(E.invalid(`${at}.name`, e.name, m));
    if (!isSet(e.valueFrom)) return;
    const from = obj(e.valueFrom);
    const fromPath = `${at}.valueFrom`;
    let sources = 0;
    if (isSet(from.fieldRef)) { sources++; append(errs, validateObjectFieldSelector(from.fieldRef, ENV_FIELD_PATHS, `${fromPath}.fieldRef`)); }
    if (isSet(from.resourceFieldRef)) { sources++; append(errs, validateResourceFieldSelector(from.resourceFieldRef, `${fromPath}.resourceFieldRef`, false)); }
    if (isSet(from.configMapKeyRef)) { sources++; append(errs, keySelector(from.configMapKeyRef, `${fromPath}.configMapKeyRef`)); }
    if (isSet(from.secretKeyRef)) { sources++; append(errs, keySelector(from.secretKeyRef, `${fromPath}.secretKeyRef`)); }
    // Kept only where EnvFiles is on (dropped before validation elsewhere); counted as a source.
    if (isSet(from.fileKeyRef)) sources++;
    if (sources === 0) errs.push(E.invalid(fromPath, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
    else if (typeof e.value === 'string' && e.value !== '') errs.push(E.invalid(fromPath, '', 'may not be specified when `value` is not empty', 'use either value or valueFrom'));
    else if (sources > 1) errs.push(E.invalid(fromPath, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

export function validateEnvFrom(envFrom: unknown, path: string, ctx: PodValidationContext): FieldError[] {
  const relaxed = ctx.gates.enabled('RelaxedEnvironmentVariableValidation');
  const errs: FieldError[] = [];
  arr(envFrom).forEach((e0, i) => {
    const e = obj(e0);
    const at = `${path}[${i}]`;
    if (typeof e.prefix === 'string' && e.prefix !== '') for (const m of envVarName(e.prefix, relaxed)) errs.push(E.invalid(`${at}.prefix`, e.prefix, m));
    let sources = 0;
    for (const kind of ['configMapRef', 'secretRef']) {
      if (!isSet(e[kind])) continue;
      sources++;
      const name = obj(e[kind]).name;
      if (typeof name !== 'string' || name === '') errs.push(E.required(`${at}.${kind}.name`));
      // Checked as a prefix (ValidateConfigMapName / ValidateSecretName with prefix=true): a trailing "-" is fine.
      else for (const m of dns1123Subdomain(maskTrailingDash(name))) errs.push(E.invalid(`${at}.${kind}.name`, name, m));
    }
    if (sources === 0) errs.push(E.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (sources > 1) errs.push(E.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}
