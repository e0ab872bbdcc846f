/**
 * What happens before validation: the JSON decoder. Wrong types, out-of-range integers and
 * unparseable quantities are answered with 400 BadRequest ("cannot be handled as a Job"); unknown
 * fields are dropped (or rejected under strict field validation). Both are found here.
 */
import { errorsFor, FieldError } from './field-error';
import { parseQuantity } from './quantity';
import { cronJobSchema, FieldType, jobSchema, Struct } from './schema';

const E = errorsFor('api-decode');
const INT32 = [-(2 ** 31), 2 ** 31 - 1];
// Parsed JSON and YAML numbers are doubles: 9223372036854775807 arrives as 2^63, so the bounds are
// the doubles nearest the int64 range (a value just past it is not told apart).
const INT64 = [-(2 ** 63), 2 ** 63];

const structs = new Map<() => Struct, Struct>();
const resolve = (f: () => Struct): Struct => {
  let s = structs.get(f);
  if (!s) structs.set(f, s = f());
  return s;
};

export interface UnknownField {
  readonly path: string;
  readonly field: string;
  /** The fields that exist at that place, for a "did you mean". */
  readonly known: readonly string[];
}

export interface DecodeResult {
  readonly errors: FieldError[];
  readonly unknownFields: UnknownField[];
}

/** True when a scalar decodes into `type` without error (the fast path of `walk`). */
function scalarFits(value: unknown, type: 'int32' | 'int64' | 'bool' | 'string' | 'quantity' | 'intOrString'): boolean {
  if (value === null || value === undefined) return true;
  switch (type) {
    case 'string': return typeof value === 'string';
    case 'bool': return typeof value === 'boolean';
    case 'int32': return typeof value === 'number' && Number.isInteger(value) && value >= INT32[0] && value <= INT32[1];
    case 'int64': return typeof value === 'number' && Number.isInteger(value) && value >= INT64[0] && value <= INT64[1];
    default: return false;
  }
}

/**
 * True when `value` of a scalar field (`type` a name, not a struct or list) decodes without error,
 * as `walk` would find: most fields of a manifest are such scalars, skipped without entering their path.
 */
function scalarDecodes(value: unknown, type: FieldType): boolean {
  if (typeof type !== 'string') return false;
  if (value === null || value === undefined || type === 'any') return true;
  switch (type) {
    case 'quantity': return parseQuantity(value) !== undefined;
    case 'intOrString': return typeof value === 'string' || scalarFits(value, 'int32');
    default: return scalarFits(value, type);
  }
}

/** Type errors and unknown fields of a Job or CronJob manifest. */
export function decodeBatchObject(manifest: any): DecodeResult {
  const errors: FieldError[] = [];
  const unknownFields: UnknownField[] = [];
  const kind = manifest.kind === 'CronJob' ? 'CronJob' : 'Job';
  const root = kind === 'CronJob' ? cronJobSchema : jobSchema;
  // The path of the value being walked, built only when something is reported: most manifests are
  // clean, and a string per visited field is most of the walk's cost.
  const keys: Array<string | number> = [];
  const indexed: boolean[] = [];
  const pathHere = (): string => keys.map((k, i) => (indexed[i] ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  const enter = (key: string | number, asIndex: boolean) => {
    keys.push(key);
    indexed.push(asIndex);
  };
  const leave = () => {
    keys.pop();
    indexed.pop();
  };
  // Defined once, not per visited value: the walk allocates nothing for a clean field.
  const typeError = (value: any, expected: string) => errors.push(E.invalid(pathHere(), value,
    `cannot be handled as a ${kind}: expected ${expected}, got ${Array.isArray(value) ? 'a list' : typeof value === 'object' ? 'an object' : `a ${typeof value}`}`,
    `write ${expected}${typeof value === 'string' && /^-?\d+$/.test(value) ? ' (drop the quotes)' : ''}`));
  const walk = (value: any, type: FieldType, depth: number): void => {
    if (value === null || value === undefined || type === 'any') return;
    if (depth > 64) return;
    if (typeof type === 'function') {
      if (typeof value !== 'object' || Array.isArray(value)) {
        typeError(value, 'an object');
        return;
      }
      const struct = resolve(type);
      // Index loops over the keys (here and below): the walk runs per manifest, mostly before V8
      // optimizes it, where for-of's iterator calls cost more than the checks.
      const names = Object.keys(value);
      for (let i = 0; i < names.length; i++) {
        const key = names[i];
        const t = Object.prototype.hasOwnProperty.call(struct, key) ? struct[key] : undefined;
        if (t !== undefined && scalarDecodes(value[key], t)) continue;
        enter(key, false);
        if (t === undefined) unknownFields.push({ path: pathHere(), field: key, known: Object.keys(struct) });
        else walk(value[key], t, depth + 1);
        leave();
      }
      return;
    }
    if (typeof type === 'object') {
      if ('list' in type) {
        if (!Array.isArray(value)) {
          typeError(value, 'a list');
          return;
        }
        // Lists can be huge (args, exit codes): no per-element path unless an element is wrong.
        if (typeof type.list === 'string' && type.list !== 'any') {
          // The server stops at the first bad element; report it and count the rest.
          const first = value.findIndex((v) => !scalarFits(v, type.list as any));
          if (first >= 0) {
            const before = errors.length;
            enter(first, true);
            walk(value[first], type.list, depth + 1);
            leave();
            let more = 0;
            for (let i = first + 1; i < value.length; i++) if (!scalarFits(value[i], type.list)) more++;
            if (more > 0 && errors.length > before) {
              const e = errors[errors.length - 1];
              errors[errors.length - 1] = { ...e, detail: `${e.detail} (and ${more} more element${more === 1 ? '' : 's'} of this list)` };
            }
          }
        } else {
          for (let i = 0; i < value.length; i++) {
            enter(i, true);
            walk(value[i], type.list, depth + 1);
            leave();
          }
        }
      } else {
        if (typeof value !== 'object' || Array.isArray(value)) {
          typeError(value, 'a map of names to values');
          return;
        }
        const names = Object.keys(value);
        for (let i = 0; i < names.length; i++) {
          const key = names[i];
          if (scalarDecodes(value[key], type.map)) continue;
          enter(key, true);
          walk(value[key], type.map, depth + 1);
          leave();
        }
      }
      return;
    }
    switch (type) {
      case 'string':
        if (typeof value !== 'string') typeError(value, 'a string');
        return;
      case 'bool':
        if (typeof value !== 'boolean') typeError(value, 'true or false');
        return;
      case 'int32':
      case 'int64': {
        const [min, max] = type === 'int32' ? INT32 : INT64;
        if (typeof value !== 'number' || !Number.isInteger(value)) typeError(value, `a whole number (${type})`);
        else if (value < min || value > max) errors.push(E.invalid(pathHere(), value, `cannot be handled as a ${kind}: ${value} does not fit in an ${type}`, `use a value from ${min} to ${max}`));
        return;
      }
      case 'intOrString':
        if (typeof value === 'string') return;
        if (typeof value !== 'number' || !Number.isInteger(value)) typeError(value, 'a whole number or a name');
        else if (value < INT32[0] || value > INT32[1]) errors.push(E.invalid(pathHere(), value, `cannot be handled as a ${kind}: ${value} does not fit in an int32`));
        return;
      case 'quantity':
        if (parseQuantity(value) === undefined) {
          errors.push(E.invalid(pathHere(), value, `cannot be handled as a ${kind}: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`,
            'write a quantity such as 500m, 0.5, 256Mi or 1Gi (no spaces, no "MB")'));
        }
        return;
    }
  };
  walk(manifest, root, 0);
  return { errors, unknownFields };
}
