import * as fs from 'fs';
import * as path from 'path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { readManifestInputs } from './read-manifests';
import { DEFAULT_PILE_UP_THRESHOLD } from '../report/findings';
import { buildFleetReport, renderFleetReport } from '../report/report';
import { timeZoneErrors } from '../schedule/zones';

/** Options of `cdk8s-batch report`. */
export interface ReportRunOptions {
  format: 'html' | 'markdown' | 'json';
  /** Start of the window. @default - the next midnight UTC (the coming week) */
  from?: Date;
  days: number;
  zone: string;
  output?: string;
  pileUpThreshold: number;
}

/** Longest window: beyond a couple of months the picture has no room for bars. */
const MAX_DAYS = 62;

/**
 * `cdk8s-batch report <files or folders...>`: a picture of when every CronJob runs (HTML), a
 * pull-request summary (Markdown) or the numbers (JSON). Exit 0 when written (findings are
 * warnings), 2 when input cannot be read or the output cannot be written; bad options are
 * usage errors (commander's exit 1, like `lint`).
 */
export function registerReportCommand(program: Command): void {
  program.command('report')
    .description('Show when every CronJob runs: timeline, load, DST effects and fleet findings (schedule-pile-up, dst-overlap)')
    .argument('<paths...>', 'files or folders of YAML/JSON (synthesized dist/, Helm output, kubectl get -o yaml)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['html', 'markdown', 'json']).default('html'))
    .option('-o, --output <file>', 'write to this file (default: standard output)')
    .option('--from <iso-time>', 'start of the window (default: the coming midnight UTC)', isoDate)
    .option('--days <n>', `length of the window in days, 1 to ${MAX_DAYS}`, days, 7)
    .option('-z, --zone <zone>', 'time zone of the time axis and peaks, e.g. Europe/Berlin', zone, 'UTC')
    .option('--pile-up-threshold <n>', 'more than this many CronJobs starting in one minute is a pile-up', positiveInt, DEFAULT_PILE_UP_THRESHOLD)
    .action((paths: string[], options: ReportRunOptions) => {
      process.exitCode = runReport(paths, options, (s) => process.stdout.write(s), (s) => process.stderr.write(s));
    });
}

/** The command's work, testable in-process. Returns the exit code. */
export function runReport(paths: string[], options: ReportRunOptions, out: (s: string) => void, err: (s: string) => void,
  now: Date = new Date()): number {
  const { objects, problems } = readManifestInputs(paths);
  // As lint: name what cannot be used, report on everything else, and exit 2.
  for (const p of problems) err(`cdk8s-batch report: ${p.file}${p.line ? `:${p.line}${p.column ? `:${p.column}` : ''}` : ''}: ${p.message}\n`);
  const from = options.from ?? nextMidnightUtc(now);
  const model = buildFleetReport(objects.map((d) => ({ manifest: d.manifest, source: `${d.file}${d.line ? `:${d.line}` : ''}` })), {
    from, days: options.days, zone: options.zone, pileUpThreshold: options.pileUpThreshold,
  });
  const text = renderFleetReport(model, options.format);
  if (options.output) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(options.output)), { recursive: true });
      fs.writeFileSync(options.output, text);
    } catch (e) {
      err(`cdk8s-batch report: --output ${options.output}: cannot write: ${(e as Error).message}\n`);
      return 2;
    }
    err(`cdk8s-batch report: ${model.analysis.jobs.length} CronJob(s), ${model.findings.length} finding(s) -> ${options.output}\n`);
  } else {
    out(text);
  }
  return problems.length > 0 ? 2 : 0;
}

function nextMidnightUtc(now: Date): Date {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  return d;
}

function isoDate(v: string): Date {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('must be an ISO 8601 time, e.g. 2026-03-23T00:00:00Z');
  return d;
}

function days(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > MAX_DAYS) throw new InvalidArgumentError(`must be a whole number of days from 1 to ${MAX_DAYS}`);
  return n;
}

function zone(v: string): string {
  if (v === 'UTC') return v;
  const problems = timeZoneErrors(v);
  if (problems.length > 0) throw new InvalidArgumentError(`must be an IANA time zone, e.g. Europe/Berlin (${problems[0]})`);
  return v;
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number from 1');
  return n;
}
