import { ContainerRef, PodTemplateLike, PodView } from './types';

export const obj = (x: any): any => (x !== null && typeof x === 'object' && !Array.isArray(x) ? x : {});
export const arr = (x: any): any[] => (Array.isArray(x) ? x : []);
export const quote = (x: any): string => (typeof x === 'string' ? JSON.stringify(x) : JSON.stringify(x) ?? String(x));

/** Builds the view the checks read. */
export function podView(template: PodTemplateLike): PodView {
  const spec = obj(obj(template).spec);
  const containers: ContainerRef[] = [];
  for (const group of ['initContainers', 'containers', 'ephemeralContainers']) {
    arr(spec[group]).forEach((raw, i) => {
      const c = obj(raw);
      const path = `spec.${group}[${i}]`;
      containers.push({ c, path, label: typeof c.name === 'string' && c.name ? c.name : path });
    });
  }
  return { annotations: obj(obj(obj(template).metadata).annotations), spec, podSc: obj(spec.securityContext), containers };
}

/** Container security context, or {}. */
export const sc = (ref: ContainerRef): any => obj(ref.c.securityContext);

/** True when the field is present (Go: pointer is not nil). */
export const isSet = (x: any): boolean => x !== undefined && x !== null;

/** `container "a"` / `containers "a", "b"` */
export function containersPhrase(refs: ContainerRef[]): string {
  const names = refs.map((r) => quote(r.label)).join(', ');
  return `${refs.length === 1 ? 'container' : 'containers'} ${names}`;
}

/** Pods with spec.os.name windows: some restricted checks do not apply to them (policy 1.25+). */
export const isWindowsPod = (pod: PodView): boolean => obj(pod.spec.os).name === 'windows';

/** Pods in a user namespace (spec.hostUsers: false). */
export const inUserNamespace = (pod: PodView): boolean => pod.spec.hostUsers === false;

/** `metadata.annotations["key"]` */
export const annotationPath = (key: string): string => `metadata.annotations[${JSON.stringify(key)}]`;
