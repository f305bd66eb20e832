import type { CategoryEvent, TargetSetData } from '@vigil/contract';
import { INITIAL, type Initial } from '../initial';

export type DirectiveEvent = CategoryEvent<'directives'>;

/** What a target asks for, with every revision applied. */
export type TargetTerms = Omit<TargetSetData, 'directiveId'> & { readonly setAt: string };

export type ActiveTarget = TargetTerms & { readonly status: 'active' };
export type WithdrawnTarget = TargetTerms & {
  readonly status: 'withdrawn';
  readonly withdrawnReason: string;
  readonly withdrawnAt: string;
};
export type TargetState = ActiveTarget | WithdrawnTarget;

export interface IssuedDirective {
  readonly status: 'issued';
  readonly directiveId: string;
  readonly code: string;
  readonly title: string;
  readonly issuedByUnitId: string;
  readonly issuedAt: string;
  /** By targetId; a Map because ids such as `__proto__` are valid identifiers. */
  readonly targets: ReadonlyMap<string, TargetState>;
}

export type DirectiveState = Initial | IssuedDirective;

export const initialDirectiveState: DirectiveState = INITIAL;
