import type { ReceivedMessage, RejectionReason } from '../codec/dead-letters';
import { batchesOfAtMost, boundedRejection } from './bounded-rejections';

const received = (value: string): ReceivedMessage => ({
  topic: 'vigil.inbound.v1',
  partition: 2,
  message: {
    offset: '41',
    key: Buffer.from('VN-LCI'),
    value: Buffer.from(value),
    headers: { authorization: 'Bearer t', type: 'x' },
  },
});
const at = new Date('2024-03-01T08:00:00Z');
const recordOf = (message: { value: unknown }) => JSON.parse(String(message.value));
const problem = (index: number) => ({
  path: `/${index}/data/persons`,
  message: 'must be a whole number from 1 to 1,000,000',
  code: 'too_big',
});

describe('boundedRejection', () => {
  it('keeps a rejection that fits as it is: the original value, the headers but the token', () => {
    const reason: RejectionReason = { code: 'CASE_NOT_FOUND', message: 'no case LC-1', eventId: 'e-1' };
    const message = boundedRejection(received('{"a":1}'), reason, at);
    expect(recordOf(message)).toEqual({
      reason,
      rejectedAt: '2024-03-01T08:00:00.000Z',
      original: { topic: 'vigil.inbound.v1', partition: 2, offset: '41', key: 'VN-LCI', value: '{"a":1}' },
    });
    expect(message.headers).toEqual({ type: 'x', 'vigil-reason': 'CASE_NOT_FOUND' });
  });

  it('cuts a list of problems too long to send to its first 100, saying so', () => {
    const problems = Array.from({ length: 1000 }, (_, index) => problem(index));
    const reason = { code: 'VALIDATION_FAILED', message: 'Nothing was stored.', problems };
    const message = boundedRejection(received('[]'), reason, at, 20_000);
    expect(Buffer.byteLength(String(message.value))).toBeLessThanOrEqual(20_000);
    expect(recordOf(message).reason).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Nothing was stored. (the first 100 of 1000 problems)',
      problems: problems.slice(0, 100),
    });
    expect(recordOf(message).original.value).toBe('[]');
  });

  it('leaves out an original too large to copy, saying where it lies', () => {
    const value = JSON.stringify({ padding: 'x'.repeat(50_000) });
    const message = boundedRejection(received(value), { code: 'CASE_NOT_FOUND', message: 'no case LC-1' }, at, 20_000);
    expect(recordOf(message).original.value).toBeNull();
    expect(recordOf(message).reason.message).toBe(
      `no case LC-1; the original (${value.length} bytes) is too large to copy here: read it on vigil.inbound.v1 partition 2 offset 41`,
    );
  });
});

describe('batchesOfAtMost', () => {
  const message = (bytes: number) => ({ key: null, value: 'x'.repeat(bytes) });

  it('sends the records in order, in batches under the size', () => {
    const records = [message(400), message(400), message(400), message(100), message(900)];
    const batches = batchesOfAtMost(records, 1_000);
    expect(batches.map((batch) => batch.map((record) => record.value!.length))).toEqual([[400, 400], [400, 100], [900]]);
  });

  it('gives a record larger than the size a batch of its own', () => {
    expect(batchesOfAtMost([message(10), message(5_000), message(10)], 1_000).map((batch) => batch.length)).toEqual([1, 1, 1]);
  });
});
