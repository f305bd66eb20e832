import { inTransaction } from '@vigil/platform';
import type { KafkaMessage } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import type { Projection } from '../projection';
import { liveVersion, lockLiveVersionShared } from '../versions';
import { applyWithFallback } from './apply-with-fallback';
import { firstSent } from './dead-letters-sent';
import { decodeMessage } from './decode-message';
import type { DeadLetter, DeliveredEvent } from './delivered-event';
import { selectNextEvents } from './select-next-events';
import { lockAppliedRevisions, saveAppliedRevisions } from './stream-revisions';

export interface BatchOutcome {
  applied: number;
  redelivered: number;
  deadLettered: number;
}

export interface DeadLetterSink {
  publish(deadLetters: readonly DeadLetter[]): Promise<void>;
}

/**
 * One Kafka batch (one topic-partition) into the read model: the events and the per-stream
 * revisions in ONE PostgreSQL transaction. Dead letters are sent before that transaction commits,
 * so a crash in between sends them again rather than losing them; once it committed, a batch
 * delivered again does not send them twice (dead-letters-sent.ts). The caller commits the Kafka
 * offsets only after this resolves.
 */
export class BatchProcessor {
  constructor(
    private readonly pool: Pool,
    private readonly projection: Projection,
    private readonly deadLetters: DeadLetterSink,
  ) {}

  async process(topic: string, partition: number, messages: readonly KafkaMessage[]): Promise<BatchOutcome> {
    const delivered: DeliveredEvent[] = [];
    const deadLetters: DeadLetter[] = [];
    for (const message of messages) {
      const decoded = decodeMessage(topic, partition, message);
      if (decoded.ok) delivered.push(decoded.delivered);
      else deadLetters.push(decoded.deadLetter);
    }
    return inTransaction(this.pool, async (client) => {
      const outcome = delivered.length === 0 ? { applied: 0, redelivered: 0 } : await this.apply(client, delivered, deadLetters);
      const sent = await firstSent(client, this.projection.name, deadLetters);
      await this.deadLetters.publish(sent);
      return { ...outcome, deadLettered: sent.length };
    });
  }

  /** The delivered events past each stream's guard into the live version; adds the gaps and the unapplicable to `deadLetters`. */
  private async apply(
    client: PoolClient,
    delivered: readonly DeliveredEvent[],
    deadLetters: DeadLetter[],
  ): Promise<{ applied: number; redelivered: number }> {
    const schema = await this.liveSchema(client);
    const streamIds = [...new Set(delivered.map((item) => item.event.streamId))];
    const applied = await lockAppliedRevisions(client, schema, streamIds);
    const selection = selectNextEvents(delivered, applied);
    const outcome = await applyWithFallback(
      client,
      this.projection,
      schema,
      selection.next.map((item) => item.event),
    );
    // An unapplicable event is consumed (dead-lettered): the stream moves past it, unlike a gap.
    const moved = new Map<string, { revision: bigint; position: bigint }>();
    for (const { event } of selection.next) moved.set(event.streamId, { revision: event.revision, position: event.position });
    await saveAppliedRevisions(client, schema, moved);

    const originals = new Map(selection.next.map((item) => [item.event, item.original]));
    const unapplicable = outcome.unapplicable.map(({ event, reason }) => ({ reason, original: originals.get(event)! }));
    deadLetters.push(...selection.gaps, ...unapplicable);
    return { applied: outcome.applied.length, redelivered: selection.redelivered.length };
  }

  /** Resolved in each batch's transaction, under the lock a rebuild's switch takes exclusively. */
  private async liveSchema(client: PoolClient): Promise<string> {
    await lockLiveVersionShared(client, this.projection.name);
    const live = await liveVersion(client, this.projection.name);
    if (!live) throw new Error(`projection ${this.projection.name} has no live version`);
    return live.schema;
  }
}
