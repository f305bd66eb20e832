import type { CaseCategory, CaseSeverity, StoredEvent } from '@vigil/contract';
import { UnapplicableEventError } from '../../projection';
import { caseKey, netDeltas, type Fact, type FactDelta } from './fact-delta';
import { countOf, instantOf } from './limits';

export type CaseEvent = StoredEvent<
  'CaseOpened' | 'CaseCleared' | 'ArrestMade' | 'CaseProsecuted' | 'CaseReclassified' | 'CaseVoided'
>;

export interface ArrestState {
  readonly arrestId: string;
  readonly persons: number;
  readonly occurredAt: number;
  readonly position: string;
}

/** A case as the figures need it (the `case_states` table), instants in epoch ms. */
export interface CaseState {
  readonly caseId: string;
  readonly unitId: string;
  readonly openedAt: number;
  readonly category: CaseCategory;
  readonly severity: CaseSeverity;
  readonly clearedAt: number | null;
  readonly prosecutedAt: number | null;
  readonly defendants: number | null;
  readonly voided: boolean;
  /** Positions of the events that opened and classified it, then of those that cleared and prosecuted it. */
  readonly classifiedBy: readonly string[];
  readonly outcomeBy: readonly string[];
  readonly arrests: readonly ArrestState[];
}

export function evolveCase(state: CaseState | undefined, event: CaseEvent): CaseState {
  const position = String(event.position);
  if (event.type === 'CaseOpened') {
    if (state !== undefined) throw new UnapplicableEventError(event, `case ${event.data.caseId} is already open`);
    const { caseId, unitId, category, severity } = event.data;
    return {
      caseId,
      unitId,
      openedAt: instantOf(event, event.occurredAt, 'occurredAt'),
      category,
      severity,
      clearedAt: null,
      prosecutedAt: null,
      defendants: null,
      voided: false,
      classifiedBy: [position],
      outcomeBy: [],
      arrests: [],
    };
  }
  if (state === undefined) throw new UnapplicableEventError(event, `case ${event.data.caseId} was never opened`);
  switch (event.type) {
    case 'CaseCleared':
      return { ...state, clearedAt: instantOf(event, event.occurredAt, 'occurredAt'), outcomeBy: [...state.outcomeBy, position] };
    case 'CaseProsecuted':
      return {
        ...state,
        prosecutedAt: instantOf(event, event.occurredAt, 'occurredAt'),
        defendants: countOf(event, event.data.defendants, 'defendants'),
        outcomeBy: [...state.outcomeBy, position],
      };
    case 'CaseReclassified':
      return {
        ...state,
        category: event.data.category ?? state.category,
        severity: event.data.severity ?? state.severity,
        classifiedBy: [...state.classifiedBy, position],
      };
    case 'CaseVoided':
      return { ...state, voided: true };
    case 'ArrestMade': {
      const arrest = {
        arrestId: event.data.arrestId,
        persons: countOf(event, event.data.persons, 'persons'),
        occurredAt: instantOf(event, event.occurredAt, 'occurredAt'),
        position,
      };
      return { ...state, arrests: [...state.arrests, arrest] };
    }
  }
}

/** The case as a fact (null once voided: a voided case drops out of every figure). */
export function caseFact(state: CaseState): Fact | null {
  if (state.voided) return null;
  return {
    unitId: state.unitId,
    family: 'case',
    occurredAt: state.openedAt,
    key: caseKey(state.category, state.severity),
    values: [1, state.clearedAt === null ? 0 : 1, state.prosecutedAt === null ? 0 : 1, state.defendants ?? 0],
    item: state.caseId,
    positions: [...state.classifiedBy, ...state.outcomeBy],
    clearedAt: state.clearedAt,
    prosecutedAt: state.prosecutedAt,
  };
}

/** An arrest as a fact: counted under its case's unit and classification, while the case is not voided. */
export function arrestFact(state: CaseState, arrest: ArrestState): Fact | null {
  if (state.voided) return null;
  return {
    unitId: state.unitId,
    family: 'arrest',
    occurredAt: arrest.occurredAt,
    key: caseKey(state.category, state.severity),
    values: [arrest.persons, 0, 0, 0],
    item: `${state.caseId}/${arrest.arrestId}`,
    positions: [arrest.position, ...state.classifiedBy],
    clearedAt: null,
    prosecutedAt: null,
  };
}

/** Every fact a case state makes: the case and its arrests. */
export function factsOfCase(state: CaseState | undefined): Fact[] {
  if (state === undefined) return [];
  return [caseFact(state), ...state.arrests.map((arrest) => arrestFact(state, arrest))].filter((fact) => fact !== null);
}

/** What one event changes: the facts it retracts and those it adds. */
function changeOf(state: CaseState | undefined, next: CaseState, event: CaseEvent): { retracted: Fact[]; added: Fact[] } {
  switch (event.type) {
    case 'CaseOpened':
      return { retracted: [], added: factsOfCase(next) };
    case 'ArrestMade':
      return { retracted: [], added: [arrestFact(next, next.arrests[next.arrests.length - 1]!)].filter((f) => f !== null) };
    case 'CaseCleared':
    case 'CaseProsecuted':
      return { retracted: [caseFact(state!)].filter((f) => f !== null), added: [caseFact(next)].filter((f) => f !== null) };
    case 'CaseReclassified':
    case 'CaseVoided':
      return { retracted: factsOfCase(state), added: factsOfCase(next) };
  }
}

/**
 * One case's events (in revision order) from its state before them: its state after, and the fact
 * deltas — at each event's recordedAt, minus the facts it replaces and plus the new ones.
 */
export function caseDeltas(
  before: CaseState | undefined,
  events: readonly CaseEvent[],
): { after: CaseState; deltas: FactDelta[] } {
  const deltas: FactDelta[] = [];
  let state = before;
  let sharedInstant = false;
  for (const event of events) {
    const next = evolveCase(state, event);
    const knownAt = Date.parse(event.recordedAt);
    sharedInstant ||= deltas.length > 0 && deltas[deltas.length - 1]!.knownAt === knownAt;
    const { retracted, added } = changeOf(state, next, event);
    for (const fact of retracted) deltas.push({ fact, sign: -1, knownAt });
    for (const fact of added) deltas.push({ fact, sign: 1, knownAt });
    state = next;
  }
  return { after: state!, deltas: sharedInstant ? netDeltas(deltas) : deltas };
}
