import { categoryOf, type Category, type CategoryEvent, type StoredEvent } from '@vigil/contract';
import type { PoolClient } from 'pg';
import type { ApplyMode } from '../../projection';
import { engineState, rememberState } from '../engine-state';
import { quoted } from '../tables';
import type { CaseEvent } from './case-facts';
import type { FactDelta } from './fact-delta';
import { measureDelta } from './measure-facts';
import { recordCases } from './record-cases';
import { recordDirectives } from './record-directives';
import { recordHotspots } from './record-hotspots';
import { markReadingsAdded, recordReadings } from './record-measures';
import { correctRecordedFacts, recordUnits, type UnitEvent } from './record-units';
import type { TimelineChange } from './tree-changes';
import { ROLLUP_LEVELS, RollupDeltas } from './rollup-deltas';
import { writeFacts, writeRollups } from './write-sums';

type StoredOf<C extends Category> = StoredEvent<CategoryEvent<C>['type']>;

function byCategory(events: readonly StoredEvent[]) {
  const split = { units: [], directives: [], cases: [], hotspots: [], measures: [] } as { [C in Category]: StoredOf<C>[] };
  for (const event of events) (split[categoryOf(event.type)] as StoredEvent[]).push(event);
  return split;
}

/**
 * One batch into a figures version, in the caller's transaction. Tree changes and facts are ordered
 * against each other by a lock (a batch that changes the tree holds it alone; batches of facts share
 * it), so a fact is always summed with the tree its batch saw and a tree change always corrects every
 * fact committed before it: the sums do not depend on which came first. A rebuild's pages only log the
 * rollup deltas; the current sums are summed from the log once, at its switch (`sumRollupLog`). A
 * pipelined rebuild page hands its last writes over (`RebuildPipeline`) and goes on to the next page.
 */
export async function applyFigures(
  client: PoolClient,
  schema: string,
  events: readonly StoredEvent[],
  mode: ApplyMode = {},
): Promise<void> {
  const split = byCategory(events);
  const changesTree = split.units.length > 0;
  // A pipelined rebuild page reads what earlier pages wrote (facts a move corrects, a target's last
  // terms) only once they have committed; its cases come from the run's memory.
  if (changesTree || split.directives.length > 0) await mode.pipeline?.priorCommitted();
  await client.query(`SELECT ${changesTree ? 'pg_advisory_xact_lock' : 'pg_advisory_xact_lock_shared'}(hashtext($1))`, [
    `${quoted(schema)}.tree`,
  ]);
  let state = await engineState(client, schema);
  let changes: TimelineChange[] = [];
  if (changesTree) {
    const recorded = await recordUnits(client, schema, state, split.units as UnitEvent[]);
    state = recorded.state;
    rememberState(schema, state);
    changes = recorded.changes;
  }
  const { tree, dayOf } = state;
  const rollups = new RollupDeltas((unitId) => tree.unit(unitId)?.level);
  await correctRecordedFacts(client, schema, changes, rollups);
  await recordDirectives(client, schema, split.directives);
  await recordHotspots(client, schema, split.hotspots);
  const readings = await recordReadings(
    client,
    schema,
    split.measures.filter((e): e is StoredEvent<'IndicatorMeasured'> => e.type === 'IndicatorMeasured'),
  );
  const facts: FactDelta[] = [
    ...(await recordCases(client, schema, split.cases as CaseEvent[], mode.memory, mode.pipeline)),
    ...split.measures.flatMap((e) => (e.type === 'IndicatorMeasured' ? [] : [measureDelta(e)])),
  ];
  for (const delta of facts) {
    rollups.addFact(delta, dayOf(delta.fact.occurredAt), tree.timeline(delta.fact.unitId, delta.fact.occurredAt, ROLLUP_LEVELS));
  }
  const written = Promise.all([
    writeFacts(client, schema, facts, dayOf),
    writeRollups(client, schema, rollups.toArray(), { currentSums: !mode.rebuilding }),
  ]);
  if (mode.pipeline) {
    mode.pipeline.defer(written);
    if (readings > 0) mode.pipeline.deferAfterPrior(() => markReadingsAdded(client, schema));
  } else {
    await written;
    if (readings > 0) await markReadingsAdded(client, schema);
  }
}
