import { createHash } from 'node:crypto';
import { canonicalJson, contentHash } from './content-hash';

const opened = {
  type: 'CaseOpened',
  occurredAt: '2024-03-01T08:00:00Z',
  data: { caseId: 'LC-2024-000123', unitId: 'VN-LCI-LCC-COCSAN', category: 'drugs', severity: 'serious' },
};

describe('canonicalJson', () => {
  it('sorts object keys at every depth and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}',
    );
  });

  it('leaves out undefined members and writes undefined array items as null, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: [undefined, 1] })).toBe('{"b":[null,1]}');
  });

  it('writes what JSON.stringify writes for values of every kind, keys sorted by code unit', () => {
    const value = {
      é: 1,
      Z: -0,
      a: [1.5, 1e21, Number.NaN, null, 'quote " \\ \n 東京 🚓', { toJSON: () => 'custom' }, () => 1],
      at: new Date('2024-03-01T08:00:00.000Z'),
      f: () => 1,
      yes: false,
    };
    expect(canonicalJson(value)).toBe(
      '{"Z":0,"a":[1.5,1e+21,null,null,"quote \\" \\\\ \\n 東京 🚓","custom",null],"at":"2024-03-01T08:00:00.000Z","yes":false,"é":1}',
    );
    expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)));
  });

  it('refuses a bigint', () => {
    expect(() => canonicalJson({ n: 1n })).toThrow(TypeError);
  });
});

describe('contentHash', () => {
  it('is the sha256 of the canonical JSON of type, occurredAt and data', () => {
    const canonical =
      '{"data":{"caseId":"LC-2024-000123","category":"drugs","severity":"serious","unitId":"VN-LCI-LCC-COCSAN"},' +
      '"occurredAt":"2024-03-01T08:00:00Z","type":"CaseOpened"}';
    expect(contentHash(opened)).toBe(createHash('sha256').update(canonical).digest('hex'));
    expect(contentHash(opened)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('hashes content without data as the canonical JSON of what there is', () => {
    const content = { type: 'CaseCleared', occurredAt: '2024-03-01T08:00:00Z', data: undefined };
    const canonical = '{"occurredAt":"2024-03-01T08:00:00Z","type":"CaseCleared"}';
    expect(contentHash(content)).toBe(createHash('sha256').update(canonical).digest('hex'));
  });

  it('does not depend on key order', () => {
    const reordered = {
      data: { severity: 'serious', category: 'drugs', unitId: 'VN-LCI-LCC-COCSAN', caseId: 'LC-2024-000123' },
      occurredAt: '2024-03-01T08:00:00Z',
      type: 'CaseOpened',
    };
    expect(contentHash(reordered)).toBe(contentHash(opened));
  });

  it('ignores eventId and metadata', () => {
    const envelope = { ...opened, eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a10', metadata: { correlationId: 'c-1' } };
    expect(contentHash(envelope)).toBe(contentHash(opened));
  });

  it('changes with the type, the data, or the spelling of occurredAt', () => {
    const hash = contentHash(opened);
    expect(contentHash({ ...opened, type: 'CaseCleared' })).not.toBe(hash);
    expect(contentHash({ ...opened, data: { ...opened.data, severity: 'very_serious' } })).not.toBe(hash);
    expect(contentHash({ ...opened, occurredAt: '2024-03-01T15:00:00+07:00' })).not.toBe(hash);
  });
});
