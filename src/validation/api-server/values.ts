/** Safe access to decoded manifests, which can hold anything. */
export { append, arr, obj } from '../helpers';
export const isMap = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
export const isSet = (x: unknown): boolean => x !== undefined && x !== null;
export const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
