import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';

// Shared by the CLI's integration specs: captured output and a throw-away namespace.

export function captureOutput(): { out: string[]; err: string[] } {
  const captured = { out: [] as string[], err: [] as string[] };
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => captured.out.push(String(chunk)) > 0);
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => captured.err.push(String(chunk)) > 0);
  return captured;
}

export const freshNamespace = (label: string) => `cli-${label}-${randomUUID().slice(0, 8)}`;

export const testKafka = () =>
  new Kafka({
    clientId: 'cli-spec',
    brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','),
    logLevel: logLevel.NOTHING,
  });

export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
