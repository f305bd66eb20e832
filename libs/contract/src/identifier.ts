import { z } from 'zod';

export const IDENTIFIER_PATTERN = /^[A-Za-z0-9._:-]+$/;
export const IDENTIFIER_MAX_LENGTH = 64;

/** Every id a client chooses (caseId, unitId, ...): 1–64 chars of `[A-Za-z0-9._:-]`. */
export const IdentifierSchema = z
  .string()
  .min(1, { error: 'must not be empty' })
  .max(IDENTIFIER_MAX_LENGTH, { error: `must be at most ${IDENTIFIER_MAX_LENGTH} characters` })
  .regex(IDENTIFIER_PATTERN, { error: 'may contain only letters, digits and . _ : -' });

export type Identifier = z.infer<typeof IdentifierSchema>;
