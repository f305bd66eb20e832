import type { StoredEvent } from '@vigil/contract';
import type { Logger } from '@vigil/platform';
import type { BatchResult } from '@vigil/projections';
import type { DeadLetter } from '../codec/dead-letters';

const ids = (event: StoredEvent) => ({
  eventId: event.eventId,
  correlationId: event.metadata.correlationId,
  streamId: event.streamId,
  position: String(event.position),
});

/**
 * The projector's lines about a committed batch: each event applied (debug), each one set aside as
 * a dead letter (warn, with the reason), with its `eventId` and `correlationId`.
 */
export function logBatch(logger: Logger, projection: string, result: BatchResult, undecodable: readonly DeadLetter[]): void {
  if (logger.isLevelEnabled('debug')) {
    for (const event of result.applied) logger.debug({ projection, ...ids(event) }, 'event applied');
  }
  for (const { event, reason } of [...result.gaps, ...result.unapplicable]) {
    logger.warn({ projection, ...ids(event), reason }, 'event dead-lettered');
  }
  for (const { original, reason } of undecodable) {
    const { topic, partition, offset } = original;
    logger.warn({ projection, topic, partition, offset, reason }, 'message dead-lettered');
  }
}
