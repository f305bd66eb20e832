import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMMANDS } from './commands/catalogue';
import { packageVersion } from './program';
import { run } from './run';

// `vigil --version`, and `vigil --help` without loading any command's libraries.
describe('the vigil program', () => {
  let out: string[];

  beforeEach(() => {
    out = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => jest.restoreAllMocks());

  it('prints the package version with --version and -V, exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(packageVersion()).toBe(version);
    expect(await run(['--version'])).toBe(0);
    expect(await run(['-V'])).toBe(0);
    expect(out).toEqual([`${version}\n`, `${version}\n`]);
  });

  it('lists every command with its summary in --help, loading none of them', async () => {
    const loads = Object.values(COMMANDS).map((command) => jest.spyOn(command, 'load'));
    expect(await run(['--help'])).toBe(0);
    const help = out.join('');
    for (const name of ['token', 'projections', 'republish', 'dead-letters']) {
      expect(help).toMatch(new RegExp(`^  ${name}\\s+${COMMANDS[name]!.summary.slice(0, 20)}`, 'm'));
    }
    expect(help).toMatch(/-V, --version/);
    expect(loads.map((load) => load.mock.calls.length)).toEqual([0, 0, 0, 0]);
    expect(await run(['token', 'issue', '--help'])).toBe(0);
    expect(loads.map((load) => load.mock.calls.length)).toEqual([1, 0, 0, 0]);
  });

  it('shows a command’s own options in its help, as `vigil help <command>` does', async () => {
    expect(await run(['republish', '--help'])).toBe(0);
    expect(await run(['help', 'token'])).toBe(0);
    expect(out.join('')).toMatch(/--from-position <P>[\s\S]*Usage: vigil token \[options\] \[command\][\s\S]*issue/);
  });
});
