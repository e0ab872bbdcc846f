/**
 * Pod Security Standards, as the PodSecurity admission controller evaluates them: one module per
 * check (named after the upstream check ids), each with its revisions by policy version. Pure and
 * data-out, so the lint rules, the constructs and tests share it.
 */
import { allowPrivilegeEscalation } from './check_allowPrivilegeEscalation';
import { appArmorProfile } from './check_appArmorProfile';
import { capabilitiesBaseline } from './check_capabilities_baseline';
import { capabilitiesRestricted } from './check_capabilities_restricted';
import { hostNamespaces } from './check_hostNamespaces';
import { hostPathVolumes } from './check_hostPathVolumes';
import { hostPorts } from './check_hostPorts';
import { hostProbesAndHostLifecycle } from './check_hostProbesAndHostLifecycle';
import { privileged } from './check_privileged';
import { procMount } from './check_procMount';
import { procMountRestricted } from './check_procMount_restricted';
import { restrictedVolumes } from './check_restrictedVolumes';
import { runAsNonRoot } from './check_runAsNonRoot';
import { runAsUser } from './check_runAsUser';
import { seccompProfileBaseline } from './check_seccompProfile_baseline';
import { seccompProfileRestricted } from './check_seccompProfile_restricted';
import { seLinuxOptions } from './check_seLinuxOptions';
import { sysctls } from './check_sysctls';
import { ulimits } from './check_ulimits';
import { windowsHostProcess } from './check_windowsHostProcess';
import { podView } from './helpers';
import { CheckRevision, PodSecurityCheck, PodSecurityCheckFailure, PodSecurityLevel, PodTemplateLike } from './types';

export * from './types';

/** Every check, baseline first, in the order findings are reported. */
export const POD_SECURITY_CHECKS: ReadonlyArray<PodSecurityCheck> = [
  hostNamespaces, privileged, capabilitiesBaseline, hostPathVolumes, hostPorts, appArmorProfile, seLinuxOptions, procMount,
  seccompProfileBaseline, sysctls, windowsHostProcess, hostProbesAndHostLifecycle, ulimits,
  restrictedVolumes, allowPrivilegeEscalation, runAsNonRoot, runAsUser, seccompProfileRestricted, capabilitiesRestricted, procMountRestricted,
];

/** The newest policy version any check has a revision for; PodSecurity evaluates newer versions (and `latest`) as this one. */
export const NEWEST_POLICY_MINOR = Math.max(...POD_SECURITY_CHECKS.flatMap((c) => c.revisions.map((r) => r.since)));

/** The revision of `check` in force at policy version 1.`minor`, if the check exists yet. */
export function revisionAt(check: PodSecurityCheck, minor: number): CheckRevision | undefined {
  let found: CheckRevision | undefined;
  for (const r of check.revisions) if (r.since <= minor) found = r;
  return found;
}

const checksCache = new Map<string, Array<{ check: PodSecurityCheck; revision: CheckRevision }>>();

/** The checks (with their revisions) PodSecurity runs for `level` at policy version 1.`minor`. */
export function checksFor(level: PodSecurityLevel, minor: number): Array<{ check: PodSecurityCheck; revision: CheckRevision }> {
  const key = `${level}/${minor}`;
  let checks = checksCache.get(key);
  if (!checks) checksCache.set(key, checks = selectChecks(level, minor));
  return checks;
}

function selectChecks(level: PodSecurityLevel, minor: number): Array<{ check: PodSecurityCheck; revision: CheckRevision }> {
  const active = POD_SECURITY_CHECKS
    .filter((c) => level === 'restricted' || c.level === 'baseline')
    .map((check) => ({ check, revision: revisionAt(check, minor) }))
    .filter((x): x is { check: PodSecurityCheck; revision: CheckRevision } => x.revision !== undefined);
  if (level === 'baseline') return active;
  const overridden = new Set(active.flatMap((x) => x.revision.overrides ?? []));
  return active.filter((x) => !overridden.has(x.check.id));
}

/**
 * Every Pod Security check the pod template fails at `level` ("baseline" or "restricted") under the
 * policy of Kubernetes 1.`targetMinor` (what a namespace labelled
 * `pod-security.kubernetes.io/enforce-version: v1.<targetMinor>` enforces). One failure per check,
 * with every offending field. Field paths are relative to the template (`spec.…`, `metadata.annotations[…]`).
 */
export function podSecurityFindings(template: PodTemplateLike, level: PodSecurityLevel, targetMinor: number): PodSecurityCheckFailure[] {
  const pod = podView(template);
  const out: PodSecurityCheckFailure[] = [];
  for (const { check, revision } of checksFor(level, targetMinor)) {
    const problem = revision.check(pod);
    if (problem) out.push({ check: check.id, level: check.level, ...problem });
  }
  return out;
}

/** Each check of either level once, with the levels whose evaluation includes it. */
interface PlannedCheck {
  readonly check: PodSecurityCheck;
  readonly revision: CheckRevision;
  readonly baseline: boolean;
  readonly restricted: boolean;
}

const plans = new Map<number, PlannedCheck[]>();
function planFor(minor: number): PlannedCheck[] {
  let plan = plans.get(minor);
  if (plan) return plan;
  const baseline = new Set(checksFor('baseline', minor).map((x) => x.check));
  const restricted = new Map(checksFor('restricted', minor).map((x) => [x.check, x.revision]));
  plan = POD_SECURITY_CHECKS.filter((c) => baseline.has(c) || restricted.has(c))
    .map((check) => ({
      check,
      revision: restricted.get(check) ?? revisionAt(check, minor)!,
      baseline: baseline.has(check),
      restricted: restricted.has(check),
    }));
  plans.set(minor, plan);
  return plan;
}

/**
 * `podSecurityFindings` at both levels, each check run once: the restricted evaluation repeats
 * every baseline check it does not override, so running the levels apart did that work twice.
 */
export function podSecurityFindingsByLevel(template: PodTemplateLike, targetMinor: number): Record<PodSecurityLevel, PodSecurityCheckFailure[]> {
  const pod = podView(template);
  const baseline: PodSecurityCheckFailure[] = [];
  const restricted: PodSecurityCheckFailure[] = [];
  for (const { check, revision, baseline: inBaseline, restricted: inRestricted } of planFor(targetMinor)) {
    const problem = revision.check(pod);
    if (!problem) continue;
    const failure = { check: check.id, level: check.level, ...problem };
    if (inBaseline) baseline.push(failure);
    if (inRestricted) restricted.push(failure);
  }
  return { baseline, restricted };
}
