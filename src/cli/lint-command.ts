import * as fs from 'fs';
import * as path from 'path';
import { Command, InvalidArgumentError, Option } from 'commander';
import * as yaml from 'yaml';
import { KubernetesVersion } from '../util/k8s-version';
import { BatchRules, isBatchObject, lintManifest } from '../validation/engine';
import { Finding, Severity } from '../validation/types';

/** A finding with where it came from. */
export interface FileFinding extends Finding {
  readonly file: string;
  /** 1-based line of the document in the file. */
  readonly line?: number;
}

export interface LintRunOptions {
  format: 'text' | 'json' | 'sarif';
  targetVersion: KubernetesVersion;
  minSeverity: Severity;
}

/** Files larger than this are refused (a manifest folder is not a data lake). */
const MAX_FILE_BYTES = 16 * 1024 * 1024;

/** `cdk8s-batch lint <files or folders...>`: exit 1 on an error finding, 2 when input cannot be read or parsed. */
export function registerLintCommand(program: Command): void {
  program.command('lint')
    .description('Check Job and CronJob manifests (YAML or JSON, multi-document) with the cdk8s-batch rules')
    .argument('<paths...>', 'files or folders (folders are searched for *.yaml, *.yml, *.json)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .option('-t, --target-version <version>', 'Kubernetes version the manifests are for', parseVersion, KubernetesVersion.DEFAULT)
    .addOption(new Option('-s, --min-severity <severity>', 'lowest severity to report').choices(['error', 'warning', 'info']).default('info'))
    .action((paths: string[], options: { format: LintRunOptions['format']; targetVersion: KubernetesVersion; minSeverity: string }) => {
      const run = { format: options.format, targetVersion: options.targetVersion, minSeverity: options.minSeverity as Severity };
      process.exitCode = runLint(paths, run,
        (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    });
}

/** The command's work, testable in-process. Returns the exit code. */
export function runLint(paths: string[], options: LintRunOptions, out: (s: string) => void, err: (s: string) => void): number {
  const { documents, unreadable } = readManifestDocuments(paths, err, 'lint');
  const findings: FileFinding[] = [];
  let objects = 0;
  for (const { file, line, manifest } of documents) {
    if (!isBatchObject(manifest)) continue;
    objects++;
    for (const f of lintManifest(manifest, { targetVersion: options.targetVersion, minSeverity: options.minSeverity })) {
      findings.push({ file, ...(line !== undefined ? { line } : {}), ...f });
    }
  }
  out(render(findings, options.format, objects));
  if (unreadable) return 2;
  return findings.some((f) => f.severity === Severity.ERROR) ? 1 : 0;
}

/** One YAML/JSON document read from a file. */
export interface ManifestDocument {
  readonly file: string;
  /** 1-based line of the document in the file. */
  readonly line?: number;
  readonly manifest: any;
}

/** What `readManifestDocuments` read. */
export interface ManifestReadResult {
  readonly documents: ManifestDocument[];
  /** Some input could not be read or parsed (reported through `err`). */
  readonly unreadable: boolean;
}

/**
 * Reads every YAML/JSON document (multi-document files included) from files and folders
 * (searched for *.yaml, *.yml, *.json). Problems are reported through `err` as
 * `cdk8s-batch <command>: <file>: ...` and make `unreadable` true; empty documents are skipped.
 */
export function readManifestDocuments(paths: string[], err: (s: string) => void, command: string): ManifestReadResult {
  const files: string[] = [];
  let unreadable = false;
  for (const p of paths) {
    try {
      files.push(...collect(p));
    } catch (e) {
      err(`cdk8s-batch ${command}: ${p}: ${(e as Error).message}\n`);
      unreadable = true;
    }
  }
  const documents: ManifestDocument[] = [];
  for (const file of files) {
    let text: string;
    try {
      if (fs.statSync(file).size > MAX_FILE_BYTES) throw new Error(`file is larger than ${MAX_FILE_BYTES / 1048576} MiB`);
      text = fs.readFileSync(file, 'utf8');
    } catch (e) {
      err(`cdk8s-batch ${command}: ${file}: cannot read: ${(e as Error).message}\n`);
      unreadable = true;
      continue;
    }
    const lineCounter = new yaml.LineCounter();
    let docs: yaml.Document.Parsed[];
    try {
      docs = yaml.parseAllDocuments(text, { lineCounter, uniqueKeys: false }) as yaml.Document.Parsed[];
    } catch (e) {
      err(`cdk8s-batch ${command}: ${file}: cannot parse: ${(e as Error).message}\n`);
      unreadable = true;
      continue;
    }
    for (const doc of Array.isArray(docs) ? docs : [docs]) {
      if (doc.errors.length > 0) {
        const e = doc.errors[0];
        const pos = e.linePos?.[0];
        err(`cdk8s-batch ${command}: ${file}${pos ? `:${pos.line}:${pos.col}` : ''}: invalid YAML: ${e.message.split('\n')[0]}\n`);
        unreadable = true;
        continue;
      }
      const manifest = doc.toJS({ maxAliasCount: 100 });
      if (manifest === null || manifest === undefined) continue;
      const line = doc.contents ? lineCounter.linePos(doc.contents.range[0]).line : undefined;
      documents.push({ file, ...(line !== undefined ? { line } : {}), manifest });
    }
  }
  return { documents, unreadable };
}

function collect(p: string): string[] {
  const stat = fs.statSync(p);
  if (stat.isFile()) return [p];
  if (!stat.isDirectory()) throw new Error('not a file or folder');
  return fs.readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap((e) => {
    const full = path.join(p, e.name);
    if (e.isDirectory()) return collect(full);
    return /\.(ya?ml|json)$/i.test(e.name) ? [full] : [];
  });
}

function render(findings: FileFinding[], format: LintRunOptions['format'], objects: number): string {
  if (format === 'json') {
    return `${JSON.stringify({ findings: findings.map((f) => ({ file: f.file, line: f.line, kind: f.kind, name: f.name, ruleId: f.ruleId, severity: f.severity, path: f.path, message: f.message, fix: f.fix })) }, null, 2)}\n`;
  }
  if (format === 'sarif') return `${JSON.stringify(sarif(findings), null, 2)}\n`;
  const lines = findings.map((f) => `${f.file}${f.line ? `:${f.line}` : ''}: ${f.severity} ${f.ruleId} ${f.kind}/${f.name} ${f.path}: ${f.message}\n    fix: ${f.fix}`);
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  lines.push(`${objects} Job/CronJob object(s) checked: ${count(Severity.ERROR)} error(s), ${count(Severity.WARNING)} warning(s), ${count(Severity.INFO)} info`);
  return `${lines.join('\n')}\n`;
}

function sarif(findings: FileFinding[]): any {
  const level = (s: Severity) => (s === Severity.ERROR ? 'error' : s === Severity.WARNING ? 'warning' : 'note');
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdk8s-batch', informationUri: 'https://github.com/cdk8s-batch/cdk8s-batch', rules: BatchRules.all().map((r) => ({ id: r.id, shortDescription: { text: r.description }, defaultConfiguration: { level: level(r.severity) } })) } },
      results: findings.map((f) => ({
        ruleId: f.ruleId,
        level: level(f.severity),
        message: { text: `${f.kind}/${f.name} ${f.path}: ${f.message}. Fix: ${f.fix}` },
        locations: [{ physicalLocation: { artifactLocation: { uri: f.file.split(path.sep).join('/') }, ...(f.line ? { region: { startLine: f.line } } : {}) } }],
      })),
    }],
  };
}

function parseVersion(v: string): KubernetesVersion {
  try {
    return KubernetesVersion.of(v);
  } catch (e) {
    throw new InvalidArgumentError((e as Error).message);
  }
}
