/**
 * What the run started, undone in reverse order at the end or on Ctrl-C. Each step runs once,
 * and a failing step does not keep the others from running.
 */
export class Cleanup {
  private readonly steps: { name: string; undo: () => Promise<void> }[] = [];
  private running: Promise<void> | undefined;
  /** Set on Ctrl-C: what runs on must not report a half-done run. */
  interrupted = false;

  add(name: string, undo: () => Promise<void>): void {
    this.steps.push({ name, undo });
  }

  run(): Promise<void> {
    this.running ??= (async () => {
      for (const { name, undo } of this.steps.reverse()) {
        try {
          await undo();
        } catch (error) {
          process.stderr.write(`bench: could not ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
        }
      }
    })();
    return this.running;
  }

  /** Ctrl-C (or a kill) stops the child service and whatever else was started, then exits. */
  onSignals(say: (line: string) => void): void {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        this.interrupted = true;
        say(`${signal}: stopping what the bench started`);
        void this.run().finally(() => process.exit(130));
      });
    }
  }
}
