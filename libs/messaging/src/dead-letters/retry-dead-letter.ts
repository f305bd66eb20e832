import { parseJsonStoredEvent } from '@vigil/contract';
import { type Projection, retryEvent } from '@vigil/projections';
import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import { type DeadLetterEntry, REASON_HEADER } from '../codec/dead-letters';
import { ensureTopicsExist } from '../kafka/ensure-topics';
import { IdempotentProducer } from '../kafka/idempotent-producer';
import { inboundTopic } from '../kafka/topics';

/**
 * An inbound rejection goes back onto the inbound topic, as it came (key, value, headers), signed
 * with the token the operator gives: the rejected topic never keeps the producer's token. Ingest
 * then decides again; a new rejection is a new dead letter.
 */
export async function retryInbound(
  kafka: Kafka,
  target: { namespace: string; partitions: number },
  entry: DeadLetterEntry,
  token: string,
): Promise<void> {
  const { [REASON_HEADER]: _reason, ...headers } = entry.headers;
  const topic = inboundTopic(target.namespace);
  await ensureTopicsExist(kafka, [topic], target.partitions);
  const producer = new IdempotentProducer(kafka);
  try {
    await producer.send([
      {
        topic,
        messages: [
          { key: entry.original.key, value: entry.original.value, headers: { ...headers, authorization: `Bearer ${token}` } },
        ],
      },
    ]);
  } finally {
    await producer.disconnect();
  }
}

/**
 * A projection's dead letter applied again to that projection's live version, outside its consumer,
 * by the projections' one engine path. An event set aside as unapplicable is applied past the
 * revision guard; one held back by a gap only once it is its stream's next revision. Throws with
 * the reason when it cannot be applied.
 */
export async function retryProjection(pool: Pool, projections: readonly Projection[], entry: DeadLetterEntry): Promise<void> {
  const projection = projections.find((candidate) => candidate.name === entry.projection);
  if (!projection) throw new Error(`no projection named ${entry.projection ?? '(none)'} in this build`);
  let json: unknown;
  try {
    json = JSON.parse(entry.original.value ?? '');
  } catch {
    throw new Error(`${entry.id}: the original is not JSON; it can only be discarded`);
  }
  const parsed = parseJsonStoredEvent(json);
  if (!parsed.ok) throw new Error(`${entry.id}: the original is not a stored event; it can only be discarded`);
  const reapply = !entry.reason.startsWith('revision gap');
  const outcome = await retryEvent(pool, projection, parsed.value, { reapply });
  if (outcome.status === 'skipped') throw new Error(`${entry.id}: not applied: ${outcome.reason}`);
}
