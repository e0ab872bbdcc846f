/**
 * What the API server does to a batch object before validating it: defaulting
 * (pkg/apis/batch/v1/defaults.go, pkg/apis/core/v1/defaults.go), the Job strategy's selector and
 * label generation, and dropping the fields of features that are off at the target version
 * (pkg/api/pod/util.go, the batch strategies). Works on a copy; the input is never changed.
 */
import { FEATURE_GATES, FeatureGate, FeatureGates } from './gates';
import { arr, isMap, isSet, obj } from './values';
import { VOLUME_SOURCES } from './volumes';

/** Stands in for the UID the server gives a new Job. */
export const GENERATED_UID = '00000000-0000-4000-8000-000000000000';
const MAX_INT32 = 2147483647;
const DEFAULT_MODE = 0o644;

/** A field the target version's API server silently drops. */
export interface DroppedField {
  readonly path: string;
  readonly gate: FeatureGate | 'ContainerRestartRules';
  readonly onSince: number;
}

export interface PreparedObject {
  readonly object: any;
  readonly dropped: DroppedField[];
}

type Container = { c: any; path: string; init: boolean };

function containersOf(pod: any, podPath: string): Container[] {
  return [
    ...arr(pod.containers).filter(isMap).map((c, i) => ({ c, path: `${podPath}.containers[${i}]`, init: false })),
    ...arr(pod.initContainers).filter(isMap).map((c, i) => ({ c, path: `${podPath}.initContainers[${i}]`, init: true })),
  ];
}

function dropDisabled(pod: any, podPath: string, job: any, jobPath: string, gates: FeatureGates): DroppedField[] {
  const dropped: DroppedField[] = [];
  const drop = (holder: any, field: string, path: string, gate: FeatureGate) => {
    if (!isMap(holder) || !isSet(holder[field]) || gates.enabled(gate)) return;
    delete holder[field];
    dropped.push({ path, gate, onSince: FEATURE_GATES[gate].onSince });
  };
  drop(job, 'backoffLimitPerIndex', `${jobPath}.backoffLimitPerIndex`, 'JobBackoffLimitPerIndex');
  drop(job, 'maxFailedIndexes', `${jobPath}.maxFailedIndexes`, 'JobBackoffLimitPerIndex');
  drop(job, 'podReplacementPolicy', `${jobPath}.podReplacementPolicy`, 'JobPodReplacementPolicy');
  drop(job, 'successPolicy', `${jobPath}.successPolicy`, 'JobSuccessPolicy');
  drop(job, 'managedBy', `${jobPath}.managedBy`, 'JobManagedBy');
  drop(pod, 'resources', `${podPath}.resources`, 'PodLevelResources');
  drop(pod, 'resourceClaims', `${podPath}.resourceClaims`, 'DynamicResourceAllocation');
  drop(pod, 'hostUsers', `${podPath}.hostUsers`, 'UserNamespacesSupport');
  const sc = pod.securityContext;
  drop(sc, 'supplementalGroupsPolicy', `${podPath}.securityContext.supplementalGroupsPolicy`, 'SupplementalGroupsPolicy');
  drop(sc, 'seLinuxChangePolicy', `${podPath}.securityContext.seLinuxChangePolicy`, 'SELinuxChangePolicy');
  drop(sc, 'appArmorProfile', `${podPath}.securityContext.appArmorProfile`, 'AppArmorFields');
  arr(pod.volumes).forEach((v, i) => drop(v, 'image', `${podPath}.volumes[${i}].image`, 'ImageVolume'));
  for (const { c, path, init } of containersOf(pod, podPath)) {
    if (init && c.restartPolicy === 'Always') drop(c, 'restartPolicy', `${path}.restartPolicy`, 'SidecarContainers');
    // 1.34 has ContainerRestartRules as an alpha gate that is off: its fields are dropped there.
    // Before 1.34 they are rejected by validation; from 1.35 they are accepted.
    if (gates.minor === 34 && isSet(c.restartPolicy) && !(init && c.restartPolicy === 'Always')) {
      delete c.restartPolicy;
      dropped.push({ path: `${path}.restartPolicy`, gate: 'ContainerRestartRules', onSince: FEATURE_GATES.ContainerRestartRules.onSince });
    }
    if (gates.minor === 34 && isSet(c.restartPolicyRules)) {
      delete c.restartPolicyRules;
      dropped.push({ path: `${path}.restartPolicyRules`, gate: 'ContainerRestartRules', onSince: FEATURE_GATES.ContainerRestartRules.onSince });
    }
    drop(c, 'resizePolicy', `${path}.resizePolicy`, 'InPlacePodVerticalScaling');
    drop(c.securityContext, 'procMount', `${path}.securityContext.procMount`, 'ProcMountType');
    drop(c.securityContext, 'appArmorProfile', `${path}.securityContext.appArmorProfile`, 'AppArmorFields');
    drop(c.resources, 'claims', `${path}.resources.claims`, 'DynamicResourceAllocation');
    arr(c.volumeMounts).forEach((m, k) => drop(m, 'recursiveReadOnly', `${path}.volumeMounts[${k}].recursiveReadOnly`, 'RecursiveReadOnlyMounts'));
    const lifecycle = c.lifecycle;
    if (isMap(lifecycle)) for (const hook of ['postStart', 'preStop']) drop(lifecycle[hook], 'sleep', `${path}.lifecycle.${hook}.sleep`, 'PodLifecycleSleepAction');
  }
  return dropped;
}

function defaultProbe(p: any): void {
  if (!isMap(p)) return;
  const defaults: Record<string, number> = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };
  for (const [k, v] of Object.entries(defaults)) if (!isSet(p[k]) || p[k] === 0) p[k] = v;
}

function defaultHttpGet(h: any): void {
  if (!isMap(h)) return;
  if (!isSet(h.path) || h.path === '') h.path = '/';
  if (!isSet(h.scheme) || h.scheme === '') h.scheme = 'HTTP';
}

function defaultFieldRef(ref: any): void {
  if (isMap(ref) && (!isSet(ref.apiVersion) || ref.apiVersion === '')) ref.apiVersion = 'v1';
}


function defaultPodSpec(pod: any): void {
  if (!isSet(pod.restartPolicy) || pod.restartPolicy === '') pod.restartPolicy = 'Always';
  if (!isSet(pod.dnsPolicy) || pod.dnsPolicy === '') pod.dnsPolicy = 'ClusterFirst';
  if (!isSet(pod.terminationGracePeriodSeconds)) pod.terminationGracePeriodSeconds = 30;
  if (!isSet(pod.schedulerName) || pod.schedulerName === '') pod.schedulerName = 'default-scheduler';
  if (!isSet(pod.securityContext)) pod.securityContext = {};
  for (const { c } of containersOf(pod, '')) {
    if (!isSet(c.imagePullPolicy) || c.imagePullPolicy === '') c.imagePullPolicy = imageTag(c.image) === 'latest' ? 'Always' : 'IfNotPresent';
    if (!isSet(c.terminationMessagePath) || c.terminationMessagePath === '') c.terminationMessagePath = '/dev/termination-log';
    if (!isSet(c.terminationMessagePolicy) || c.terminationMessagePolicy === '') c.terminationMessagePolicy = 'File';
    for (const p of arr(c.ports)) if (isMap(p) && (!isSet(p.protocol) || p.protocol === '')) p.protocol = 'TCP';
    for (const probe of ['livenessProbe', 'readinessProbe', 'startupProbe']) {
      defaultProbe(c[probe]);
      defaultHttpGet(obj(c[probe]).httpGet);
    }
    for (const hook of ['postStart', 'preStop']) defaultHttpGet(obj(obj(obj(c.lifecycle)[hook]).httpGet));
    for (const e of arr(c.env)) defaultFieldRef(obj(obj(e).valueFrom).fieldRef);
  }
  for (const v of arr(pod.volumes)) {
    if (!isMap(v)) continue;
    if (!VOLUME_SOURCES.some((k) => isSet(v[k]))) v.emptyDir = {};
    for (const kind of ['secret', 'configMap', 'downwardAPI', 'projected']) {
      if (isMap(v[kind]) && !isSet(v[kind].defaultMode)) v[kind].defaultMode = DEFAULT_MODE;
    }
    if (isMap(v.hostPath) && !isSet(v.hostPath.type)) v.hostPath.type = '';
    for (const f of arr(obj(v.downwardAPI).items)) defaultFieldRef(obj(f).fieldRef);
    for (const s of arr(obj(v.projected).sources)) {
      const token = obj(s).serviceAccountToken;
      if (isMap(token) && !isSet(token.expirationSeconds)) token.expirationSeconds = 3600;
      for (const f of arr(obj(obj(s).downwardAPI).items)) defaultFieldRef(obj(f).fieldRef);
    }
  }
}

/** The tag of an image reference, `latest` when it has neither tag nor digest. */
function imageTag(image: unknown): string | undefined {
  if (typeof image !== 'string') return undefined;
  if (image.includes('@')) return undefined;
  const last = image.split('/').pop() ?? '';
  return last.includes(':') ? last.slice(last.lastIndexOf(':') + 1) : 'latest';
}

function defaultJobSpecShared(spec: any): void {
  for (const r of arr(obj(spec.podFailurePolicy).rules)) {
    for (const c of arr(obj(r).onPodConditions)) if (isMap(c) && !isSet(c.status)) c.status = 'True';
  }
}

/** Deep copy of decoded YAML/JSON data (plain objects, arrays, scalars); much cheaper than structuredClone. */
function clonePlain(value: any): any {
  // Lists of scalars (args, exit codes) are never changed by defaulting: share them.
  if (Array.isArray(value)) return value.every((v) => v === null || typeof v !== 'object') ? value : value.map(clonePlain);
  if (value === null || typeof value !== 'object') return value;
  const out: any = {};
  for (const k of Object.keys(value)) out[k] = clonePlain(value[k]);
  return out;
}

function ensureMap(holder: any, key: string): any {
  if (!isMap(holder[key])) holder[key] = {};
  return holder[key];
}

/** Defaults, generated labels and dropped fields, as the API server applies them on create. */
export function prepareForCreate(manifest: any, gates: FeatureGates): PreparedObject {
  const object = clonePlain(manifest);
  const spec = ensureMap(object, 'spec');
  const meta = ensureMap(object, 'metadata');
  if (object.kind === 'CronJob') {
    if (!isSet(spec.concurrencyPolicy) || spec.concurrencyPolicy === '') spec.concurrencyPolicy = 'Allow';
    if (!isSet(spec.suspend)) spec.suspend = false;
    if (!isSet(spec.successfulJobsHistoryLimit)) spec.successfulJobsHistoryLimit = 3;
    if (!isSet(spec.failedJobsHistoryLimit)) spec.failedJobsHistoryLimit = 1;
    const jobSpec = ensureMap(ensureMap(spec, 'jobTemplate'), 'spec');
    const pod = ensureMap(ensureMap(jobSpec, 'template'), 'spec');
    defaultJobSpecShared(jobSpec);
    defaultPodSpec(pod);
    const dropped = dropDisabled(pod, 'spec.jobTemplate.spec.template.spec', jobSpec, 'spec.jobTemplate.spec', gates);
    return { object, dropped };
  }
  const template = ensureMap(spec, 'template');
  const pod = ensureMap(template, 'spec');
  // Defaulting happens when the request is decoded; the strategy drops disabled fields after it.
  if (!isSet(spec.completions) && !isSet(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  } else if (!isSet(spec.parallelism)) {
    spec.parallelism = 1;
  }
  if (!isSet(spec.backoffLimit)) spec.backoffLimit = isSet(spec.backoffLimitPerIndex) ? MAX_INT32 : 6;
  if (spec.completionMode === undefined || spec.completionMode === null) spec.completionMode = 'NonIndexed';
  if (!isSet(spec.suspend)) spec.suspend = false;
  if (!isSet(spec.manualSelector)) spec.manualSelector = false;
  if (gates.enabled('JobPodReplacementPolicy') && (spec.podReplacementPolicy === undefined || spec.podReplacementPolicy === null)) {
    spec.podReplacementPolicy = isSet(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed';
  }
  defaultJobSpecShared(spec);
  defaultPodSpec(pod);
  const dropped = dropDisabled(pod, 'spec.template.spec', spec, 'spec', gates);
  const templateMeta = ensureMap(template, 'metadata');
  if (Object.keys(obj(meta.labels)).length === 0 && isMap(templateMeta.labels) && Object.keys(templateMeta.labels).length > 0) {
    meta.labels = { ...templateMeta.labels };
  }
  if ((!isSet(meta.name) || meta.name === '') && typeof meta.generateName === 'string' && meta.generateName !== '') {
    meta.name = `${meta.generateName.slice(0, 58)}abcde`;
  }
  if (spec.manualSelector !== true) {
    const name = typeof meta.name === 'string' ? meta.name : '';
    const labels = ensureMap(templateMeta, 'labels');
    for (const key of ['job-name', 'batch.kubernetes.io/job-name']) if (!(key in labels)) labels[key] = name;
    for (const key of ['controller-uid', 'batch.kubernetes.io/controller-uid']) if (!(key in labels)) labels[key] = GENERATED_UID;
    const selector = ensureMap(spec, 'selector');
    const matchLabels = ensureMap(selector, 'matchLabels');
    if (!('batch.kubernetes.io/controller-uid' in matchLabels)) matchLabels['batch.kubernetes.io/controller-uid'] = GENERATED_UID;
  }
  return { object, dropped };
}
