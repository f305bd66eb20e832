#!/usr/bin/env node
// Proves kafkajs works against the local broker: admin topic creation, idempotent produce,
// group consumption with explicit offset commits, and admin.fetchOffsets.
// Starts the broker when nothing answers (and stops it again); exits 0 on success.
//   node scripts/kafka-smoke.mjs
import { createRequire } from 'node:module';
import { defaultPort, ensureKafka, stopKafka } from './kafka.mjs';

const require = createRequire(import.meta.url);
const { Kafka, Partitioners, logLevel } = require('kafkajs');

// kafkajs 2.2.4 passes a negative delay to setTimeout on Node 24 (tulios/kafkajs#1751); harmless, so not printed.
process.removeAllListeners('warning');
process.on('warning', (w) => w.name !== 'TimeoutNegativeWarning' && console.warn(`${w.name}: ${w.message}`));

const MESSAGES = 10;
const PARTITIONS = 6;
const TIMEOUT_MS = 60_000;

// kafkajs' own warnings and errors, one line each.
const logCreator =
  () =>
  ({ namespace, level, log }) => {
    const name = level === logLevel.ERROR ? 'ERROR' : 'WARN';
    console.log(`  kafkajs ${name} [${namespace}] ${log.message}${log.error ? `: ${log.error}` : ''}`);
  };

function withTimeout(promise, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function createTopic(admin, topic) {
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }],
    waitForLeaders: true,
  });
  if (!created) throw new Error(`topic ${topic} already existed`);
  const [meta] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
  console.log(`created topic ${topic} with ${meta.partitions.length} partitions`);
}

async function produce(kafka, topic) {
  const producer = kafka.producer({
    idempotent: true,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  const messages = Array.from({ length: MESSAGES }, (_, i) => ({
    key: `stream-${i}`,
    value: JSON.stringify({ n: i }),
  }));
  const results = await producer.send({ topic, acks: -1, messages });
  await producer.disconnect();
  const used = results.map((r) => `p${r.partition}@${r.baseOffset}`).join(' ');
  console.log(`produced ${MESSAGES} messages (idempotent, acks=-1): ${used}`);
}

// Consumes every message with eachBatch and commits offsets explicitly after each batch.
async function consume(kafka, topic, groupId) {
  const consumer = kafka.consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const seen = new Set();
  await new Promise((resolve, reject) => {
    consumer
      .run({
        autoCommit: false,
        eachBatch: async ({ batch, resolveOffset }) => {
          for (const message of batch.messages) {
            seen.add(JSON.parse(message.value.toString()).n);
            resolveOffset(message.offset);
          }
          const next = String(Number(batch.lastOffset()) + 1);
          await consumer.commitOffsets([{ topic, partition: batch.partition, offset: next }]);
          if (seen.size === MESSAGES) resolve();
        },
      })
      .catch(reject);
  });
  await consumer.disconnect();
  console.log(`consumed ${seen.size} distinct messages in group ${groupId}, offsets committed`);
}

async function committedTotal(admin, topic, groupId) {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] });
  const perPartition = offsets.partitions.map((p) => Math.max(0, Number(p.offset)));
  return perPartition.reduce((a, b) => a + b, 0);
}

async function smoke(brokers) {
  const kafka = new Kafka({
    clientId: 'vigil-smoke',
    brokers: [brokers],
    logLevel: logLevel.WARN,
    logCreator,
  });
  const topic = `vigil-smoke-${Date.now()}`;
  const groupId = `${topic}-group`;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await createTopic(admin, topic);
    await produce(kafka, topic);
    await consume(kafka, topic, groupId);
    const total = await committedTotal(admin, topic, groupId);
    console.log(`admin.fetchOffsets: committed offsets sum to ${total}`);
    if (total !== MESSAGES) throw new Error(`expected committed offsets to sum to ${MESSAGES}, got ${total}`);
    await admin.deleteGroups([groupId]);
    await admin.deleteTopics({ topics: [topic] });
  } finally {
    await admin.disconnect();
  }
}

async function main() {
  const port = defaultPort();
  const started = Date.now();
  const { brokers, startedByUs } = await ensureKafka({ port });
  try {
    await withTimeout(smoke(brokers), 'kafkajs smoke test');
    console.log(`kafka smoke test passed against ${brokers} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    if (startedByUs) await stopKafka({ port });
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`kafka smoke test FAILED: ${err.stack ?? err}`);
    process.exit(1);
  },
);
