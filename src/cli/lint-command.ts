import { Command } from 'commander';

/** Registers `cdk8s-batch lint`. Placeholder until the lint command lands. */
export function registerLintCommand(program: Command): void {
  program.command('lint').description('(not implemented yet)').action(() => {
    process.stderr.write('cdk8s-batch lint: not implemented yet\n');
    process.exitCode = 2;
  });
}
