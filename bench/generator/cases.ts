import type { CaseCategory, CaseSeverity, EventDataOf } from '@vigil/contract';
import { yearOf } from './calendar';
import { draft, type Draft } from './draft';
import { TWO_LEVEL_MODEL_DAY } from './organisation';
import { at, nextSequence, pad, randomCommune, strictlyIncreasing, type Simulation } from './simulation';
import { provinceSource } from './upstream';

const CATEGORIES_2024: readonly (readonly [CaseCategory, number])[] = [
  ['social_order', 30],
  ['drugs', 20],
  ['smuggling', 8],
  ['fireworks', 3],
  ['human_trafficking', 1],
  ['economic', 12],
  ['cyber', 8],
  ['environment', 3],
  ['other', 15],
];
/** 2025: crimes against social order down, drug enforcement up, more cyber crime. */
const CATEGORIES_2025 = CATEGORIES_2024.map(([category, weight]) => {
  const change = { social_order: 0.92, drugs: 1.06, cyber: 1.15 }[category as string] ?? 1;
  return [category, weight * change] as const;
});
const SEVERITIES: readonly (readonly [CaseSeverity, number])[] = [
  ['less_serious', 45],
  ['serious', 35],
  ['very_serious', 15],
  ['especially_serious', 5],
];
const CLEARANCE: Record<CaseSeverity, number> = {
  less_serious: 0.84,
  serious: 0.87,
  very_serious: 0.95,
  especially_serious: 0.97,
};
const VOID_REASONS = ['opened twice for the same report', 'no criminal offence found', 'transferred to another agency'];
const ARREST_EVENTS = [
  [0, 20],
  [1, 55],
  [2, 18],
  [3, 7],
] as const;
const PERSONS = [
  [1, 50],
  [2, 25],
  [3, 12],
  [4, 8],
  [5, 5],
] as const;

/** A case opened today, its later events (arrests, clearance, prosecution, ...) put on the schedule. */
export function openCase(sim: Simulation, day: number, lateDays: number): Draft {
  const { rng } = sim;
  const commune = randomCommune(sim);
  const province = commune.province;
  const year = yearOf(day - lateDays);
  const caseId = `${province.code}-${year}-${pad(nextSequence(sim, `case:${province.code}:${year}`), 6)}`;
  const level = rng.next();
  const unitId =
    level < 0.15
      ? province.unitId
      : level < 0.25 && day - lateDays < TWO_LEVEL_MODEL_DAY
        ? commune.district.unitId
        : commune.unitId;
  const category = rng.weighted(year === 2024 ? CATEGORIES_2024 : CATEGORIES_2025);
  const severity = rng.weighted(SEVERITIES);
  const source = provinceSource(province);
  const opened = draft(
    'CaseOpened',
    { caseId, unitId, category, severity },
    at(sim, day),
    source,
    province.reportsInUtc,
    lateDays,
  );
  for (const later of followUps(sim, caseId, severity)) {
    sim.schedule.add(draft(later.type, later.data as never, at(sim, day + later.offset), source, province.reportsInUtc));
  }
  return opened;
}

type FollowUp = { offset: number; type: Draft['type']; data: EventDataOf<'CaseCleared'> | Record<string, unknown> };

function followUps(sim: Simulation, caseId: string, severity: CaseSeverity): FollowUp[] {
  const { rng } = sim;
  if (rng.chance(0.015)) {
    return [{ offset: rng.int(1, 10), type: 'CaseVoided', data: { caseId, reason: rng.pick(VOID_REASONS) } }];
  }
  const planned: FollowUp[] = [];
  let persons = 0;
  const arrests = rng.weighted(ARREST_EVENTS);
  for (let i = 1; i <= arrests; i += 1) {
    const count = rng.weighted(PERSONS);
    persons += count;
    planned.push({ offset: rng.int(1, 45), type: 'ArrestMade', data: { caseId, arrestId: `${caseId}:A${i}`, persons: count } });
  }
  if (rng.chance(0.03)) {
    const data = rng.chance(0.7)
      ? { caseId, severity: rng.pick(['very_serious', 'especially_serious'] as const) }
      : { caseId, category: 'other' as const };
    planned.push({ offset: rng.int(1, 30), type: 'CaseReclassified', data });
  }
  if (rng.chance(CLEARANCE[severity])) {
    const clearedOn = rng.int(1, 90);
    planned.push({ offset: clearedOn, type: 'CaseCleared', data: { caseId } });
    if (rng.chance(0.62)) {
      planned.push({
        offset: clearedOn + rng.int(7, 120),
        type: 'CaseProsecuted',
        data: { caseId, defendants: rng.int(1, Math.max(1, persons)) },
      });
    }
  }
  planned.sort((a, b) => a.offset - b.offset);
  const offsets = strictlyIncreasing(planned.map((p) => p.offset));
  return planned.map((p, i) => ({ ...p, offset: offsets[i]! }));
}
