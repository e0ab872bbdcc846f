/**
 * A fast writer of manifests as YAML, byte for byte what cdk8s' `Yaml.stringify` (the `yaml`
 * package, YAML 1.1, `lineWidth: 0`) writes for the same JSON value.
 *
 * `yaml` builds a node tree for every document and asks each scalar which of a dozen tags it could
 * be mistaken for: at thousands of manifests that is most of a synth. Manifests are plain JSON and
 * almost every scalar in them is an ordinary word, so this writer emits those itself and asks
 * `yaml` only about the rest (see {@link ScalarRenderer}). Anything outside the subset it knows
 * exactly (shared objects that `yaml` would anchor, `undefined`, non-integer numbers, keys that
 * need quoting, objects that are not plain) makes it return `undefined`, and the caller writes that
 * document with `yaml` itself. test/util/manifest-yaml.test.ts compares both on random documents.
 */

/**
 * Renders one string scalar exactly as `yaml` would as a block-context value whose context
 * indentation is `indent` spaces, or undefined when it cannot.
 */
export type ScalarRenderer = (value: string, indent: number) => string | undefined;

/** The words YAML 1.1 reads as booleans or null, and the one exponent-only float a letter can start. */
const NOT_A_STRING = /^(?:[Yy]|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON|[Nn]|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF|[Nn]ull|NULL|[eE][-+]?[0-9]+)$/;
/** Printable ASCII starting with a letter, `_` or `/`: no indicator, no number, date or `.inf`. */
const PLAIN_CANDIDATE = /^[A-Za-z_/][\x20-\x7e]*$/;
/** What YAML's plain style forbids inside such a string: `: `, ` #`, and a trailing space or colon. */
const PLAIN_FORBIDDEN = /: | #|[ :]$/;

/**
 * Printable ASCII led by digits and commas, then a space, with no `:` or `#` anywhere (cron
 * schedules): no YAML 1.1 number, date, time or boolean has a space after such a first word.
 */
const DIGITS_THEN_WORDS = /^[0-9][0-9,]* [\x20-\x22\x24-\x39\x3b-\x7e]*$/;

/** Whether `yaml` writes this string unquoted, as it is (true only for strings this is sure of). */
export function isPlainWord(s: string): boolean {
  if (DIGITS_THEN_WORDS.test(s)) return !s.endsWith(' ');
  return PLAIN_CANDIDATE.test(s) && !PLAIN_FORBIDDEN.test(s) && !NOT_A_STRING.test(s);
}

const MAX_IMPLICIT_KEY = 1024;

class Fallback extends Error {}
const FALLBACK = new Fallback();

/**
 * The document as `yaml` would write it (ending in a line break), or undefined when it holds
 * something this writer does not reproduce exactly.
 */
export function manifestYaml(doc: unknown, renderScalar: ScalarRenderer): string | undefined {
  if (!isPlainObject(doc) && !Array.isArray(doc)) return undefined;
  const writer = new Writer(renderScalar);
  try {
    writer.collection(doc as object, 0);
  } catch (e) {
    if (e === FALLBACK) return undefined;
    throw e;
  }
  writer.parts.push('\n');
  // One join: a flat string, not a rope of thousands of pieces held until the file is written.
  return writer.parts.join('');
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function isEmptyCollection(v: object): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (!isPlainObject(v)) return false;
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) return false;
  return true;
}

/** A line break and the indentation of the next line, by indentation. */
const LINE_STARTS: string[] = [];
function lineStart(indent: number): string {
  return LINE_STARTS[indent] ??= `\n${' '.repeat(indent)}`;
}

class Writer {
  public readonly parts: string[] = [];
  private readonly seen = new Set<object>();

  constructor(private readonly renderScalar: ScalarRenderer) {}

  /** A collection whose own indentation is `indent`, its first line already indented. */
  public collection(value: object, indent: number): void {
    // `yaml` writes an object met twice as an anchor and an alias.
    if (this.seen.has(value)) throw FALLBACK;
    this.seen.add(value);
    const parts = this.parts;
    if (Array.isArray(value)) {
      if (value.length === 0) {
        parts.push('[]');
        return;
      }
      for (let i = 0; i < value.length; i++) {
        parts.push(i === 0 ? '- ' : `${lineStart(indent)}- `);
        this.item(value[i], indent + 2);
      }
      return;
    }
    if (!isPlainObject(value)) throw FALLBACK;
    let first = true;
    const inner = indent + 2;
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      if (key.length > MAX_IMPLICIT_KEY || !isPlainWord(key)) throw FALLBACK;
      if (!first) parts.push(lineStart(indent));
      first = false;
      const v = (value as Record<string, unknown>)[key];
      if (v !== null && typeof v === 'object' && !isEmptyCollection(v)) {
        parts.push(key, ':', lineStart(inner));
        this.collection(v, inner);
      } else {
        parts.push(key, ': ');
        this.item(v, inner);
      }
    }
    if (first) parts.push('{}');
  }

  /** A value whose context indentation is `indent` (a sequence item or a mapping value). */
  private item(v: unknown, indent: number): void {
    switch (typeof v) {
      case 'string': {
        if (isPlainWord(v)) {
          this.parts.push(v);
          return;
        }
        const r = this.renderScalar(v, indent);
        if (r === undefined) throw FALLBACK;
        this.parts.push(r);
        return;
      }
      case 'number':
        if (!Number.isSafeInteger(v) || Object.is(v, -0)) throw FALLBACK;
        this.parts.push(String(v));
        return;
      case 'boolean':
        this.parts.push(v ? 'true' : 'false');
        return;
      case 'object':
        if (v === null) this.parts.push('null');
        else this.collection(v, indent);
        return;
      default:
        throw FALLBACK;
    }
  }
}

/**
 * A {@link ScalarRenderer} that asks `stringify` (the real writer, for one small document) and
 * remembers: a one-line string is written the same at every depth, a multi-line one (a block
 * scalar) depends on its indentation only.
 */
export function cachedScalarRenderer(stringify: (doc: unknown) => string): ScalarRenderer {
  const cache = new Map<string, string | undefined>();
  return (value, indent) => {
    const multiLine = value.includes('\n');
    if (indent < 2 || indent % 2 !== 0) return undefined;
    const depth = multiLine ? indent / 2 : 1;
    const key = multiLine ? `${depth}\n${value}` : value;
    if (cache.has(key)) return cache.get(key);
    // `a:` nested `depth` deep puts the value at exactly that indentation.
    let doc: unknown = value;
    let prefix = '';
    for (let d = 0; d < depth; d++) doc = { a: doc };
    for (let d = 0; d < depth - 1; d++) prefix += `${' '.repeat(2 * d)}a:\n`;
    prefix += `${' '.repeat(2 * (depth - 1))}a: `;
    const out = stringify(doc);
    const rendered = out.startsWith(prefix) && out.endsWith('\n') ? out.slice(prefix.length, -1) : undefined;
    cache.set(key, rendered);
    return rendered;
  };
}

/**
 * A document exercising what this writer assumes about cdk8s' writer: no folding of long lines,
 * sequences indented under their key, `{}` and `[]` for empty collections, integers, booleans and
 * null as words, and a block scalar.
 */
const PROBE = {
  apiVersion: 'v1',
  metadata: { name: 'probe', labels: { 'app.kubernetes.io/name': 'probe' }, annotations: {} },
  spec: {
    long: `${'word '.repeat(40)}end`,
    list: [{ count: 1, flags: [true, false, null] }, [], ['nested']],
    text: 'line one\nline two\n',
  },
};

/**
 * Whether this writer writes the probe exactly as `stringify` does: false for a cdk8s whose
 * writer has other options (another YAML version, a line width), which is then used unchanged.
 */
export function agreesWith(stringify: (doc: unknown) => string): boolean {
  try {
    return manifestYaml(PROBE, cachedScalarRenderer(stringify)) === stringify(PROBE);
  } catch {
    return false;
  }
}

