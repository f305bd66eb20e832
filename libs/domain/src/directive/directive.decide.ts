import type { EventOf } from '@vigil/contract';
import { requireUnit, type DecisionContext } from '../context';
import { domainError, type Decision } from '../errors';
import { unhandled } from '../exhaustive';
import type { ActiveTarget, DirectiveEvent, DirectiveState, IssuedDirective } from './directive.state';

export function decideDirective(state: DirectiveState, event: DirectiveEvent, context: DecisionContext): Decision {
  switch (event.type) {
    case 'DirectiveIssued':
      return decideIssued(state, event, context);
    case 'TargetSet':
      return whenIssued(state, event.data.directiveId, (directive) => decideTargetSet(directive, event, context));
    case 'TargetRevised':
      return whenIssued(state, event.data.directiveId, (directive) =>
        withActiveTarget(directive, event.data.targetId, (target) => decideRevised(target, event)),
      );
    case 'TargetWithdrawn':
      return whenIssued(state, event.data.directiveId, (directive) =>
        withActiveTarget(directive, event.data.targetId, () => null),
      );
    default:
      return unhandled(event);
  }
}

function decideIssued(state: DirectiveState, event: EventOf<'DirectiveIssued'>, context: DecisionContext): Decision {
  if (state.status !== 'initial')
    return domainError('INVALID_TRANSITION', `directive ${event.data.directiveId} is already issued`);
  return requireUnit(context, event.data.issuedByUnitId, 'issuing unit');
}

function decideTargetSet(directive: IssuedDirective, event: EventOf<'TargetSet'>, context: DecisionContext): Decision {
  const { targetId, unitId } = event.data;
  if (directive.targets.has(targetId)) {
    return domainError('INVALID_TRANSITION', `target ${targetId} of directive ${directive.directiveId} is already set`);
  }
  return requireUnit(context, unitId, 'target unit');
}

function decideRevised(target: ActiveTarget, event: EventOf<'TargetRevised'>): Decision {
  const { periodEnd } = event.data;
  if (periodEnd !== undefined && periodEnd < target.periodStart) {
    return domainError(
      'INVALID_TRANSITION',
      `target ${target.targetId} cannot end on ${periodEnd}, before its start ${target.periodStart}`,
    );
  }
  return null;
}

function whenIssued(state: DirectiveState, directiveId: string, rule: (directive: IssuedDirective) => Decision): Decision {
  if (state.status !== 'issued') return domainError('DIRECTIVE_NOT_FOUND', `directive ${directiveId} has not been issued`);
  return rule(state);
}

function withActiveTarget(directive: IssuedDirective, targetId: string, rule: (target: ActiveTarget) => Decision): Decision {
  const target = directive.targets.get(targetId);
  if (!target) return domainError('TARGET_NOT_FOUND', `directive ${directive.directiveId} has no target ${targetId}`);
  if (target.status === 'withdrawn') return domainError('INVALID_TRANSITION', `target ${targetId} was withdrawn`);
  return rule(target);
}
