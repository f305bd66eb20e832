import { SignJWT } from 'jose';

/** An operator token for the whole country (CONTRACT.md §5), valid for a day. */
export async function operatorToken(secret: string): Promise<string> {
  return new SignJWT({ role: 'operator', unit: 'VN' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('vigil-bench')
    .setIssuedAt()
    .setExpirationTime('1d')
    .sign(new TextEncoder().encode(secret));
}
