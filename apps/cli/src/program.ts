import { Command } from 'commander';
import { tokenCommand } from './commands/token';

export function buildProgram(): Command {
  const program = new Command('vigil')
    .description('Vigil operations: tokens, projections, republish, dead letters')
    .exitOverride()
    .showHelpAfterError('(run vigil --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program.addCommand(tokenCommand());
  return program;
}
