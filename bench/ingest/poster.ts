import type { EventEnvelope } from '@vigil/contract';

interface IngestResult {
  readonly eventId: string;
  readonly status: 'appended' | 'duplicate' | 'rejected';
  readonly code?: string;
  readonly message?: string;
}

/** What the service answered, batch by batch. */
export class IngestTally {
  readonly latenciesMs: number[] = [];
  readonly statuses = { appended: 0, duplicate: 0, rejected: 0 };
  readonly rejections: string[] = [];

  get answered(): number {
    return this.statuses.appended + this.statuses.duplicate + this.statuses.rejected;
  }
}

const REQUEST_TIMEOUT_MS = 120_000;

/** POST /v1/events with one batch; a non-200 answer fails the stage with the problem details. */
export function poster(baseUrl: string, token: string, tally: IngestTally) {
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  return async (events: EventEnvelope[]): Promise<void> => {
    const body = JSON.stringify(events);
    const started = performance.now();
    const response = await fetch(`${baseUrl}/v1/events`, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    tally.latenciesMs.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`POST /v1/events answered ${response.status}: ${text.slice(0, 500)}`);
    const { results } = JSON.parse(text) as { results: IngestResult[] };
    for (const result of results) {
      tally.statuses[result.status] += 1;
      if (result.status === 'rejected' && tally.rejections.length < 5) tally.rejections.push(`${result.code}: ${result.message}`);
    }
  };
}
