import type { StoredEvent } from '@vigil/contract';
import type { Logger } from '@vigil/platform';
import { applyToLiveVersion, type BatchResult, type Projection } from '@vigil/projections';
import type { KafkaMessage } from 'kafkajs';
import type { Pool, PoolClient } from 'pg';
import type { DeadLetter, OriginalMessage } from '../codec/dead-letters';
import { decodeStoredEvent, type DeliveredEvent } from '../codec/stored-event-messages';
import { logBatch } from './batch-log';
import { firstSent } from './dead-letters-sent';

export interface BatchOutcome {
  applied: number;
  redelivered: number;
  deadLettered: number;
}

/** The messages of one topic-partition in a fetch. */
export interface PartitionBatch {
  topic: string;
  partition: number;
  messages: readonly KafkaMessage[];
}

export interface DeadLetterSink {
  publish(deadLetters: readonly DeadLetter[]): Promise<void>;
}

/**
 * Kafka batches (one or several topic-partitions, each in order) into the read model by the projections' engine
 * (`applyToLiveVersion`: the events and the per-stream revisions in ONE PostgreSQL transaction).
 * Messages that are not stored events, gaps and unapplicable events become dead letters, sent
 * before that transaction commits, so a crash in between sends them again rather than losing them;
 * once it committed, a batch delivered again does not send them twice (dead-letters-sent.ts). The
 * caller commits the Kafka offsets only after this resolves.
 */
export class BatchProcessor {
  constructor(
    private readonly pool: Pool,
    private readonly projection: Projection,
    private readonly deadLetters: DeadLetterSink,
    private readonly logger?: Logger,
  ) {}

  /** `isolateFailures`: after failed attempts, set aside the events that fail alone, whatever the error (see `applyBatch`). */
  async process(parts: readonly PartitionBatch[], { isolateFailures = false } = {}): Promise<BatchOutcome> {
    const delivered: DeliveredEvent[] = [];
    const undecodable: DeadLetter[] = [];
    for (const { topic, partition, messages } of parts) {
      for (const message of messages) {
        const decoded = decodeStoredEvent({ topic, partition, message });
        if (decoded.ok) delivered.push(decoded.delivered);
        else undecodable.push(decoded.deadLetter);
      }
    }
    const originals = new Map(delivered.map((item) => [item.event, item.original]));
    const { result, after } = await applyToLiveVersion(
      this.pool,
      this.projection,
      delivered.map((item) => item.event),
      {
        isolateFailures,
        beforeCommit: (client, result) => this.sendDeadLetters(client, result, [...undecodable, ...setAside(result, originals)]),
      },
    );
    if (this.logger) logBatch(this.logger, this.projection.name, result, undecodable);
    return after!;
  }

  private async sendDeadLetters(client: PoolClient, result: BatchResult, deadLetters: DeadLetter[]): Promise<BatchOutcome> {
    const sent = await firstSent(client, this.projection.name, deadLetters);
    await this.deadLetters.publish(sent);
    return { applied: result.applied.length, redelivered: result.redelivered.length, deadLettered: sent.length };
  }
}

/** The gaps and the unapplicable events, as dead letters of the messages they came in. */
function setAside(result: BatchResult, originals: ReadonlyMap<StoredEvent, OriginalMessage>): DeadLetter[] {
  return [...result.gaps, ...result.unapplicable].map(({ event, reason }) => ({ reason, original: originals.get(event)! }));
}
