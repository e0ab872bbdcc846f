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

const DECIMAL: Record<string, number> = { 'n': -9, 'u': -6, 'm': -3, '': 0, 'k': 3, 'M': 6, 'G': 9, 'T': 12, 'P': 15, 'E': 18 };
const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const QUANTITY_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE])([+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E))?$/;
/** Exponents beyond this are not worth exact arithmetic; the API server caps such values anyway. */
const MAX_EXPONENT = 400;

/** Parsed quantities (immutable) by their text: a fleet repeats a few, each parsed by decoding and validation. */
const parsed = new BoundedCache<string, Quantity | undefined>(10_000);

/** Parses a quantity as the API server's decoder does; undefined when it would answer 400 BadRequest. */
export function parseQuantity(input: unknown): Quantity | undefined {
  return typeof input === 'string' ? parsed.get(input, parseUncached) : parseUncached(input);
}

/** The text the decoder parses: a JSON number's, or a string trimmed as Quantity.UnmarshalJSON does. */
function quantityText(input: unknown): string | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? numberText(input) : undefined;
  return typeof input === 'string' ? input.trim() : undefined;
}

function parseUncached(input: unknown): Quantity | undefined {
  const text = quantityText(input);
  if (text === undefined) return undefined;
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
  // As resource.ParseQuantity stores it: binary amounts above the int64 range are capped, and
  // anything finer than a nano is rounded up (away from zero) to the next nano.
  if (exp2 > 0 && num > MAX_INT64 * den) return { num: MAX_INT64, den: 1n };
  return den > NANO ? roundUpTo({ num, den }, NANO) : { num, den };
}
const NANO = 1_000_000_000n;
const MAX_INT64 = 2n ** 63n - 1n;

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

/** The parse tables turned around: the suffix for a power of ten, and for each power of 1024. */
const DECIMAL_SUFFIX: Record<number, string> = Object.fromEntries(Object.entries(DECIMAL).map(([suffix, exp]) => [exp, suffix]));
const BINARY_SUFFIX = ['', ...Object.keys(BINARY)];

/**
 * The text Go's `Quantity.String()` gives a quantity: in the format its suffix chose (binary for
 * Ki..Ei unless that would round or the value is below 1024, an exponent for 1e3, decimal SI
 * otherwise), with the smallest mantissa whose exponent is a multiple of 3.
 */
export function canonicalQuantity(input: unknown): string | undefined {
  const q = parseQuantity(input);
  if (!q) return undefined;
  if (q.num === 0n) return '0';
  // Parsed, so the same text matches.
  const m = QUANTITY_RE.exec(quantityText(input)!)!;
  let format = m[4] ? 'exponent' : m[6] && BINARY[m[6]] ? 'binary' : 'decimal';
  if (format === 'binary' && ((q.num > -1024n * q.den && q.num < 1024n * q.den) || q.num % q.den !== 0n)) format = 'decimal';
  if (format === 'binary') {
    let n = q.num / q.den;
    let e = 0;
    while (e < BINARY_SUFFIX.length - 1 && n % 1024n === 0n) { n /= 1024n; e++; }
    return `${n}${BINARY_SUFFIX[e]}`;
  }
  // value = mantissa * 10^exp with an integer mantissa: den is a power of ten here.
  let mantissa = q.num;
  let exp = -(q.den.toString().length - 1);
  while (mantissa % 10n === 0n) { mantissa /= 10n; exp++; }
  const down = ((exp % 3) + 3) % 3;
  mantissa *= 10n ** BigInt(down);
  exp -= down;
  const suffix = format === 'decimal' ? DECIMAL_SUFFIX[exp] : undefined;
  return `${mantissa}${suffix ?? (exp === 0 ? '' : `e${exp}`)}`;
}

/**
 * Quantity.RoundUp: to whole multiples of 1/`den`, away from zero; `q` itself when nothing is lost.
 * Used with 10^9 (parsing keeps nanos), 1000 (SetDefaults_ResourceList keeps millis) and 1 (Value()).
 */
export function roundUpTo(q: Quantity, den: bigint): Quantity {
  const scaled = q.num * den;
  if (scaled % q.den === 0n) return q;
  return { num: scaled / q.den + (q.num > 0n ? 1n : -1n), den };
}
