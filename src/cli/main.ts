#!/usr/bin/env node
/**
 * `cdk8s-batch` command line: `lint` (validation rules on existing YAML), `report` (the fleet's schedule) and `schedule`
 * (Kubernetes-exact next runs, intervals and warnings). Each command lives in its own file.
 */
import { Command } from 'commander';
import { registerLintCommand } from './lint-command';
import { registerReportCommand } from './report-command';
import { registerScheduleCommand } from './schedule-command';

export function buildProgram(): Command {
  const program = new Command('cdk8s-batch')
    .description('Checks Kubernetes Jobs and CronJobs before they ship.')
    .showHelpAfterError();
  registerLintCommand(program);
  registerScheduleCommand(program);
  registerReportCommand(program);
  return program;
}

if (require.main === module) {
  buildProgram().parseAsync(process.argv).catch((err: unknown) => {
    // Usage errors and bugs alike: one line, no stack trace, exit 2 ("could not run").
    process.stderr.write(`cdk8s-batch: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(2);
  });
}
