/**
 * What a database error says about the database, not about the statement: `transient` when the
 * database is unreachable, restarting, out of resources or asked us to try again (the same
 * statement may succeed later, so wait and retry, never blame the data), `permanent` otherwise
 * (data, constraint and statement errors: the same statement fails again).
 *
 * By PostgreSQL's SQLSTATE class: 08 connection exception, 53 insufficient resources, 57P01–57P05
 * (administrator shutdown, crash shutdown, cannot connect now, …), 40001 serialization failure,
 * 40P01 deadlock, 55000 for a database not accepting connections; the server's own state too (58
 * system error, XX internal error or corruption) and what only connecting raises (28 authorization,
 * 3D000 no such database), which no event causes and retrying may outlive; and the Node.js socket
 * errors and pg's own messages when the connection went before PostgreSQL could say anything.
 */
export type DatabaseFault = 'transient' | 'permanent';

const TRANSIENT_SQLSTATES = /^(08|53|57P0|58|XX|28|3D000$|40001$|40P01$)/;
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const CONNECTION_LOST =
  /Connection terminated|not queryable|timeout exceeded when trying to connect|Query read timeout|not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)/i;

/** `transient` or `permanent` for an error of pg or of its socket; null for anything else. */
export function databaseFaultOf(error: unknown): DatabaseFault | null {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && SOCKET_CODES.has(code)) return 'transient';
    if (CONNECTION_LOST.test(cause.message)) return 'transient';
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return TRANSIENT_SQLSTATES.test(code) ? 'transient' : 'permanent';
  }
  return null;
}

/** The database is unreachable or asks to retry: answer 503, or wait and try again. */
export const isDatabaseUnavailable = (error: unknown): boolean => databaseFaultOf(error) === 'transient';

/**
 * The statement's data cannot be stored (SQLSTATE class 22 data exception, e.g. a number out of
 * range or a date PostgreSQL cannot hold; 23 integrity violation): the same values always fail.
 */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23)[0-9A-Z]{3}$/.test(code);
}

/** A short description for health reports, logs and metrics: `57P01 terminating connection …`. */
export function describeDatabaseError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code} ${error.message}` : error.message;
}
