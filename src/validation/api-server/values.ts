/** Safe access to decoded manifests, which can hold anything. */
export { append, arr, obj } from '../helpers';
export const isMap = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object' && !Array.isArray(x);
export const isSet = (x: unknown): boolean => x !== undefined && x !== null;
export const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
/** `len(s) == 0` for a Go string field: unset, empty, or not a string at all. */
export const blank = (x: unknown): boolean => typeof x !== 'string' || x === '';
