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

export { eventually } from '../../../libs/platform/src/testing/eventually';
