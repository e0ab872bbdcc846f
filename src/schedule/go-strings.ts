/**
 * The few pieces of Go's standard library whose exact behaviour shows in Kubernetes schedule
 * handling: unicode.IsSpace, strings.Fields/TrimSpace, strconv.Atoi and its error text, strconv.Quote.
 */

/** unicode.IsSpace: ASCII white space, NEL, NBSP and the Unicode White_Space spaces (not ZWSP, not BOM). */
const SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000';
const SPACES = new RegExp(`[${SPACE}]+`, 'u');
const TRIM = new RegExp(`^[${SPACE}]+|[${SPACE}]+$`, 'gu');

/** Printable ASCII and plain spaces only: the usual schedule, split without the Unicode-aware regex. */
const PLAIN_ASCII = /^[\x20-\x7e]*$/;

/** strings.Fields */
export function goFields(s: string): string[] {
  return s.split(PLAIN_ASCII.test(s) ? ' ' : SPACES).filter((f) => f.length > 0);
}

/** strings.TrimSpace */
export function goTrimSpace(s: string): string {
  return PLAIN_ASCII.test(s) ? s.trim() : s.replace(TRIM, '');
}

/**
 * strings.ToLower: unicode.ToLower rune by rune, the simple case mapping. JavaScript's toLowerCase
 * uses the full mapping, which differs for "İ" (Go: "i", JavaScript: "i" and a combining dot) and
 * for a final "Σ" (Go: always "σ").
 */
export function goToLower(s: string): string {
  return PLAIN_ASCII.test(s) ? s.toLowerCase() : s.replace(/\u0130/g, 'i').replace(/\u03a3/g, '\u03c3').toLowerCase();
}

/** Go's `%s` formatting of a []string: `[a b c]`. */
export function goStringSlice(items: string[]): string {
  return `[${items.join(' ')}]`;
}

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

/** strconv.Quote */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (PRINTABLE.test(ch)) out += ch;
    else if (ch === '\x07') out += '\\a';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\v') out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, '0')}`;
    else out += `\\U${cp.toString(16).padStart(8, '0')}`;
  }
  return `${out}"`;
}

/** The time package's own quote: non-ASCII and control characters as \xNN per UTF-8 byte. */
export function goTimeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80 || cp < 0x20) {
      for (const byte of Buffer.from(ch, 'utf8')) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    } else {
      if (ch === '"' || ch === '\\') out += '\\';
      out += ch;
    }
  }
  return `${out}"`;
}

const INT64_MAX = (2n ** 63n) - 1n;
const UINT64_MAX = (2n ** 64n) - 1n;

/** strconv.Atoi on a 64-bit platform: the value, or Go's error text. */
export function goAtoi(s: string): { value: bigint } | { error: string } {
  // The error texts (two strconv.Quote runs) are written only when returned.
  const syntax = () => ({ error: `strconv.Atoi: parsing ${goQuote(s)}: invalid syntax` });
  const range = () => ({ error: `strconv.Atoi: parsing ${goQuote(s)}: value out of range` });
  let digits = s;
  let negative = false;
  if (digits.startsWith('+') || digits.startsWith('-')) {
    negative = digits[0] === '-';
    digits = digits.slice(1);
  }
  if (digits.length === 0) return syntax();
  let n = 0n;
  for (const ch of digits) {
    if (ch < '0' || ch > '9') return syntax();
    n = n * 10n + BigInt(ch.charCodeAt(0) - 48);
    // ParseUint reports a uint64 overflow as soon as it happens, before looking at later characters.
    if (n > UINT64_MAX) return range();
  }
  if (n > (negative ? INT64_MAX + 1n : INT64_MAX)) return range();
  return { value: negative ? -n : n };
}
