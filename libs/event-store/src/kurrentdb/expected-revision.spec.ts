import { ANY, NO_STREAM, STREAM_EXISTS } from '@kurrent/kurrentdb-client';
import { fromCurrentState, toStreamState } from './expected-revision';

describe('toStreamState', () => {
  it.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['exists', STREAM_EXISTS],
  ] as const)("maps '%s' to the client's %s", (expected, state) => {
    expect(toStreamState(expected)).toBe(state);
  });

  it('passes an exact revision through', () => {
    expect(toStreamState(0n)).toBe(0n);
    expect(toStreamState(41n)).toBe(41n);
  });

  it('refuses a negative revision, which the wire format would read as a constant', () => {
    expect(() => toStreamState(-1n)).toThrow(RangeError);
  });
});

describe('fromCurrentState', () => {
  it("reports a missing stream as 'no_stream' and a revision as itself", () => {
    expect(fromCurrentState(NO_STREAM)).toBe('no_stream');
    expect(fromCurrentState(undefined)).toBe('no_stream');
    expect(fromCurrentState(7n)).toBe(7n);
  });
});
