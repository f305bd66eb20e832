import { type EventEnvelope, parseEnvelope } from '@vigil/contract';
import type { ProblemItem } from '@vigil/platform';

export const MAX_BATCH = 1_000;

export type ParsedBatch =
  | { ok: true; single: boolean; envelopes: EventEnvelope[] }
  | { ok: false; code: string; detail: string; problems: ProblemItem[] };

export interface ParseBatchOptions {
  /** The moment the batch is posted (HTTP) or read (Kafka): no event may occur more than 24 hours after it. */
  readonly now: Date;
}

/** One envelope or an array of 1..1,000; every problem reported with its path, nothing half-accepted. */
export function parseBatch(body: unknown, options: ParseBatchOptions): ParsedBatch {
  const single = !Array.isArray(body);
  const items: unknown[] = single ? [body] : (body as unknown[]);
  if (items.length === 0) return failure('EMPTY_BATCH', 'Post one envelope or an array of 1 to 1,000.', '', 'empty array');
  if (items.length > MAX_BATCH) {
    return failure(
      'TOO_MANY_EVENTS',
      `A batch holds at most ${MAX_BATCH} events; this one has ${items.length}.`,
      '',
      'too many events',
    );
  }
  const problems: ProblemItem[] = [];
  const envelopes: EventEnvelope[] = [];
  items.forEach((item, index) => {
    const parsed = parseEnvelope(item, options);
    const prefix = single ? '' : `/${index}`;
    if (parsed.ok) envelopes.push(parsed.value);
    else problems.push(...parsed.problems.map((problem) => ({ ...problem, path: `${prefix}${problem.path}` })));
  });
  if (problems.length > 0) return { ok: false, code: 'VALIDATION_FAILED', detail: 'Nothing was stored.', problems };
  const duplicates = duplicatedIds(envelopes);
  if (duplicates.length > 0) {
    return {
      ok: false,
      code: 'DUPLICATE_EVENT_ID',
      detail: 'An eventId appears more than once in the batch; nothing was stored.',
      problems: duplicates.map((index) => ({
        path: `/${index}/eventId`,
        message: 'repeats an earlier eventId',
        code: 'duplicate',
      })),
    };
  }
  return { ok: true, single, envelopes };
}

function duplicatedIds(envelopes: EventEnvelope[]): number[] {
  const seen = new Set<string>();
  return envelopes.flatMap((envelope, index) => {
    const repeated = seen.has(envelope.eventId);
    seen.add(envelope.eventId);
    return repeated ? [index] : [];
  });
}

function failure(code: string, detail: string, path: string, message: string): ParsedBatch {
  return { ok: false, code, detail, problems: [{ path, message, code: code.toLowerCase() }] };
}
