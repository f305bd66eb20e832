/** Waits `ms`, or less when any of `interrupts` settles first. */
export async function interruptibleDelay(ms: number, ...interrupts: Promise<unknown>[]): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const elapsed = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  try {
    await Promise.race([
      elapsed,
      ...interrupts.map((interrupt) =>
        interrupt.then(
          () => undefined,
          () => undefined,
        ),
      ),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
