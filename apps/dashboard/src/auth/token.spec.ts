import { SignJWT } from 'jose';
import { readToken, tokenInHash } from './token';

const issueToken = (claims: { role: string; unit: string }, ttlSeconds: number, now: Date) => {
  const issuedAt = Math.floor(now.getTime() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + ttlSeconds)
    .sign(new TextEncoder().encode('secret-secret-secret-secret-secret-01'));
};

describe('reading the analyst’s token', () => {
  const now = new Date('2026-12-05T12:00:00Z');

  it('reads the role, the unit and the expiry', async () => {
    const token = await issueToken({ role: 'analyst', unit: 'VN-LCI' }, 3600, now);
    expect(readToken(token, now)).toEqual({
      ok: true,
      principal: { role: 'analyst', unit: 'VN-LCI', expiresAt: new Date('2026-12-05T13:00:00Z') },
    });
  });

  it('says when it expired', async () => {
    const token = await issueToken({ role: 'analyst', unit: 'VN' }, 60, new Date('2026-12-01T00:00:00Z'));
    expect(readToken(token, now)).toEqual({ ok: false, reason: 'expired', expiredAt: new Date('2026-12-01T00:01:00Z') });
  });

  it('refuses what is not a Vigil token', () => {
    expect(readToken('not a token', now)).toEqual({ ok: false, reason: 'malformed' });
    const noUnit = `e30.${Buffer.from(JSON.stringify({ role: 'analyst' })).toString('base64url')}.sig`;
    expect(readToken(noUnit, now)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('takes the token from #token=', () => {
    expect(tokenInHash('#token=abc.def.ghi')).toBe('abc.def.ghi');
    expect(tokenInHash('#/scorecard/VN')).toBeNull();
    expect(tokenInHash('#token=')).toBeNull();
  });
});
