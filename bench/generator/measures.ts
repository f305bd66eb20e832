import type { IncidentKind, WeaponKind } from '@vigil/contract';
import { DAYS } from './calendar';
import { draft, type Draft } from './draft';
import { at, randomCommune, type Simulation } from './simulation';
import { provinceSource } from './upstream';

const WEAPONS: readonly (readonly [WeaponKind, number, number])[] = [
  // kind, weight, most items in one collection
  ['firearm', 10, 5],
  ['explosive', 10, 20],
  ['support_tool', 50, 40],
  ['homemade', 30, 12],
];
/** By 2025-01-01 every commune police headquarters was accepted, a year ahead of the target. */
const HQ_DONE_DAY = 366;

export function collectWeapons(sim: Simulation, day: number, lateDays: number): Draft {
  const { rng } = sim;
  const commune = randomCommune(sim);
  const unitId = rng.chance(0.3) ? commune.province.unitId : commune.unitId;
  const [kind, , most] = rng.weighted(WEAPONS.map((w) => [w, w[1]] as const));
  const items = 1 + Math.floor(rng.next() ** 2 * most);
  return draft(
    'WeaponsCollected',
    { unitId, items, kind },
    at(sim, day),
    provinceSource(commune.province),
    commune.province.reportsInUtc,
    lateDays,
  );
}

export function recordIncident(sim: Simulation, day: number, lateDays: number): Draft {
  const { rng } = sim;
  const commune = randomCommune(sim);
  // 2025: traffic accidents and fires down on the year before.
  const fireShare = day < 366 ? 0.2 : 0.17;
  const kind: IncidentKind = rng.chance(fireShare) ? 'fire_explosion' : 'traffic_accident';
  const deaths = rng.weighted(
    kind === 'traffic_accident'
      ? [
          [0, 70],
          [1, 25],
          [2, 4],
          [3, 1],
        ]
      : [
          [0, 92],
          [1, 6],
          [2, 2],
        ],
  );
  const injuries = rng.int(0, kind === 'traffic_accident' ? 4 : 2);
  return draft(
    'IncidentRecorded',
    { unitId: commune.unitId, kind, deaths, injuries },
    at(sim, day),
    provinceSource(commune.province),
    commune.province.reportsInUtc,
    lateDays,
  );
}

/**
 * A point-in-time reading: a commune's level-2 e-ID accounts (issued, activated) against its adult
 * population, its online public-service files, or a province's accepted commune headquarters.
 */
export function measureIndicator(sim: Simulation, day: number, lateDays: number): Draft {
  const { rng } = sim;
  const commune = randomCommune(sim);
  const { province } = commune;
  const source = provinceSource(province);
  const when = at(sim, day);
  const progress = Math.max(0, day - lateDays) / DAYS;
  const roll = rng.next();
  if (roll < 0.1) {
    const total = province.communes.length;
    const done = Math.min(total, Math.round(total * (0.55 + 0.45 * Math.min(1, day / HQ_DONE_DAY))));
    return draft(
      'IndicatorMeasured',
      { unitId: province.unitId, indicator: 'police_hq.completed', value: done, denominator: total },
      when,
      source,
      province.reportsInUtc,
      lateDays,
    );
  }
  if (roll < 0.25) {
    const value = Math.round(progress * 300 + rng.int(0, 20));
    return draft(
      'IndicatorMeasured',
      { unitId: commune.unitId, indicator: 'public_services.online_files', value },
      when,
      source,
      province.reportsInUtc,
      lateDays,
    );
  }
  const issuedShare = Math.min(0.99, commune.eidStart + 0.55 * progress);
  const share = roll < 0.62 ? issuedShare : issuedShare * (0.9 + 0.08 * progress);
  const indicator = roll < 0.62 ? 'eid.level2.issued' : 'eid.level2.activated';
  const value = Math.round(commune.population * share);
  return draft(
    'IndicatorMeasured',
    { unitId: commune.unitId, indicator, value, denominator: commune.population },
    when,
    source,
    province.reportsInUtc,
    lateDays,
  );
}
