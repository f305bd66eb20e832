import { DOMAIN_REJECTION_CODES, type DomainRejectionCode } from '@vigil/contract';

/** The codes of CONTRACT.md §3 a decision answers with (the list lives in the contract). */
export const DOMAIN_ERROR_CODES = DOMAIN_REJECTION_CODES;
export type DomainErrorCode = DomainRejectionCode;

/** A business rule the event breaks; returned, never thrown. */
export interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
}

/** `null` accepts the event. */
export type Decision = DomainError | null;

export function domainError(code: DomainErrorCode, message: string): DomainError {
  return { code, message };
}
