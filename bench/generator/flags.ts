import { DEFAULT_GENERATOR_OPTIONS, type GeneratorOptions } from './generate';

/** `--events N --communes N --seed S` over the defaults; unknown flags are left to the caller. */
export function parseGeneratorFlags(
  argv: readonly string[],
  defaults: GeneratorOptions = DEFAULT_GENERATOR_OPTIONS,
): GeneratorOptions {
  const value = (flag: string) => {
    const index = argv.indexOf(flag);
    return index === -1 ? undefined : argv[index + 1];
  };
  const count = (flag: string, fallback: number) => {
    const raw = value(flag);
    if (raw === undefined) return fallback;
    const n = Number(raw.replaceAll('_', ''));
    if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} must be a positive integer, got ${raw}`);
    return n;
  };
  return {
    events: count('--events', defaults.events),
    communes: count('--communes', defaults.communes),
    seed: value('--seed') ?? defaults.seed,
  };
}
