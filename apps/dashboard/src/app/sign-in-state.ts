import { type Principal, readToken, tokenInHash } from '../auth/token';
import { tokenStore } from '../auth/token-store';

export type SignedOutReason = { kind: 'expired'; expiredAt: Date } | { kind: 'rejected'; detail: string } | { kind: 'malformed' };

export type SessionState =
  { kind: 'signed-in'; token: string; principal: Principal } | { kind: 'signed-out'; reason?: SignedOutReason };

/** Reads a token (kept if good, dropped if not) into the state the app shows. */
export function sessionFor(token: string | null, now = new Date()): SessionState {
  if (token === null) return { kind: 'signed-out' };
  const reading = readToken(token, now);
  if (reading.ok) {
    tokenStore.save(token);
    return { kind: 'signed-in', token, principal: reading.principal };
  }
  tokenStore.clear();
  return {
    kind: 'signed-out',
    reason: reading.reason === 'expired' ? { kind: 'expired', expiredAt: reading.expiredAt } : { kind: 'malformed' },
  };
}

/**
 * `/dashboard#token=<JWT>` signs in directly; the token then leaves the address bar (and the history)
 * at once. Otherwise the token kept for this tab, if any.
 */
export function initialSession(): SessionState {
  const fromHash = tokenInHash(location.hash);
  if (fromHash !== null) {
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
    return sessionFor(fromHash);
  }
  return sessionFor(tokenStore.load());
}

/** After a 401: expired if the token says so, else rejected with the server's reason. */
export function afterUnauthorized(token: string, detail: string | undefined, now = new Date()): SessionState {
  tokenStore.clear();
  const reading = readToken(token, now);
  if (!reading.ok && reading.reason === 'expired')
    return { kind: 'signed-out', reason: { kind: 'expired', expiredAt: reading.expiredAt } };
  return { kind: 'signed-out', reason: { kind: 'rejected', detail: detail ?? '401' } };
}
