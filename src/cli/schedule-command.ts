import { Command } from 'commander';

/** Registers `cdk8s-batch schedule`. Placeholder until the schedule command lands. */
export function registerScheduleCommand(program: Command): void {
  program.command('schedule').description('(not implemented yet)').action(() => {
    process.stderr.write('cdk8s-batch schedule: not implemented yet\n');
    process.exitCode = 2;
  });
}
