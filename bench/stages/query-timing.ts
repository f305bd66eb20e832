import type { RunningService } from '../harness/service';
import { percentile } from '../report/stats';
import { verdictOf, type Verdict } from './query-answers';
import { isAsOf, requestUrl, type QueryKind, type QueryRequest } from './query-mix';

/** One request sent: how long it took from send to the end of its body, and what it answered. */
export interface Sent {
  readonly request: QueryRequest;
  readonly url: string;
  readonly ms: number;
  readonly verdict: Verdict;
}

async function send(service: RunningService, request: QueryRequest): Promise<Sent> {
  const url = requestUrl(service.baseUrl, request);
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${service.token}` } });
  const text = await response.text();
  const ms = performance.now() - started;
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // not JSON: verdictOf reports the text
  }
  return { request, url, ms, verdict: verdictOf(request, response.status, body) };
}

/**
 * Requests one after the other (a latency, not a throughput). An endpoint the service does not have
 * is asked once: the rest of its requests are left out.
 */
export async function sendAll(
  service: RunningService,
  requests: readonly QueryRequest[],
  onEach: (done: number) => void,
): Promise<Sent[]> {
  const missing = new Set<QueryKind>();
  const sent: Sent[] = [];
  for (const request of requests) {
    if (missing.has(request.kind)) continue;
    const one = await send(service, request);
    if (one.verdict.kind === 'no such endpoint') missing.add(request.kind);
    sent.push(one);
    onEach(sent.length);
  }
  return sent;
}

const evaluated = (sent: Sent) => sent.verdict.kind === 'evaluated';

/** One endpoint's figures: what the warm-up found to evaluate and the latencies of the timed mix. */
export function summarise(kind: QueryKind, warmUp: readonly Sent[], timed: readonly Sent[]) {
  const ofKind = (list: readonly Sent[]) => list.filter((sent) => sent.request.kind === kind);
  const distinct = ofKind(warmUp);
  const measured = ofKind(timed).filter(evaluated);
  const latencies = measured.map((sent) => sent.ms);
  return {
    distinct: distinct.length,
    distinctAsOf: distinct.filter((sent) => isAsOf(sent.request)).length,
    evaluable: distinct.filter(evaluated).length,
    evaluableAsOf: distinct.filter((sent) => evaluated(sent) && isAsOf(sent.request)).length,
    timed: measured.length,
    timedAsOf: measured.filter((sent) => isAsOf(sent.request)).length,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.length > 0 ? Math.max(...latencies) : Number.NaN,
    warmUpP95: percentile(
      distinct.filter(evaluated).map((sent) => sent.ms),
      95,
    ),
  };
}
