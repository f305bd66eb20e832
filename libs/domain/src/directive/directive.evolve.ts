import type { EventOf } from '@vigil/contract';
import { unhandled } from '../exhaustive';
import type { DirectiveEvent, DirectiveState, IssuedDirective, TargetState } from './directive.state';

export function evolveDirective(state: DirectiveState, event: DirectiveEvent): DirectiveState {
  if (event.type === 'DirectiveIssued') return issued(event);
  if (state.status !== 'issued') return state;
  switch (event.type) {
    case 'TargetSet':
      return withTarget(state, targetSet(event));
    case 'TargetRevised':
      return updateTarget(state, event.data.targetId, (target) => revised(target, event));
    case 'TargetWithdrawn':
      return updateTarget(state, event.data.targetId, (target) => withdrawn(target, event));
    default:
      return unhandled(event);
  }
}

function issued(event: EventOf<'DirectiveIssued'>): IssuedDirective {
  const { directiveId, code, title, issuedByUnitId } = event.data;
  return { status: 'issued', directiveId, code, title, issuedByUnitId, issuedAt: event.occurredAt, targets: new Map() };
}

function targetSet(event: EventOf<'TargetSet'>): TargetState {
  const { directiveId: _directiveId, ...terms } = event.data;
  return { ...terms, setAt: event.occurredAt, status: 'active' };
}

function revised(target: TargetState, event: EventOf<'TargetRevised'>): TargetState {
  const { value = target.value, periodEnd = target.periodEnd } = event.data;
  return { ...target, value, periodEnd };
}

function withdrawn(target: TargetState, event: EventOf<'TargetWithdrawn'>): TargetState {
  return { ...target, status: 'withdrawn', withdrawnReason: event.data.reason, withdrawnAt: event.occurredAt };
}

function withTarget(directive: IssuedDirective, target: TargetState): IssuedDirective {
  return { ...directive, targets: new Map(directive.targets).set(target.targetId, target) };
}

function updateTarget(
  directive: IssuedDirective,
  targetId: string,
  change: (target: TargetState) => TargetState,
): IssuedDirective {
  const target = directive.targets.get(targetId);
  return target ? withTarget(directive, change(target)) : directive;
}
