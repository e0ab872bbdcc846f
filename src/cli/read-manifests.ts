import * as nodeFs from 'fs';
import * as path from 'path';
import * as yaml from 'yaml';
import { SourcePosition, locateField } from './source-positions';

/**
 * Reads files and folders of Kubernetes manifests (YAML or JSON, multi-document, `kind: List`,
 * JSON arrays) for the CLI commands. Hostile input never aborts the run: every file, folder or
 * document that cannot be used becomes a problem naming it, and everything else is still read.
 * Memory stays proportional to the input: bytes, YAML nodes, nesting and alias expansion are
 * capped before the structures are built.
 */

/** One Kubernetes object found in the input. */
export interface ManifestObject {
  /** The file as given or found (relative paths stay relative). */
  readonly file: string;
  /** The plain object (what `kubectl apply` would send). */
  readonly manifest: any;
  /** 0-based index of the YAML document in the file. */
  readonly document: number;
  /** For a member of a `kind: List` or a JSON array: `items[3]` or `[3]`; else empty. */
  readonly itemPath: string;
  /** 1-based line of the object's first field. */
  readonly line: number;
  /** 1-based column of the object's first field. */
  readonly column: number;
  /**
   * Where a field path (`spec.template.spec.containers[0].image`) of this object is in the file,
   * or its nearest existing ancestor. Holds on to the file's parsed source while referenced.
   */
  readonly locate: (fieldPath: string) => SourcePosition;
}

/** Input that could not be used: a file, folder or document, with where and why. */
export interface InputProblem {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** What is wrong and how to fix it, one line. */
  readonly message: string;
}

/** The file-system calls the reader makes (injectable, so unreadable folders can be tested as root). */
export interface ReaderFileSystem {
  statSync(p: string): nodeFs.Stats;
  readdirSync(p: string, options: { withFileTypes: true }): nodeFs.Dirent[];
  openSync(p: string, flags: number): number;
  fstatSync(fd: number): nodeFs.Stats;
  readSync(fd: number, buffer: Buffer, offset: number, length: number, position: number | null): number;
  closeSync(fd: number): void;
}

/** Limits; the defaults suit manifests (a Kubernetes object is at most ~1.5 MiB in etcd). */
export interface ReadOptions {
  /** @default nodeFs */
  readonly fs?: ReaderFileSystem;
  /** Bytes read from one file at most. @default 16 MiB */
  readonly maxFileBytes?: number;
  /** YAML nodes per file (estimated before parsing). Larger JSON files are read with JSON.parse. @default 1,000,000 */
  readonly maxNodes?: number;
  /** Nesting levels of one document. @default 200 */
  readonly maxDepth?: number;
  /** yaml's `maxAliasCount` (alias expansions per anchor, weighted by size). @default 1000 */
  readonly maxAliasCount?: number;
}

export interface ManifestInputs {
  readonly objects: ManifestObject[];
  readonly problems: InputProblem[];
  /** Files read (whether or not they held objects). */
  readonly files: number;
}

export const MAX_FILE_BYTES = 16 * 1024 * 1024;
export const MAX_NODES = 1_000_000;
export const MAX_DEPTH = 200;
export const MAX_ALIAS_COUNT = 1000;

const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Reads every object of the inputs into memory (with positions). For large inputs prefer `visitManifestInputs`. */
export function readManifestInputs(paths: string[], options: ReadOptions = {}): ManifestInputs {
  const objects: ManifestObject[] = [];
  const { problems, files } = visitManifestInputs(paths, (o) => { objects.push(o); }, options);
  return { objects, problems, files };
}

/**
 * Calls `visit` for every object, file by file, in a stable order (arguments in order, folder
 * entries sorted). A file's parsed source is released once nothing holds its objects' `locate`.
 */
export function visitManifestInputs(paths: string[], visit: (o: ManifestObject) => void,
  options: ReadOptions = {}): { problems: InputProblem[]; files: number } {
  const fs = options.fs ?? nodeFs;
  const problems: InputProblem[] = [];
  let files = 0;
  for (const file of discover(paths, fs, problems)) {
    const bytes = readRegularFile(file, fs, options.maxFileBytes ?? MAX_FILE_BYTES, problems);
    if (bytes === undefined) continue;
    files++;
    const text = decode(bytes);
    if ('problem' in text) {
      problems.push({ file, message: text.problem });
      continue;
    }
    parseText(file, text.text, options, problems, visit);
  }
  return { problems, files };
}

// ---------------------------------------------------------------------------------------------
// Finding files

function discover(paths: string[], fs: ReaderFileSystem, problems: InputProblem[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    let stat: nodeFs.Stats;
    try {
      stat = fs.statSync(p);
    } catch (e) {
      problems.push({ file: p, message: fsMessage(e, 'cannot be read') });
      continue;
    }
    if (stat.isDirectory()) {
      const found = walk(p, fs, problems);
      if (found.length === 0 && !problems.some((x) => x.file === p || x.file.startsWith(p + path.sep))) {
        problems.push({ file: p, message: 'folder holds no .yaml, .yml or .json files. Fix: pass the folder with the manifests, or the files themselves' });
      }
      files.push(...found);
    } else {
      files.push(p); // the type is checked when reading, without opening anything but regular files
    }
  }
  return files;
}

/** Folders depth-first, entries sorted; an unreadable folder is a problem, its siblings are still read. */
function walk(root: string, fs: ReaderFileSystem, problems: InputProblem[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: nodeFs.Dirent[];
    try {
      const stat = fs.statSync(dir);
      const id = `${stat.dev}:${stat.ino}`;
      if (seen.has(id)) continue; // a symlink loop
      seen.add(id);
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      problems.push({ file: dir, message: fsMessage(e, 'folder cannot be read') });
      continue;
    }
    const subdirs: string[] = [];
    for (const entry of [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          isDir = fs.statSync(full).isDirectory();
        } catch {
          isDir = false; // a dangling link with a manifest name is reported when read
        }
      }
      if (isDir) subdirs.push(full);
      else if (MANIFEST_FILE.test(entry.name)) files.push(full);
    }
    // Files of a folder come before its subfolders', subfolders in name order.
    stack.push(...subdirs.reverse());
  }
  return files;
}

// ---------------------------------------------------------------------------------------------
// Reading bytes

/** Only regular files are opened (never a FIFO, socket or device), and at most `max` bytes are read. */
function readRegularFile(file: string, fs: ReaderFileSystem, max: number, problems: InputProblem[]): Buffer | undefined {
  let fd: number | undefined;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) {
      problems.push({ file, message: `is ${kindOf(stat)}, not a regular file: not read. Fix: pass manifest files or folders` });
      return undefined;
    }
    // O_NONBLOCK: if the file was swapped for a FIFO after the check, opening still returns at once.
    // eslint-disable-next-line no-bitwise
    fd = fs.openSync(file, nodeFs.constants.O_RDONLY | (nodeFs.constants.O_NONBLOCK ?? 0));
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) {
      problems.push({ file, message: `is ${kindOf(opened)}, not a regular file: not read. Fix: pass manifest files or folders` });
      return undefined;
    }
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= max) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, max + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
    }
    if (total > max) {
      problems.push({ file, message: `is larger than ${formatBytes(max)}: not checked. Fix: split it (a Kubernetes object is at most about 1.5 MiB)` });
      return undefined;
    }
    return Buffer.concat(chunks, total);
  } catch (e) {
    problems.push({ file, message: fsMessage(e, 'cannot be read') });
    return undefined;
  } finally {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // nothing to do: the file was read or reported already
      }
    }
  }
}

function kindOf(stat: nodeFs.Stats): string {
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

function fsMessage(e: unknown, what: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'does not exist. Fix: check the path';
  if (code === 'EACCES' || code === 'EPERM') return `${what}: permission denied. Fix: make it readable, or leave it out`;
  if (code === 'ELOOP') return `${what}: too many levels of symbolic links`;
  return `${what}: ${(e as Error)?.message ?? String(e)}`;
}

function formatBytes(n: number): string {
  return n % 1048576 === 0 ? `${n / 1048576} MiB` : `${n} bytes`;
}

// ---------------------------------------------------------------------------------------------
// Decoding text (YAML 1.2 section 5.2: UTF-8, UTF-16 or UTF-32, detected from the first bytes)

/** Decodes manifest bytes, or says why they are not text. */
export function decode(bytes: Buffer): { text: string } | { problem: string } {
  if (bytes.length === 0) return { problem: 'is empty: no YAML documents. Fix: remove it, or add the manifests' };
  const b = (i: number) => (i < bytes.length ? bytes[i] : -1);
  let encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be' = 'utf-8';
  if (b(0) === 0 && b(1) === 0 && ((b(2) === 0xfe && b(3) === 0xff) || (b(2) === 0 && b(3) > 0))) encoding = 'utf-32be';
  else if ((b(0) === 0xff && b(1) === 0xfe && b(2) === 0 && b(3) === 0) || (b(0) > 0 && b(1) === 0 && b(2) === 0 && b(3) === 0)) encoding = 'utf-32le';
  else if ((b(0) === 0xfe && b(1) === 0xff) || (b(0) === 0 && b(1) > 0)) encoding = 'utf-16be';
  else if ((b(0) === 0xff && b(1) === 0xfe) || (b(0) > 0 && b(1) === 0)) encoding = 'utf-16le';
  let text: string;
  try {
    text = encoding.startsWith('utf-32') ? decodeUtf32(bytes, encoding === 'utf-32le') : new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return { problem: `is not text (not valid ${encoding.toUpperCase()}): is it a binary file? Fix: lint YAML or JSON manifests only` };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) return { problem: 'is not text (it contains NUL bytes): is it a binary file? Fix: lint YAML or JSON manifests only' };
  return { text };
}

function decodeUtf32(bytes: Buffer, littleEndian: boolean): string {
  if (bytes.length % 4 !== 0) throw new Error('truncated UTF-32');
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const cp = littleEndian ? bytes.readUInt32LE(i) : bytes.readUInt32BE(i);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new Error('invalid UTF-32');
    parts.push(String.fromCodePoint(cp));
  }
  return parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Parsing

/**
 * Estimates the YAML nodes of a text without building anything: one per line, `,`, `[`, `{` and
 * per `: `/`- ` indicator. Close to the real count for manifests; an upper bound for flow lists.
 */
export function estimateNodes(text: string): number {
  let n = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44 || c === 91 || c === 123) {
      n++;
    } else if (c === 58 || c === 45) {
      const d = i + 1 < text.length ? text.charCodeAt(i + 1) : 10;
      if (d === 32 || d === 10 || d === 13 || d === 9) n++;
    }
  }
  return n;
}

function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

function parseText(file: string, text: string, options: ReadOptions, problems: InputProblem[], visit: (o: ManifestObject) => void): void {
  const maxNodes = options.maxNodes ?? MAX_NODES;
  const maxDepth = options.maxDepth ?? MAX_DEPTH;
  const estimate = estimateNodes(text);
  if (estimate > maxNodes) {
    if (looksLikeJson(text)) return parseLargeJson(file, text, maxDepth, problems, visit);
    problems.push({ file, message: `holds too many YAML nodes to check safely (about ${estimate}, limit ${maxNodes}). Fix: split it into smaller files, or convert it to JSON` });
    return;
  }
  const lineCounter = new yaml.LineCounter();
  const parser = new yaml.Parser(lineCounter.addNewLine);
  let index = 0;
  let sawDocument = false;
  const contents = new Set<DocumentContent>();
  // Tokens of one document: its directives (%YAML 1.1 applies to the next document only), the
  // document, its `...` end. Each is composed on its own, so one bad document never hides another.
  let group: yaml.CST.Token[] = [];
  let document: yaml.CST.Document | undefined;
  const flush = () => {
    const tokens = group;
    const doc = document;
    group = [];
    document = undefined;
    if (doc) {
      sawDocument = true;
      // The CST parser is not recursive; the composer is, so depth is measured on the CST first.
      if (cstDepth(doc, maxDepth) > maxDepth) {
        const pos = lineCounter.linePos(doc.offset);
        problems.push({ file, line: pos.line, column: pos.col, message: `document ${index + 1}: nesting deeper than ${maxDepth} levels: not checked. Fix: a Kubernetes manifest is never this deep; check how the file was generated` });
        index++;
        contents.add('problem');
        return;
      }
    }
    const composer = new yaml.Composer({ uniqueKeys: false, prettyErrors: false });
    const docs = [...tokens.flatMap((t) => [...composer.next(t)]), ...composer.end()];
    for (const d of docs) contents.add(handleDocument(file, text, d as yaml.Document.Parsed, index++, lineCounter, options, problems, visit));
  };
  try {
    for (const token of parser.parse(text)) {
      if (document && (token.type === 'document' || token.type === 'directive')) flush();
      group.push(token);
      if (token.type === 'document') document = token;
    }
    flush();
  } catch (e) {
    problems.push({ file, message: `cannot be parsed: ${oneLine(e)}` });
    return;
  }
  if (!sawDocument || (contents.size === 1 && contents.has('empty'))) {
    problems.push({ file, message: 'holds no YAML documents (only comments, blank lines or empty documents). Fix: remove it, or add the manifests' });
  } else if (contents.has('scalar') && !contents.has('data') && !contents.has('problem')) {
    // Plain text (or a binary that happens to be valid UTF-8) is a YAML string: not a manifest.
    problems.push({ file, message: 'is not a manifest: it holds only plain text or single values, no mapping (kind, metadata, ...). Fix: lint YAML or JSON manifests only' });
  }
}

/** Nesting depth of a CST document, counted without recursion; stops counting past `limit`. */
function cstDepth(token: yaml.CST.Document, limit: number): number {
  let max = 0;
  const stack: Array<[yaml.CST.Token | null | undefined, number]> = [[token.value, 0]];
  while (stack.length > 0) {
    const [t, d] = stack.pop()!;
    if (!t) continue;
    if (t.type === 'block-map' || t.type === 'block-seq' || t.type === 'flow-collection') {
      const depth = d + 1;
      if (depth > max) max = depth;
      if (max > limit) return max;
      for (const item of t.items) {
        const it = item as { key?: yaml.CST.Token | null; value?: yaml.CST.Token };
        stack.push([it.key, depth], [it.value, depth]);
      }
    }
  }
  return max;
}

/** What a document held: objects (or other collections), only a scalar, nothing, or a problem. */
type DocumentContent = 'data' | 'scalar' | 'empty' | 'problem';

function handleDocument(file: string, text: string, doc: yaml.Document.Parsed, index: number, lineCounter: yaml.LineCounter,
  options: ReadOptions, problems: InputProblem[], visit: (o: ManifestObject) => void): DocumentContent {
  const start = doc.contents?.range?.[0] ?? doc.range?.[0] ?? 0;
  const startPos = lineCounter.linePos(start);
  const docPos = { line: startPos.line, column: startPos.col };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const pos = lineCounter.linePos(e.pos[0]);
    problems.push({ file, line: pos.line, column: pos.col, message: `invalid YAML: ${oneLine(e)}` });
    return 'problem';
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: options.maxAliasCount ?? MAX_ALIAS_COUNT });
  } catch (e) {
    problems.push({ file, ...docPos, message: `document ${index + 1}: ${explainToJsError(e, options.maxAliasCount ?? MAX_ALIAS_COUNT)}` });
    return 'problem';
  }
  const maxDepth = options.maxDepth ?? MAX_DEPTH;
  if (jsDepthExceeds(value, maxDepth)) {
    problems.push({ file, ...docPos, message: `document ${index + 1}: nesting deeper than ${maxDepth} levels (after resolving aliases): not checked. Fix: a Kubernetes manifest is never this deep` });
    return 'problem';
  }
  if (value === null || value === undefined) return 'empty';
  if (typeof value !== 'object') return 'scalar';
  const tree = new DocumentTree(doc.contents, text, lineCounter);
  for (const { manifest, itemPath } of expand(value)) {
    const locate = (fieldPath: string) => tree.locate(joinPath(itemPath, fieldPath)) ?? docPos;
    const pos = locate('');
    visit({ file, manifest, document: index, itemPath, line: pos.line, column: pos.column, locate });
  }
  // Objects kept after the visit (by `readManifestInputs` or whole-input checks) must not keep
  // the whole parsed tree alive: from here on, `locate` parses the document's text again.
  tree.release();
  return 'data';
}

/**
 * A document's parsed tree while its objects are visited; afterwards only its text range, parsed
 * again (and cached for one document) when a position is asked for.
 */
class DocumentTree {
  private static cached: { tree: DocumentTree; root: yaml.Node; lines: yaml.LineCounter; base: number } | undefined;
  private readonly start: number;
  private readonly end: number;

  constructor(private root: yaml.Node | null, private readonly text: string, private readonly lineCounter: yaml.LineCounter) {
    this.start = root?.range?.[0] ?? 0;
    this.end = root?.range?.[2] ?? 0;
  }

  public release(): void {
    this.root = null;
  }

  public locate(fieldPath: string): SourcePosition | undefined {
    if (this.root) return locateField(this.root, fieldPath, this.lineCounter);
    if (this.end <= this.start) return undefined;
    let c = DocumentTree.cached;
    if (!c || c.tree !== this) {
      // Re-parse from the start of the document's first line, its prefix blanked, so columns and
      // block indentation are those of the file.
      const first = this.lineCounter.linePos(this.start);
      const base = this.start - (first.col - 1);
      const source = ' '.repeat(first.col - 1) + this.text.slice(this.start, this.end);
      const lines = new yaml.LineCounter();
      const reparsed = yaml.parseDocument(source, { lineCounter: lines, uniqueKeys: false });
      if (!reparsed.contents) return undefined;
      c = DocumentTree.cached = { tree: this, root: reparsed.contents, lines, base };
    }
    const local = locateField(c.root, fieldPath, c.lines);
    // Local line/column back to the file: via the offset of the local position.
    const offset = c.base + (c.lines.lineStarts[local.line - 1] ?? 0) + local.column - 1;
    const pos = this.lineCounter.linePos(offset);
    return { line: pos.line, column: pos.col };
  }
}

function explainToJsError(e: unknown, maxAliasCount: number): string {
  const message = e instanceof Error ? e.message : String(e);
  const unresolved = /^Unresolved alias.*: (.*)$/.exec(message);
  if (unresolved) return `alias *${unresolved[1]} refers to no anchor &${unresolved[1]} before it. Fix: define the anchor before using it, or write the value out`;
  if (/Excessive alias count/.test(message)) {
    return `aliases expand to too much data (more than ${maxAliasCount} expansions; an alias bomb such as "billion laughs"?): not checked. Fix: write the values out instead of repeating aliases`;
  }
  if (/Merge sources must be maps/.test(message)) return 'a "<<" merge key must be a mapping or an alias of one (YAML 1.1 merge). Fix: merge a mapping, or rename the key';
  if (e instanceof RangeError) return 'nesting too deep to read: not checked. Fix: a Kubernetes manifest is never this deep';
  return `cannot be read as data: ${oneLine(e)}`;
}

/** True if `value` nests deeper than `limit`, counted without recursion (shared alias objects are visited once). */
function jsDepthExceeds(value: unknown, limit: number): boolean {
  const seen = new Set<object>();
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    if (d + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) {
      if (child !== null && typeof child === 'object') stack.push([child, d + 1]);
    }
  }
  return false;
}

/** Objects of a document: the document itself, the members of a JSON array, the items of `kind: List` (nested lists too). */
function expand(value: unknown): Array<{ manifest: any; itemPath: string }> {
  const out: Array<{ manifest: any; itemPath: string }> = [];
  const stack: Array<{ value: unknown; itemPath: string; level: number }> = [{ value, itemPath: '', level: 0 }];
  while (stack.length > 0) {
    const { value: v, itemPath, level } = stack.shift()!;
    if (Array.isArray(v) && level === 0) {
      v.forEach((item, i) => stack.push({ value: item, itemPath: `[${i}]`, level: 1 }));
    } else if (isList(v) && level < 3) {
      (v as any).items.forEach((item: unknown, i: number) => stack.push({ value: item, itemPath: joinPath(itemPath, `items[${i}]`), level: level + 1 }));
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      out.push({ manifest: v, itemPath });
    }
  }
  return out;
}

/** `kind: List` (what `kubectl get -o yaml` prints) or a typed list such as `JobList`. */
function isList(v: unknown): boolean {
  const o = v as any;
  return o !== null && typeof o === 'object' && !Array.isArray(o) && typeof o.kind === 'string' && /List$/.test(o.kind) && Array.isArray(o.items);
}

function joinPath(prefix: string, fieldPath: string): string {
  if (!prefix) return fieldPath;
  if (!fieldPath) return prefix;
  return fieldPath.startsWith('[') ? `${prefix}${fieldPath}` : `${prefix}.${fieldPath}`;
}

/**
 * JSON above the YAML node budget (a huge list in a valid object): JSON.parse keeps memory near
 * the input size. Positions are the file's first character (no source tree is built).
 */
function parseLargeJson(file: string, text: string, maxDepth: number, problems: InputProblem[], visit: (o: ManifestObject) => void): void {
  const first = text.search(/\S/);
  const lineOf = (offset: number) => {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      if (text.charCodeAt(i) === 10) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(oneLine(e));
    problems.push({ file, ...(m ? lineOf(Number(m[1])) : {}), message: `invalid JSON: ${oneLine(e)}` });
    return;
  }
  if (jsDepthExceeds(value, maxDepth)) {
    problems.push({ file, message: `nesting deeper than ${maxDepth} levels: not checked. Fix: a Kubernetes manifest is never this deep` });
    return;
  }
  const pos = lineOf(Math.max(first, 0));
  for (const { manifest, itemPath } of expand(value)) {
    visit({ file, manifest, document: 0, itemPath, line: pos.line, column: pos.column, locate: () => pos });
  }
}

function oneLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].trim();
}
