import { caseDeltas } from './record-cases';
import { caseHistoryDeltas } from './rollup-backfill';
import type { RollupDelta } from './rollup-deltas';
import { StoredEvents } from './figures.testing';

// A case's facts read back from its versions must add to the rollups what its events added one by one.
const stored = new StoredEvents();
const e = stored.event.bind(stored);
const known = (day: number) => `2024-03-${String(day).padStart(2, '0')}T03:00:00.000Z`;
const occurred = (day: number) => `2024-03-${String(day).padStart(2, '0')}T02:00:00.000Z`;

/** Deltas as sums per family, key, fact date and knowledge time, zeros dropped. */
function sums(deltas: readonly RollupDelta[]): Record<string, number[]> {
  const result: Record<string, number[]> = {};
  for (const d of deltas) {
    const key = `${d.family} ${d.key} ${Date.parse(d.occurredAt)} ${Date.parse(d.at)}`;
    const values = (result[key] ??= [0, 0, 0, 0]);
    d.values.forEach((value, index) => (values[index]! += value));
  }
  for (const [key, values] of Object.entries(result)) if (values.every((value) => value === 0)) delete result[key];
  return result;
}

describe('caseHistoryDeltas', () => {
  it('adds what the events added: a drugs case with arrests, reclassified to smuggling, cleared, then voided', () => {
    const caseId = 'LC-2024-000001';
    const unitId = 'VN-LCI-COCSAN';
    const events = [
      e('CaseOpened', { caseId, unitId, category: 'drugs', severity: 'serious' }, occurred(1), known(1)),
      e('ArrestMade', { caseId, arrestId: 'A1', persons: 3 }, occurred(2), known(2)),
      e('CaseReclassified', { caseId, category: 'smuggling' }, occurred(3), known(3)),
      e('ArrestMade', { caseId, arrestId: 'A2', persons: 2 }, occurred(4), known(4)),
      e('CaseCleared', { caseId }, occurred(5), known(5)),
      e('CaseVoided', { caseId, reason: 'opened in error' }, occurred(6), known(6)),
    ];
    const version = (category: 'drugs' | 'smuggling', cleared: boolean, voided: boolean, from: number, to: number | null) => ({
      caseId,
      unitId,
      openedAt: occurred(1),
      category,
      severity: 'serious' as const,
      clearedAt: cleared ? occurred(5) : null,
      prosecutedAt: null,
      defendants: null,
      voided,
      recordedFrom: known(from),
      recordedTo: to === null ? null : known(to),
    });
    const versions = [
      version('drugs', false, false, 1, 3),
      version('smuggling', false, false, 3, 5),
      version('smuggling', true, false, 5, 6),
      version('smuggling', true, true, 6, null),
    ];
    const arrests = [
      { caseId, persons: 3, occurredAt: occurred(2), recordedAt: known(2) },
      { caseId, persons: 2, occurredAt: occurred(4), recordedAt: known(4) },
    ];
    const history = sums(caseHistoryDeltas(versions, arrests));
    expect(history).toEqual(sums(caseDeltas(undefined, events as never, [])));
    // The 3 arrested count under drugs from 2 March, move to smuggling on 3 March, and leave with the void on 6 March.
    expect(history[`arrests c:drugs ${Date.parse(occurred(2))} ${Date.parse(known(2))}`]).toEqual([3, 0, 0, 0]);
    expect(history[`arrests c:drugs ${Date.parse(occurred(2))} ${Date.parse(known(3))}`]).toEqual([-3, 0, 0, 0]);
    expect(history[`arrests c:smuggling ${Date.parse(occurred(2))} ${Date.parse(known(6))}`]).toEqual([-3, 0, 0, 0]);
  });
});
