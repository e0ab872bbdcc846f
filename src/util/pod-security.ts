/**
 * Pod Security Standards checks on a plain pod spec: the original one-violation-per-field API, kept for
 * its callers. The checks themselves live in `validation/pod-security` (one module per upstream check,
 * versioned like Pod Security Admission); this maps their findings back to this shape.
 */
import { KubernetesVersion } from './k8s-version';
import { podSecurityFindingsByLevel } from '../validation/pod-security';

export interface PodSecurityViolation {
  /** `baseline` or `restricted`: the lowest level the violation breaks. */
  readonly level: 'baseline' | 'restricted';
  /** Field path, relative to `basePath`. */
  readonly field: string;
  readonly problem: string;
  readonly fix: string;
  readonly value?: unknown;
}

/**
 * Every Pod Security violation of `podSpec` (baseline and restricted), one per offending field, under
 * the policy of Kubernetes 1.`targetMinor` (default: the library's default target). Containers are
 * named in paths by their name (`containers[main]`) when they have one.
 */
export function podSecurityViolations(podSpec: any, basePath = 'spec.template.spec', targetMinor = KubernetesVersion.DEFAULT.minor): PodSecurityViolation[] {
  const template = { spec: podSpec };
  const findings = podSecurityFindingsByLevel(template, targetMinor);
  const baselinePaths = new Set(findings.baseline.flatMap((f) => f.paths));
  const out: PodSecurityViolation[] = [];
  for (const failure of findings.restricted) {
    for (const path of failure.paths) {
      const value = valueAt(podSpec, path.replace(/^spec\./, ''));
      out.push({
        level: baselinePaths.has(path) ? 'baseline' : failure.level,
        field: `${basePath}.${namedContainers(podSpec, path.replace(/^spec\./, ''))}`,
        problem: failure.message,
        fix: failure.fix,
        ...(value !== undefined ? { value } : {}),
      });
    }
  }
  return out;
}

/** `containers[0].x` -> `containers[main].x` (names are unique in a valid pod, indexes shift). */
function namedContainers(podSpec: any, field: string): string {
  return field.replace(/^(containers|initContainers|ephemeralContainers)\[(\d+)\]/, (whole, group: string, index: string) => {
    const name = podSpec?.[group]?.[Number(index)]?.name;
    return typeof name === 'string' && name ? `${group}[${name}]` : whole;
  });
}

/** The value at a dotted path with [index] segments, or undefined. */
function valueAt(root: any, field: string): unknown {
  let at = root;
  for (const part of field.split(/\.|(?=\[)/)) {
    if (at === null || typeof at !== 'object') return undefined;
    const index = /^\[(\d+)\]$/.exec(part);
    at = index ? at[Number(index[1])] : at[part];
  }
  return at;
}
