import { type Category, type StoredEvent, categoryOfStream } from '@vigil/contract';
import { aggregateFor, type UnitState } from '@vigil/domain';
import type { EventStore } from '@vigil/event-store';
import { UnitParentHints } from './unit-parent-hints';

/** An aggregate's state as loaded (and then evolved by the batch), with the revision it was read at. */
export interface LoadedStream {
  category: Category;
  state: unknown;
  /** Revision read from the store: the expected revision of the append ('any' when not read). */
  loadedRevision: bigint | undefined | 'any';
}

/**
 * A unit's measures stream holds no invariant across its events (each needs only its unit to
 * exist), so it is never read: appends to it need no expected revision. This keeps the ingest
 * from re-reading a province's ever-growing measures on every batch.
 */
const UNREAD_CATEGORIES: ReadonlySet<Category> = new Set(['measures']);

const unitStream = (unitId: string) => `unit-${unitId}`;
const MAX_TREE_DEPTH = 8;

/** Each aggregate of a batch is read once; later events of the batch see the evolved state. */
export class AggregateCache {
  private readonly streams = new Map<string, LoadedStream>();
  private readonly unitStates = new Map<string, UnitState>();

  constructor(
    private readonly store: EventStore,
    private readonly hints = new UnitParentHints(),
  ) {}

  get(streamId: string): LoadedStream {
    const loaded = this.streams.get(streamId);
    if (!loaded) throw new Error(`stream ${streamId} was not loaded`);
    return loaded;
  }

  async load(streamIds: Iterable<string>): Promise<void> {
    const missing = [...new Set(streamIds)].filter((id) => !this.streams.has(id));
    for (const streamId of missing.filter((id) => UNREAD_CATEGORIES.has(categoryOfStream(id)))) {
      const category = categoryOfStream(streamId);
      this.remember(streamId, { category, state: aggregateFor(category).initial, loadedRevision: 'any' });
    }
    const toRead = missing.filter((id) => !this.streams.has(id));
    if (toRead.length === 0) return;
    const read = await this.store.readStreams(toRead);
    for (const streamId of toRead) this.remember(streamId, replay(streamId, read.get(streamId) ?? []));
  }

  /** The state after an accepted event of the batch. */
  update(streamId: string, state: unknown): void {
    this.remember(streamId, { ...this.get(streamId), state });
  }

  /**
   * Loads the given units and all their ancestors: with each round trip the ancestors the hints
   * expect, then, should a state name a parent not read yet, another round for those.
   */
  async loadUnitsWithAncestors(unitIds: Iterable<string>): Promise<void> {
    let wanted = [...new Set(unitIds)];
    for (let round = 0; wanted.length > 0 && round < MAX_TREE_DEPTH; round += 1) {
      await this.load(this.hints.withAncestors(wanted).map(unitStream));
      wanted = [...new Set(wanted.flatMap((unitId) => this.firstUnreadAncestor(unitId)))];
    }
  }

  /** Stream ids of the given units and of their ancestors as the hints know them, to read ahead. */
  unitStreamsWithHintedAncestors(unitIds: Iterable<string>): string[] {
    return this.hints.withAncestors(unitIds).map(unitStream);
  }

  /** Every unit loaded so far, by unit id: the decision context and the scope check read it. */
  units(): ReadonlyMap<string, UnitState> {
    return this.unitStates;
  }

  /** Walking up from a loaded unit through loaded states, the first parent not read yet. */
  private firstUnreadAncestor(unitId: string): string[] {
    let current = this.unitStates.get(unitId);
    for (let depth = 0; current && depth < MAX_TREE_DEPTH * 2; depth += 1) {
      const parent = current.status === 'initial' ? null : current.parentUnitId;
      if (!parent) return [];
      if (!this.streams.has(unitStream(parent))) return [parent];
      current = this.unitStates.get(parent);
    }
    return [];
  }

  private remember(streamId: string, loaded: LoadedStream): void {
    this.streams.set(streamId, loaded);
    if (loaded.category !== 'units') return;
    const unitId = streamId.slice('unit-'.length);
    const unit = loaded.state as UnitState;
    this.unitStates.set(unitId, unit);
    if (unit.status !== 'initial') this.hints.learn(unitId, unit.parentUnitId);
  }
}

function replay(streamId: string, events: StoredEvent[]): LoadedStream {
  const category = categoryOfStream(streamId);
  const aggregate = aggregateFor(category);
  const state = events.reduce<unknown>((current, event) => aggregate.evolve(current as never, event as never), aggregate.initial);
  const last = events[events.length - 1];
  return { category, state, loadedRevision: last?.revision };
}
