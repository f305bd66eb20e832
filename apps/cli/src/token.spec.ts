import { decodeJwt } from 'jose';
import { verifyToken } from '@vigil/platform';
import { run } from './run';

// `vigil token issue`: what it prints, and its exit codes (0 done, 1 failed, 2 bad usage).
describe('vigil token issue', () => {
  const secret = 'cli-spec-secret-cli-spec-secret-0123456';
  let out: string[];
  let err: string[];

  beforeEach(() => {
    out = [];
    err = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
    process.env.VIGIL_JWT_SECRET = secret;
  });
  afterEach(() => {
    jest.restoreAllMocks();
    delete process.env.VIGIL_JWT_SECRET;
  });

  it('prints a token carrying the role and unit, valid for the given time', async () => {
    expect(await run(['token', 'issue', '--role', 'analyst', '--unit', 'VN-LCI', '--ttl', '12h'])).toBe(0);
    const verified = await verifyToken(secret, out.join('').trim());
    expect(verified).toEqual({ ok: true, principal: { role: 'analyst', unit: 'VN-LCI' } });
    const { iat, exp } = decodeJwt(out.join('').trim());
    expect(exp! - iat!).toBe(12 * 3600);
  });

  it('exits 2 with the usage problem for an unknown role, a bad ttl or a missing unit', async () => {
    expect(await run(['token', 'issue', '--role', 'chief', '--unit', 'VN'])).toBe(2);
    expect(await run(['token', 'issue', '--role', 'analyst', '--unit', 'VN', '--ttl', 'forever'])).toBe(2);
    expect(await run(['token', 'issue', '--role', 'analyst'])).toBe(2);
    expect(err.join('')).toMatch(/chief[\s\S]*--ttl forever[\s\S]*--unit/);
    expect(out).toEqual([]);
  });

  it('exits 1 naming the setting when VIGIL_JWT_SECRET is missing', async () => {
    delete process.env.VIGIL_JWT_SECRET;
    expect(await run(['token', 'issue', '--role', 'operator', '--unit', 'VN'])).toBe(1);
    expect(err.join('')).toBe('vigil: invalid configuration: VIGIL_JWT_SECRET is required (it is not set)\n');
  });
});
