/**
 * Security contexts (core validation `validatePodSpecSecurityContext`, `ValidateSecurityContext`,
 * `validateSeccompProfileField`, `ValidateAppArmorProfileField`, `validateSysctls`, `validateWindows`,
 * `validateLinux`, `validateHostUsers`, `validateWindowsHostProcessPod`).
 */
import { PodValidationContext } from './context';
import { errorsFor, FieldError } from './field-error';
import { dns1123Subdomain, localPath } from './names';
import { append, arr, isInt, isSet, obj } from './values';

const E = errorsFor('api-security-context');
const MAX_ID = 2147483647;
const SYSCTL_RE = /^([a-z0-9]([-_a-z0-9]*[a-z0-9])?[./])*[a-z0-9]([-_a-z0-9]*[a-z0-9])?$/;
/** The IPC namespace's sysctls (utilsysctl.GetNamespace): these exact names, and everything under fs.mqueue. */
const IPC_SYSCTL = /^(kernel\.(shmall|shmmax|shmmni|shm_rmid_forced|shm|msgmax|msgmnb|msgmni|msg|sem)$|fs\.mqueue\.)/;

/** utilsysctl.NormalizeName: a name whose first separator is "/" has "/" and "." swapped. */
function normalizedSysctl(name: string): string {
  const first = name.search(/[./]/);
  if (first === -1 || name[first] === '.') return name;
  return name.replace(/[./]/g, (c) => (c === '.' ? '/' : '.'));
}

function idRange(v: unknown, path: string): FieldError[] {
  return isInt(v) && (v < 0 || v > MAX_ID) ? [E.invalid(path, v, `must be between 0 and ${MAX_ID}, inclusive`)] : [];
}

export function validateSeccompProfile(sp0: unknown, path: string): FieldError[] {
  if (!isSet(sp0)) return [];
  const sp = obj(sp0);
  const errs: FieldError[] = [];
  if (sp.type === undefined || sp.type === '') errs.push(E.required(`${path}.type`, 'type is required when seccompProfile is set', 'use type: RuntimeDefault'));
  else if (!['Localhost', 'RuntimeDefault', 'Unconfined'].includes(sp.type)) errs.push(E.notSupported(`${path}.type`, sp.type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  if (sp.type === 'Localhost') {
    if (!isSet(sp.localhostProfile)) errs.push(E.required(`${path}.localhostProfile`, 'must be set when seccomp type is Localhost'));
    else if (typeof sp.localhostProfile === 'string') for (const m of localPath(sp.localhostProfile)) errs.push(E.invalid(`${path}.localhostProfile`, sp.localhostProfile, m));
  } else if (isSet(sp.localhostProfile)) {
    errs.push(E.invalid(`${path}.localhostProfile`, sp.localhostProfile, 'can only be set when seccomp type is Localhost'));
  }
  return errs;
}

export function validateAppArmorProfile(p0: unknown, path: string): FieldError[] {
  if (!isSet(p0)) return [];
  const p = obj(p0);
  const errs: FieldError[] = [];
  switch (p.type) {
    case 'Localhost':
      if (typeof p.localhostProfile !== 'string') {errs.push(E.required(`${path}.localhostProfile`, 'must be set when AppArmor type is Localhost'));} else {
        if (p.localhostProfile.trim() !== p.localhostProfile) errs.push(E.invalid(`${path}.localhostProfile`, p.localhostProfile, 'must not be padded with whitespace'));
        else if (p.localhostProfile === '') errs.push(E.required(`${path}.localhostProfile`, 'must be set when AppArmor type is Localhost'));
        if (p.localhostProfile.length > 4095) errs.push(E.tooLong(`${path}.localhostProfile`, 4095));
      }
      break;
    case 'RuntimeDefault':
    case 'Unconfined':
      if (isSet(p.localhostProfile)) errs.push(E.invalid(`${path}.localhostProfile`, p.localhostProfile, 'can only be set when AppArmor type is Localhost'));
      break;
    case undefined:
    case '':
      errs.push(E.required(`${path}.type`, 'type is required when appArmorProfile is set'));
      break;
    default:
      errs.push(E.notSupported(`${path}.type`, p.type, ['Localhost', 'RuntimeDefault', 'Unconfined']));
  }
  return errs;
}

// validateWindowsSecurityContextOptions' patterns: a NetBIOS or DNS domain, and what a user name may not hold.
const NETBIOS_DOMAIN = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/;
const DNS_DOMAIN = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const BAD_USER_CHARS = /["/\\:;|=,+*?<>@[\]]/;

/** `DOMAIN\\user` or `user`, as Windows accepts it. */
function runAsUserNameErrors(name: string): string[] {
  if (name === '') return ['runAsUserName cannot be an empty string'];
  if (/[\x00-\x1f\x7f]/.test(name)) return ['runAsUserName cannot contain control characters'];
  const parts = name.split('\\');
  if (parts.length > 2) return ['runAsUserName cannot contain more than one backslash'];
  const [domain, user] = parts.length === 2 ? parts : ['', parts[0]];
  const errs: string[] = [];
  if (domain.length >= 256) errs.push('runAsUserName\'s Domain length must be under 256 characters');
  if (parts.length === 2 && !(NETBIOS_DOMAIN.test(domain) || DNS_DOMAIN.test(domain))) errs.push('runAsUserName\'s Domain doesn\'t match the NetBios nor the DNS format');
  if (user.length === 0) errs.push('runAsUserName\'s User cannot be empty');
  else if (user.length > 104) errs.push('runAsUserName\'s User length must not be longer than 104 characters');
  if (/^[. ]+$/.test(user)) errs.push('runAsUserName\'s User cannot contain only periods or spaces');
  if (BAD_USER_CHARS.test(user)) errs.push('runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]');
  return errs;
}

function validateWindowsOptions(w0: unknown, path: string): FieldError[] {
  if (!isSet(w0)) return [];
  const w = obj(w0);
  const errs: FieldError[] = [];
  // The name of a GMSACredentialSpec object.
  if (typeof w.gmsaCredentialSpecName === 'string') {
    for (const m of dns1123Subdomain(w.gmsaCredentialSpecName)) errs.push(E.invalid(`${path}.gmsaCredentialSpecName`, w.gmsaCredentialSpecName, m));
  }
  if (typeof w.runAsUserName === 'string') for (const m of runAsUserNameErrors(w.runAsUserName)) errs.push(E.invalid(`${path}.runAsUserName`, w.runAsUserName, m));
  if (typeof w.gmsaCredentialSpec === 'string') {
    if (w.gmsaCredentialSpec === '') errs.push(E.invalid(`${path}.gmsaCredentialSpec`, '', 'gmsaCredentialSpec cannot be an empty string'));
    else if (w.gmsaCredentialSpec.length > 64 * 1024) errs.push(E.invalid(`${path}.gmsaCredentialSpec`, '', 'gmsaCredentialSpec size must be under 64 KiB'));
  }
  return errs;
}

/** `spec.securityContext` and the pod-level host/namespace rules that live beside it. */
export function validatePodSecurityContext(pod: any, path: string, ctx: PodValidationContext): FieldError[] {
  const sc = obj(pod.securityContext);
  const at = `${path}.securityContext`;
  const errs: FieldError[] = [
    ...idRange(sc.fsGroup, `${at}.fsGroup`), ...idRange(sc.runAsUser, `${at}.runAsUser`), ...idRange(sc.runAsGroup, `${at}.runAsGroup`),
    ...arr(sc.supplementalGroups).flatMap((g, i) => idRange(g, `${at}.supplementalGroups[${i}]`)),
  ];
  if (pod.shareProcessNamespace === true && pod.hostPID === true) errs.push(E.invalid(`${at}.shareProcessNamespace`, true, 'ShareProcessNamespace and HostPID cannot both be enabled'));
  const names = new Set<string>();
  arr(sc.sysctls).forEach((s0, i) => {
    const name = obj(s0).name;
    const np = `${at}.sysctls[${i}].name`;
    if (typeof name !== 'string' || name === '') errs.push(E.required(np));
    else if (name.length > 253 || !SYSCTL_RE.test(name)) errs.push(E.invalid(np, name, `must have at most 253 characters and match regex ${SYSCTL_RE.source}`));
    else if (names.has(name)) errs.push(E.duplicate(np, name));
    if (typeof name === 'string') {
      // The namespace of the name written with "." separators ("net/ipv4/ip_forward" is a net sysctl).
      const dotted = normalizedSysctl(name);
      if (pod.hostNetwork === true && dotted.startsWith('net.')) errs.push(E.invalid(np, name, "may not be specified when 'hostNetwork' is true"));
      if (pod.hostIPC === true && IPC_SYSCTL.test(dotted)) errs.push(E.invalid(np, name, "may not be specified when 'hostIPC' is true"));
      names.add(name);
    }
  });
  if (isSet(sc.fsGroupChangePolicy) && !['OnRootMismatch', 'Always'].includes(sc.fsGroupChangePolicy)) errs.push(E.notSupported(`${at}.fsGroupChangePolicy`, sc.fsGroupChangePolicy, ['Always', 'OnRootMismatch']));
  append(errs, validateSeccompProfile(sc.seccompProfile, `${at}.seccompProfile`));
  append(errs, validateWindowsOptions(sc.windowsOptions, `${at}.windowsOptions`));
  append(errs, validateAppArmorProfile(sc.appArmorProfile, `${at}.appArmorProfile`));
  if (isSet(sc.supplementalGroupsPolicy) && !['Merge', 'Strict'].includes(sc.supplementalGroupsPolicy)) errs.push(E.notSupported(`${at}.supplementalGroupsPolicy`, sc.supplementalGroupsPolicy, ['Merge', 'Strict']));
  if (isSet(sc.seLinuxChangePolicy)) {
    // MountOption needs the SELinuxMount feature; without it only Recursive is accepted.
    const policies = ctx.gates.enabled('SELinuxMount') ? ['MountOption', 'Recursive'] : ['Recursive'];
    if (!policies.includes(sc.seLinuxChangePolicy)) errs.push(E.notSupported(`${at}.seLinuxChangePolicy`, sc.seLinuxChangePolicy, policies));
  }
  if (pod.hostUsers === false) {
    // The server names two of these paths after the Go fields: HostPID, HostIPC.
    for (const [f, reported] of [['hostNetwork', 'hostNetwork'], ['hostPID', 'HostPID'], ['hostIPC', 'HostIPC']]) {
      if (pod[f] === true) errs.push(E.forbidden(`${path}.${reported}`, `when \`hostUsers\` is false, \`${f}\` must be false`));
    }
  }
  return errs;
}

/** A container's `securityContext`. */
export function validateContainerSecurityContext(sc0: unknown, path: string, hostUsers: boolean): FieldError[] {
  if (!isSet(sc0)) return [];
  const sc = obj(sc0);
  const errs = idRange(sc.runAsUser, `${path}.runAsUser`);
  append(errs, idRange(sc.runAsGroup, `${path}.runAsGroup`));
  if (isSet(sc.procMount)) {
    if (!['Default', 'Unmasked'].includes(sc.procMount)) errs.push(E.notSupported(`${path}.procMount`, sc.procMount, ['Default', 'Unmasked']));
    else if (sc.procMount === 'Unmasked' && hostUsers) errs.push(E.invalid(`${path}.procMount`, sc.procMount, '`hostUsers` must be false to use `Unmasked`'));
  }
  append(errs, validateSeccompProfile(sc.seccompProfile, `${path}.seccompProfile`));
  if (sc.allowPrivilegeEscalation === false) {
    if (sc.privileged === true) errs.push(E.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true', 'drop privileged, or allow privilege escalation'));
    if (arr(obj(sc.capabilities).add).includes('CAP_SYS_ADMIN')) errs.push(E.invalid(path, sc, 'cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN'));
  }
  append(errs, validateWindowsOptions(sc.windowsOptions, `${path}.windowsOptions`));
  append(errs, validateAppArmorProfile(sc.appArmorProfile, `${path}.appArmorProfile`));
  return errs;
}

const WINDOWS_FORBIDDEN_POD = ['seLinuxOptions', 'seccompProfile', 'appArmorProfile', 'fsGroup', 'fsGroupChangePolicy', 'sysctls', 'runAsUser', 'runAsGroup', 'supplementalGroups', 'supplementalGroupsPolicy', 'seLinuxChangePolicy'];
const WINDOWS_FORBIDDEN_CONTAINER = ['seLinuxOptions', 'seccompProfile', 'appArmorProfile', 'capabilities', 'readOnlyRootFilesystem', 'privileged', 'allowPrivilegeEscalation', 'procMount', 'runAsUser', 'runAsGroup'];

/** `spec.os.name` and what each OS forbids. */
export function validateOS(pod: any, path: string): FieldError[] {
  if (!isSet(pod.os)) return [];
  const name = obj(pod.os).name;
  if (typeof name !== 'string' || name === '') return [E.required(`${path}.os.name`, 'cannot be empty')];
  if (name !== 'linux' && name !== 'windows') return [E.notSupported(`${path}.os`, name, ['linux', 'windows'])];
  const errs: FieldError[] = [];
  const sc = obj(pod.securityContext);
  const containers = containersAt(pod, path);
  if (name === 'windows') {
    if (pod.hostPID === true) errs.push(E.forbidden(`${path}.hostPID`, 'cannot be set for a windows pod'));
    if (pod.hostIPC === true) errs.push(E.forbidden(`${path}.hostIPC`, 'cannot be set for a windows pod'));
    if (isSet(pod.shareProcessNamespace)) errs.push(E.forbidden(`${path}.shareProcessNamespace`, 'cannot be set for a windows pod'));
    if (isSet(pod.hostUsers)) errs.push(E.forbidden(`${path}.hostUsers`, 'cannot be set for a windows pod'));
    // Any value counts, an empty list too (JSON's [] decodes to a non-nil slice), except sysctls,
    // which upstream checks by length.
    for (const f of WINDOWS_FORBIDDEN_POD) {
      if (isSet(sc[f]) && !(f === 'sysctls' && arr(sc[f]).length === 0)) errs.push(E.forbidden(`${path}.securityContext.${f}`, 'cannot be set for a windows pod'));
    }
    for (const { c, at } of containers) {
      const csc = obj(c.securityContext);
      for (const f of WINDOWS_FORBIDDEN_CONTAINER) if (isSet(csc[f])) errs.push(E.forbidden(`${at}.securityContext.${f}`, 'cannot be set for a windows pod'));
    }
  } else {
    if (isSet(sc.windowsOptions)) errs.push(E.forbidden(`${path}.securityContext.windowsOptions`, 'windows options cannot be set for a linux pod'));
    for (const { c, at } of containers) {
      if (isSet(obj(c.securityContext).windowsOptions)) errs.push(E.forbidden(`${at}.securityContext.windowsOptions`, 'windows options cannot be set for a linux pod'));
    }
  }
  return errs;
}

/** `securityContext.windowsOptions.hostProcess` of a pod or a container. */
const hostProcessOf = (holder: unknown): unknown => obj(obj(obj(holder).securityContext).windowsOptions).hostProcess;

/** The pod's containers, then its init containers, with their paths. */
function containersAt(pod: any, path: string): Array<{ c: any; at: string }> {
  return arr(pod.containers).map((c, i) => ({ c: obj(c), at: `${path}.containers[${i}]` }))
    .concat(arr(pod.initContainers).map((c, i) => ({ c: obj(c), at: `${path}.initContainers[${i}]` })));
}

/** HostProcess containers: all or none, and only with hostNetwork. */
export function validateWindowsHostProcess(pod: any, path: string): FieldError[] {
  const podHostProcess = hostProcessOf(pod);
  // Nothing to compare unless a level sets hostProcess (nearly no pod does).
  const setsHostProcess = (c: unknown) => isSet(hostProcessOf(c));
  if (!isSet(podHostProcess) && !arr(pod.containers).some(setsHostProcess) && !arr(pod.initContainers).some(setsHostProcess)) return [];
  const containers = containersAt(pod, path);
  const effective = containers.map(({ c }) => hostProcessOf(c) ?? podHostProcess);
  const errs: FieldError[] = [];
  // Set on both levels, they must agree.
  for (const { c, at } of containers) {
    const own = hostProcessOf(c);
    if (typeof podHostProcess === 'boolean' && typeof own === 'boolean' && own !== podHostProcess) {
      errs.push(E.invalid(`${at}.securityContext.windowsOptions.hostProcess`, own, `pod hostProcess value must be identical if both are specified, was ${podHostProcess}`));
    }
  }
  if (!effective.some((h) => h === true)) return errs;
  if (effective.some((h) => h !== true)) errs.push(E.invalid(path, '', 'If pod contains any hostProcess containers then all containers must be HostProcess containers'));
  if (pod.hostNetwork !== true) errs.push(E.invalid(`${path}.hostNetwork`, pod.hostNetwork ?? false, 'hostNetwork must be true if pod contains HostProcess containers'));
  return errs;
}
