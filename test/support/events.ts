import { randomUUID } from 'node:crypto';

/** Builders of envelopes for scenarios; every id is fresh so runs never collide in the shared database. */
export const fresh = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8).toUpperCase()}`;

export const envelope = (type: string, data: Record<string, unknown>, occurredAt = '2024-03-01T08:00:00+07:00') => ({
  eventId: randomUUID(),
  type,
  occurredAt,
  data,
});

/** A ministry, a province and a commune under it: the smallest tree scenarios need. */
export function smallTree() {
  const ministry = fresh('VN');
  const province = `${ministry}-LCI`;
  const commune = `${province}-COCSAN`;
  const events = [
    envelope('UnitRegistered', { unitId: ministry, name: 'Ministry of Public Security', level: 'ministry', parentUnitId: null }),
    envelope('UnitRegistered', {
      unitId: province,
      name: 'Lào Cai provincial police',
      level: 'province',
      parentUnitId: ministry,
    }),
    envelope('UnitRegistered', { unitId: commune, name: 'Cốc San commune police', level: 'commune', parentUnitId: province }),
  ];
  return { ministry, province, commune, events };
}
