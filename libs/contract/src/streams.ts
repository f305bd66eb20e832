import type { EventEnvelope, EventOf, EventType } from './envelope';

export const CATEGORIES = ['units', 'directives', 'cases', 'hotspots', 'measures'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The category (Kafka topic, aggregate) each event type belongs to. */
export const EVENT_CATEGORY = {
  UnitRegistered: 'units',
  UnitReassigned: 'units',
  DirectiveIssued: 'directives',
  TargetSet: 'directives',
  TargetRevised: 'directives',
  TargetWithdrawn: 'directives',
  CaseOpened: 'cases',
  CaseCleared: 'cases',
  ArrestMade: 'cases',
  CaseProsecuted: 'cases',
  CaseReclassified: 'cases',
  CaseVoided: 'cases',
  HotspotIdentified: 'hotspots',
  HotspotListed: 'hotspots',
  HotspotTransformed: 'hotspots',
  HotspotRelapsed: 'hotspots',
  HotspotEliminated: 'hotspots',
  WeaponsCollected: 'measures',
  IndicatorMeasured: 'measures',
  IncidentRecorded: 'measures',
} as const satisfies Record<EventType, Category>;

export type EventTypeOf<C extends Category> = {
  [T in EventType]: (typeof EVENT_CATEGORY)[T] extends C ? T : never;
}[EventType];
export type CategoryEvent<C extends Category> = EventOf<EventTypeOf<C>>;

export const STREAM_PREFIX = {
  units: 'unit-',
  directives: 'directive-',
  cases: 'case-',
  hotspots: 'hotspot-',
  measures: 'measure-',
} as const satisfies Record<Category, string>;

export interface StreamRef {
  readonly category: Category;
  readonly streamId: string;
}

export function categoryOf(type: EventType): Category {
  return EVENT_CATEGORY[type];
}

/** The id of the aggregate an event belongs to: a unit, directive, case, hotspot, or a unit's measures. */
export function aggregateIdOf(event: EventEnvelope): string {
  switch (event.type) {
    case 'UnitRegistered':
    case 'UnitReassigned':
    case 'WeaponsCollected':
    case 'IndicatorMeasured':
    case 'IncidentRecorded':
      return event.data.unitId;
    case 'DirectiveIssued':
    case 'TargetSet':
    case 'TargetRevised':
    case 'TargetWithdrawn':
      return event.data.directiveId;
    case 'CaseOpened':
    case 'CaseCleared':
    case 'ArrestMade':
    case 'CaseProsecuted':
    case 'CaseReclassified':
    case 'CaseVoided':
      return event.data.caseId;
    case 'HotspotIdentified':
    case 'HotspotListed':
    case 'HotspotTransformed':
    case 'HotspotRelapsed':
    case 'HotspotEliminated':
      return event.data.hotspotId;
    default:
      return unreachable(event);
  }
}

export function streamIdFor(category: Category, aggregateId: string): string {
  return STREAM_PREFIX[category] + aggregateId;
}

export function streamOf(event: EventEnvelope): StreamRef {
  const category = categoryOf(event.type);
  return { category, streamId: streamIdFor(category, aggregateIdOf(event)) };
}

export function isStreamId(streamId: string): boolean {
  return findCategory(streamId) !== undefined;
}

/** The category of one of Vigil's stream ids; anything else is a programming error, so it throws. */
export function categoryOfStream(streamId: string): Category {
  const category = findCategory(streamId);
  if (category === undefined) throw new Error(`not a Vigil stream id: ${JSON.stringify(streamId)}`);
  return category;
}

function findCategory(streamId: string): Category | undefined {
  return CATEGORIES.find(
    (category) => streamId.startsWith(STREAM_PREFIX[category]) && streamId.length > STREAM_PREFIX[category].length,
  );
}

function unreachable(event: never): never {
  throw new Error(`unhandled event ${JSON.stringify(event)}`);
}
