import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Command } from 'commander';
import { COMMANDS } from './commands/catalogue';

/** The package's version, from the package.json above this file (in the sources or in dist/). */
export function packageVersion(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      const { name, version } = JSON.parse(readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (name === 'vigil' && version) return version;
    }
  }
  return 'unknown';
}

/**
 * The `vigil` program for these arguments: the command they name is built in full, the others as
 * a name and a summary for the help (see `COMMANDS`).
 */
export function buildProgram(argv: readonly string[] = []): Command {
  const program = new Command('vigil')
    .description('Vigil operations: tokens, projections, republish, dead letters')
    .version(packageVersion(), '-V, --version', 'print the version')
    .exitOverride()
    .showHelpAfterError('(run vigil --help for usage)')
    .configureOutput({ writeErr: (text) => process.stderr.write(text) });
  const [first, second] = argv.filter((arg) => !arg.startsWith('-'));
  const wanted = first === 'help' ? second : first;
  for (const [name, { summary, load }] of Object.entries(COMMANDS)) {
    program.addCommand(name === wanted ? load() : new Command(name).description(summary));
  }
  return program;
}
