/** Safe accessors: manifests from YAML can hold anything. */
export const arr = (x: any): any[] => (Array.isArray(x) ? x : []);
export { append } from '../util/append';
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
