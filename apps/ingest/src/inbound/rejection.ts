import type { IHeaders } from 'kafkajs';

/** Why an inbound message was not (fully) accepted: a code, a message, and the paths of schema problems. */
export interface RejectionReason {
  code: string;
  message: string;
  eventId?: string;
  problems?: { path: string; message: string; code: string }[];
}

export interface OriginalMessage {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers?: IHeaders;
}

/** What lands on `<namespace>.inbound.rejected.v1`: the original message, untouched, and the reason. */
export function rejectionRecord(original: OriginalMessage, reason: RejectionReason, rejectedAt: Date) {
  return {
    key: original.key,
    value: JSON.stringify({
      reason,
      rejectedAt: rejectedAt.toISOString(),
      original: {
        topic: original.topic,
        partition: original.partition,
        offset: original.offset,
        key: original.key?.toString('utf8') ?? null,
        value: original.value?.toString('utf8') ?? null,
      },
    }),
    headers: { ...stripAuthorization(original.headers), 'vigil-reason': reason.code },
  };
}

/** A token is a credential: it must not be copied onto another topic. */
function stripAuthorization(headers: IHeaders | undefined): IHeaders {
  const { authorization: _dropped, ...rest } = headers ?? {};
  return rest;
}
