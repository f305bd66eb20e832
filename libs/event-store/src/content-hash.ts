import { createHash } from 'node:crypto';

/** What makes two postings of one `eventId` the same event (CONTRACT.md §2). */
export interface HashedContent {
  type: string;
  occurredAt: string;
  data: unknown;
}

/**
 * sha256 (hex) of the canonical JSON of `{ type, occurredAt, data }`: object keys sorted, no
 * whitespace, so a client that re-serialises its payload in another key order is still a duplicate.
 * `occurredAt` is compared as text: another spelling of the same instant is other content.
 */
export function contentHash(content: HashedContent): string {
  const canonical = canonicalJson({ type: content.type, occurredAt: content.occurredAt, data: content.data });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

/** JSON with object keys sorted (UTF-16 code-unit order) at every depth; otherwise what JSON.stringify writes. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return JSON.stringify(value);
  if (typeof value === 'bigint') throw new TypeError('canonicalJson: bigint has no JSON form');
  if (Array.isArray(value)) {
    return `[${value.map((item) => (isOmitted(item) ? 'null' : canonicalJson(item))).join(',')}]`;
  }
  if (typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.toJSON === 'function') return canonicalJson((object.toJSON as () => unknown)());
    const members = Object.keys(object)
      .filter((key) => !isOmitted(object[key]))
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key])}`);
    return `{${members.join(',')}}`;
  }
  throw new TypeError(`canonicalJson: ${typeof value} has no JSON form`);
}

/** JSON.stringify drops these from objects and writes null for them in arrays. */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
