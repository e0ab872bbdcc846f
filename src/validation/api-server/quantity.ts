/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource), parsed exactly:
 * `<sign><digits>[.<digits>]<suffix>` with suffixes m k M G T P E, Ki … Ei or an `e<exp>` exponent.
 * Values are kept as rationals of bigints so that `1Gi > 1G` and `1000m == 1` compare exactly.
 */
import { BoundedCache } from '../../util/bounded-cache';

export interface Quantity {
  /** value = num / den, den > 0 */
  readonly num: bigint;
  readonly den: bigint;
}

const DECIMAL: Record<string, number> = { 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const QUANTITY_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE])([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E))?$/;
/** Exponents beyond this are not worth exact arithmetic; the API server caps such values anyway. */
const MAX_EXPONENT = 400;

/** Parsed quantities (immutable) by their text: a fleet repeats a few, each parsed by decoding and validation. */
const parsed = new BoundedCache<string, Quantity | undefined>(10_000);

/** Parses a quantity as the API server's decoder does; undefined when it would answer 400 BadRequest. */
export function parseQuantity(input: unknown): Quantity | undefined {
  return typeof input === 'string' ? parsed.get(input, parseUncached) : parseUncached(input);
}

function parseUncached(input: unknown): Quantity | undefined {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return undefined;
    text = numberText(input);
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return undefined;
  }
  const m = QUANTITY_RE.exec(text);
  if (!m) return undefined;
  const [, sign, whole, frac = '', e, expText, suffix = ''] = m;
  if (whole === '' && frac === '') return undefined;
  let exp10 = e ? Number(expText) : (DECIMAL[suffix] ?? 0);
  const exp2 = e ? 0 : (BINARY[suffix] ?? 0);
  if (Math.abs(exp10) > MAX_EXPONENT) return undefined;
  let num = BigInt(`${whole}${frac}` || '0');
  exp10 -= frac.length;
  if (sign === '-') num = -num;
  let den = 1n;
  if (exp10 >= 0) num *= 10n ** BigInt(exp10);
  else den = 10n ** BigInt(-exp10);
  num *= 2n ** BigInt(exp2);
  return { num, den };
}

function numberText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  // 1e-7 style: keep the exponent form, which the quantity grammar accepts.
  const [mant, exp] = s.split(/e/i);
  return `${mant}e${Number(exp)}`;
}

export function compareQuantity(a: Quantity, b: Quantity): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

export const isNegative = (q: Quantity): boolean => q.num < 0n;
export const isZero = (q: Quantity): boolean => q.num === 0n;
export const isWhole = (q: Quantity): boolean => q.num % q.den === 0n;
/** True when `q` is a whole multiple of `unit`. */
export const isMultipleOf = (q: Quantity, unit: Quantity): boolean => (q.num * unit.den) % (unit.num * q.den) === 0n;
export const sumQuantities = (qs: Quantity[]): Quantity =>
  qs.reduce((acc, q) => ({ num: acc.num * q.den + q.num * acc.den, den: acc.den * q.den }), { num: 0n, den: 1n });
