/**
 * What the API server does to a batch object before validating it: defaulting
 * (pkg/apis/batch/v1/defaults.go, pkg/apis/core/v1/defaults.go), the Job strategy's selector and
 * label generation, and dropping the fields of features that are off at the target version
 * (pkg/api/pod/util.go, the batch strategies). Works on a copy; the input is never changed.
 */
import { FEATURE_GATES, FeatureGate, FeatureGates } from './gates';
import { parseQuantity, roundUpTo } from './quantity';
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
  /** The first minor version with the gate on by default; undefined while it is off in every known one. */
  readonly onSince: number | undefined;
}

export interface PreparedObject {
  readonly object: any;
  readonly dropped: DroppedField[];
}

/**
 * Containers, then init containers, without building their paths. Entries that are not maps are
 * skipped and not counted (a decode error is reported for them).
 */
function forEachContainer(pod: any, visit: (c: any, init: boolean, group: 'containers' | 'initContainers', index: number) => void): void {
  let n = 0;
  for (const c of arr(pod.containers)) if (isMap(c)) visit(c, false, 'containers', n++);
  n = 0;
  for (const c of arr(pod.initContainers)) if (isMap(c)) visit(c, true, 'initContainers', n++);
}

function dropDisabled(pod: any, podPath: string, job: any, jobPath: string, gates: FeatureGates): DroppedField[] {
  const dropped: DroppedField[] = [];
  // The path is built only for a field dropped: the holder's path and the field's name.
  const drop = (holder: any, field: string, at: string, gate: FeatureGate) => {
    if (!isMap(holder) || !isSet(holder[field]) || gates.enabled(gate)) return;
    delete holder[field];
    dropped.push({ path: `${at}.${field}`, gate, onSince: FEATURE_GATES[gate].onSince });
  };
  drop(job, 'backoffLimitPerIndex', jobPath, 'JobBackoffLimitPerIndex');
  drop(job, 'maxFailedIndexes', jobPath, 'JobBackoffLimitPerIndex');
  drop(job, 'podReplacementPolicy', jobPath, 'JobPodReplacementPolicy');
  drop(job, 'successPolicy', jobPath, 'JobSuccessPolicy');
  drop(job, 'managedBy', jobPath, 'JobManagedBy');
  drop(pod, 'resources', podPath, 'PodLevelResources');
  drop(pod, 'resourceClaims', podPath, 'DynamicResourceAllocation');
  drop(pod, 'hostUsers', podPath, 'UserNamespacesSupport');
  drop(pod, 'hostnameOverride', podPath, 'HostnameOverride');
  // Each walk below runs only where its gate is off at the target: most targets drop little.
  const off = (gate: FeatureGate) => !gates.enabled(gate);
  const affinity = obj(pod.affinity);
  if (off('MatchLabelKeysInPodAffinity')) {
    for (const kind of ['podAffinity', 'podAntiAffinity']) {
      const at = `${podPath}.affinity.${kind}`;
      arr(obj(affinity[kind]).requiredDuringSchedulingIgnoredDuringExecution).forEach((term, i) => {
        for (const f of ['matchLabelKeys', 'mismatchLabelKeys']) drop(term, f, `${at}.requiredDuringSchedulingIgnoredDuringExecution[${i}]`, 'MatchLabelKeysInPodAffinity');
      });
      arr(obj(affinity[kind]).preferredDuringSchedulingIgnoredDuringExecution).forEach((w, i) => {
        for (const f of ['matchLabelKeys', 'mismatchLabelKeys']) drop(obj(w).podAffinityTerm, f, `${at}.preferredDuringSchedulingIgnoredDuringExecution[${i}].podAffinityTerm`, 'MatchLabelKeysInPodAffinity');
      });
    }
  }
  const sc = pod.securityContext;
  if (isMap(sc)) {
    const at = `${podPath}.securityContext`;
    drop(sc, 'supplementalGroupsPolicy', at, 'SupplementalGroupsPolicy');
    drop(sc, 'seLinuxChangePolicy', at, 'SELinuxChangePolicy');
    drop(sc, 'appArmorProfile', at, 'AppArmorFields');
  }
  if (off('ClusterTrustBundleProjection') || off('PodCertificateRequest')) {
    arr(pod.volumes).forEach((v, i) => {
      arr(obj(obj(v).projected).sources).forEach((source, k) => {
        const at = `${podPath}.volumes[${i}].projected.sources[${k}]`;
        drop(source, 'clusterTrustBundle', at, 'ClusterTrustBundleProjection');
        drop(source, 'podCertificate', at, 'PodCertificateRequest');
      });
    });
  }
  // With ImageVolume off the server drops image volumes whole, and every mount of them.
  const imageVolumes = new Set<unknown>();
  if (off('ImageVolume')) {
    arr(pod.volumes).forEach((v, i) => {
      if (!isMap(v) || !isSet(v.image)) return;
      imageVolumes.add(v.name);
      dropped.push({ path: `${podPath}.volumes[${i}].image`, gate: 'ImageVolume', onSince: FEATURE_GATES.ImageVolume.onSince });
    });
  }
  if (imageVolumes.size > 0) {
    pod.volumes = arr(pod.volumes).filter((v) => !(isMap(v) && isSet(v.image)));
    forEachContainer(pod, (c) => {
      if (Array.isArray(c.volumeMounts)) c.volumeMounts = c.volumeMounts.filter((m: unknown) => !imageVolumes.has(obj(m).name));
    });
  }
  forEachContainer(pod, (c, init, group, i) => {
    const path = `${podPath}.${group}[${i}]`;
    if (init && c.restartPolicy === 'Always') drop(c, 'restartPolicy', path, 'SidecarContainers');
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
    drop(c, 'resizePolicy', path, 'InPlacePodVerticalScaling');
    if (off('EnvFiles')) arr(c.env).forEach((e, k) => drop(obj(e).valueFrom, 'fileKeyRef', `${path}.env[${k}].valueFrom`, 'EnvFiles'));
    if (isMap(c.securityContext)) {
      drop(c.securityContext, 'procMount', `${path}.securityContext`, 'ProcMountType');
      drop(c.securityContext, 'appArmorProfile', `${path}.securityContext`, 'AppArmorFields');
    }
    if (isMap(c.resources)) drop(c.resources, 'claims', `${path}.resources`, 'DynamicResourceAllocation');
    if (off('RecursiveReadOnlyMounts')) {
      arr(c.volumeMounts).forEach((m, k) => {
        if (isMap(m) && isSet(m.recursiveReadOnly)) drop(m, 'recursiveReadOnly', `${path}.volumeMounts[${k}]`, 'RecursiveReadOnlyMounts');
      });
    }
    const lifecycle = c.lifecycle;
    if (isMap(lifecycle)) {
      for (const hook of HOOKS) drop(lifecycle[hook], 'sleep', `${path}.lifecycle.${hook}`, 'PodLifecycleSleepAction');
      const hadStopSignal = isSet(lifecycle.stopSignal);
      drop(lifecycle, 'stopSignal', `${path}.lifecycle`, 'ContainerStopSignals');
      // A lifecycle that held only the dropped stopSignal goes with it (an init container may then keep it).
      if (hadStopSignal && !isSet(lifecycle.stopSignal) && Object.keys(lifecycle).every((k) => !isSet(lifecycle[k]))) delete c.lifecycle;
    }
  });
  return dropped;
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'];
const HOOKS = ['postStart', 'preStop'];

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


/** SetDefaults_ResourceList: every quantity of a resource list rounded up to whole thousandths. */
function roundResourceList(list: unknown): void {
  if (!isMap(list)) return;
  for (const name of Object.keys(list)) {
    const q = parseQuantity(list[name]);
    if (!q) continue;
    const rounded = roundUpTo(q, 1000n);
    if (rounded !== q) list[name] = `${(rounded.num * 1000n) / rounded.den}m`;
  }
}

function defaultPodSpec(pod: any): void {
  // The v1 → internal conversion reads the deprecated serviceAccount when serviceAccountName is empty.
  if ((!isSet(pod.serviceAccountName) || pod.serviceAccountName === '') && typeof pod.serviceAccount === 'string' && pod.serviceAccount !== '') {
    pod.serviceAccountName = pod.serviceAccount;
  }
  if (!isSet(pod.restartPolicy) || pod.restartPolicy === '') pod.restartPolicy = 'Always';
  if (!isSet(pod.dnsPolicy) || pod.dnsPolicy === '') pod.dnsPolicy = 'ClusterFirst';
  if (!isSet(pod.terminationGracePeriodSeconds)) pod.terminationGracePeriodSeconds = 30;
  if (!isSet(pod.schedulerName) || pod.schedulerName === '') pod.schedulerName = 'default-scheduler';
  if (!isSet(pod.securityContext)) pod.securityContext = {};
  if (isMap(pod.resources)) {
    roundResourceList(pod.resources.requests);
    roundResourceList(pod.resources.limits);
  }
  roundResourceList(pod.overhead);
  forEachContainer(pod, (c) => {
    if (isMap(c.resources)) {
      roundResourceList(c.resources.requests);
      roundResourceList(c.resources.limits);
    }
    if (!isSet(c.imagePullPolicy) || c.imagePullPolicy === '') c.imagePullPolicy = imageTag(c.image) === 'latest' ? 'Always' : 'IfNotPresent';
    if (!isSet(c.terminationMessagePath) || c.terminationMessagePath === '') c.terminationMessagePath = '/dev/termination-log';
    if (!isSet(c.terminationMessagePolicy) || c.terminationMessagePolicy === '') c.terminationMessagePolicy = 'File';
    for (const p of arr(c.ports)) if (isMap(p) && (!isSet(p.protocol) || p.protocol === '')) p.protocol = 'TCP';
    for (const probe of PROBES) {
      if (!isMap(c[probe])) continue;
      defaultProbe(c[probe]);
      defaultHttpGet(c[probe].httpGet);
    }
    if (isMap(c.lifecycle)) for (const hook of HOOKS) defaultHttpGet(obj(c.lifecycle[hook]).httpGet);
    for (const e of arr(c.env)) if (isMap(e) && isMap(e.valueFrom)) defaultFieldRef(e.valueFrom.fieldRef);
  });
  for (const v of arr(pod.volumes)) {
    if (!isMap(v)) continue;
    if (!VOLUME_SOURCES.some((k) => isSet(v[k]))) v.emptyDir = {};
    for (const kind of ['secret', 'configMap', 'downwardAPI', 'projected']) {
      if (isMap(v[kind]) && !isSet(v[kind].defaultMode)) v[kind].defaultMode = DEFAULT_MODE;
    }
    if (isMap(v.hostPath) && !isSet(v.hostPath.type)) v.hostPath.type = '';
    if (isMap(v.azureDisk)) {
      if (!isSet(v.azureDisk.cachingMode)) v.azureDisk.cachingMode = 'ReadWrite';
      if (!isSet(v.azureDisk.kind)) v.azureDisk.kind = 'Shared';
    }
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
    // status is a plain string: "" decodes like an omitted status, and both default to True.
    for (const c of arr(obj(r).onPodConditions)) if (isMap(c) && (!isSet(c.status) || c.status === '')) c.status = 'True';
  }
}

/** Deep copy of decoded YAML/JSON data (plain objects, arrays, scalars); much cheaper than structuredClone. */
function clonePlain(value: any): any {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    // Lists of scalars (args, exit codes) are never changed by defaulting: share them.
    let scalars = true;
    for (let i = 0; i < value.length && scalars; i++) scalars = value[i] === null || typeof value[i] !== 'object';
    return scalars ? value : value.map(clonePlain);
  }
  const out: any = {};
  for (const k of Object.keys(value)) {
    // A field named "__proto__" (JSON and YAML make it an own field) stays a field, not the prototype.
    if (k === '__proto__') Object.defineProperty(out, k, { value: clonePlain(value[k]), enumerable: true, writable: true, configurable: true });
    else out[k] = clonePlain(value[k]);
  }
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
  // The registry names the object from generateName before validating it.
  if ((!isSet(meta.name) || meta.name === '') && typeof meta.generateName === 'string' && meta.generateName !== '') {
    meta.name = `${meta.generateName.slice(0, 58)}abcde`;
  }
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
