import * as path from 'path';
import { Command, Option } from 'commander';
import { parseVersionOption, versionOptionHelp } from './options';
import { InputProblem, ReadOptions, visitManifestInputs } from './read-manifests';
import { SourcePosition } from './source-positions';
import { fleetFindingsByIndex } from '../report/findings';
import { oneLine } from '../util/errors';
import { KubernetesVersion } from '../util/k8s-version';
import { BatchRules, lintManifest } from '../validation';
import { meetsSeverity } from '../validation/engine';
import { Finding, Severity } from '../validation/types';

/** A finding with where it came from. */
export interface FileFinding extends Finding {
  readonly file: string;
  /** 1-based line of the field (or of its nearest existing ancestor when the field is missing). */
  readonly line?: number;
  /** 1-based column of the field. */
  readonly column?: number;
}

export interface LintRunOptions {
  format: 'text' | 'json' | 'sarif';
  targetVersion: KubernetesVersion;
  minSeverity: Severity;
  /** Limits and file-system access for reading the inputs (tests inject failures here). */
  read?: ReadOptions;
}

/** One Job or CronJob of the input, as the whole-input checks see it. */
export interface LintedObject {
  readonly file: string;
  readonly manifest: any;
  readonly line: number;
  readonly column: number;
  /** Position of a field of this object (nearest existing ancestor when missing). */
  readonly locate: (fieldPath: string) => SourcePosition;
}

/**
 * A check over every object of the run together (e.g. two CronJobs with the same name), run
 * after each object has been linted on its own. Returns findings with file and position.
 */
export type FleetCheck = (objects: ReadonlyArray<LintedObject>, options: LintRunOptions) => FileFinding[];

/** The fleet rules (schedule-pile-up, dst-overlap) over every CronJob of every input, each finding at its object. */
const fleetSchedules: FleetCheck = (objects, options) => {
  return fleetFindingsByIndex(objects.map((o) => o.manifest))
    .filter(({ finding }) => meetsSeverity(finding.severity, options.minSeverity))
    .map(({ index, finding }) => {
      const o = objects[index];
      const pos = o.locate(finding.path);
      return { file: o.file, line: pos.line, column: pos.column, ...finding };
    });
};

/** Whole-input checks, in order. Add new ones here. */
export const FLEET_CHECKS: FleetCheck[] = [fleetSchedules];

/**
 * `cdk8s-batch lint <files or folders...>`: exit 1 on an error finding, 2 when some input cannot
 * be read or parsed (the findings of everything else are still reported), else 0.
 */
export function registerLintCommand(program: Command): void {
  program.command('lint')
    .description('Check Job and CronJob manifests (YAML or JSON, multi-document, kind: List) with the cdk8s-batch rules.\n'
      + 'Exit codes: 0 no error finding, 1 an error finding, 2 some input could not be read (or bad usage).')
    .argument('<paths...>', 'files or folders (folders are searched for *.yaml, *.yml, *.json)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'))
    .addOption(new Option('-t, --target-version <version>', versionOptionHelp('Kubernetes version the manifests are for'))
      .argParser(parseVersionOption).default(KubernetesVersion.DEFAULT, KubernetesVersion.DEFAULT.name))
    .addOption(new Option('-s, --min-severity <severity>', 'lowest severity to report').choices(['error', 'warning', 'info']).default('info'))
    .action((paths: string[], options: { format: LintRunOptions['format']; targetVersion: KubernetesVersion; minSeverity: string }) => {
      const run = { format: options.format, targetVersion: options.targetVersion, minSeverity: options.minSeverity as Severity };
      process.exitCode = runLint(paths, run, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    });
}

/** The command's work, testable in-process. Returns the exit code. */
export function runLint(paths: string[], options: LintRunOptions, out: (s: string) => void, err: (s: string) => void): number {
  const findings: FileFinding[] = [];
  const objects: LintedObject[] = [];
  const { problems } = visitManifestInputs(paths, (o) => {
    if (!isJobOrCronJob(o.manifest)) return;
    objects.push({ file: o.file, manifest: o.manifest, line: o.line, column: o.column, locate: o.locate });
    for (const f of lintManifest(o.manifest, { targetVersion: options.targetVersion, minSeverity: options.minSeverity })) {
      const pos = o.locate(f.path);
      findings.push({ file: o.file, line: pos.line, column: pos.column, ...f });
    }
  }, options.read);
  // Second pass: checks that need every object at once.
  for (const check of FLEET_CHECKS) findings.push(...check(objects, options));

  for (const p of problems) err(`${oneLine(`cdk8s-batch lint: ${where(p)}: ${p.message}`)}\n`);
  out(render(findings, problems, options.format, objects.length));
  if (problems.length > 0) return 2;
  return findings.some((f) => f.severity === Severity.ERROR) ? 1 : 0;
}

function isJobOrCronJob(manifest: any): boolean {
  return manifest?.apiVersion === 'batch/v1' && (manifest?.kind === 'Job' || manifest?.kind === 'CronJob');
}

function where(p: { file: string; line?: number; column?: number }): string {
  return `${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}`;
}

/** Some messages start with their own field path (`spec.schedule: Invalid value …`); print the path once. */
function messageOf(f: Finding): string {
  return f.path && f.message.startsWith(`${f.path}: `) ? f.message.slice(f.path.length + 2) : f.message;
}

function render(findings: FileFinding[], problems: InputProblem[], format: LintRunOptions['format'], objects: number): string {
  if (format === 'json') {
    return `${JSON.stringify({
      findings: findings.map(jsonFinding),
      problems: problems.map((p) => ({ file: p.file, line: p.line, column: p.column, message: p.message })),
    }, null, 2)}\n`;
  }
  if (format === 'sarif') return `${JSON.stringify(sarif(findings, problems), null, 2)}\n`;
  // Two lines a finding, whatever names and values the manifests hold.
  const lines = findings.map((f) => `${oneLine(`${where(f)}: ${f.severity} ${f.ruleId} ${f.kind}/${f.name} ${f.path}: ${messageOf(f)}`)}\n    fix: ${oneLine(f.fix)}`);
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const unread = problems.length > 0 ? `; ${problems.length} input problem(s), see above` : '';
  lines.push(`${objects} Job/CronJob object(s) checked: ${count(Severity.ERROR)} error(s), ${count(Severity.WARNING)} warning(s), ${count(Severity.INFO)} info${unread}`);
  return `${lines.join('\n')}\n`;
}

/** The JSON output's fields, in the README's order. */
function jsonFinding(f: FileFinding) {
  const { file, line, column, kind, name, ruleId, severity, path: fieldPath, message, fix } = f;
  return { file, line, column, kind, name, ruleId, severity, path: fieldPath, message, fix };
}

function sarif(findings: FileFinding[], problems: InputProblem[]): any {
  const level = (s: Severity) => (s === Severity.ERROR ? 'error' : s === Severity.WARNING ? 'warning' : 'note');
  const location = (p: { file: string; line?: number; column?: number }) => ({
    physicalLocation: {
      artifactLocation: { uri: p.file.split(path.sep).join('/') },
      ...(p.line ? { region: { startLine: p.line, ...(p.column ? { startColumn: p.column } : {}) } } : {}),
    },
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'cdk8s-batch', informationUri: 'https://github.com/cdk8s-batch/cdk8s-batch', rules: BatchRules.all().map((r) => ({ id: r.id, shortDescription: { text: r.description }, defaultConfiguration: { level: level(r.severity) } })) } },
      // Input that could not be read is a tool notification: the run is incomplete for that file.
      invocations: [{
        executionSuccessful: problems.length === 0,
        toolExecutionNotifications: problems.map((p) => ({ level: 'error', message: { text: p.message }, locations: [location(p)] })),
      }],
      results: findings.map((f) => ({
        ruleId: f.ruleId,
        level: level(f.severity),
        message: { text: `${f.kind}/${f.name} ${f.path}: ${messageOf(f)}. Fix: ${f.fix}` },
        locations: [location(f)],
      })),
    }],
  };
}
