import { z } from 'zod';

export const ROLES = ['upstream', 'analyst', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller: a role and the root of its unit scope. */
export interface AuthPrincipal {
  role: Role;
  unit: string;
  subject?: string;
}

export const ClaimsSchema = z.object({
  role: z.enum(ROLES),
  unit: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/),
  sub: z.string().max(128).optional(),
});
