import { run } from '../../apps/cli/src/run';

/** `vigil …` in this process, against a namespace, with what it wrote to stdout and stderr. */
export async function runVigil(argv: string[], namespace: string): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  process.env.VIGIL_NAMESPACE = namespace;
  try {
    return { code: await run(argv), out: out.join(''), err: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    delete process.env.VIGIL_NAMESPACE;
  }
}
