import { ANY, NO_STREAM, STREAM_EXISTS, type AppendStreamState, type CurrentStreamState } from '@kurrent/kurrentdb-client';
import type { ExpectedRevision } from '../event-store.port';

/** The port's expected revision in the client's terms. */
export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'exists':
      return STREAM_EXISTS;
    default:
      // The wire format gives negative numbers special meanings (-1 no stream, -2 any, -4 exists).
      if (expected < 0n) throw new RangeError(`expected revision must be 0 or more, got ${expected}`);
      return expected;
  }
}

/** A stream's actual state as the client reports it in a wrong-expected-version error. */
export function fromCurrentState(actual: CurrentStreamState | undefined): bigint | 'no_stream' {
  return actual === undefined || actual === NO_STREAM ? 'no_stream' : actual;
}
