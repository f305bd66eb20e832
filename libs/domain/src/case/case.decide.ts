import type { EventOf } from '@vigil/contract';
import { requireUnit, type DecisionContext } from '../context';
import { domainError, type Decision } from '../errors';
import { unhandled } from '../exhaustive';
import type { CaseEvent, CaseState, OpenCase } from './case.state';

const accept = (): Decision => null;

export function decideCase(state: CaseState, event: CaseEvent, context: DecisionContext): Decision {
  switch (event.type) {
    case 'CaseOpened':
      return decideOpened(state, event, context);
    case 'CaseCleared':
      return whenOpen(state, event.data.caseId, decideCleared);
    case 'ArrestMade':
      return whenOpen(state, event.data.caseId, (openCase) => decideArrest(openCase, event));
    case 'CaseProsecuted':
      return whenOpen(state, event.data.caseId, decideProsecuted);
    case 'CaseReclassified':
    case 'CaseVoided':
      return whenOpen(state, event.data.caseId, accept);
    default:
      return unhandled(event);
  }
}

function decideOpened(state: CaseState, event: EventOf<'CaseOpened'>, context: DecisionContext): Decision {
  const { caseId, unitId } = event.data;
  if (state.status === 'voided') return voided(caseId);
  if (state.status === 'open') return domainError('INVALID_TRANSITION', `case ${caseId} is already open`);
  return requireUnit(context, unitId);
}

function decideCleared(openCase: OpenCase): Decision {
  return openCase.cleared ? domainError('ALREADY_CLEARED', `case ${openCase.caseId} is already cleared`) : null;
}

function decideArrest(openCase: OpenCase, event: EventOf<'ArrestMade'>): Decision {
  const { arrestId } = event.data;
  if (openCase.arrestIds.includes(arrestId)) {
    return domainError('INVALID_TRANSITION', `arrest ${arrestId} is already recorded on case ${openCase.caseId}`);
  }
  return null;
}

function decideProsecuted(openCase: OpenCase): Decision {
  return openCase.prosecuted ? domainError('INVALID_TRANSITION', `case ${openCase.caseId} is already prosecuted`) : null;
}

function whenOpen(state: CaseState, caseId: string, rule: (openCase: OpenCase) => Decision): Decision {
  if (state.status === 'initial') return domainError('CASE_NOT_FOUND', `case ${caseId} has not been opened`);
  if (state.status === 'voided') return voided(caseId);
  return rule(state);
}

function voided(caseId: string): Decision {
  return domainError('CASE_VOIDED', `case ${caseId} was voided`);
}
