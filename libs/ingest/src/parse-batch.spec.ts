import { EXAMPLE_EVENTS } from '@vigil/contract';
import { parseBatch } from './parse-batch';

describe('parseBatch', () => {
  const now = new Date('2024-03-10T00:00:00Z');
  const tomorrow = { ...EXAMPLE_EVENTS.CaseOpened, occurredAt: '2024-03-11T00:00:00Z' };

  it('takes an event up to 24 hours after the moment it is posted', () => {
    expect(parseBatch([EXAMPLE_EVENTS.CaseCleared, tomorrow], { now })).toMatchObject({ ok: true, single: false });
  });

  it('refuses the batch when one event lies later, naming its index', () => {
    const later = { ...tomorrow, occurredAt: '2024-03-11T00:00:01Z' };
    expect(parseBatch([EXAMPLE_EVENTS.CaseCleared, later], { now })).toEqual({
      ok: false,
      code: 'VALIDATION_FAILED',
      detail: 'Nothing was stored.',
      problems: [
        {
          path: '/1/occurredAt',
          message: 'must not be more than 24 hours after the moment it is posted (at most 2024-03-11T00:00:00.000Z)',
          code: 'too_big',
        },
      ],
    });
  });

  it('refuses NUL in a single envelope with the path of the field', () => {
    const voided = { ...EXAMPLE_EVENTS.CaseVoided, data: { ...EXAMPLE_EVENTS.CaseVoided.data, reason: 'typo\u0000' } };
    expect(parseBatch(voided, { now: new Date('2025-01-01T00:00:00Z') })).toMatchObject({
      ok: false,
      code: 'VALIDATION_FAILED',
      problems: [{ path: '/data/reason', code: 'invalid_format' }],
    });
  });
});
