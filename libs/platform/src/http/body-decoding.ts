import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import { ProblemError, problems } from '../errors/problem';

/** What the body parser (body-parser 2 through express.json) attaches to its errors. */
interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  errno?: number;
  message?: string;
}

const UTF8_CHARSETS = new Set(['utf-8', 'utf8']);

/** The error `verifyUtf8` throws: a 400 that body-parser passes on with this `type`. */
class InvalidUtf8Error extends Error {
  readonly status = 400;
  readonly expose = true;
  readonly type = 'entity.utf8.invalid';
}

/**
 * `express.json`'s `verify` hook: JSON is UTF-8 (RFC 8259 §8.1), and bytes that are not UTF-8 would
 * otherwise be decoded leniently, each bad sequence silently replaced by U+FFFD and stored.
 */
export function verifyUtf8(_request: IncomingMessage, _response: unknown, body: Buffer, charset: string | null): void {
  if (charset !== null && !UTF8_CHARSETS.has(charset.toLowerCase())) return;
  if (!isUtf8(body)) throw new InvalidUtf8Error('the body is not valid UTF-8');
}

/**
 * The problem of a body that could not be read, or null when `error` is not the body parser's. Every
 * body that cannot be decoded is the client's fault and a `400` (CONTRACT.md §2): bad or truncated
 * gzip/deflate/br/zstd, bad UTF-8, malformed JSON, a body shorter or longer than its Content-Length.
 */
export function bodyProblem(exception: unknown, request: IncomingMessage): ProblemError | null {
  if (typeof exception !== 'object' || exception === null || exception instanceof ProblemError) return null;
  const error = exception as BodyParserError;
  switch (error.type) {
    case 'entity.parse.failed':
      return problems.malformedJson('The body is not valid JSON.');
    case 'entity.utf8.invalid':
      return problems.malformedJson('The body cannot be decoded: it is not valid UTF-8.');
    case 'entity.too.large':
      return problems.tooLarge(`${error.limit ?? '?'} bytes`);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return problems.unsupportedMediaType();
    case 'request.size.invalid':
    case 'request.aborted':
      return problems.malformedJson('The body cannot be decoded: it does not have the length its Content-Length says.');
  }
  // zlib's errors (Z_DATA_ERROR, Z_BUF_ERROR, ERR__ERROR_FORMAT_… of brotli), which body-parser passes on
  // as 400s without a type.
  const encoding = request.headers['content-encoding'];
  if (error.status === 400 && error.type === undefined && typeof error.errno === 'number' && encoding !== undefined) {
    return problems.malformedJson(`The body cannot be decoded as Content-Encoding ${encoding}: ${error.message ?? 'corrupt'}.`);
  }
  return null;
}
