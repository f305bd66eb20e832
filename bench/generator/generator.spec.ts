import { EVENT_TYPES, METRIC_NAMES, parseEnvelope, streamOf, type EventEnvelope } from '@vigil/contract';
import { aggregateFor, type AggregateState, type UnitState } from '@vigil/domain';
import { generateBatches, generateEvents, type GeneratorOptions } from './generate';

const OPTIONS: GeneratorOptions = { events: 20_000, communes: 3_300, seed: 'spec' };
const events = [...generateEvents(OPTIONS)];
const ofType = <T extends EventEnvelope['type']>(type: T) =>
  events.filter((e): e is Extract<EventEnvelope, { type: T }> => e.type === type);

describe('generateEvents', () => {
  it('yields exactly the number of events asked for', () => {
    expect(events).toHaveLength(20_000);
  });

  it('yields the same events with the same ids for the same seed', () => {
    expect(JSON.stringify([...generateEvents(OPTIONS)])).toBe(JSON.stringify(events));
  });

  it('yields other ids for another seed', () => {
    const other = [...generateEvents({ ...OPTIONS, seed: 'other' })];
    const ids = new Set(events.map((e) => e.eventId));
    expect(other.filter((e) => ids.has(e.eventId))).toEqual([]);
  });

  it('never repeats an event id', () => {
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
  });

  it('yields only envelopes that parseEnvelope accepts unchanged when the bench posts them', () => {
    const now = new Date();
    const invalid = events
      .map((event) => ({ event, result: parseEnvelope(event, { now }) }))
      .filter(({ result }) => !result.ok)
      .slice(0, 3);
    expect(invalid).toEqual([]);
  });

  it('has every event type of the catalogue in its mix', () => {
    const types = new Set(events.map((e) => e.type));
    expect(EVENT_TYPES.filter((type) => !types.has(type))).toEqual([]);
  });

  it('sets targets on every metric of the catalogue', () => {
    const metrics = new Set(ofType('TargetSet').map((e) => e.data.metric));
    expect(METRIC_NAMES.filter((metric) => !metrics.has(metric))).toEqual([]);
  });

  it('posts no case event before its CaseOpened, none after CaseVoided, and clears a case at most once', () => {
    const opened = new Set<string>();
    const closed = new Set<string>();
    const cleared = new Set<string>();
    const wrong: string[] = [];
    for (const event of events) {
      if (streamOf(event).category !== 'cases') continue;
      const { caseId } = event.data as { caseId: string };
      if (event.type === 'CaseOpened') opened.add(caseId);
      else if (!opened.has(caseId)) wrong.push(`${event.type} before CaseOpened of ${caseId}`);
      if (closed.has(caseId)) wrong.push(`${event.type} after CaseVoided of ${caseId}`);
      if (event.type === 'CaseVoided') closed.add(caseId);
      if (event.type === 'CaseCleared' && cleared.has(caseId)) wrong.push(`${caseId} cleared twice`);
      if (event.type === 'CaseCleared') cleared.add(caseId);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(opened.size).toBeGreaterThan(2_000);
  });

  it('is accepted event by event by the domain rules, in the order it is posted', () => {
    const states = new Map<string, AggregateState>();
    const units = new Map<string, UnitState>();
    const rejected: string[] = [];
    for (const event of events) {
      const { category, streamId } = streamOf(event);
      const aggregate = aggregateFor(category);
      const state = states.get(streamId) ?? aggregate.initial;
      const error = aggregate.decide(state, event, { units });
      if (error) rejected.push(`${event.type} ${streamId}: ${error.code} ${error.message}`);
      const next = aggregate.evolve(state, event);
      states.set(streamId, next);
      if (category === 'units') units.set(streamId.slice('unit-'.length), next as UnitState);
    }
    expect(rejected.slice(0, 5)).toEqual([]);
  });

  it('moves every commune from its district to its province on 2025-07-01', () => {
    const communes = ofType('UnitRegistered').filter((e) => e.data.level === 'commune');
    const moves = ofType('UnitReassigned');
    expect(communes).toHaveLength(3_300);
    expect(moves).toHaveLength(3_300);
    for (const move of moves.slice(0, 50)) {
      expect(move.occurredAt).toBe('2025-07-01T00:00:00+07:00');
      expect(move.data.unitId.startsWith(`${move.data.parentUnitId}-D`)).toBe(true);
    }
  });

  it('has a few events reported days after their neighbours', () => {
    const late = events.filter(
      (event, i) => i > 0 && Date.parse(events[i - 1]!.occurredAt) - Date.parse(event.occurredAt) > 2 * 86_400_000,
    );
    expect(late.length).toBeGreaterThan(5);
    expect(late.length).toBeLessThan(events.length * 0.01);
  });

  it('comes in batches of at most the size asked for, in the same order', () => {
    const batches = [...generateBatches(OPTIONS, 7_000)];
    expect(batches.map((batch) => batch.length)).toEqual([7_000, 7_000, 6_000]);
    expect(batches.flat().map((e) => e.eventId)).toEqual(events.map((e) => e.eventId));
  });
});
