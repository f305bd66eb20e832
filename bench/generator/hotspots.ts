import type { HotspotKind } from '@vigil/contract';
import { dayOf, yearOf } from './calendar';
import { draft, type Draft } from './draft';
import { at, nextSequence, pad, randomCommune, type Simulation } from './simulation';
import { provinceSource } from './upstream';

const KINDS: readonly (readonly [HotspotKind, number])[] = [
  ['drug_hotspot', 25],
  ['drug_retail_point', 35],
  ['complex_area', 40],
];
const PLACES = [
  'Riverside',
  'Market',
  'Bus station',
  'Border trail',
  'Industrial park',
  'Night market',
  'Rental rooms',
  'Old quarry',
  'Km 7',
  'Hamlet 4',
];
const LABEL: Record<HotspotKind, string> = {
  drug_hotspot: 'drug hotspot',
  drug_retail_point: 'retail point',
  complex_area: 'complex area',
};
const NEW_YEAR_LISTING = dayOf('2025-01-06');

type Step = { type: 'HotspotListed'; year: number } | { type: 'HotspotTransformed' | 'HotspotRelapsed' | 'HotspotEliminated' };

/**
 * A hotspot identified today, its life put on the schedule: listed for the year, then
 * transformed (and perhaps relapsed and transformed again), or, for drug kinds, wiped out.
 */
export function identifyHotspot(sim: Simulation, day: number): Draft {
  const { rng } = sim;
  const commune = randomCommune(sim);
  const province = commune.province;
  const hotspotId = `${province.code}-HS-${pad(nextSequence(sim, `hotspot:${province.code}`), 5)}`;
  const kind = rng.weighted(KINDS);
  const name = `${rng.pick(PLACES)} ${LABEL[kind]} ${hotspotId.slice(-3)}`;
  const source = provinceSource(province);
  for (const [stepDay, step] of lifeOf(sim, day, kind)) {
    const data = step.type === 'HotspotListed' ? { hotspotId, year: step.year } : { hotspotId };
    sim.schedule.add(draft(step.type, data as never, at(sim, stepDay), source, province.reportsInUtc));
  }
  return draft(
    'HotspotIdentified',
    { hotspotId, unitId: commune.unitId, kind, name },
    at(sim, day),
    source,
    province.reportsInUtc,
  );
}

/** The later steps on strictly increasing days; every transition is one the hotspot rules allow. */
function lifeOf(sim: Simulation, identified: number, kind: HotspotKind): [number, Step][] {
  const { rng } = sim;
  const steps: [number, Step][] = [];
  const listed = new Set<number>();
  let day = identified + rng.int(3, 30);
  const list = () => {
    listed.add(yearOf(day));
    steps.push([day, { type: 'HotspotListed', year: yearOf(day) }]);
  };
  list();
  if (kind !== 'complex_area' && rng.chance(0.45)) {
    day += rng.int(20, 240);
    steps.push([day, { type: 'HotspotEliminated' }]);
    return steps;
  }
  for (let round = 0; round < 3; round += 1) {
    if (!rng.chance(0.72)) break;
    day += rng.int(45, 240);
    steps.push([day, { type: 'HotspotTransformed' }]);
    if (!rng.chance(0.18)) return steps;
    day += rng.int(30, 200);
    steps.push([day, { type: 'HotspotRelapsed' }]);
    if (!listed.has(yearOf(day)) && rng.chance(0.6)) {
      day += rng.int(5, 30);
      list();
    }
  }
  // Not transformed in its first year: it goes on the next year's list too.
  if (!listed.has(2025) && day < NEW_YEAR_LISTING) {
    day = NEW_YEAR_LISTING + rng.int(0, 20);
    list();
  }
  return steps;
}
