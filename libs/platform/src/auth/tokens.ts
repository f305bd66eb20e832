import { SignJWT, jwtVerify, errors } from 'jose';
import { ClaimsSchema, type AuthPrincipal, type Role } from './principal';

const encoder = new TextEncoder();

/** `30d`, `12h`, `15m`, `3600s`: the lifetimes `vigil token issue --ttl` accepts. */
export function parseTtl(ttl: string): number | null {
  const match = /^(\d+)([smhd])$/.exec(ttl);
  if (!match) return null;
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
  return Number(match[1]) * unit;
}

export async function issueToken(
  secret: string,
  claims: { role: Role; unit: string; subject?: string },
  ttlSeconds: number,
  now = new Date(),
): Promise<string> {
  const issuedAt = Math.floor(now.getTime() / 1000);
  const jwt = new SignJWT({ role: claims.role, unit: claims.unit })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds);
  if (claims.subject) jwt.setSubject(claims.subject);
  return jwt.sign(encoder.encode(secret));
}

export type VerifyResult = { ok: true; principal: AuthPrincipal } | { ok: false; reason: string };

/**
 * A token must say when it expires (`exp`): one without it would be valid for ever, and so is
 * refused like a forged one.
 */
export async function verifyToken(secret: string, token: string): Promise<VerifyResult> {
  try {
    const { payload } = await jwtVerify(token, encoder.encode(secret), { algorithms: ['HS256'], requiredClaims: ['exp'] });
    const claims = ClaimsSchema.safeParse(payload);
    if (!claims.success) return { ok: false, reason: 'the token lacks a valid role or unit claim' };
    const { role, unit, sub } = claims.data;
    return { ok: true, principal: { role, unit, ...(sub ? { subject: sub } : {}) } };
  } catch (error) {
    if (error instanceof errors.JWTExpired) return { ok: false, reason: 'the token has expired' };
    if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp') {
      return { ok: false, reason: 'the token carries no valid expiry (exp)' };
    }
    return { ok: false, reason: 'the token is not valid' };
  }
}
