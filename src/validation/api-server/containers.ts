/**
 * Containers and init containers (core validation `validateContainers`, `validateInitContainers`,
 * `validateContainerCommon`, `validateContainerPorts`, `AccumulateUniqueHostPorts`,
 * `validateResizePolicy`, `validatePullPolicy`).
 */
import { PodValidationContext } from './context';
import { validateEnv, validateEnvFrom } from './env';
import { errorsFor, FieldError } from './field-error';
import { dns1123Label, portName, portNumber } from './names';
import { validateLifecycle, validateProbe } from './probes';
import { validateContainerResources } from './resources';
import { validateContainerSecurityContext } from './security-context';
import { append, arr, isInt, isSet, obj } from './values';
import { validateVolumeMounts } from './volumes';

const E = errorsFor('api-containers');
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const CONTAINER_RESTART_POLICIES = ['Always', 'OnFailure', 'Never'];

/** What every container check needs to know about the pod. */
export interface PodFacts {
  readonly volumes: Map<string, string>;
  readonly claims: Set<string>;
  readonly gracePeriod: number;
  readonly restartPolicy: unknown;
  readonly hostUsers: boolean;
}

function validatePorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  arr(ports).forEach((p0, i) => {
    const p = obj(p0);
    const at = `${path}[${i}]`;
    if (typeof p.name === 'string' && p.name !== '') {
      const msgs = portName(p.name);
      if (msgs.length) msgs.forEach((m) => errs.push(E.invalid(`${at}.name`, p.name, m, 'use at most 15 lower-case letters, digits and "-", with at least one letter')));
      else if (names.has(p.name)) errs.push(E.duplicate(`${at}.name`, p.name));
      else names.add(p.name);
    }
    if (!isSet(p.containerPort) || p.containerPort === 0) errs.push(E.required(`${at}.containerPort`));
    else if (isInt(p.containerPort)) for (const m of portNumber(p.containerPort)) errs.push(E.invalid(`${at}.containerPort`, p.containerPort, m));
    if (isInt(p.hostPort) && p.hostPort !== 0) for (const m of portNumber(p.hostPort)) errs.push(E.invalid(`${at}.hostPort`, p.hostPort, m));
    if (typeof p.protocol !== 'string' || p.protocol === '') errs.push(E.required(`${at}.protocol`));
    else if (!['TCP', 'UDP', 'SCTP'].includes(p.protocol)) errs.push(E.notSupported(`${at}.protocol`, p.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

/** `protocol/hostIP/hostPort` may be used once; init containers are checked one at a time (index 0, as upstream). */
function hostPortConflicts(containers: any[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, i) => arr(obj(c).ports).forEach((p0, j) => {
    const p = obj(p0);
    if (!isInt(p.hostPort) || p.hostPort === 0) return;
    const key = `${p.protocol ?? ''}/${p.hostIP ?? ''}/${p.hostPort}`;
    if (seen.has(key)) errs.push(E.duplicate(`${path}[${i}].ports[${j}].hostPort`, key));
    seen.add(key);
  }));
  return errs;
}

function validateResizePolicy(list: unknown, path: string, podRestartPolicy: unknown): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<unknown>();
  arr(list).forEach((p0, i) => {
    const p = obj(p0);
    if (seen.has(p.resourceName)) errs.push(E.duplicate(`${path}[${i}]`, p.resourceName));
    seen.add(p.resourceName);
    if (!isSet(p.resourceName) || p.resourceName === '') errs.push(E.required(path));
    else if (!['cpu', 'memory'].includes(p.resourceName)) errs.push(E.notSupported(path, p.resourceName, ['cpu', 'memory']));
    if (!isSet(p.restartPolicy) || p.restartPolicy === '') errs.push(E.required(path));
    else if (!['NotRequired', 'RestartContainer'].includes(p.restartPolicy)) errs.push(E.notSupported(path, p.restartPolicy, ['NotRequired', 'RestartContainer']));
    if (podRestartPolicy === 'Never' && p.restartPolicy !== 'NotRequired') errs.push(E.invalid(path, p.restartPolicy, "must be 'NotRequired' when `restartPolicy` is 'Never'"));
  });
  return errs;
}

function validateCommon(c: any, path: string, pod: PodFacts, ctx: PodValidationContext): FieldError[] {
  const errs: FieldError[] = [];
  if (typeof c.name !== 'string' || c.name === '') errs.push(E.required(`${path}.name`, '', 'name the container'));
  else for (const m of dns1123Label(c.name)) errs.push(E.invalid(`${path}.name`, c.name, m, 'use at most 63 lower-case letters, digits and "-"'));
  if (typeof c.image !== 'string' || c.image === '') errs.push(E.required(`${path}.image`, '', 'set the image, e.g. registry.example.com/team/app:1.2.3'));
  if (!['File', 'FallbackToLogsOnError'].includes(c.terminationMessagePolicy)) {
    errs.push(isSet(c.terminationMessagePolicy) && c.terminationMessagePolicy !== '' ? E.notSupported(`${path}.terminationMessagePolicy`, c.terminationMessagePolicy, ['FallbackToLogsOnError', 'File']) : E.required(`${path}.terminationMessagePolicy`));
  }
  append(errs, validatePorts(c.ports, `${path}.ports`));
  append(errs, validateEnv(c.env, `${path}.env`, ctx));
  append(errs, validateEnvFrom(c.envFrom, `${path}.envFrom`, ctx));
  append(errs, validateVolumeMounts(c, pod.volumes, path));
  if (!['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy)) {
    errs.push(isSet(c.imagePullPolicy) && c.imagePullPolicy !== '' ? E.notSupported(`${path}.imagePullPolicy`, c.imagePullPolicy, ['Always', 'IfNotPresent', 'Never']) : E.required(`${path}.imagePullPolicy`));
  }
  append(errs, validateContainerResources(c.resources, pod.claims, `${path}.resources`));
  append(errs, validateResizePolicy(c.resizePolicy, `${path}.resizePolicy`, pod.restartPolicy));
  append(errs, validateContainerSecurityContext(c.securityContext, `${path}.securityContext`, pod.hostUsers));
  return errs;
}

function probesAndLifecycle(c: any, path: string, pod: PodFacts, ctx: PodValidationContext): FieldError[] {
  return [
    ...(isSet(c.lifecycle) ? validateLifecycle(c.lifecycle, `${path}.lifecycle`, pod.gracePeriod, ctx) : []),
    ...PROBES.flatMap((p) => validateProbe(c[p], p, `${path}.${p}`, pod.gracePeriod, ctx)),
  ];
}

/** Container-level restartPolicy (ContainerRestartRules from 1.35; before, only sidecars' Always). */
function validateRestartRules(c: any, path: string, init: boolean, ctx: PodValidationContext): FieldError[] {
  if (!isSet(c.restartPolicy)) return [];
  if (ctx.gates.enabled('ContainerRestartRules')) {
    const errs = CONTAINER_RESTART_POLICIES.includes(c.restartPolicy) ? [] : [E.notSupported(`${path}.restartPolicy`, c.restartPolicy, CONTAINER_RESTART_POLICIES)];
    arr(c.restartPolicyRules).forEach((r0, i) => {
      const r = obj(r0);
      const at = `${path}.restartPolicyRules[${i}]`;
      if (r.action !== 'Restart') errs.push(E.notSupported(`${at}.action`, r.action, ['Restart']));
      const codes = obj(r.exitCodes);
      if (!['In', 'NotIn'].includes(codes.operator)) errs.push(E.notSupported(`${at}.exitCodes.operator`, codes.operator, ['In', 'NotIn']));
    });
    return errs;
  }
  if (init) return c.restartPolicy === 'Always' ? [] : [E.notSupported(`${path}.restartPolicy`, c.restartPolicy, ['Always'], 'only native sidecars (restartPolicy: Always) may set a container restartPolicy')];
  return [E.forbidden(`${path}.restartPolicy`, 'may not be set for non-init containers', 'remove restartPolicy from the container; the pod\'s restartPolicy applies')];
}

export function validateContainers(pod: any, path: string, facts: PodFacts, ctx: PodValidationContext): FieldError[] {
  const containers = arr(pod.containers);
  const at = `${path}.containers`;
  if (containers.length === 0) return [E.required(at, '', 'add at least one container')];
  const errs: FieldError[] = [];
  const names = new Set<unknown>();
  containers.forEach((c0, i) => {
    const c = obj(c0);
    const cp = `${at}[${i}]`;
    append(errs, validateCommon(c, cp, facts, ctx));
    if (names.has(c.name)) errs.push(E.duplicate(`${cp}.name`, c.name));
    names.add(c.name);
    append(errs, probesAndLifecycle(c, cp, facts, ctx));
    append(errs, validateRestartRules(c, cp, false, ctx));
  });
  append(errs, hostPortConflicts(containers, at));
  return errs;
}

export function validateInitContainers(pod: any, path: string, facts: PodFacts, ctx: PodValidationContext): FieldError[] {
  const at = `${path}.initContainers`;
  const errs: FieldError[] = [];
  const names = new Set<unknown>(arr(pod.containers).map((c) => obj(c).name));
  arr(pod.initContainers).forEach((c0, i) => {
    const c = obj(c0);
    const cp = `${at}[${i}]`;
    append(errs, validateCommon(c, cp, facts, ctx));
    append(errs, validateRestartRules(c, cp, true, ctx));
    if (names.has(c.name)) errs.push(E.duplicate(`${cp}.name`, c.name));
    else if (typeof c.name === 'string' && c.name !== '') names.add(c.name);
    append(errs, hostPortConflicts([c], at));
    if (c.restartPolicy === 'Always') {
      append(errs, probesAndLifecycle(c, cp, facts, ctx));
    } else {
      for (const f of ['lifecycle', ...PROBES]) {
        if (isSet(c[f])) errs.push(E.forbidden(`${cp}.${f}`, 'may not be set for init containers without restartPolicy=Always', `remove ${f}, or make the init container a sidecar (restartPolicy: Always)`));
      }
    }
  });
  return errs;
}
