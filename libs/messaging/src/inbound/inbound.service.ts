import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { IngestService, parseBatch } from '@vigil/ingest';
import { VIGIL_CONFIG, type VigilConfig, verifyToken } from '@vigil/platform';
import type { Kafka } from 'kafkajs';
import { headerText, inboundRejectionMessage, type ReceivedMessage, type RejectionReason } from '../codec/dead-letters';
import { IdempotentProducer } from '../kafka/idempotent-producer';
import { KAFKA } from '../kafka/kafka.module';
import { inboundRejectedTopic } from '../kafka/topics';

/**
 * Upstream producers on Kafka: each message (one envelope or an array, as over HTTP, with an
 * upstream token in its `authorization` header) goes through the very same ingest path. What is
 * not accepted goes to the rejected topic with its reason; a failure of our own (store down)
 * is thrown, so the offset is not committed and the message is read again.
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
    const reasons = await this.accept(received);
    if (reasons.length === 0) return;
    const now = new Date();
    await this.rejected.send([
      {
        topic: inboundRejectedTopic(this.config.VIGIL_NAMESPACE),
        messages: reasons.map((reason) => inboundRejectionMessage(received, reason, now)),
      },
    ]);
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

    const results = await this.ingest.ingest(parsed.envelopes, verified.principal);
    return results.flatMap((result) =>
      result.status === 'rejected' ? [{ code: result.code, message: result.message, eventId: result.eventId }] : [],
    );
  }
}

function parseJson(value: Buffer | null): { ok: true; value: unknown } | { ok: false; message: string } {
  if (!value || value.length === 0) return { ok: false, message: 'the message has no value' };
  try {
    return { ok: true, value: JSON.parse(value.toString('utf8')) };
  } catch (error) {
    return { ok: false, message: `the value is not JSON: ${(error as Error).message}` };
  }
}
