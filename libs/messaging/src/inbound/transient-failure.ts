/**
 * Whether a failure to store may pass by itself (the database restarting, a lost connection, a
 * serialisation conflict), so that trying the same message again a moment later can succeed. Anything
 * else (a constraint, a value PostgreSQL refuses, a bug) fails the same way every time.
 */
export function isTransientStoreFailure(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // PostgreSQL SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57P0x
    // shutdown or cannot connect now, 40001/40P01 serialisation failure and deadlock.
    if (/^(08|53)/.test(code) || /^57P0[1-4]$/.test(code) || code === '40001' || code === '40P01') return true;
    if (NETWORK_CODES.has(code)) return true;
  }
  return typeof message === 'string' && TRANSIENT_MESSAGES.some((pattern) => pattern.test(message));
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/** What node-postgres and its pool say when a connection goes away or cannot be had. */
const TRANSIENT_MESSAGES = [
  /Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /terminating connection/i,
];
