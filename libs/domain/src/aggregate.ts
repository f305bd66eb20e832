import { EVENT_CATEGORY, type Category, type CategoryEvent, type EventEnvelope } from '@vigil/contract';
import type { DecisionContext } from './context';
import type { Decision } from './errors';
import { decideCase } from './case/case.decide';
import { evolveCase } from './case/case.evolve';
import { initialCaseState, type CaseState } from './case/case.state';
import { decideDirective } from './directive/directive.decide';
import { evolveDirective } from './directive/directive.evolve';
import { initialDirectiveState, type DirectiveState } from './directive/directive.state';
import { decideHotspot } from './hotspot/hotspot.decide';
import { evolveHotspot } from './hotspot/hotspot.evolve';
import { initialHotspotState, type HotspotState } from './hotspot/hotspot.state';
import { decideMeasure } from './measure/measure.decide';
import { evolveMeasure } from './measure/measure.evolve';
import { initialMeasureState, type MeasureState } from './measure/measure.state';
import { decideUnit } from './unit/unit.decide';
import { evolveUnit } from './unit/unit.evolve';
import { initialUnitState, type UnitState } from './unit/unit.state';

/** One aggregate, the same shape for all: fold its events with `evolve`, check a new one with `decide`. */
export interface Aggregate<S, E extends EventEnvelope> {
  readonly category: Category;
  readonly initial: S;
  readonly evolve: (state: S, event: E) => S;
  readonly decide: (state: S, event: E, context: DecisionContext) => Decision;
}

export const unitAggregate: Aggregate<UnitState, CategoryEvent<'units'>> = {
  category: 'units',
  initial: initialUnitState,
  evolve: evolveUnit,
  decide: decideUnit,
};

export const directiveAggregate: Aggregate<DirectiveState, CategoryEvent<'directives'>> = {
  category: 'directives',
  initial: initialDirectiveState,
  evolve: evolveDirective,
  decide: decideDirective,
};

export const caseAggregate: Aggregate<CaseState, CategoryEvent<'cases'>> = {
  category: 'cases',
  initial: initialCaseState,
  evolve: evolveCase,
  decide: decideCase,
};

export const hotspotAggregate: Aggregate<HotspotState, CategoryEvent<'hotspots'>> = {
  category: 'hotspots',
  initial: initialHotspotState,
  evolve: evolveHotspot,
  decide: decideHotspot,
};

export const measureAggregate: Aggregate<MeasureState, CategoryEvent<'measures'>> = {
  category: 'measures',
  initial: initialMeasureState,
  evolve: evolveMeasure,
  decide: decideMeasure,
};

export type AggregateState = UnitState | DirectiveState | CaseState | HotspotState | MeasureState;
export type AnyAggregate = Aggregate<AggregateState, EventEnvelope>;

const AGGREGATES = {
  units: unitAggregate,
  directives: directiveAggregate,
  cases: caseAggregate,
  hotspots: hotspotAggregate,
  measures: measureAggregate,
} satisfies Record<Category, { readonly category: Category }>;

/**
 * The aggregate of a category, typed loosely so the ingest can handle every stream alike. The
 * caller pairs it with states it built from the same aggregate; an event of another category is
 * a bug in the caller, so it throws rather than answering a business rule.
 */
export function aggregateFor(category: Category): AnyAggregate {
  const aggregate = AGGREGATES[category] as unknown as Aggregate<AggregateState, EventEnvelope>;
  const checked = (event: EventEnvelope): EventEnvelope => {
    if (EVENT_CATEGORY[event.type] !== category) throw new Error(`${event.type} is not an event of ${category}`);
    return event;
  };
  return {
    category,
    initial: aggregate.initial,
    evolve: (state, event) => aggregate.evolve(state, checked(event)),
    decide: (state, event, context) => aggregate.decide(state, checked(event), context),
  };
}
