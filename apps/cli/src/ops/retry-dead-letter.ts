import { parseJsonStoredEvent } from '@vigil/contract';
import { inboundTopic } from '@vigil/messaging';
import { PROJECTIONS, applyEventOutsideConsumer } from '@vigil/projections';
import { type Kafka, Partitioners } from 'kafkajs';
import type { Pool } from 'pg';
import type { DeadLetterEntry } from './dead-letters';

/**
 * An inbound rejection goes back onto the inbound topic, as it came (key, value, headers), signed
 * with the token the operator gives: the rejected topic never keeps the producer's token. Ingest
 * then decides again; a new rejection is a new dead letter.
 */
export async function retryInbound(kafka: Kafka, namespace: string, entry: DeadLetterEntry, token: string): Promise<void> {
  const { 'vigil-reason': _reason, ...headers } = entry.headers;
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    await producer.send({
      topic: inboundTopic(namespace),
      acks: -1,
      messages: [
        { key: entry.original.key, value: entry.original.value, headers: { ...headers, authorization: `Bearer ${token}` } },
      ],
    });
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
}

/**
 * A projection's dead letter applied again to that projection's live version, outside its consumer.
 * An event set aside as unapplicable is applied past the revision guard; one held back by a gap
 * only once it is its stream's next revision. Throws with the reason when it cannot be applied.
 */
export async function retryProjection(pool: Pool, entry: DeadLetterEntry): Promise<void> {
  const projection = PROJECTIONS.find((candidate) => candidate.name === entry.projection);
  if (!projection) throw new Error(`no projection named ${entry.projection ?? '(none)'} in this build`);
  let json: unknown;
  try {
    json = JSON.parse(entry.original.value ?? '');
  } catch {
    throw new Error(`${entry.id}: the original is not JSON; it can only be discarded`);
  }
  const parsed = parseJsonStoredEvent(json);
  if (!parsed.ok) throw new Error(`${entry.id}: the original is not a stored event; it can only be discarded`);
  const pastGuard = !entry.reason.startsWith('revision gap');
  const outcome = await applyEventOutsideConsumer(pool, projection, parsed.value, pastGuard);
  if (outcome.status === 'skipped') throw new Error(`${entry.id}: not applied: ${outcome.reason}`);
}
