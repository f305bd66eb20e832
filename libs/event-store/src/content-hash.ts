import { hash } from 'node:crypto';

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
  const { type, occurredAt, data } = content;
  // Hashed for every event stored: the usual shape is written directly, keys in sorted order.
  const canonical =
    typeof type === 'string' && typeof occurredAt === 'string' && !isOmitted(data)
      ? `{"data":${canonicalJson(data)},"occurredAt":${JSON.stringify(occurredAt)},"type":${JSON.stringify(type)}}`
      : canonicalJson({ type, occurredAt, data });
  return hash('sha256', canonical, 'hex');
}

/** JSON with object keys sorted (UTF-16 code-unit order) at every depth; otherwise what JSON.stringify writes. */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'string':
    case 'number':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return canonicalArray(value);
      if (typeof (value as { toJSON?: unknown }).toJSON === 'function') {
        return canonicalJson((value as { toJSON: () => unknown }).toJSON());
      }
      return canonicalObject(value as Record<string, unknown>);
    case 'bigint':
      throw new TypeError('canonicalJson: bigint has no JSON form');
    default:
      throw new TypeError(`canonicalJson: ${typeof value} has no JSON form`);
  }
}

function canonicalArray(items: readonly unknown[]): string {
  let out = '[';
  for (let i = 0; i < items.length; i += 1) {
    if (i > 0) out += ',';
    out += isOmitted(items[i]) ? 'null' : canonicalJson(items[i]);
  }
  return out + ']';
}

function canonicalObject(object: Record<string, unknown>): string {
  let out = '{';
  for (const key of Object.keys(object).sort()) {
    const member = object[key];
    if (isOmitted(member)) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(member)}`;
  }
  return out + '}';
}

/** JSON.stringify drops these from objects and writes null for them in arrays. */
function isOmitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}
