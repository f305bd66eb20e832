import { Command } from 'commander';
import { deadLettersCommand } from './commands/dead-letters';
import { projectionsCommand } from './commands/projections';
import { republishCommand } from './commands/republish';
import { tokenCommand } from './commands/token';

export function buildProgram(): Command {
  const program = new Command('vigil')
    .description('Vigil operations: tokens, projections, republish, dead letters')
    .exitOverride()
    .showHelpAfterError('(run vigil --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  program.addCommand(tokenCommand());
  program.addCommand(projectionsCommand());
  program.addCommand(republishCommand());
  program.addCommand(deadLettersCommand());
  return program;
}
