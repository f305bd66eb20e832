import type { EventOf } from '@vigil/contract';
import { unhandled } from '../exhaustive';
import type { CaseEvent, CaseState, OpenCase } from './case.state';

export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  if (event.type === 'CaseOpened') return opened(event);
  if (state.status !== 'open') return state;
  switch (event.type) {
    case 'CaseCleared':
      return { ...state, cleared: true };
    case 'ArrestMade':
      return { ...state, arrestIds: [...state.arrestIds, event.data.arrestId] };
    case 'CaseProsecuted':
      return { ...state, prosecuted: true };
    case 'CaseReclassified':
      return reclassified(state, event);
    case 'CaseVoided':
      return { ...state, status: 'voided', voidReason: event.data.reason };
    default:
      return unhandled(event);
  }
}

function opened(event: EventOf<'CaseOpened'>): OpenCase {
  const { caseId, unitId, category, severity } = event.data;
  return {
    status: 'open',
    caseId,
    unitId,
    category,
    severity,
    cleared: false,
    prosecuted: false,
    arrestIds: [],
    openedAt: event.occurredAt,
  };
}

function reclassified(state: OpenCase, event: EventOf<'CaseReclassified'>): OpenCase {
  const { category = state.category, severity = state.severity } = event.data;
  return { ...state, category, severity };
}
