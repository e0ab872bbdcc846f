#!/usr/bin/env node
/**
 * `cdk8s-batch` command line: `lint` (validation rules on existing YAML), `report` (the fleet's schedule) and `schedule`
 * (Kubernetes-exact next runs, intervals and warnings). Each command lives in its own file.
 *
 * Exit codes: 0 success, 1 a problem was found (an error finding, a rejected schedule),
 * 2 the command could not do its work (bad usage, unreadable input).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Command, CommanderError } from 'commander';
import { registerLintCommand } from './lint-command';
import { registerReportCommand } from './report-command';
import { registerScheduleCommand } from './schedule-command';

/** Exit code for bad usage and unreadable input. */
export const EXIT_USAGE = 2;

export function buildProgram(): Command {
  const program = new Command('cdk8s-batch')
    .description('Checks Kubernetes Jobs and CronJobs before they ship.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .addHelpText('after', '\nExit codes: 0 success, 1 a problem was found (an error finding, a rejected schedule),\n'
      + '2 the command could not do its work (bad usage, unreadable input).')
    .showHelpAfterError()
    // Commander exits 1 on bad usage; the README promises 2. Subcommands inherit this.
    .exitOverride();
  registerLintCommand(program);
  registerScheduleCommand(program);
  registerReportCommand(program);
  return program;
}

/** The version in the package's package.json (two folders up from both src/cli and lib/cli). */
function packageVersion(): string {
  try {
    return JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[], err: (s: string) => void = (s) => process.stderr.write(s)): Promise<number> {
  process.exitCode = undefined;
  try {
    await buildProgram().parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (e) {
    if (e instanceof CommanderError) {
      // Commander has printed the message (and help); --help and --version are not errors.
      return e.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    // Bugs too: one line, no stack trace, exit 2 ("could not run").
    err(`cdk8s-batch: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT_USAGE;
  }
}

if (require.main === module) {
  // A reader that stops early (`cdk8s-batch lint . | head`) closes the pipe: the rest of the
  // output is dropped quietly and the command still ends with its own exit code, instead of
  // dying on the write with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') throw e;
  });
  void main(process.argv).then((code) => { process.exitCode = code; });
}
