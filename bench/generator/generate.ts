import type { EventEnvelope } from '@vigil/contract';
import { DAYS, dayOf, instant, weekdayOf } from './calendar';
import { openCase } from './cases';
import { directiveEvents } from './directives';
import { Schedule, type Draft } from './draft';
import { identifyHotspot } from './hotspots';
import { collectWeapons, measureIndicator, recordIncident } from './measures';
import { reassignments, registrations } from './organisation';
import { createRng, uuidV4, type Rng } from './prng';
import type { Simulation } from './simulation';
import { buildTopology } from './topology';

export interface GeneratorOptions {
  /** Exactly this many events are generated. */
  readonly events: number;
  readonly communes: number;
  readonly seed: string | number;
}

export const DEFAULT_GENERATOR_OPTIONS: GeneratorOptions = { events: 1_000_000, communes: 3_300, seed: 'vigil' };

type Maker = (sim: Simulation, day: number, lateDays: number) => Draft;
/** The mix of events that start something; follow-ups (case outcomes, hotspot steps) come on top. */
function primaryMix(incidents: number): readonly (readonly [Maker, number])[] {
  return [
    [openCase, 0.215],
    [collectWeapons, 0.07],
    [measureIndicator, 0.07],
    [recordIncident, incidents],
    [(sim, day) => identifyHotspot(sim, day), 0.009],
  ];
}
/** 2025: traffic accidents down on the year before. */
const PRIMARY_BY_YEAR = { 2024: primaryMix(0.09), 2025: primaryMix(0.084) };
const FIRST_DAY_OF_2025 = dayOf('2025-01-01');
const LATE_SHARE = 0.003;
const LUNAR_NEW_YEARS = [dayOf('2024-02-10'), dayOf('2025-01-29')];

/** Fewer reports at weekends and over the Tết holiday. */
function dayWeight(day: number): number {
  const weekday = weekdayOf(day);
  const weekend = weekday === 0 ? 0.8 : weekday === 6 ? 0.85 : 1;
  const tet = LUNAR_NEW_YEARS.some((newYear) => Math.abs(day - newYear) <= 4) ? 0.6 : 1;
  return weekend * tet;
}

function byDay(drafts: Draft[]): Map<number, Draft[]> {
  const days = new Map<number, Draft[]>();
  for (const item of drafts) {
    const list = days.get(item.at.day);
    if (list) list.push(item);
    else days.set(item.at.day, [item]);
  }
  return days;
}

function envelopeOf(item: Draft, ids: Rng): EventEnvelope {
  const occurred = { day: item.at.day - (item.lateDays ?? 0), minute: item.at.minute };
  return {
    eventId: uuidV4(ids),
    type: item.type,
    occurredAt: instant(occurred, item.utc),
    data: item.data,
    metadata: { sourceSystem: item.source },
  } as EventEnvelope;
}

/**
 * A country's two years (2024–2025) of reports, in the order upstream systems would post them.
 * Pure and repeatable: the same options yield the same events with the same ids. It holds only
 * the organisation tree and the follow-ups still to come, never the whole stream.
 */
export function* generateEvents(options: GeneratorOptions): Generator<EventEnvelope> {
  const rng = createRng(options.seed, 'world');
  const ids = createRng(options.seed, 'ids');
  const topology = buildTopology(options.communes, createRng(options.seed, 'topology'));
  const structural = byDay([
    ...registrations(topology),
    ...directiveEvents(topology, options.events / 1_000_000),
    ...reassignments(topology),
  ]);
  const fixed = [...structural.values()].reduce((sum, list) => sum + list.length, 0);
  if (options.events <= fixed) {
    throw new Error(
      `--events ${options.events} is too few: ${options.communes} communes need ${fixed} events for the tree and directives alone`,
    );
  }
  const activity = options.events - fixed;
  const weights = Array.from({ length: DAYS }, (_, day) => dayWeight(day));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const sim: Simulation = { rng, schedule: new Schedule(), topology, sequences: new Map() };

  let emitted = 0;
  let active = 0;
  let cumulativeWeight = 0;
  for (let day = 0; day < DAYS; day += 1) {
    cumulativeWeight += weights[day]!;
    const due = sim.schedule.take(day);
    const target = day === DAYS - 1 ? activity : Math.round((activity * cumulativeWeight) / totalWeight);
    const primaries = Math.max(0, target - active - due.length);
    const today = due;
    const mix = day < FIRST_DAY_OF_2025 ? PRIMARY_BY_YEAR[2024] : PRIMARY_BY_YEAR[2025];
    for (let i = 0; i < primaries; i += 1) {
      const lateDays = rng.chance(LATE_SHARE) ? Math.min(day, rng.int(2, 20)) : 0;
      today.push(rng.weighted(mix)(sim, day, lateDays));
    }
    active += today.length;
    today.sort((a, b) => a.at.minute - b.at.minute);
    for (const item of [...(structural.get(day) ?? []), ...today]) {
      if (emitted === options.events) return;
      emitted += 1;
      yield envelopeOf(item, ids);
    }
  }
}

/** The same events in batches of `size`, as upstream systems post them. */
export function* generateBatches(options: GeneratorOptions, size = 500): Generator<EventEnvelope[]> {
  let batch: EventEnvelope[] = [];
  for (const event of generateEvents(options)) {
    batch.push(event);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
