import type { EventOf, EventType } from './envelope';

/**
 * A realistic, valid envelope of every event type (Lào Cai province, 2024). Used by the specs and
 * as examples in the OpenAPI document.
 */
export const EXAMPLE_EVENTS: { readonly [T in EventType]: EventOf<T> } = {
  UnitRegistered: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a01',
    type: 'UnitRegistered',
    occurredAt: '2024-01-01T00:00:00+07:00',
    data: { unitId: 'VN-LCI-LCC-COCSAN', name: 'Cốc San commune police', level: 'commune', parentUnitId: 'VN-LCI-LCC' },
  },
  UnitReassigned: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a02',
    type: 'UnitReassigned',
    occurredAt: '2025-07-01T00:00:00+07:00',
    data: { unitId: 'VN-LCI-LCC-COCSAN', parentUnitId: 'VN-LCI' },
    metadata: { sourceSystem: 'mps-org-register', correlationId: 'two-level-model-2025' },
  },
  DirectiveIssued: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a03',
    type: 'DirectiveIssued',
    occurredAt: '2024-01-15T09:00:00+07:00',
    data: {
      directiveId: 'SC-138-2024',
      code: 'SC-138/2024',
      title: 'Steering Committee 138 plan for crime prevention, 2024',
      issuedByUnitId: 'VN-LCI',
    },
  },
  TargetSet: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a04',
    type: 'TargetSet',
    occurredAt: '2024-01-15T09:05:00+07:00',
    data: {
      directiveId: 'SC-138-2024',
      targetId: 'social-order-down',
      unitId: 'VN-LCI',
      metric: 'cases.changePct',
      filter: { category: 'social_order' },
      comparator: 'atMost',
      value: -5.92,
      periodStart: '2024-01-01',
      periodEnd: '2024-12-31',
      baselineStart: '2023-01-01',
      baselineEnd: '2023-12-31',
    },
  },
  TargetRevised: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a05',
    type: 'TargetRevised',
    occurredAt: '2024-06-30T10:00:00+07:00',
    data: { directiveId: 'SC-138-2024', targetId: 'social-order-down', value: -7.1 },
  },
  TargetWithdrawn: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a06',
    type: 'TargetWithdrawn',
    occurredAt: '2024-09-01T10:00:00+07:00',
    data: { directiveId: 'SC-138-2024', targetId: 'social-order-down', reason: 'superseded by the revised plan' },
  },
  CaseOpened: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a10',
    type: 'CaseOpened',
    occurredAt: '2024-03-01T08:00:00Z',
    data: { caseId: 'LC-2024-000123', unitId: 'VN-LCI-LCC-COCSAN', category: 'drugs', severity: 'serious' },
  },
  CaseCleared: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a11',
    type: 'CaseCleared',
    occurredAt: '2024-03-05T10:30:00+07:00',
    data: { caseId: 'LC-2024-000123' },
  },
  ArrestMade: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a12',
    type: 'ArrestMade',
    occurredAt: '2024-03-04T22:15:00+07:00',
    data: { caseId: 'LC-2024-000123', arrestId: 'LC-2024-000123:A1', persons: 3 },
  },
  CaseProsecuted: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a13',
    type: 'CaseProsecuted',
    occurredAt: '2024-04-10T14:00:00+07:00',
    data: { caseId: 'LC-2024-000123', defendants: 2 },
  },
  CaseReclassified: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a14',
    type: 'CaseReclassified',
    occurredAt: '2024-03-20T09:00:00+07:00',
    data: { caseId: 'LC-2024-000123', severity: 'very_serious' },
  },
  CaseVoided: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a15',
    type: 'CaseVoided',
    occurredAt: '2024-03-02T08:00:00+07:00',
    data: { caseId: 'LC-2024-000124', reason: 'opened twice for the same report' },
  },
  HotspotIdentified: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a20',
    type: 'HotspotIdentified',
    occurredAt: '2024-02-01T08:00:00+07:00',
    data: { hotspotId: 'LCI-HS-0042', unitId: 'VN-LCI-LCC-COCSAN', kind: 'drug_retail_point', name: 'Km 7 riverside point' },
  },
  HotspotListed: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a21',
    type: 'HotspotListed',
    occurredAt: '2024-02-15T08:00:00+07:00',
    data: { hotspotId: 'LCI-HS-0042', year: 2024 },
  },
  HotspotTransformed: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a22',
    type: 'HotspotTransformed',
    occurredAt: '2024-10-31T17:00:00+07:00',
    data: { hotspotId: 'LCI-HS-0042' },
  },
  HotspotRelapsed: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a23',
    type: 'HotspotRelapsed',
    occurredAt: '2025-03-01T08:00:00+07:00',
    data: { hotspotId: 'LCI-HS-0042' },
  },
  HotspotEliminated: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a24',
    type: 'HotspotEliminated',
    occurredAt: '2024-10-31T17:00:00+07:00',
    data: { hotspotId: 'LCI-HS-0042' },
  },
  WeaponsCollected: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a30',
    type: 'WeaponsCollected',
    occurredAt: '2024-05-12T16:00:00+07:00',
    data: { unitId: 'VN-LCI-LCC-COCSAN', items: 20, kind: 'homemade' },
  },
  IndicatorMeasured: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a31',
    type: 'IndicatorMeasured',
    occurredAt: '2024-06-30T17:00:00+07:00',
    data: { unitId: 'VN-LCI', indicator: 'eid.level2.issued', value: 3156, denominator: 3332 },
  },
  IncidentRecorded: {
    eventId: '0b6a1c9e-3f0f-4c61-9a59-3c2b3d6f7a32',
    type: 'IncidentRecorded',
    occurredAt: '2024-07-08T21:40:00+07:00',
    data: { unitId: 'VN-LCI-LCC', kind: 'traffic_accident', deaths: 1, injuries: 2 },
  },
};
