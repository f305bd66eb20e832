/**
 * The business-rule codes of CONTRACT.md §3 an event can be rejected with by its aggregate
 * (EVENT_ID_CONFLICT is the store's). The domain's `DomainErrorCode` is this list.
 */
export const DOMAIN_REJECTION_CODES = [
  'CASE_NOT_FOUND',
  'CASE_VOIDED',
  'ALREADY_CLEARED',
  'HOTSPOT_NOT_FOUND',
  'INVALID_TRANSITION',
  'UNIT_NOT_FOUND',
  'UNIT_CYCLE',
  'DIRECTIVE_NOT_FOUND',
  'TARGET_NOT_FOUND',
] as const;

export type DomainRejectionCode = (typeof DOMAIN_REJECTION_CODES)[number];
