import { SignJWT } from 'jose';
import { issueToken, verifyToken } from './tokens';

// CONTRACT.md §5: a token is an HS256 JWT with `role`, `unit` and an expiry; anything else is refused.
describe('verifyToken', () => {
  const secret = 'tokens-spec-secret-tokens-spec-secret-01';
  const sign = (claims: Record<string, unknown>, build: (jwt: SignJWT) => SignJWT = (jwt) => jwt) =>
    build(new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt()).sign(
      new TextEncoder().encode(secret),
    );

  it('takes a token that says when it expires', async () => {
    const token = await issueToken(secret, { role: 'upstream', unit: 'VN-LCI', subject: 'ci' }, 600);
    expect(await verifyToken(secret, token)).toEqual({
      ok: true,
      principal: { role: 'upstream', unit: 'VN-LCI', subject: 'ci' },
    });
  });

  it('refuses a token without exp, which would never expire', async () => {
    const token = await sign({ role: 'operator', unit: 'VN' });
    expect(await verifyToken(secret, token)).toEqual({ ok: false, reason: 'the token carries no valid expiry (exp)' });
  });

  it('refuses an expired token and one whose exp is not a time', async () => {
    const expired = await issueToken(secret, { role: 'analyst', unit: 'VN' }, 60, new Date(Date.now() - 3_600_000));
    expect(await verifyToken(secret, expired)).toEqual({ ok: false, reason: 'the token has expired' });
    const nonsense = await sign({ role: 'analyst', unit: 'VN', exp: 'tomorrow' });
    expect(await verifyToken(secret, nonsense)).toEqual({ ok: false, reason: 'the token carries no valid expiry (exp)' });
  });
});
