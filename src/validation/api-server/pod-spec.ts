/**
 * The pod template (core validation `ValidatePodTemplateSpec`, `ValidatePodSpecificAnnotations`,
 * `ValidatePodSpec` and its pod-level checks: restartPolicy, DNS, names, deadlines, OS, host network).
 * Containers, volumes, security contexts and scheduling live in their own files.
 */
import { PodFacts, validateContainers, validateInitContainers } from './containers';
import { PodValidationContext } from './context';
import { errorsFor, FieldError } from './field-error';
import { dns1123Label, dns1123Subdomain, ipAddress, localPath, qualifiedName } from './names';
import { validateAnnotations, validateLabels } from './object-meta';
import { validateContainerResources, validatePodResources } from './resources';
import { validateAffinity, validateNodeSelector, validateSchedulingGates, validateTolerations, validateTopologySpreadConstraints } from './scheduling';
import { validateOS, validatePodSecurityContext, validateWindowsHostProcess } from './security-context';
import { append, arr, blank, isInt, isMap, isSet, obj } from './values';
import { validateVolumes } from './volumes';

const E = errorsFor('api-pod-spec');
const MAX_INT32 = 2147483647;
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_CONTAINER_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
const isProfileAnnotation = (key: string) => key === SECCOMP_POD || key.startsWith(SECCOMP_CONTAINER_PREFIX) || key.startsWith(APPARMOR_PREFIX);
const DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';
const MIRROR = 'kubernetes.io/config.mirror';
const TOLERATIONS = 'scheduler.alpha.kubernetes.io/tolerations';
const SUBDOMAIN_WITH_UNDERSCORE = /^[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?(\.[a-z0-9_]([-a-z0-9_]*[a-z0-9_])?)*$/;

const subdomain = (v: unknown, path: string): FieldError[] => (typeof v === 'string' && v !== '' ? dns1123Subdomain(v).map((m) => E.invalid(path, v, m)) : []);
const label = (v: unknown, path: string): FieldError[] => (typeof v === 'string' && v !== '' ? dns1123Label(v).map((m) => E.invalid(path, v, m)) : []);

function seccompAnnotation(value: unknown, path: string): FieldError[] {
  if (typeof value !== 'string') return [];
  if (['runtime/default', 'docker/default', 'unconfined'].includes(value)) return [];
  if (value.startsWith('localhost/')) return localPath(value.slice('localhost/'.length)).map((m) => E.invalid(path, value, m));
  return [E.invalid(path, value, 'must be a valid seccomp profile')];
}

/** strconv.ParseInt(v, 10, 32), after the server's ban on a leading "+" and leading zeros. */
function isDeletionCost(v: string): boolean {
  const firstDigitOk = v.startsWith('-') || v === '0' || /^[1-9]/.test(v);
  return firstDigitOk && /^-?\d+$/.test(v) && Number(v) >= -(2 ** 31) && Number(v) <= MAX_INT32;
}

/** `ValidateTolerationsInPodAnnotations`: the legacy annotation must be a JSON list of valid tolerations. */
function annotatedTolerations(v: string, path: string): FieldError[] {
  const fix = 'write the tolerations as a JSON list, or use spec.tolerations';
  let list: unknown;
  try {
    list = JSON.parse(v);
  } catch (e) {
    return [E.invalid(path, TOLERATIONS, (e as Error).message, fix)];
  }
  if (list === null) return [];
  // json.Unmarshal into []Toleration: objects (or null), field names matched case-insensitively,
  // strings where strings belong and an integer tolerationSeconds.
  const tolerations = Array.isArray(list) ? list.map(asToleration) : [undefined];
  if (tolerations.some((t) => t === undefined)) return [E.invalid(path, TOLERATIONS, 'cannot unmarshal into a list of tolerations', fix)];
  return validateTolerations(tolerations, `${path}.${TOLERATIONS}`);
}

const TOLERATION_FIELDS = ['key', 'operator', 'value', 'effect', 'tolerationSeconds'];

/** One element of the legacy tolerations annotation as Go's JSON decoder reads it; undefined when it fails. */
function asToleration(t: unknown): Record<string, unknown> | undefined {
  if (t === null) return {};
  if (typeof t !== 'object' || Array.isArray(t)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(t as Record<string, unknown>)) {
    const field = TOLERATION_FIELDS.find((f) => f.toLowerCase() === k.toLowerCase());
    if (!field || v === null) continue;
    if (field === 'tolerationSeconds' ? !Number.isInteger(v) : typeof v !== 'string') return undefined;
    out[field] = v;
  }
  return out;
}

/** Annotations with meaning for pods: deletion cost, AppArmor and seccomp profiles. */
function validatePodAnnotations(annotations: unknown, pod: any, path: string): FieldError[] {
  if (!isMap(annotations)) return [];
  const errs: FieldError[] = [];
  const names = new Set(arr(pod.containers).concat(arr(pod.initContainers)).map((c) => obj(c).name));
  for (const k of Object.keys(annotations)) {
    const v = annotations[k];
    const at = `${path}[${k}]`;
    if (k === DELETION_COST && typeof v === 'string' && !isDeletionCost(v)) errs.push(E.invalid(at, v, 'must be a 32bit integer'));
    if (k === MIRROR && (typeof pod.nodeName !== 'string' || pod.nodeName === '')) {
      errs.push(E.invalid(at, v, 'must set spec.nodeName if mirror pod annotation is set', `remove the ${MIRROR} annotation: only the kubelet makes mirror pods`));
    }
    if (k === TOLERATIONS && typeof v === 'string' && v !== '') append(errs, annotatedTolerations(v, path));
    if (k.startsWith(APPARMOR_PREFIX)) {
      const container = k.slice(APPARMOR_PREFIX.length);
      if (!names.has(container)) errs.push(E.invalid(at, container, 'container not found', 'name a container of the template after the prefix'));
      // Only the form is checked: "", runtime/default, unconfined or anything under localhost/.
      if (typeof v === 'string' && !(v === '' || v === 'runtime/default' || v === 'unconfined' || v.startsWith('localhost/'))) {
        errs.push(E.invalid(at, v, `invalid AppArmor profile name: ${JSON.stringify(v)}`, 'use runtime/default, unconfined or localhost/<profile>'));
      }
    }
    // ValidateSeccompPodAnnotations names the key as a child, not in brackets.
    if (k === SECCOMP_POD || k.startsWith(SECCOMP_CONTAINER_PREFIX)) append(errs, seccompAnnotation(v, `${path}.${k}`));
  }
  return errs;
}

function validateDNS(pod: any, path: string, ctx: PodValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  const policies = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'];
  if (!isSet(pod.dnsPolicy) || pod.dnsPolicy === '') errs.push(E.required(`${path}.dnsPolicy`));
  else if (!policies.includes(pod.dnsPolicy)) errs.push(E.notSupported(`${path}.dnsPolicy`, pod.dnsPolicy, policies));
  const at = `${path}.dnsConfig`;
  if (pod.dnsPolicy === 'None') {
    if (!isSet(pod.dnsConfig)) return [...errs, E.required(at, 'must provide `dnsConfig` when `dnsPolicy` is None', 'add dnsConfig.nameservers')];
    if (arr(obj(pod.dnsConfig).nameservers).length === 0) return [...errs, E.required(`${at}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!isSet(pod.dnsConfig)) return errs;
  const cfg = obj(pod.dnsConfig);
  const nameservers = arr(cfg.nameservers);
  if (nameservers.length > 3) errs.push(E.invalid(`${at}.nameservers`, nameservers, 'must not have more than 3 nameservers'));
  nameservers.forEach((ns, i) => { if (typeof ns === 'string') for (const m of ipAddress(ns)) errs.push(E.invalid(`${at}.nameservers[${i}]`, ns, m)); });
  const searches = arr(cfg.searches).filter((s): s is string => typeof s === 'string');
  if (searches.length > 32) errs.push(E.invalid(`${at}.searches`, searches, 'must not have more than 32 search paths'));
  if (searches.join(' ').length > 2048) errs.push(E.invalid(`${at}.searches`, searches, 'must not have more than 2048 characters (including spaces) in the search list'));
  const relaxed = ctx.gates.enabled('RelaxedDNSSearchValidation');
  searches.forEach((s, i) => {
    const sp = `${at}.searches[${i}]`;
    if (relaxed) {
      if (s === '.') return;
      const t = s.replace(/\.$/, '');
      if (t.length > 253 || !SUBDOMAIN_WITH_UNDERSCORE.test(t)) errs.push(E.invalid(sp, t, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character or '_'"));
    } else {
      append(errs, dns1123Subdomain(s.replace(/\.$/, '')).map((m) => E.invalid(sp, s, m)));
    }
  });
  arr(cfg.options).forEach((o, i) => { if (typeof obj(o).name !== 'string' || obj(o).name === '') errs.push(E.required(`${at}.options[${i}]`, 'Option.Name must not be empty')); });
  return errs;
}

function validateHostAliases(aliases: unknown, path: string): FieldError[] {
  return arr(aliases).flatMap((a0, i) => {
    const a = obj(a0);
    const at = `${path}[${i}]`;
    const errs = typeof a.ip === 'string' ? ipAddress(a.ip).map((m) => E.invalid(`${at}.ip`, a.ip, m)) : [E.invalid(`${at}.ip`, a.ip ?? '', 'must be a valid IP address')];
    arr(a.hostnames).forEach((h, j) => append(errs, subdomain(h, `${at}.hostnames[${j}]`)));
    return errs;
  });
}

/** `hostNetwork: true`: a hostPort that is set must equal its containerPort. */
function validateHostNetworkPorts(pod: any, path: string): FieldError[] {
  if (pod.hostNetwork !== true) return [];
  return arr(pod.containers).flatMap((c, i) => arr(obj(c).ports).flatMap((p0, j) => {
    const p = obj(p0);
    return isInt(p.hostPort) && p.hostPort !== 0 && p.hostPort !== p.containerPort
      ? [E.invalid(`${path}.containers[${i}].ports[${j}].hostPort`, p.hostPort, 'must match `containerPort` when `hostNetwork` is true')] : [];
  }));
}

/** `validatePodResourceClaim`: a DNS-label name, unique, and exactly one of a claim or a claim template. */
function validatePodResourceClaim(claim: any, at: string, seen: Set<string>): FieldError[] {
  const errs: FieldError[] = [];
  const name = claim.name;
  if (blank(name)) {
    errs.push(E.required(`${at}.name`));
  } else if (seen.has(name)) {
    errs.push(E.duplicate(`${at}.name`, name));
  } else {
    append(errs, label(name, `${at}.name`));
    seen.add(name);
  }
  const direct = claim.resourceClaimName;
  const template = claim.resourceClaimTemplateName;
  if (!isSet(direct) && !isSet(template)) errs.push(E.invalid(at, '', 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
  else if (isSet(direct) && isSet(template)) errs.push(E.invalid(at, '', 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'));
  // Each name given is checked, even beside the other.
  if (typeof direct === 'string') append(errs, dns1123Subdomain(direct).map((m) => E.invalid(`${at}.resourceClaimName`, direct, m)));
  if (typeof template === 'string') append(errs, dns1123Subdomain(template).map((m) => E.invalid(`${at}.resourceClaimTemplateName`, template, m)));
  return errs;
}

export function validatePodSpec(pod: any, path: string, ctx: PodValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  const volumes = validateVolumes(pod.volumes, `${path}.volumes`);
  append(errs, volumes.errors);
  const claims = new Set<string>();
  arr(pod.resourceClaims).forEach((c0, i) => append(errs, validatePodResourceClaim(obj(c0), `${path}.resourceClaims[${i}]`, claims)));
  const facts: PodFacts = {
    volumes: volumes.byName,
    claims,
    gracePeriod: isInt(pod.terminationGracePeriodSeconds) ? pod.terminationGracePeriodSeconds : 30,
    restartPolicy: pod.restartPolicy,
    hostUsers: pod.hostUsers !== false,
  };
  append(errs, validateContainers(pod, path, facts, ctx));
  append(errs, validateInitContainers(pod, path, facts, ctx));
  append(errs, validateHostNetworkPorts(pod, path));
  const rp = pod.restartPolicy;
  if (!isSet(rp) || rp === '') errs.push(E.required(`${path}.restartPolicy`));
  else if (!['Always', 'OnFailure', 'Never'].includes(rp)) errs.push(E.notSupported(`${path}.restartPolicy`, rp, ['Always', 'Never', 'OnFailure']));
  append(errs, validateDNS(pod, path, ctx));
  append(errs, validateNodeSelector(pod.nodeSelector, `${path}.nodeSelector`));
  append(errs, validatePodSecurityContext(pod, path, ctx));
  append(errs, validateAffinity(pod.affinity, `${path}.affinity`));
  arr(pod.readinessGates).forEach((g, i) => {
    const t = typeof obj(g).conditionType === 'string' ? obj(g).conditionType : '';
    append(errs, qualifiedName(t).map((m) => E.invalid(`${path}.readinessGates[${i}].conditionType`, t, m)));
  });
  append(errs, validateSchedulingGates(pod.schedulingGates, `${path}.schedulingGates`));
  append(errs, validateTopologySpreadConstraints(pod.topologySpreadConstraints, `${path}.topologySpreadConstraints`));
  append(errs, validateWindowsHostProcess(pod, path));
  append(errs, subdomain(pod.serviceAccountName, `${path}.serviceAccountName`));
  append(errs, subdomain(pod.nodeName, `${path}.nodeName`));
  if (isInt(pod.activeDeadlineSeconds) && (pod.activeDeadlineSeconds < 1 || pod.activeDeadlineSeconds > MAX_INT32)) {
    errs.push(E.invalid(`${path}.activeDeadlineSeconds`, pod.activeDeadlineSeconds, `must be between 1 and ${MAX_INT32}, inclusive`, 'set the deadline on the Job (spec.activeDeadlineSeconds) or use at least 1'));
  }
  append(errs, label(pod.hostname, `${path}.hostname`));
  append(errs, label(pod.subdomain, `${path}.subdomain`));
  append(errs, validateTolerations(pod.tolerations, `${path}.tolerations`));
  append(errs, validateHostAliases(pod.hostAliases, `${path}.hostAliases`));
  append(errs, subdomain(pod.priorityClassName, `${path}.priorityClassName`));
  if (isSet(pod.runtimeClassName)) append(errs, (typeof pod.runtimeClassName === 'string' ? dns1123Subdomain(pod.runtimeClassName).map((m) => E.invalid(`${path}.runtimeClassName`, pod.runtimeClassName, m)) : []));
  if (pod.preemptionPolicy === '') errs.push(E.required(`${path}.preemptionPolicy`));
  else if (isSet(pod.preemptionPolicy) && !['PreemptLowerPriority', 'Never'].includes(pod.preemptionPolicy)) errs.push(E.notSupported(`${path}.preemptionPolicy`, pod.preemptionPolicy, ['Never', 'PreemptLowerPriority']));
  append(errs, validateOS(pod, path));
  if (ctx.gates.enabled('PodLevelResources')) append(errs, validatePodResources(pod, path));
  // The pod overhead is checked as a container's limits would be.
  if (isSet(pod.overhead)) append(errs, validateContainerResources({ limits: pod.overhead }, claims, `${path}.overhead`));
  return errs;
}

/**
 * The legacy seccomp and AppArmor annotations must say what the fields say where both are set:
 * the type, and for Localhost the profile name.
 */
function profileMismatch(kind: 'seccomp' | 'apparmor', annotation: unknown, field: any, at: string): FieldError[] {
  if (typeof annotation !== 'string' || !isMap(field)) return [];
  const typeError = [E.forbidden(`${at}.type`, `${kind} type in annotation and field must match`, `make the ${kind} annotation and field agree, or drop the annotation`)];
  switch (field.type) {
    case 'Unconfined':
      return annotation === 'unconfined' ? [] : typeError;
    case 'RuntimeDefault':
      return annotation === 'runtime/default' || (kind === 'seccomp' && annotation === 'docker/default') ? [] : typeError;
    case 'Localhost':
      if (!annotation.startsWith('localhost/')) return typeError;
      return annotation.slice('localhost/'.length) === field.localhostProfile ? []
        : [E.forbidden(`${at}.localhostProfile`, `${kind} profile in annotation and field must match`)];
    default:
      return [];
  }
}

function annotationsMatchFields(annotations: any, pod: any, specPath: string): FieldError[] {
  // Without a profile annotation there is nothing to compare (most templates have none).
  if (!Object.keys(annotations).some(isProfileAnnotation)) return [];
  const podContext = obj(pod.securityContext);
  const errs = profileMismatch('seccomp', annotations[SECCOMP_POD], podContext.seccompProfile, `${specPath}.securityContext.seccompProfile`);
  const containers = [['containers', arr(pod.containers)], ['initContainers', arr(pod.initContainers)]] as const;
  for (const [group, list] of containers) {
    list.forEach((c0, i) => {
      const c = obj(c0);
      const sc = obj(c.securityContext);
      const at = `${specPath}.${group}[${i}].securityContext`;
      append(errs, profileMismatch('seccomp', annotations[`${SECCOMP_CONTAINER_PREFIX}${c.name}`], sc.seccompProfile, `${at}.seccompProfile`));
      // AppArmor: the container's own profile, else the pod's; not for Windows pods.
      if (obj(pod.os).name !== 'windows') {
        append(errs, profileMismatch('apparmor', annotations[`${APPARMOR_PREFIX}${c.name}`], sc.appArmorProfile ?? podContext.appArmorProfile, `${at}.appArmorProfile`));
      }
    });
  }
  return errs;
}

/** `<T>`: the template's labels and annotations (reported without `metadata`), then the pod spec. */
export function validatePodTemplate(template0: unknown, path: string, ctx: PodValidationContext): FieldError[] {
  const template = obj(template0);
  const meta = obj(template.metadata);
  const pod = obj(template.spec);
  const errs = validateLabels(meta.labels, `${path}.labels`);
  append(errs, validateAnnotations(meta.annotations, `${path}.annotations`));
  append(errs, validatePodAnnotations(meta.annotations, pod, `${path}.annotations`));
  append(errs, validatePodSpec(pod, `${path}.spec`, ctx));
  append(errs, annotationsMatchFields(obj(meta.annotations), pod, `${path}.spec`));
  if (arr(pod.ephemeralContainers).length > 0) errs.push(E.forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  return errs;
}
