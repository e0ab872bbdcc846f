/**
 * Volumes and volume mounts (core validation `ValidateVolumes`, `validateVolumeSource`,
 * `validateKeyToPath`, `validateDownwardAPIVolumeFile`, `validateProjectedVolumeSource`,
 * `ValidateVolumeMounts`, `ValidateVolumeDevices`).
 */
import { validateObjectFieldSelector, validateResourceFieldSelector, VOLUME_FIELD_PATHS } from './env';
import { errorsFor, FieldError } from './field-error';
import { dns1123Label, dns1123Subdomain, localPath } from './names';
import { isNegative, parseQuantity } from './quantity';
import { append, arr, isInt, isSet, obj } from './values';

const RULE = 'api-volumes';
const E = errorsFor(RULE);
/** Selectors shared with env are this area's findings when used in a volume. */
const asVolumeError = (e: FieldError): FieldError => ({ ...e, ruleId: RULE });
const MODE_MESSAGE = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
export const VOLUME_SOURCES = ['hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi', 'glusterfs',
  'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc', 'azureFile', 'configMap', 'vsphereVolume', 'quobyte',
  'azureDisk', 'photonPersistentDisk', 'projected', 'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image'];

const mode = (v: unknown, path: string): FieldError[] => (isInt(v) && (v < 0 || v > 0o777) ? [E.invalid(path, v, MODE_MESSAGE, 'use an octal mode such as 0644 (420 in decimal)')] : []);

/** Relative, no `..` element, not starting with `..` (ValidateLocalNonReservedPath). */
function nonReservedPath(p: string, path: string): FieldError[] {
  const errs = localPath(p).map((m) => E.invalid(path, p, m));
  if (p.startsWith('..')) errs.push(E.invalid(path, p, "must not start with '..'"));
  return errs;
}

function keyToPaths(items: unknown, path: string): FieldError[] {
  return arr(items).flatMap((i0, k) => {
    const i = obj(i0);
    const at = `${path}.items[${k}]`;
    const errs: FieldError[] = [];
    if (typeof i.key !== 'string' || i.key === '') errs.push(E.required(`${at}.key`));
    if (typeof i.path !== 'string' || i.path === '') errs.push(E.required(`${at}.path`));
    else append(errs, nonReservedPath(i.path, `${at}.path`));
    append(errs, mode(i.mode, `${at}.mode`));
    return errs;
  });
}

/** Downward API files are reported without their list index, as the API server does. */
function downwardAPIFiles(items: unknown, path: string): FieldError[] {
  return arr(items).flatMap((f0) => {
    const f = obj(f0);
    const errs: FieldError[] = [];
    if (typeof f.path !== 'string' || f.path === '') errs.push(E.required(`${path}.path`));
    else append(errs, nonReservedPath(f.path, `${path}.path`));
    if (isSet(f.fieldRef)) {
      append(errs, validateObjectFieldSelector(f.fieldRef, VOLUME_FIELD_PATHS, `${path}.fieldRef`).map(asVolumeError));
      if (isSet(f.resourceFieldRef)) errs.push(E.invalid(path, 'resource', 'fieldRef and resourceFieldRef can not be specified simultaneously'));
    } else if (isSet(f.resourceFieldRef)) {
      append(errs, validateResourceFieldSelector(f.resourceFieldRef, `${path}.resourceFieldRef`, true).map(asVolumeError));
    } else {
      errs.push(E.required(path, 'one of fieldRef and resourceFieldRef is required'));
    }
    append(errs, mode(f.mode, `${path}.mode`));
    return errs;
  });
}

function validateProjected(p: any, path: string): FieldError[] {
  const errs: FieldError[] = [...mode(p.defaultMode, `${path}.defaultMode`)];
  const paths = new Set<string>();
  const addPath = (file: unknown, at: string) => {
    if (typeof file !== 'string' || file === '') return;
    if (paths.has(file)) errs.push(E.invalid(at, file, 'conflicting duplicate paths'));
    paths.add(file);
  };
  arr(p.sources).forEach((s0, k) => {
    const s = obj(s0);
    const at = `${path}.sources[${k}]`;
    let count = 0;
    for (const kind of ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken', 'clusterTrustBundle', 'podCertificate']) {
      if (!isSet(s[kind])) continue;
      if (count++ > 0) {
        errs.push(E.forbidden(`${at}.${kind}`, 'may not specify more than 1 volume type per source'));
        continue;
      }
      const src = obj(s[kind]);
      if (kind === 'secret' || kind === 'configMap') {
        if (typeof src.name !== 'string' || src.name === '') errs.push(E.required(`${at}.${kind}.name`));
        append(errs, keyToPaths(src.items, `${at}.${kind}`));
        arr(src.items).forEach((i) => addPath(obj(i).path, `${at}.${kind}.items`));
      } else if (kind === 'downwardAPI') {
        append(errs, downwardAPIFiles(src.items, `${at}.downwardAPI`));
        arr(src.items).forEach((i) => addPath(obj(i).path, `${at}.downwardAPI.items`));
      } else if (kind === 'serviceAccountToken') {
        const tp = `${at}.serviceAccountToken`;
        if (isInt(src.expirationSeconds)) {
          if (src.expirationSeconds < 600) errs.push(E.invalid(`${tp}.expirationSeconds`, src.expirationSeconds, 'may not specify a duration less than 10 minutes', 'use at least 600 seconds'));
          else if (src.expirationSeconds > 2 ** 32) errs.push(E.invalid(`${tp}.expirationSeconds`, src.expirationSeconds, 'may not specify a duration larger than 2^32 seconds'));
        }
        if (typeof src.path !== 'string' || src.path === '') errs.push(E.required(`${tp}.path`));
        else append(errs, nonReservedPath(src.path, `${tp}.path`));
        addPath(src.path, `${tp}.path`);
      }
    }
  });
  return errs;
}

function validateSource(v: any, path: string): FieldError[] {
  const present = VOLUME_SOURCES.filter((k) => isSet(v[k]));
  if (present.length === 0) return [E.required(path, 'must specify a volume type', 'add a volume source such as emptyDir: {}, configMap, secret or persistentVolumeClaim')];
  const errs: FieldError[] = present.slice(1).map((k) => E.forbidden(`${path}.${k}`, 'may not specify more than 1 volume type'));
  const kind = present[0];
  const s = obj(v[kind]);
  const at = `${path}.${kind}`;
  const required = (field: string) => { if (typeof s[field] !== 'string' || s[field] === '') errs.push(E.required(`${at}.${field}`)); };
  switch (kind) {
    case 'hostPath':
      required('path');
      if (typeof s.path === 'string' && s.path.split('/').includes('..')) errs.push(E.invalid(`${at}.path`, s.path, "must not contain '..'"));
      if (isSet(s.type) && !HOST_PATH_TYPES.includes(s.type)) errs.push(E.notSupported(`${at}.type`, s.type, HOST_PATH_TYPES));
      break;
    case 'emptyDir': {
      const q = parseQuantity(s.sizeLimit);
      if (q && isNegative(q)) errs.push(E.forbidden(`${at}.sizeLimit`, 'SizeLimit field must be a valid resource quantity'));
      break;
    }
    case 'secret':
      required('secretName');
      append(errs, mode(s.defaultMode, `${at}.defaultMode`));
      append(errs, keyToPaths(s.items, at));
      break;
    case 'configMap':
      required('name');
      append(errs, mode(s.defaultMode, `${at}.defaultMode`));
      append(errs, keyToPaths(s.items, at));
      break;
    case 'persistentVolumeClaim':
      required('claimName');
      break;
    case 'downwardAPI':
      append(errs, mode(s.defaultMode, `${at}.defaultMode`));
      append(errs, downwardAPIFiles(s.items, at));
      break;
    case 'projected':
      append(errs, validateProjected(s, at));
      break;
    case 'csi':
      required('driver');
      if (typeof s.driver === 'string' && s.driver !== '') {
        if (s.driver.length > 63) errs.push(E.tooLong(`${at}.driver`, 63));
        for (const m of dns1123Subdomain(s.driver.toLowerCase())) errs.push(E.invalid(`${at}.driver`, s.driver, m));
      }
      if (isSet(s.nodePublishSecretRef) && (typeof obj(s.nodePublishSecretRef).name !== 'string' || obj(s.nodePublishSecretRef).name === '')) errs.push(E.required(`${at}.nodePublishSecretRef.name`));
      break;
    case 'nfs':
      required('server');
      required('path');
      if (typeof s.path === 'string' && s.path !== '' && !s.path.startsWith('/')) errs.push(E.invalid(`${at}.path`, s.path, 'must be an absolute path'));
      break;
    case 'gitRepo':
      required('repository');
      if (typeof s.directory === 'string') for (const m of localPath(s.directory)) errs.push(E.invalid(`${at}.directory`, s.directory, m));
      break;
    case 'ephemeral': {
      if (!isSet(s.volumeClaimTemplate)) { errs.push(E.required(`${at}.volumeClaimTemplate`)); break; }
      const spec = obj(obj(s.volumeClaimTemplate).spec);
      const sp = `${at}.volumeClaimTemplate.spec`;
      if (arr(spec.accessModes).length === 0) errs.push(E.required(`${sp}.accessModes`, 'at least 1 access mode is required'));
      if (!isSet(obj(obj(spec.resources).requests).storage)) errs.push(E.required(`${sp}.resources[storage]`));
      break;
    }
    case 'image':
      required('reference');
      if (isSet(s.pullPolicy) && !['Always', 'Never', 'IfNotPresent'].includes(s.pullPolicy)) errs.push(E.notSupported(`${at}.pullPolicy`, s.pullPolicy, ['Always', 'IfNotPresent', 'Never']));
      break;
  }
  return errs;
}

export interface ValidVolumes {
  /** Valid volumes by name, with their source kind (invalid ones are left out, as the API server does). */
  readonly byName: Map<string, string>;
  readonly errors: FieldError[];
}

export function validateVolumes(volumes: unknown, path: string): ValidVolumes {
  const byName = new Map<string, string>();
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  arr(volumes).forEach((v0, i) => {
    const v = obj(v0);
    const at = `${path}[${i}]`;
    const errs = validateSource(v, at);
    if (typeof v.name !== 'string' || v.name === '') errs.push(E.required(`${at}.name`));
    else append(errs, dns1123Label(v.name).map((m) => E.invalid(`${at}.name`, v.name, m)));
    if (typeof v.name === 'string' && seen.has(v.name)) errs.push(E.duplicate(`${at}.name`, v.name));
    if (typeof v.name === 'string') seen.add(v.name);
    if (errs.length === 0) byName.set(v.name, VOLUME_SOURCES.find((k) => isSet(v[k])) ?? 'emptyDir');
    append(errors, errs);
  });
  return { byName, errors };
}

/** A container's volumeMounts and volumeDevices against the pod's valid volumes. */
export function validateVolumeMounts(c: any, volumes: Map<string, string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const devices = arr(c.volumeDevices).map(obj);
  const deviceNames = new Set(devices.map((d) => d.name));
  const devicePaths = new Set(devices.map((d) => d.devicePath));
  const mountPaths = new Set<string>();
  const mp = `${path}.volumeMounts`;
  arr(c.volumeMounts).forEach((m0, i) => {
    const m = obj(m0);
    const at = `${mp}[${i}]`;
    if (typeof m.name !== 'string' || m.name === '') errs.push(E.required(`${at}.name`));
    if (!volumes.has(m.name)) errs.push(E.notFound(`${at}.name`, m.name ?? '', 'mount a volume declared in spec.volumes (check the name)'));
    if (typeof m.mountPath !== 'string' || m.mountPath === '') errs.push(E.required(`${at}.mountPath`));
    else if (mountPaths.has(m.mountPath)) errs.push(E.invalid(`${at}.mountPath`, m.mountPath, 'must be unique', 'mount each volume at its own path'));
    if (typeof m.mountPath === 'string') mountPaths.add(m.mountPath);
    if (deviceNames.has(m.name)) errs.push(E.invalid(`${at}.name`, m.name, 'must not already exist in volumeDevices'));
    if (devicePaths.has(m.mountPath)) errs.push(E.invalid(`${at}.mountPath`, m.mountPath, 'must not already exist as a path in volumeDevices'));
    if (typeof m.subPath === 'string' && m.subPath !== '') for (const e of localPath(m.subPath)) errs.push(E.invalid(`${mp}.subPath`, m.subPath, e));
    if (typeof m.subPathExpr === 'string' && m.subPathExpr !== '') {
      if (typeof m.subPath === 'string' && m.subPath !== '') errs.push(E.invalid(`${at}.subPathExpr`, m.subPathExpr, 'subPathExpr and subPath are mutually exclusive'));
      for (const e of localPath(m.subPathExpr)) errs.push(E.invalid(`${mp}.subPathExpr`, m.subPathExpr, e));
    }
    if (isSet(m.mountPropagation)) {
      if (!['None', 'HostToContainer', 'Bidirectional'].includes(m.mountPropagation)) errs.push(E.notSupported(`${mp}.mountPropagation`, m.mountPropagation, ['Bidirectional', 'HostToContainer', 'None']));
      else if (m.mountPropagation === 'Bidirectional' && obj(c.securityContext).privileged !== true) errs.push(E.forbidden(`${mp}.mountPropagation`, 'Bidirectional mount propagation is available only to privileged containers'));
    }
    if (isSet(m.recursiveReadOnly)) {
      const rro = `${mp}.recursiveReadOnly`;
      if (m.recursiveReadOnly === 'Enabled' || m.recursiveReadOnly === 'IfPossible') {
        if (m.readOnly !== true) errs.push(E.forbidden(rro, 'may only be specified when readOnly is true', 'set readOnly: true'));
        if (isSet(m.mountPropagation) && m.mountPropagation !== 'None') errs.push(E.forbidden(rro, 'may only be specified when mountPropagation is None or not specified'));
      } else if (m.recursiveReadOnly !== 'Disabled') {
        errs.push(E.notSupported(rro, m.recursiveReadOnly, ['Disabled', 'Enabled', 'IfPossible']));
      }
    }
  });
  const seenNames = new Set<string>();
  const seenPaths = new Set<string>();
  devices.forEach((d, i) => {
    const at = `${path}.volumeDevices[${i}]`;
    if (typeof d.name !== 'string' || d.name === '') errs.push(E.required(`${at}.name`));
    if (seenNames.has(d.name)) errs.push(E.invalid(`${at}.name`, d.name, 'must be unique'));
    seenNames.add(d.name);
    const kind = volumes.get(d.name);
    if (!kind) errs.push(E.notFound(`${at}.name`, d.name ?? ''));
    else if (kind !== 'persistentVolumeClaim' && kind !== 'ephemeral') errs.push(E.invalid(`${at}.name`, d.name, 'can only use volume source type of PersistentVolumeClaim or Ephemeral for block mode'));
    if (typeof d.devicePath !== 'string' || d.devicePath === '') errs.push(E.required(`${at}.devicePath`));
    if (seenPaths.has(d.devicePath)) errs.push(E.invalid(`${at}.devicePath`, d.devicePath, 'must be unique'));
    seenPaths.add(d.devicePath);
  });
  return errs;
}
