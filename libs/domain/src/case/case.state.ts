import type { CaseCategory, CaseSeverity, CategoryEvent } from '@vigil/contract';
import { INITIAL, type Initial } from '../initial';

export type CaseEvent = CategoryEvent<'cases'>;

export interface CaseFacts {
  readonly caseId: string;
  readonly unitId: string;
  readonly category: CaseCategory;
  readonly severity: CaseSeverity;
  readonly cleared: boolean;
  readonly prosecuted: boolean;
  readonly arrestIds: readonly string[];
  readonly openedAt: string;
}

export type OpenCase = CaseFacts & { readonly status: 'open' };
/** Opened in error: it keeps its facts but drops out of every figure and takes no more events. */
export type VoidedCase = CaseFacts & { readonly status: 'voided'; readonly voidReason: string };

export type CaseState = Initial | OpenCase | VoidedCase;

export const initialCaseState: CaseState = INITIAL;
