import { decodeJwt } from 'jose';

/** Who the token says the analyst is (the server verifies the signature; this only reads the claims). */
export interface Principal {
  role: string;
  /** The root of the analyst's scope: the scorecard's default unit. */
  unit: string;
  expiresAt: Date | null;
}

export type TokenReading =
  { ok: true; principal: Principal } | { ok: false; reason: 'malformed' } | { ok: false; reason: 'expired'; expiredAt: Date };

export function readToken(token: string, now: Date): TokenReading {
  let claims: Record<string, unknown>;
  try {
    claims = decodeJwt(token.trim());
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const { role, unit, exp } = claims;
  if (typeof role !== 'string' || typeof unit !== 'string') return { ok: false, reason: 'malformed' };
  const expiresAt = typeof exp === 'number' ? new Date(exp * 1000) : null;
  if (expiresAt !== null && expiresAt.getTime() <= now.getTime()) return { ok: false, reason: 'expired', expiredAt: expiresAt };
  return { ok: true, principal: { role, unit, expiresAt } };
}

/** The token of `/dashboard#token=<JWT>`, if the address carries one. */
export function tokenInHash(hash: string): string | null {
  const value = new URLSearchParams(hash.replace(/^#/, '')).get('token');
  return value === null || value.trim() === '' ? null : value.trim();
}
