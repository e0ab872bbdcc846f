/** Safe access to decoded manifests, which can hold anything. */
export const arr = (x: unknown): any[] => (Array.isArray(x) ? x : []);
export const obj = (x: unknown): any => (x !== null && typeof x === 'object' && !Array.isArray(x) ? x : {});
export const isMap = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
export const isSet = (x: unknown): boolean => x !== undefined && x !== null;
export const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
export const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
