/**
 * Container and pod-level resources (core validation `ValidateResourceRequirements`,
 * `validateContainerResourceName`, `ValidateResourceQuantityValue`, `validatePodResources`).
 */
import { errorsFor, FieldError } from './field-error';
import { dns1123Label, qualifiedName } from './names';
import { compareQuantity, isMultipleOf, isNegative, isWhole, parseQuantity, Quantity, roundUpTo, sumQuantities } from './quantity';
import { append, arr, isMap, isSet, obj } from './values';

const E = errorsFor('api-resources');
const STANDARD_CONTAINER = new Set(['cpu', 'memory', 'ephemeral-storage']);
const isHugePages = (name: string) => name.startsWith('hugepages-');
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
const isExtended = (name: string) => !isNative(name) && !name.startsWith('requests.') && qualifiedName(`requests.${name}`).length === 0;
/** Requests of these must equal their limits (no overcommit). */
const noOvercommit = (name: string) => !isNative(name) || isHugePages(name);

function resourceNameErrors(name: string, path: string): FieldError[] {
  const errs = qualifiedName(name).map((m) => E.invalid(path, name, m));
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER.has(name) && !isHugePages(name)) errs.push(E.invalid(path, name, 'must be a standard resource for containers', 'use cpu, memory, ephemeral-storage, hugepages-<size> or a vendor resource such as nvidia.com/gpu'));
  } else if (!isNative(name) && !isExtended(name)) {
    errs.push(E.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

function hugePageSize(name: string): Quantity | undefined {
  return parseQuantity(name.slice('hugepages-'.length));
}

function quantityErrors(name: string, q: Quantity, raw: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (isNegative(q)) errs.push(E.invalid(path, raw, 'must be greater than or equal to 0'));
  if (isExtended(name) && !isWhole(q)) errs.push(E.invalid(path, raw, 'must be an integer'));
  if (isHugePages(name)) {
    // IsHugePageResourceValueDivisible: a whole-byte page size, and the value rounded up to whole
    // bytes (Quantity.Value()) a multiple of it.
    const size = hugePageSize(name);
    if (!size || size.num <= 0n || !isWhole(size) || !isMultipleOf(roundUpTo(q, 1n), size)) errs.push(E.invalid(path, raw, `${String(raw)} is not positive integer multiple of ${name}`));
  }
  return errs;
}

/** Parsed quantities of a resource list (unparseable ones are decode errors, reported elsewhere). */
function quantities(list: unknown): Map<string, { q: Quantity; raw: unknown }> {
  const out = new Map<string, { q: Quantity; raw: unknown }>();
  if (!isMap(list)) return out;
  // Index loops, here and in validateContainerResources: these run once per container, mostly
  // before V8 optimizes them, where destructuring iterator entries costs more than the checks.
  const names = Object.keys(list);
  for (let i = 0; i < names.length; i++) {
    const raw = list[names[i]];
    const q = parseQuantity(raw);
    if (q) out.set(names[i], { q, raw });
  }
  return out;
}

/** `validatePodResourceName`: a qualified or standard name, and one the pod level supports (cpu, memory, hugepages-*). */
function podResourceNameErrors(name: string, path: string): FieldError[] {
  const errs = qualifiedName(name).map((m) => E.invalid(path, name, m));
  if (errs.length > 0) return errs;
  if (!name.includes('/') && !STANDARD_CONTAINER.has(name) && !isHugePages(name)) return [E.invalid(path, name, 'must be a standard resource type or fully qualified')];
  return name === 'cpu' || name === 'memory' || isHugePages(name) ? [] : [E.notSupported(path, name, ['cpu', 'hugepages-', 'memory'])];
}

export function validateContainerResources(resources0: unknown, podClaims: Set<string>, path: string): FieldError[] {
  return validateResourceRequirements(resources0, path, resourceNameErrors, podClaims);
}

type NameCheck = (name: string, path: string) => FieldError[];

/**
 * `ValidateResourceRequirements`, shared by containers and the pod level (which names its own
 * resources and has no claims of its own to check here).
 */
function validateResourceRequirements(resources0: unknown, path: string, nameErrors: NameCheck, podClaims?: Set<string>): FieldError[] {
  const resources = obj(resources0);
  const errs: FieldError[] = [];
  const limits = quantities(resources.limits);
  const requests = quantities(resources.requests);
  let cpuOrMemory = false;
  let hugePages = false;
  limits.forEach(({ q, raw }, name) => {
    const at = `${path}.limits[${name}]`;
    append(errs, nameErrors(name, at));
    append(errs, quantityErrors(name, q, raw, at));
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
    if (isHugePages(name)) hugePages = true;
  });
  requests.forEach(({ q, raw }, name) => {
    const at = `${path}.requests[${name}]`;
    append(errs, nameErrors(name, at));
    append(errs, quantityErrors(name, q, raw, at));
    const limit = limits.get(name);
    if (limit) {
      const cmp = compareQuantity(q, limit.q);
      if (cmp !== 0 && noOvercommit(name)) errs.push(E.invalid(`${path}.requests`, raw, `must be equal to ${name} limit of ${String(limit.raw)}`, `set the ${name} request and limit to the same value`));
      else if (cmp > 0) errs.push(E.invalid(`${path}.requests`, raw, `must be less than or equal to ${name} limit of ${String(limit.raw)}`, `lower the ${name} request or raise its limit`));
    } else if (noOvercommit(name)) {
      errs.push(E.required(`${path}.limits`, 'Limit must be set for non overcommitable resources', `set limits[${name}] equal to the request`));
    }
    if (name === 'cpu' || name === 'memory') cpuOrMemory = true;
    if (isHugePages(name)) hugePages = true;
  });
  if (hugePages && !cpuOrMemory) errs.push(E.forbidden(path, 'HugePages require cpu or memory', 'request cpu or memory as well'));
  if (podClaims) append(errs, validateClaimReferences(resources.claims, podClaims, `${path}.claims`));
  return errs;
}

/** `validateResourceClaimNames`: each names a claim of the pod, once per request (a DNS label when given). */
function validateClaimReferences(claims: unknown, podClaims: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  arr(claims).forEach((c0, i) => {
    const c = obj(c0);
    const name = typeof c.name === 'string' ? c.name : '';
    const request = typeof c.request === 'string' ? c.request : '';
    const at = `${path}[${i}]`;
    if (name === '') {
      errs.push(E.required(at));
      return;
    }
    const key = `${name}/${request}`;
    if (seen.has(key)) errs.push(E.duplicate(at, name));
    else seen.add(key);
    if (!podClaims.has(name)) errs.push(E.notFound(at, name, 'name one of spec.resourceClaims'));
    if (request !== '') append(errs, dns1123Label(request).map((m) => E.invalid(`${at}.request`, request, m)));
  });
  return errs;
}

/** Pod-level resources (PodLevelResources): cpu, memory and hugepages, checked like a container's, covering the containers and above each container's limits. */
export function validatePodResources(pod: any, path: string): FieldError[] {
  if (!isMap(pod.resources)) return [];
  if (obj(pod.os).name === 'windows') return [E.forbidden(`${path}.resources`, 'may not be set for a windows pod')];
  const errs: FieldError[] = [];
  if (isSet(pod.resources.claims)) errs.push(E.forbidden(`${path}.resources.claims`, 'claims may not be set for Resources at pod-level', 'claim resources on the containers'));
  append(errs, validateResourceRequirements(pod.resources, `${path}.resources`, podResourceNameErrors));
  const limits = quantities(pod.resources.limits);
  const requests = quantities(pod.resources.requests);
  for (const name of new Set([...requests.keys(), ...limits.keys()])) {
    const podRequest = requests.get(name);
    if (podRequest && compareQuantity(podRequest.q, aggregateRequest(pod, name)) < 0) {
      errs.push(E.invalid(`${path}.resources.requests[${name}]`, podRequest.raw, 'must be greater than or equal to aggregate container requests'));
    }
    const podLimit = limits.get(name);
    if (podLimit) {
      arr(pod.containers).forEach((c, i) => {
        const l = quantities(obj(obj(c).resources).limits).get(name);
        // Upstream builds this path from the pod-level resources path.
        if (l && compareQuantity(l.q, podLimit.q) > 0) errs.push(E.invalid(`${path}.resources.containers[${i}][${name}].limits`, l.raw, `must be less than or equal to pod limits of ${String(podLimit.raw)}`));
      });
    }
  }
  return errs;
}

/**
 * What the pod's containers request together (resourcehelper.PodRequests): the regular containers
 * and the sidecars run side by side; each init container runs alone beside the sidecars started before it.
 */
function aggregateRequest(pod: any, name: string): Quantity {
  const request = (c: unknown): Quantity => quantities(obj(obj(obj(c).resources).requests)).get(name)?.q ?? { num: 0n, den: 1n };
  let sidecars: Quantity = { num: 0n, den: 1n };
  let initPeak: Quantity = { num: 0n, den: 1n };
  for (const c of arr(pod.initContainers)) {
    if (obj(c).restartPolicy === 'Always') {
      sidecars = sumQuantities([sidecars, request(c)]);
      if (compareQuantity(sidecars, initPeak) > 0) initPeak = sidecars;
    } else {
      const alone = sumQuantities([request(c), sidecars]);
      if (compareQuantity(alone, initPeak) > 0) initPeak = alone;
    }
  }
  const running = sumQuantities([...arr(pod.containers).map(request), sidecars]);
  return compareQuantity(running, initPeak) >= 0 ? running : initPeak;
}
