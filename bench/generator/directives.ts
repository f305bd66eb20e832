import type { EventDataOf } from '@vigil/contract';
import { dayOf } from './calendar';
import { draft, type Draft } from './draft';
import { MINISTRY_ID, type Topology } from './topology';
import { MINISTRY_SOURCE } from './upstream';

type TargetTerms = Omit<EventDataOf<'TargetSet'>, 'directiveId'>;

const Y2024 = { periodStart: '2024-01-01', periodEnd: '2024-12-31' } as const;
const Y2025 = { periodStart: '2025-01-01', periodEnd: '2025-12-31' } as const;
const BOTH_YEARS = { periodStart: '2024-01-01', periodEnd: '2025-12-31' } as const;
const BASELINE_2024 = { baselineStart: '2024-01-01', baselineEnd: '2024-12-31' } as const;

const vn = (targetId: string, terms: Omit<TargetTerms, 'targetId' | 'unitId'>): TargetTerms => ({
  targetId,
  unitId: MINISTRY_ID,
  ...terms,
});

interface DirectivePlan {
  readonly directiveId: string;
  readonly code: string;
  readonly title: string;
  /** When it was issued; before 2024 it reaches Vigil on the first day, late. */
  readonly issuedOn: string;
  readonly targets: readonly TargetTerms[];
}

/**
 * The directives of DOMAIN.md with targets on every metric of CONTRACT.md §4. Count targets are
 * sized by `scale` (events / 1,000,000) so they stay reachable but not trivially met.
 */
function plans({ provinces, communes }: Topology, scale: number): DirectivePlan[] {
  const count = (perMillion: number) => Math.max(1, Math.round(perMillion * scale));
  return [
    {
      directiveId: 'RES-12',
      code: 'RES-12',
      title: 'Resolution 12 on building a clean, strong, regular, elite and modern People’s Police',
      issuedOn: '2022-03-16',
      targets: [
        vn('police-hq-accepted', {
          metric: 'indicator.ratio',
          filter: { indicator: 'police_hq.completed' },
          comparator: 'atLeast',
          value: 100,
          ...BOTH_YEARS,
        }),
        vn('police-hq-count-2024', {
          metric: 'indicator.value',
          filter: { indicator: 'police_hq.completed' },
          comparator: 'atLeast',
          value: communes.length,
          ...Y2024,
        }),
      ],
    },
    {
      directiveId: 'DIR-11',
      code: 'DIR-11',
      title: 'Directive 11 on weapons, explosives and support tools, and on the transformation of complex areas',
      issuedOn: '2023-06-01',
      targets: [
        vn('weapons-2024', { metric: 'weapons.collected', comparator: 'atLeast', value: count(300_000), ...Y2024 }),
        vn('complex-areas-2024', {
          metric: 'hotspots.transformationRate',
          filter: { hotspotKind: 'complex_area' },
          comparator: 'atLeast',
          value: 75,
          ...Y2024,
        }),
        vn('hotspots-transformed-2024', { metric: 'hotspots.transformed', comparator: 'atLeast', value: count(3_000), ...Y2024 }),
      ],
    },
    {
      directiveId: 'PRJ-06',
      code: 'PRJ-06',
      title: 'Project 06 on population data, electronic identification and authentication, 2022–2025',
      issuedOn: '2022-01-06',
      targets: [
        vn('eid-issued', {
          metric: 'indicator.ratio',
          filter: { indicator: 'eid.level2.issued' },
          comparator: 'atLeast',
          value: 90,
          ...BOTH_YEARS,
        }),
        vn('eid-activated', {
          metric: 'indicator.ratio',
          filter: { indicator: 'eid.level2.activated' },
          comparator: 'atLeast',
          value: 85,
          ...BOTH_YEARS,
        }),
        vn('online-files', {
          metric: 'indicator.value',
          filter: { indicator: 'public_services.online_files' },
          comparator: 'atLeast',
          value: 200,
          ...BOTH_YEARS,
        }),
        ...provinces.map((p) => ({
          targetId: `${p.code}-eid-issued`,
          unitId: p.unitId,
          metric: 'indicator.ratio' as const,
          filter: { indicator: 'eid.level2.issued' },
          comparator: 'atLeast' as const,
          value: 90,
          ...BOTH_YEARS,
        })),
      ],
    },
    {
      directiveId: 'SC-138-2024',
      code: 'SC-138/2024',
      title: 'Steering Committee 138 plan for crime prevention, 2024',
      issuedOn: '2024-01-15',
      targets: [
        vn('clearance-2024', { metric: 'cases.clearanceRate', comparator: 'atLeast', value: 85, ...Y2024 }),
        vn('clearance-serious-2024', {
          metric: 'cases.clearanceRate',
          filter: { severity: ['very_serious', 'especially_serious'] },
          comparator: 'atLeast',
          value: 95,
          ...Y2024,
        }),
        vn('prosecution-2024', { metric: 'cases.prosecutionRate', comparator: 'atLeast', value: 50, ...Y2024 }),
        vn('drug-cases-2024', {
          metric: 'cases.opened',
          filter: { category: 'drugs' },
          comparator: 'atLeast',
          value: count(30_000),
          ...Y2024,
        }),
        vn('drug-cases-cleared-2024', {
          metric: 'cases.cleared',
          filter: { category: 'drugs' },
          comparator: 'atLeast',
          value: count(27_000),
          ...Y2024,
        }),
        vn('drug-arrests-2024', {
          metric: 'arrests.persons',
          filter: { category: 'drugs' },
          comparator: 'atLeast',
          value: count(40_000),
          ...Y2024,
        }),
        vn('drug-points-wiped-out', {
          metric: 'hotspots.eliminationRate',
          filter: { hotspotKind: 'drug_retail_point' },
          comparator: 'atLeast',
          value: 100,
          periodStart: '2024-01-01',
          periodEnd: '2024-10-31',
        }),
        vn('social-order-cap-2024', {
          metric: 'cases.opened',
          filter: { category: 'social_order' },
          comparator: 'atMost',
          value: count(45_000),
          ...Y2024,
        }),
        ...provinces.map((p) => ({
          targetId: `${p.code}-clearance-2024`,
          unitId: p.unitId,
          metric: 'cases.clearanceRate' as const,
          comparator: 'atLeast' as const,
          value: 85,
          ...Y2024,
        })),
      ],
    },
    {
      directiveId: 'SC-138-2025',
      code: 'SC-138/2025',
      title: 'Steering Committee 138 plan for crime prevention, 2025',
      issuedOn: '2025-01-10',
      targets: [
        vn('social-order-down-2025', {
          metric: 'cases.changePct',
          filter: { category: 'social_order' },
          comparator: 'atMost',
          value: -5.92,
          ...Y2025,
          ...BASELINE_2024,
        }),
        vn('traffic-down-2025', {
          metric: 'incidents.changePct',
          filter: { kind: 'traffic_accident' },
          comparator: 'atMost',
          value: -5,
          ...Y2025,
          ...BASELINE_2024,
        }),
        vn('fires-down-2025', {
          metric: 'incidents.changePct',
          filter: { kind: 'fire_explosion' },
          comparator: 'atMost',
          value: -10,
          ...Y2025,
          ...BASELINE_2024,
        }),
        vn('clearance-2025', { metric: 'cases.clearanceRate', comparator: 'atLeast', value: 88, ...Y2025 }),
        vn('weapons-2025', { metric: 'weapons.collected', comparator: 'atLeast', value: count(300_000), ...Y2025 }),
        vn('complex-areas-2025', {
          metric: 'hotspots.transformationRate',
          filter: { hotspotKind: 'complex_area' },
          comparator: 'atLeast',
          value: 75,
          ...Y2025,
        }),
        ...provinces.map((p) => ({
          targetId: `${p.code}-social-order-down-2025`,
          unitId: p.unitId,
          metric: 'cases.changePct' as const,
          filter: { category: 'social_order' as const },
          comparator: 'atMost' as const,
          value: -5,
          ...Y2025,
          ...BASELINE_2024,
        })),
      ],
    },
  ];
}

/** Issued directives with their targets, then a few revisions and a withdrawal on the days they happened. */
export function directiveEvents(topology: Topology, scale: number): Draft[] {
  const drafts: Draft[] = [];
  for (const plan of plans(topology, scale)) {
    const issuedDay = dayOf(plan.issuedOn);
    const reported = Math.max(0, issuedDay);
    const lateDays = reported - issuedDay;
    const { directiveId, code, title } = plan;
    drafts.push(
      draft(
        'DirectiveIssued',
        { directiveId, code, title, issuedByUnitId: MINISTRY_ID },
        { day: reported, minute: 9 * 60 },
        MINISTRY_SOURCE,
        false,
        lateDays,
      ),
    );
    plan.targets.forEach((terms, i) => {
      drafts.push(draft('TargetSet', { directiveId, ...terms }, { day: reported, minute: 9 * 60 + 5 + i }, MINISTRY_SOURCE));
    });
  }
  const on = (date: string) => ({ day: dayOf(date), minute: 10 * 60 });
  drafts.push(
    draft(
      'TargetRevised',
      { directiveId: 'SC-138-2024', targetId: 'clearance-2024', value: 88 },
      on('2024-06-30'),
      MINISTRY_SOURCE,
    ),
    draft(
      'TargetWithdrawn',
      { directiveId: 'SC-138-2024', targetId: 'social-order-cap-2024', reason: 'superseded by the revised plan' },
      on('2024-09-01'),
      MINISTRY_SOURCE,
    ),
    draft(
      'TargetRevised',
      { directiveId: 'PRJ-06', targetId: 'eid-issued', periodEnd: '2025-06-30' },
      on('2024-10-15'),
      MINISTRY_SOURCE,
    ),
  );
  return drafts.sort((a, b) => a.at.day - b.at.day || a.at.minute - b.at.minute);
}
