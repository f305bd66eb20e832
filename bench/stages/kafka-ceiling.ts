import { ensureTopics } from '@vigil/messaging';
import { Kafka, logLevel } from 'kafkajs';
import { formatNumber } from '../report/progress';
import { importScript, type KafkaScript } from '../harness/scripts';
import type { StageContext, StageOutcome } from './stage';

const RECORD_SIZE = 500;
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

/** The last summary line of ProducerPerformance: "N records sent, R records/sec (M MB/sec), ...". */
export function parsePerfSummary(output: string): { records: number; perSecond: number } {
  const lines = output
    .trim()
    .split('\n')
    .filter((line) => /records sent/.test(line));
  const match = /(\d+) records sent, ([\d.]+) records\/sec/.exec(lines[lines.length - 1] ?? '');
  if (!match) throw new Error(`no summary in the output of ProducerPerformance:\n${output.slice(-500)}`);
  return { records: Number(match[1]), perSecond: Number(match[2]) };
}

/**
 * The machine's ceiling for publishing: Kafka's own ProducerPerformance (acks=all) into a topic of
 * this run, deleted afterwards. It needs enough records to get past the JVM's warm-up.
 */
export async function kafkaCeiling(context: StageContext): Promise<StageOutcome> {
  const [host, port] = context.kafkaBrokers.split(',')[0]!.split(':');
  if (!LOCAL_HOSTS.has(host!))
    throw new Error(`the producer perf tool runs against the local broker only, not ${context.kafkaBrokers}`);
  const { producerPerf } = await importScript<KafkaScript>('scripts/kafka.mjs');
  const topic = `${context.namespace}.perf`;
  const admin = new Kafka({
    clientId: 'vigil-bench',
    brokers: context.kafkaBrokers.split(','),
    logLevel: logLevel.NOTHING,
  }).admin();
  await admin.connect();
  try {
    // kafkajs' own waitForLeaders gives up on a fresh broker's first "does not host this topic-partition".
    await ensureTopics(admin, [topic], 6);
    const records = context.options.perfRecords;
    context.progress.say(`kafka: ProducerPerformance, ${formatNumber(records)} records of ${RECORD_SIZE} B to ${topic}`);
    const output = await producerPerf({ port: Number(port), records, recordSize: RECORD_SIZE, topic, echo: false });
    const summary = parsePerfSummary(output);
    return { figures: { 'ceiling.kafka': summary.perSecond }, details: { ...summary, recordSize: RECORD_SIZE, acks: 'all' } };
  } finally {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}
