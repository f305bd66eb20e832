import { randomMinute, type LocalTime } from './calendar';
import type { Schedule } from './draft';
import type { Rng } from './prng';
import type { Commune, Topology } from './topology';

/** What the event makers share while the days run. */
export interface Simulation {
  readonly rng: Rng;
  readonly schedule: Schedule;
  readonly topology: Topology;
  /** Next sequence number per key, e.g. cases per province and year. */
  readonly sequences: Map<string, number>;
}

export function nextSequence(sim: Simulation, key: string): number {
  const next = (sim.sequences.get(key) ?? 0) + 1;
  sim.sequences.set(key, next);
  return next;
}

export function randomCommune(sim: Simulation): Commune {
  return sim.rng.pick(sim.topology.communes);
}

export function at(sim: Simulation, day: number): LocalTime {
  return { day, minute: randomMinute(sim.rng.next) };
}

/**
 * Day offsets of an aggregate's later events made strictly increasing, so no two fall on the same
 * day (see Schedule) and their order is the order given.
 */
export function strictlyIncreasing(offsets: number[]): number[] {
  const result: number[] = [];
  for (const offset of offsets) result.push(Math.max(offset, (result[result.length - 1] ?? 0) + 1));
  return result;
}

export const pad = (n: number, width: number) => String(n).padStart(width, '0');
