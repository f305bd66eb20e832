import type { EventEnvelope } from '@vigil/contract';
import type { RunningService } from '../harness/service';
import type { Answer, View } from './freshness-watch';

const TIMEOUT_MS = 30_000;

export interface IngestResult {
  readonly status: 'appended' | 'duplicate' | 'rejected';
  readonly code?: string;
  readonly message?: string;
}

/** POST /v1/events: one result per event, in order. */
export async function postEvents(service: RunningService, events: readonly EventEnvelope[]): Promise<IngestResult[]> {
  const response = await fetch(`${service.baseUrl}/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${service.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(events),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`POST /v1/events answered ${response.status}: ${text.slice(0, 500)}`);
  return (JSON.parse(text) as { results: IngestResult[] }).results;
}

async function getJson<T>(service: RunningService, path: string): Promise<T> {
  const response = await fetch(`${service.baseUrl}${path}`, {
    headers: { authorization: `Bearer ${service.token}` },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text) as T;
}

const day = (at: Date, offset: number) => new Date(at.getTime() + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Asks one view about the probe unit: the register lists its newest `window` cases (probe ids count
 * down); the unit's stats count its cases opened around today.
 */
export async function queryView(service: RunningService, view: View, probeUnit: string, window: number): Promise<Answer> {
  const unit = encodeURIComponent(probeUnit);
  if (view === 'register') {
    const limit = Math.min(500, Math.max(1, window));
    const page = await getJson<{ items: { caseId: string }[] }>(service, `/v1/cases?unitId=${unit}&limit=${limit}`);
    return { caseIds: page.items.map((item) => item.caseId) };
  }
  const now = new Date();
  const stats = await getJson<{ casesOpened: number }>(service, `/v1/units/${unit}/stats?from=${day(now, -2)}&to=${day(now, 2)}`);
  return { count: stats.casesOpened };
}
