import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { IngestService, parseBatch } from '@vigil/ingest';
import { isDatabaseUnavailable, VIGIL_CONFIG, type VigilConfig, verifyToken } from '@vigil/platform';
import type { Kafka } from 'kafkajs';
import { headerText, type ReceivedMessage, type RejectionReason } from '../codec/dead-letters';
import { IdempotentProducer } from '../kafka/idempotent-producer';
import { KAFKA } from '../kafka/kafka.module';
import { inboundRejectedTopic } from '../kafka/topics';
import { batchesOfAtMost, boundedRejection } from './bounded-rejections';
import { retryTransient } from './retry-transient';

/** Pauses before storing a message again after a transient failure (the database restarting): ~8 s, then it is read again. */
export const STORE_RETRY_DELAYS_MS: readonly number[] = [250, 500, 1_000, 2_000, 4_000];

/**
 * Upstream producers on Kafka: each message (one envelope or an array, as over HTTP, with an
 * upstream token in its `authorization` header) goes through the very same ingest path. What is
 * not accepted goes to the rejected topic with its reason, and so does a message the store refuses,
 * so that no message holds up the ones behind it on its partition (CONTRACT.md §6). An outage is not
 * the message's fault: a store that keeps failing transiently (a lost connection, the database
 * restarting) after a few attempts, or a rejection that cannot be sent (Kafka down), is thrown: the
 * offset is not committed and the message is read again once they are back, never bounced.
 */
@Injectable()
export class InboundService implements OnApplicationShutdown {
  private readonly logger = new Logger(InboundService.name);
  private readonly rejected: IdempotentProducer;

  constructor(
    private readonly ingest: IngestService,
    @Inject(KAFKA) kafka: Kafka,
    @Inject(VIGIL_CONFIG) private readonly config: VigilConfig,
  ) {
    this.rejected = new IdempotentProducer(kafka);
  }

  async handle(received: ReceivedMessage): Promise<void> {
    const reasons = await this.accept(received).catch((error: unknown) => {
      if (isDatabaseUnavailable(error)) throw error; // an outage: read again later (see above)
      return [unexpected(error)];
    });
    if (reasons.length === 0) return;
    const now = new Date();
    const topic = inboundRejectedTopic(this.config.VIGIL_NAMESPACE);
    const records = reasons.map((reason) => boundedRejection(received, reason, now));
    for (const messages of batchesOfAtMost(records)) await this.rejected.send([{ topic, messages }]);
    this.logger.warn(
      {
        offset: received.message.offset,
        partition: received.partition,
        codes: reasons.map((r) => r.code),
        eventIds: reasons.flatMap((r) => (r.eventId ? [r.eventId] : [])),
      },
      'inbound rejected',
    );
  }

  async onApplicationShutdown(): Promise<void> {
    await this.rejected.disconnect();
  }

  /** The reasons to reject (empty when everything was appended or was a duplicate). */
  private async accept({ message }: ReceivedMessage): Promise<RejectionReason[]> {
    const token = /^Bearer\s+(\S+)$/i.exec(headerText(message.headers, 'authorization') ?? '')?.[1];
    if (!token) return [{ code: 'UNAUTHENTICATED', message: 'no authorization header with a Bearer token' }];
    const verified = await verifyToken(this.config.VIGIL_JWT_SECRET, token);
    if (!verified.ok) return [{ code: 'UNAUTHENTICATED', message: verified.reason }];
    if (verified.principal.role === 'analyst')
      return [{ code: 'ROLE_NOT_ALLOWED', message: 'an analyst token may not post events' }];

    const body = parseJson(message.value);
    if (!body.ok) return [{ code: 'MALFORMED_JSON', message: body.message }];
    if (body.value === null || typeof body.value !== 'object') {
      return [{ code: 'VALIDATION_FAILED', message: 'expected a JSON object or array' }];
    }
    const parsed = parseBatch(body.value, { now: new Date() });
    if (!parsed.ok) return [{ code: parsed.code, message: parsed.detail, problems: parsed.problems }];

    const stored = await retryTransient(() => this.ingest.ingest(parsed.envelopes, verified.principal), {
      delaysMs: STORE_RETRY_DELAYS_MS,
      isTransient: isDatabaseUnavailable,
      onRetry: (error, attempt) =>
        this.logger.warn({ err: error, offset: message.offset, attempt }, 'inbound message not stored; trying again'),
    });
    // An outage outlasting the attempts: read the message again later rather than bounce a valid event.
    if (!stored.ok && stored.transient) throw stored.error;
    if (!stored.ok) return [notStored(stored.error)];
    return stored.value.flatMap((result) =>
      result.status === 'rejected' ? [{ code: result.code, message: result.message, eventId: result.eventId }] : [],
    );
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** The value as JSON; bytes that are not UTF-8 are refused, never read leniently as U+FFFD. */
function parseJson(value: Buffer | null): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!value || value.length === 0) return { ok: false, message: 'the message has no value' };
  let text: string;
  try {
    text = UTF8.decode(value);
  } catch {
    return { ok: false, message: 'the value cannot be decoded: it is not valid UTF-8' };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `the value is not JSON: ${(error as Error).message}` };
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A message the store kept failing on: rejected with the reason, so the partition moves on. */
function notStored(error: unknown): RejectionReason {
  return { code: 'NOT_STORED', message: `the store refused it: ${messageOf(error)}` };
}

/** Anything else that went wrong deciding on a message is still a reason, never a stalled partition. */
function unexpected(error: unknown): RejectionReason {
  return { code: 'NOT_STORED', message: `it could not be processed: ${messageOf(error)}` };
}
