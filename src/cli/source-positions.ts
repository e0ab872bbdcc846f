import * as yaml from 'yaml';

/** A 1-based place in a source file. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** One step of a field path: a key, a list index, or a list item by its `name` (`containers[main]`). */
export type PathPart = string | number | { readonly name: string };

/**
 * Splits a finding path such as `spec.template.spec.containers[0].image`,
 * `spec.template.spec.containers[main].securityContext` or
 * `metadata.annotations["cdk8s-batch.io/suppressions"]` into steps.
 */
export function splitFieldPath(fieldPath: string): PathPart[] {
  const parts: PathPart[] = [];
  const re = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*"|'[^']*')\]|\[([^\]]*)\]|([^.[\]]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(fieldPath)) !== null) {
    if (m[1] !== undefined) parts.push(Number(m[1]));
    else if (m[2] !== undefined) parts.push(m[2].startsWith('"') ? JSON.parse(m[2]) : m[2].slice(1, -1));
    else if (m[3] !== undefined) parts.push({ name: m[3] });
    else parts.push(m[4]);
  }
  return parts;
}

/**
 * Where a field path points in a parsed YAML (or JSON) node: the key of a mapping entry, the
 * start of a sequence item, or — when the field is not there (a missing setting) — the nearest
 * ancestor that is. Never throws.
 */
export function locateField(root: yaml.Node, fieldPath: string, lineCounter: yaml.LineCounter): SourcePosition {
  let at: yaml.Node = root;
  let offset = root.range?.[0] ?? 0;
  for (const part of splitFieldPath(fieldPath)) {
    if (yaml.isAlias(at)) break; // aliases point elsewhere in the file; stop at the alias itself
    let next: { node: yaml.Node; offset: number } | undefined;
    if (yaml.isMap(at)) {
      const pair = typeof part === 'object' ? undefined : at.items.find((p) => keyText(p.key) === String(part));
      if (pair && yaml.isNode(pair.key) && pair.key.range) {
        next = { offset: pair.key.range[0], node: yaml.isNode(pair.value) ? pair.value : pair.key };
        if (!yaml.isNode(pair.value)) { offset = next.offset; break; }
      }
    } else if (yaml.isSeq(at) && typeof part !== 'string') {
      const item = typeof part === 'number' ? at.items[part]
        : at.items.find((i) => yaml.isMap(i) && i.items.some((p) => keyText(p.key) === 'name' && yaml.isScalar(p.value) && String(p.value.value) === part.name));
      if (yaml.isNode(item) && item.range) next = { node: item, offset: item.range[0] };
    }
    if (!next) break;
    at = next.node;
    offset = next.offset;
  }
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

function keyText(key: unknown): string | undefined {
  if (yaml.isScalar(key)) return String(key.value);
  return undefined;
}
