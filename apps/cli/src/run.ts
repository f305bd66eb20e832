import { CommanderError } from 'commander';
import { buildProgram } from './program';
import { UsageError } from './usage-error';

/** Exit codes (CONTRACT.md §7): 0 done, 1 failed with the reason on stderr, 2 bad usage. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram(argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof UsageError) {
      process.stderr.write(`vigil: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`vigil: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
