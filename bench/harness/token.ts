import { SignJWT } from 'jose';

export type Role = 'upstream' | 'analyst' | 'operator';

/** A token of the service's secret (CONTRACT.md §5) for `role` over `unit`'s subtree, valid for a day. */
export async function signToken(secret: string, role: Role, unit: string): Promise<string> {
  return new SignJWT({ role, unit })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject('vigil-bench')
    .setIssuedAt()
    .setExpirationTime('1d')
    .sign(new TextEncoder().encode(secret));
}
