import type { EventEnvelope, IngestAnswer } from '@vigil/contract';

/** What one system answered for each event: `appended`, `duplicate`, or `rejected CODE`. */
export type Verdicts = Map<string, string>;

const REQUEST_TIMEOUT_MS = 60_000;

async function postBatch(url: string, token: string, events: EventEnvelope[]): Promise<IngestAnswer> {
  const response = await fetch(`${url}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(events),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST ${url}/v1/events answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as IngestAnswer;
}

function record(verdicts: Verdicts, answer: IngestAnswer): void {
  for (const result of answer.results) {
    verdicts.set(result.eventId, result.status === 'rejected' ? `rejected ${result.code}` : result.status);
  }
}

/**
 * Posts every batch to two systems at once: the services apart (each batch to the next of its
 * ingest instances, in turn) and the all-in-one reference, and keeps what each answered per event.
 */
export class TwinPoster {
  readonly apart: Verdicts = new Map();
  readonly reference: Verdicts = new Map();
  private turn = 0;

  constructor(
    private readonly ingestUrls: readonly string[],
    private readonly referenceUrl: string,
    private readonly token: string,
  ) {}

  readonly post = async (events: EventEnvelope[]): Promise<void> => {
    const ingest = this.ingestUrls[this.turn++ % this.ingestUrls.length]!;
    const [apart, reference] = await Promise.all([
      postBatch(ingest, this.token, events),
      postBatch(this.referenceUrl, this.token, events),
    ]);
    record(this.apart, apart);
    record(this.reference, reference);
  };

  /** Events the services apart answered `appended`. */
  get appendedApart(): number {
    return [...this.apart.values()].filter((verdict) => verdict === 'appended').length;
  }
}
