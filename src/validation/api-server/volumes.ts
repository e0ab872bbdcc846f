/**
 * Volumes and volume mounts (core validation `ValidateVolumes`, `validateVolumeSource`,
 * `validateKeyToPath`, `validateDownwardAPIVolumeFile`, `validateProjectedVolumeSource`,
 * `ValidateVolumeMounts`, `ValidateVolumeDevices`).
 */
import { validateObjectFieldSelector, validateResourceFieldSelector, VOLUME_FIELD_PATHS } from './env';
import { errorsFor, FieldError } from './field-error';
import { dns1123Label, dns1123Subdomain, localPath } from './names';
import { validateAnnotations, validateLabels, validateLabelSelector } from './object-meta';
import { isNegative, isZero, parseQuantity } from './quantity';
import { append, arr, blank, isInt, isSet, obj } from './values';

const RULE = 'api-volumes';
const E = errorsFor(RULE);
/** Selectors shared with env are this area's findings when used in a volume. */
const asVolumeError = (e: FieldError): FieldError => ({ ...e, ruleId: RULE });
const MODE_MESSAGE = 'must be a number between 0 and 0777 (octal), both inclusive';
const HOST_PATH_TYPES = ['', 'DirectoryOrCreate', 'Directory', 'FileOrCreate', 'File', 'Socket', 'CharDevice', 'BlockDevice'];
const PARTITION_MESSAGE = 'must be between 1 and 255, inclusive';
const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
// Go's regexps: [[:alnum:]] is ASCII letters and digits, \s is ASCII white space.
const ISCSI_IQN = /iqn\.\d{4}-\d{2}\.([A-Za-z0-9\-.]+)(:[^,;*&$|\t\n\f\r ]+)$/;
const ISCSI_EUI = /^eui.[A-Za-z0-9]{16}$/;
const ISCSI_NAA = /^naa.[A-Za-z0-9]{32}$/;
const mode = (v: unknown, path: string): FieldError[] => (isInt(v) && (v < 0 || v > 0o777) ? [E.invalid(path, v, MODE_MESSAGE, 'write the mode in decimal (420 for rw-r--r--) or as 0o644: in JSON and YAML 1.2 a leading 0 is not octal, so 0644 is 644')] : []);

/** Relative, no `..` element, not starting with `..` (ValidateLocalNonReservedPath). */
function nonReservedPath(p: string, path: string): FieldError[] {
  const errs = localPath(p).map((m) => E.invalid(path, p, m));
  // Not repeated when the '..' element check has said it.
  if (p.startsWith('..') && !p.startsWith('../')) errs.push(E.invalid(path, p, "must not start with '..'"));
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
  // Duplicates are reported at the projected volume itself, valued with the source's name (or the
  // file's path); the token's path takes no part, as upstream never records it.
  const addPath = (file: unknown, value: unknown) => {
    if (typeof file !== 'string' || file === '') return;
    if (paths.has(file)) errs.push(E.invalid(path, value, 'conflicting duplicate paths'));
    paths.add(file);
  };
  arr(p.sources).forEach((s0, k) => {
    const s = obj(s0);
    const at = `${path}.sources[${k}]`;
    // Every kind set is validated; more than one is reported at the source. (clusterTrustBundle and
    // podCertificate have been dropped: their gates are off in every version known here.)
    let count = 0;
    for (const kind of ['secret', 'configMap', 'downwardAPI', 'serviceAccountToken']) {
      if (!isSet(s[kind])) continue;
      count++;
      const src = obj(s[kind]);
      if (kind === 'secret' || kind === 'configMap') {
        if (typeof src.name !== 'string' || src.name === '') errs.push(E.required(`${at}.${kind}.name`));
        append(errs, keyToPaths(src.items, `${at}.${kind}`));
        arr(src.items).forEach((i) => addPath(obj(i).path, src.name ?? ''));
      } else if (kind === 'downwardAPI') {
        append(errs, downwardAPIFiles(src.items, `${at}.downwardAPI`));
        arr(src.items).forEach((i) => addPath(obj(i).path, obj(i).path));
      } else if (kind === 'serviceAccountToken') {
        const tp = `${at}.serviceAccountToken`;
        if (isInt(src.expirationSeconds)) {
          if (src.expirationSeconds < 600) errs.push(E.invalid(`${tp}.expirationSeconds`, src.expirationSeconds, 'may not specify a duration less than 10 minutes', 'use at least 600 seconds'));
          else if (src.expirationSeconds > 2 ** 32) errs.push(E.invalid(`${tp}.expirationSeconds`, src.expirationSeconds, 'may not specify a duration larger than 2^32 seconds'));
        }
        // Upstream reports the token's path at the projected volume's own path field.
        if (typeof src.path !== 'string' || src.path === '') errs.push(E.required(`${path}.path`));
        else append(errs, nonReservedPath(src.path, `${path}.path`));
      }
    }
    if (count > 1) errs.push(E.forbidden(at, 'may not specify more than 1 volume type per source'));
  });
  return errs;
}

type SourceCheck = (s: any, at: string) => FieldError[];

const requiredStrings = (s: any, at: string, ...fields: string[]): FieldError[] =>
  fields.filter((f) => blank(s[f])).map((f) => E.required(`${at}.${f}`));
const partition = (s: any, at: string): FieldError[] =>
  (isInt(s.partition) && (s.partition < 0 || s.partition > 255) ? [E.invalid(`${at}.partition`, s.partition, PARTITION_MESSAGE)] : []);
const lun = (v: unknown, at: string): FieldError[] => (isInt(v) && (v < 0 || v > 255) ? [E.invalid(at, v, 'must be between 0 and 255, inclusive')] : []);
const noBacksteps = (p: unknown, at: string): FieldError[] =>
  // filepath.ToSlash does nothing on the (Linux) API server: a backslash is no separator.
  (typeof p === 'string' && p.split('/').includes('..') ? [E.invalid(at, p, "must not contain '..'")] : []);
const secretRefName = (s: any, at: string): FieldError[] => (isSet(s.secretRef) && blank(obj(s.secretRef).name) ? [E.required(`${at}.secretRef.name`)] : []);

/** An iSCSI qualified name (iqn., eui. or naa. form), as `validateISCSIVolumeSource` reads it. */
function iscsiName(v: string, at: string): FieldError[] {
  if (!v.startsWith('iqn') && !v.startsWith('eui') && !v.startsWith('naa')) return [E.invalid(at, v, 'must be valid format starting with iqn, eui, or naa')];
  const form = v.startsWith('iqn') ? ISCSI_IQN : v.startsWith('eui') ? ISCSI_EUI : ISCSI_NAA;
  return form.test(v) ? [] : [E.invalid(at, v, 'must be valid format')];
}

/** `host:port` as Go's net.SplitHostPort accepts it (brackets for IPv6, one colon otherwise). */
function isHostPort(v: string): boolean {
  if (v.startsWith('[')) return /^\[[^[\]]*\]:[^:[\]]*$/.test(v);
  return (v.match(/:/g) ?? []).length === 1 && !/[[\]]/.test(v);
}

/** `ValidatePersistentVolumeClaimTemplate` of an ephemeral volume (only labels and annotations in its metadata). */
function claimTemplate(t: any, at: string): FieldError[] {
  const meta = obj(t.metadata);
  const mp = `${at}.metadata`;
  const errs = [...validateAnnotations(meta.annotations, `${mp}.annotations`), ...validateLabels(meta.labels, `${mp}.labels`)].map(asVolumeError);
  for (const k of Object.keys(meta)) {
    if (k === 'labels' || k === 'annotations' || !isSet(meta[k]) || meta[k] === '' || meta[k] === 0) continue;
    errs.push(E.forbidden(`${mp}.${k === 'uid' ? 'uID' : k}`, 'cannot be set', 'a claim template may only set metadata.labels and metadata.annotations'));
  }
  const spec = obj(t.spec);
  const sp = `${at}.spec`;
  const modes = arr(spec.accessModes);
  if (modes.length === 0) errs.push(E.required(`${sp}.accessModes`, 'at least 1 access mode is required'));
  if (isSet(spec.selector)) append(errs, validateLabelSelector(spec.selector, `${sp}.selector`, E));
  for (const m of modes) if (!ACCESS_MODES.includes(m as string)) errs.push(E.notSupported(`${sp}.accessModes`, m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.some((m) => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m as string))) {
    errs.push(E.forbidden(`${sp}.accessModes`, 'may not use ReadWriteOncePod with other access modes'));
  }
  const requests = obj(obj(spec.resources).requests);
  const storage = parseQuantity(requests.storage);
  if (!isSet(requests.storage)) errs.push(E.required(`${sp}.resources[storage]`));
  else if (storage && (isNegative(storage) || isZero(storage))) errs.push(E.invalid(`${sp}.resources[storage]`, requests.storage, 'must be greater than zero'));
  if (typeof spec.storageClassName === 'string' && spec.storageClassName !== '') {
    for (const m of dns1123Subdomain(spec.storageClassName)) errs.push(E.invalid(`${sp}.storageClassName`, spec.storageClassName, m));
  }
  if (isSet(spec.volumeMode) && !['Block', 'Filesystem'].includes(spec.volumeMode)) errs.push(E.notSupported(`${sp}.volumeMode`, spec.volumeMode, ['Block', 'Filesystem']));
  for (const ref of ['dataSource', 'dataSourceRef']) {
    if (!isSet(spec[ref])) continue;
    const r = obj(spec[ref]);
    const rp = `${sp}.${ref}`;
    append(errs, requiredStrings(r, rp, 'name', 'kind'));
    const group = typeof r.apiGroup === 'string' ? r.apiGroup : '';
    if (group === '' && r.kind !== 'PersistentVolumeClaim') errs.push(E.invalid(rp, r.kind ?? '', "must be 'PersistentVolumeClaim' when referencing the default apiGroup"));
    if (group !== '') append(errs, dns1123Subdomain(group).map((m) => E.invalid(`${rp}.apiGroup`, group, m)));
    if (ref === 'dataSourceRef' && typeof r.namespace === 'string' && r.namespace !== '') {
      append(errs, dns1123Label(r.namespace).map((m) => E.invalid(`${rp}.namespace`, r.namespace, m)));
    }
  }
  const source = obj(spec.dataSource);
  const sourceRef = obj(spec.dataSourceRef);
  if (typeof sourceRef.namespace === 'string' && sourceRef.namespace !== '') {
    if (isSet(spec.dataSource)) errs.push(E.invalid(sp, `${sp}.dataSource`, 'may not be specified when dataSourceRef.namespace is specified'));
  } else if (isSet(spec.dataSource) && isSet(spec.dataSourceRef)
    && (source.apiGroup !== sourceRef.apiGroup || source.kind !== sourceRef.kind || source.name !== sourceRef.name)) {
    errs.push(E.invalid(sp, `${sp}.dataSource`, 'must match dataSourceRef'));
  }
  if (typeof spec.volumeAttributesClassName === 'string' && spec.volumeAttributesClassName !== '') {
    append(errs, dns1123Subdomain(spec.volumeAttributesClassName).map((m) => E.invalid(`${sp}.volumeAttributesClassName`, spec.volumeAttributesClassName, m)));
  }
  return errs;
}

function azureDisk(s: any, at: string): FieldError[] {
  const errs = requiredStrings(s, at, 'diskName', 'diskURI');
  const modes = ['None', 'ReadOnly', 'ReadWrite'];
  const kinds = ['Dedicated', 'Managed', 'Shared'];
  if (isSet(s.cachingMode) && !modes.includes(s.cachingMode)) errs.push(E.notSupported(`${at}.cachingMode`, s.cachingMode, modes));
  if (isSet(s.kind) && !kinds.includes(s.kind)) errs.push(E.notSupported(`${at}.kind`, s.kind, kinds));
  // kind was defaulted to Shared (a blob disk): only Managed disks take a resource id.
  const uri = typeof s.diskURI === 'string' ? s.diskURI : '';
  if (s.kind === 'Managed' && !uri.startsWith('/subscriptions/')) {
    errs.push(E.notSupported(`${at}.diskURI`, uri, ['/subscriptions/{sub-id}/resourcegroups/{group-name}/providers/microsoft.compute/disks/{disk-id}']));
  }
  if (isSet(s.kind) && s.kind !== 'Managed' && !uri.startsWith('https://')) {
    errs.push(E.notSupported(`${at}.diskURI`, uri, ['https://{account-name}.blob.core.windows.net/{container-name}/{disk-name}.vhd']));
  }
  return errs;
}

function iscsi(s: any, at: string): FieldError[] {
  const errs = requiredStrings(s, at, 'targetPortal');
  if (blank(s.iqn)) errs.push(E.required(`${at}.iqn`));
  else append(errs, iscsiName(s.iqn, `${at}.iqn`));
  append(errs, lun(s.lun, `${at}.lun`));
  if ((s.chapAuthDiscovery === true || s.chapAuthSession === true) && !isSet(s.secretRef)) errs.push(E.required(`${at}.secretRef`));
  if (typeof s.initiatorName === 'string') append(errs, iscsiName(s.initiatorName, `${at}.initiatorname`));
  return errs;
}

function quobyte(s: any, at: string): FieldError[] {
  const errs: FieldError[] = [];
  const registryMessage = 'must be a host:port pair or multiple pairs separated by commas';
  if (blank(s.registry)) errs.push(E.required(`${at}.registry`, registryMessage));
  else if (typeof s.tenant === 'string' && s.tenant.length >= 65) errs.push(E.required(`${at}.tenant`, 'must be a UUID and may not exceed a length of 64 characters'));
  else for (const pair of (s.registry as string).split(',')) if (!isHostPort(pair)) errs.push(E.invalid(`${at}.registry`, s.registry, registryMessage));
  return [...errs, ...requiredStrings(s, at, 'volume')];
}

function fibreChannel(s: any, at: string): FieldError[] {
  const errs: FieldError[] = [];
  const wwns = arr(s.targetWWNs);
  const wwids = arr(s.wwids);
  if (wwns.length === 0 && wwids.length === 0) errs.push(E.required(`${at}.targetWWNs`, 'must specify either targetWWNs or wwids, but not both'));
  if (wwns.length > 0 && wwids.length > 0) errs.push(E.invalid(`${at}.targetWWNs`, wwns, 'targetWWNs and wwids can not be specified simultaneously'));
  if (wwns.length > 0) {
    if (!isSet(s.lun)) errs.push(E.required(`${at}.lun`, 'lun is required if targetWWNs is specified'));
    else append(errs, lun(s.lun, `${at}.lun`));
  }
  return errs;
}

function flocker(s: any, at: string): FieldError[] {
  const errs: FieldError[] = [];
  if (blank(s.datasetName) && blank(s.datasetUUID)) errs.push(E.required(at, 'one of datasetName and datasetUUID is required'));
  if (!blank(s.datasetName) && !blank(s.datasetUUID)) errs.push(E.invalid(at, 'resource', 'datasetName and datasetUUID can not be specified simultaneously'));
  if (typeof s.datasetName === 'string' && s.datasetName.includes('/')) errs.push(E.invalid(`${at}.datasetName`, s.datasetName, "must not contain '/'"));
  return errs;
}

function csi(s: any, at: string): FieldError[] {
  const errs: FieldError[] = [];
  const driver = typeof s.driver === 'string' ? s.driver : '';
  if (driver === '') errs.push(E.required(`${at}.driver`));
  if (driver.length > 63) errs.push(E.tooLong(`${at}.driver`, 63));
  for (const m of dns1123Subdomain(driver.toLowerCase())) errs.push(E.invalid(`${at}.driver`, driver, m));
  if (isSet(s.nodePublishSecretRef)) {
    const name = obj(s.nodePublishSecretRef).name;
    // Upstream reports a bad secret name at csi.name.
    if (blank(name)) errs.push(E.required(`${at}.nodePublishSecretRef.name`));
    else for (const m of dns1123Subdomain(name)) errs.push(E.invalid(`${at}.name`, name, m));
  }
  return errs;
}

const reservedFlexOptions = (s: any, at: string): FieldError[] => Object.keys(obj(s.options)).flatMap((k) => {
  const domain = `.${(k.includes('/') ? k.slice(0, k.indexOf('/')) : k).toLowerCase()}`;
  return domain.endsWith('.kubernetes.io') || domain.endsWith('.k8s.io') ? [E.invalid(`${at}.options[${k}]`, k, 'kubernetes.io and k8s.io namespaces are reserved')] : [];
});

/**
 * The volume sources in the order `validateVolumeSource` tries them: the first one set is validated
 * (under `validatedAs` where upstream names its path differently), every later one is Forbidden
 * (under `reportedAs`, upstream's spelling, typo included).
 */
const SOURCES: ReadonlyArray<{ field: string; reportedAs?: string; validatedAs?: string; check: SourceCheck }> = [
  {
    field: 'emptyDir',
    check: (s, at) => {
      const q = parseQuantity(s.sizeLimit);
      return q && isNegative(q) ? [E.forbidden(`${at}.sizeLimit`, 'SizeLimit field must be a valid resource quantity')] : [];
    },
  },
  {
    field: 'hostPath',
    check: (s, at) => (blank(s.path) ? [E.required(`${at}.path`)]
      : [...noBacksteps(s.path, `${at}.path`), ...(isSet(s.type) && !HOST_PATH_TYPES.includes(s.type) ? [E.notSupported(`${at}.type`, s.type, HOST_PATH_TYPES)] : [])]),
  },
  {
    field: 'gitRepo',
    check: (s, at) => [...requiredStrings(s, at, 'repository'),
      ...(typeof s.directory === 'string' ? localPath(s.directory).map((m) => E.invalid(`${at}.directory`, s.directory, m)) : [])],
  },
  { field: 'gcePersistentDisk', validatedAs: 'persistentDisk', check: (s, at) => [...requiredStrings(s, at, 'pdName'), ...partition(s, at)] },
  { field: 'awsElasticBlockStore', check: (s, at) => [...requiredStrings(s, at, 'volumeID'), ...partition(s, at)] },
  { field: 'secret', check: (s, at) => [...requiredStrings(s, at, 'secretName'), ...mode(s.defaultMode, `${at}.defaultMode`), ...keyToPaths(s.items, at)] },
  {
    field: 'nfs',
    check: (s, at) => [...requiredStrings(s, at, 'server', 'path'),
      ...(typeof s.path !== 'string' || !s.path.startsWith('/') ? [E.invalid(`${at}.path`, s.path ?? '', 'must be an absolute path')] : [])],
  },
  { field: 'iscsi', check: iscsi },
  { field: 'glusterfs', check: (s, at) => requiredStrings(s, at, 'endpoints', 'path') },
  { field: 'flocker', check: flocker },
  { field: 'persistentVolumeClaim', check: (s, at) => requiredStrings(s, at, 'claimName') },
  { field: 'rbd', check: (s, at) => [...(arr(s.monitors).length === 0 ? [E.required(`${at}.monitors`)] : []), ...requiredStrings(s, at, 'image')] },
  { field: 'cinder', check: (s, at) => [...requiredStrings(s, at, 'volumeID'), ...secretRefName(s, at)] },
  { field: 'cephfs', reportedAs: 'cephFS', check: (s, at) => (arr(s.monitors).length === 0 ? [E.required(`${at}.monitors`)] : []) },
  { field: 'quobyte', check: quobyte },
  { field: 'downwardAPI', reportedAs: 'downwarAPI', check: (s, at) => [...mode(s.defaultMode, `${at}.defaultMode`), ...downwardAPIFiles(s.items, at)] },
  { field: 'fc', check: fibreChannel },
  { field: 'flexVolume', check: (s, at) => [...requiredStrings(s, at, 'driver'), ...reservedFlexOptions(s, at)] },
  { field: 'configMap', check: (s, at) => [...requiredStrings(s, at, 'name'), ...mode(s.defaultMode, `${at}.defaultMode`), ...keyToPaths(s.items, at)] },
  { field: 'azureFile', check: (s, at) => requiredStrings(s, at, 'secretName', 'shareName') },
  { field: 'vsphereVolume', check: (s, at) => requiredStrings(s, at, 'volumePath') },
  { field: 'photonPersistentDisk', check: (s, at) => requiredStrings(s, at, 'pdID') },
  { field: 'portworxVolume', check: (s, at) => requiredStrings(s, at, 'volumeID') },
  { field: 'azureDisk', check: azureDisk },
  {
    field: 'storageos',
    check: (s, at) => [
      ...(blank(s.volumeName) ? [E.required(`${at}.volumeName`)] : dns1123Label(s.volumeName).map((m) => E.invalid(`${at}.volumeName`, s.volumeName, m))),
      ...(typeof s.volumeNamespace === 'string' && s.volumeNamespace !== '' ? dns1123Label(s.volumeNamespace).map((m) => E.invalid(`${at}.volumeNamespace`, s.volumeNamespace, m)) : []),
      ...secretRefName(s, at),
    ],
  },
  { field: 'projected', check: validateProjected },
  { field: 'scaleIO', check: (s, at) => requiredStrings(s, at, 'gateway', 'system', 'volumeName') },
  { field: 'csi', check: csi },
  {
    field: 'ephemeral',
    check: (s, at) => (isSet(s.volumeClaimTemplate) ? claimTemplate(obj(s.volumeClaimTemplate), `${at}.volumeClaimTemplate`) : [E.required(`${at}.volumeClaimTemplate`)]),
  },
  {
    field: 'image',
    check: (s, at) => [...requiredStrings(s, at, 'reference'),
      ...(isSet(s.pullPolicy) && !['Always', 'Never', 'IfNotPresent'].includes(s.pullPolicy) ? [E.notSupported(`${at}.pullPolicy`, s.pullPolicy, ['Always', 'IfNotPresent', 'Never'])] : [])],
  },
];

export const VOLUME_SOURCES = SOURCES.map((s) => s.field);

/** `validateVolumeSource`: exactly one source, checked by its own rules. */
function validateSource(v: any, path: string): FieldError[] {
  const errs: FieldError[] = [];
  let found = false;
  for (const source of SOURCES) {
    if (!isSet(v[source.field])) continue;
    if (found) {
      errs.push(E.forbidden(`${path}.${source.reportedAs ?? source.field}`, 'may not specify more than 1 volume type'));
    } else {
      found = true;
      append(errs, source.check(obj(v[source.field]), `${path}.${source.validatedAs ?? source.field}`));
    }
  }
  // Checked whether or not iscsi is the volume's first source, as upstream does.
  const portal = obj(v.iscsi).targetPortal;
  if (isSet(obj(v.iscsi).initiatorName) && `${typeof v.name === 'string' ? v.name : ''}:${typeof portal === 'string' ? portal : ''}`.length > 64) {
    errs.push(E.invalid(`${path}.name`, v.name, 'Total length of <volume name>:<iscsi.targetPortal> must be under 64 characters if iscsi.initiatorName is specified.'));
  }
  if (!found) errs.push(E.required(path, 'must specify a volume type', 'add a volume source such as emptyDir: {}, configMap, secret or persistentVolumeClaim'));
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
    // Only a valid volume takes its name (a later one of the same name is then a duplicate).
    if (errs.length === 0) {
      seen.add(v.name);
      byName.set(v.name, VOLUME_SOURCES.find((k) => isSet(v[k])) ?? 'emptyDir');
    }
    append(errors, errs);
  });
  return { byName, errors };
}

const NONE: ReadonlySet<unknown> = new Set();

/** A container's volumeMounts and volumeDevices against the pod's valid volumes. */
export function validateVolumeMounts(c: any, volumes: Map<string, string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const devices = arr(c.volumeDevices).map(obj);
  // Devices are rare: their name and path sets are built only when there are some.
  const deviceNames = devices.length > 0 ? new Set(devices.map((d) => d.name)) : NONE;
  const devicePaths = devices.length > 0 ? new Set(devices.map((d) => d.devicePath)) : NONE;
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
    if (arr(c.volumeMounts).some((m) => obj(m).name === d.name)) errs.push(E.invalid(`${at}.name`, d.name, 'must not already exist in volumeMounts'));
    if (mountPaths.has(d.devicePath)) errs.push(E.invalid(`${at}.devicePath`, d.devicePath, 'must not already exist as a path in volumeMounts'));
    if (seenPaths.has(d.devicePath)) errs.push(E.invalid(`${at}.devicePath`, d.devicePath, 'must be unique'));
    if (typeof d.devicePath === 'string' && d.devicePath !== '' && noBacksteps(d.devicePath, '').length > 0) {
      errs.push(E.invalid(`${at}.devicePath`, d.devicePath, "can not contain backsteps ('..')"));
    } else {
      seenPaths.add(d.devicePath);
    }
  });
  return errs;
}
