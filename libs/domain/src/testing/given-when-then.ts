import type { EventEnvelope } from '@vigil/contract';
import type { Aggregate } from '../aggregate';
import { EMPTY_CONTEXT, type DecisionContext } from '../context';
import type { DomainError, DomainErrorCode } from '../errors';

export interface When<S> {
  /** Asserts the event is accepted; checks the state it leads to when given one; returns that state. */
  then(expected?: S): S;
  /** Asserts the event is refused with `code`; returns the error. */
  thenRejects(code: DomainErrorCode): DomainError;
}

export interface Given<S, E> {
  readonly state: S;
  when(event: NoInfer<E>): When<S>;
}

/** Given/When/Then for aggregates: the history is folded with `evolve`, the new event goes through `decide`. */
export function given<S, E extends EventEnvelope>(
  aggregate: Aggregate<S, E>,
  history: readonly NoInfer<E>[],
  context: DecisionContext = EMPTY_CONTEXT,
): Given<S, E> {
  const state = history.reduce((current, event) => aggregate.evolve(current, event), aggregate.initial);
  return {
    state,
    when(event) {
      const decision = aggregate.decide(state, event, context);
      return {
        then(expected) {
          // An object with `then` looks like a promise; refuse to be resolved as one.
          if (typeof expected === 'function') throw new Error('when(...) is not a promise: call .then(expectedState)');
          expect(decision).toBeNull();
          const next = aggregate.evolve(state, event);
          if (expected !== undefined) expect(next).toEqual(expected);
          return next;
        },
        thenRejects(code) {
          expect(decision).toEqual({ code, message: expect.any(String) });
          return decision as DomainError;
        },
      };
    },
  };
}
