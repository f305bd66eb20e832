import { EXAMPLE_EVENTS } from './examples';
import { fromJsonStoredEvent, parseJsonStoredEvent, toJsonStoredEvent, type StoredEvent } from './stored-event';

const stored: StoredEvent<'CaseOpened'> = {
  ...EXAMPLE_EVENTS.CaseOpened,
  metadata: { correlationId: 'corr-1', principal: { role: 'upstream', unit: 'VN-LCI', subject: 'lc-case-mgmt' } },
  streamId: 'case-LC-2024-000123',
  revision: 0n,
  position: 9_007_199_254_740_993n,
  recordedAt: '2024-03-01T08:00:01.250Z',
};

describe('stored events as JSON', () => {
  it('writes revision and position as decimal strings, beyond 2^53 exactly', () => {
    const json = toJsonStoredEvent(stored);
    expect(json.revision).toBe('0');
    expect(json.position).toBe('9007199254740993');
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('reads back the same event', () => {
    expect(fromJsonStoredEvent(toJsonStoredEvent(stored))).toEqual(stored);
  });

  it('parses and validates JSON from the wire', () => {
    const wire = JSON.parse(JSON.stringify(toJsonStoredEvent(stored)));
    expect(parseJsonStoredEvent(wire)).toEqual({ ok: true, value: stored });
  });

  it('requires the principal Vigil recorded', () => {
    const wire = { ...toJsonStoredEvent(stored), metadata: { correlationId: 'corr-1' } };
    expect(parseJsonStoredEvent(wire)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ path: '/metadata/principal', code: 'invalid_type' })],
    });
  });

  it('rejects a position that is not a decimal integer', () => {
    const wire = { ...toJsonStoredEvent(stored), position: '12.5' };
    expect(parseJsonStoredEvent(wire)).toEqual({
      ok: false,
      problems: [{ path: '/position', message: 'must be a non-negative decimal integer', code: 'invalid_format' }],
    });
  });

  it('rejects a stream id that does not match the data', () => {
    const wire = { ...toJsonStoredEvent(stored), streamId: 'case-LC-2024-999999' };
    expect(parseJsonStoredEvent(wire)).toEqual({
      ok: false,
      problems: [{ path: '/streamId', message: 'must be case-LC-2024-000123 for this event', code: 'custom' }],
    });
  });

  it('rejects an unknown type', () => {
    expect(parseJsonStoredEvent({ type: 'Nope' })).toMatchObject({ ok: false, problems: [{ path: '/type' }] });
    expect(parseJsonStoredEvent(null)).toMatchObject({ ok: false, problems: [{ path: '/type' }] });
  });
});
