/** Safe accessors: manifests from YAML can hold anything. */
export const arr = (x: any): any[] => (Array.isArray(x) ? x : []);
export const obj = (x: any): any => (x !== null && typeof x === 'object' && !Array.isArray(x) ? x : {});
export const isInt = (x: any): boolean => typeof x === 'number' && Number.isInteger(x);
export const show = (x: any): string => (typeof x === 'string' ? JSON.stringify(x) : JSON.stringify(x) ?? String(x));

/** Every container of the pod, with its field path. */
export function containersOf(pod: any, podPath: string): Array<{ c: any; path: string; group: 'containers' | 'initContainers' }> {
  const out: Array<{ c: any; path: string; group: 'containers' | 'initContainers' }> = [];
  arr(obj(pod).containers).forEach((c, i) => out.push({ c: obj(c), path: `${podPath}containers[${i}]`, group: 'containers' }));
  arr(obj(pod).initContainers).forEach((c, i) => out.push({ c: obj(c), path: `${podPath}initContainers[${i}]`, group: 'initContainers' }));
  return out;
}

const UNITS: Record<string, number> = {
  '': 1,
  'm': 1e-3,
  'k': 1e3,
  'M': 1e6,
  'G': 1e9,
  'T': 1e12,
  'P': 1e15,
  'E': 1e18,
  'Ki': 1024,
  'Mi': 1024 ** 2,
  'Gi': 1024 ** 3,
  'Ti': 1024 ** 4,
  'Pi': 1024 ** 5,
  'Ei': 1024 ** 6,
};

/** A Kubernetes quantity ("250m", "1.5Gi", 2) as a number, or undefined if it is not one. */
export function quantity(q: any): number | undefined {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:[eE]([+-]?\d+))?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/.exec(q.trim());
  if (!m) return undefined;
  return Number(m[1]) * (m[2] ? 10 ** Number(m[2]) : 1) * UNITS[m[3] ?? ''];
}

export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
