import { FreshnessLoad } from './freshness-load';
import { ProbeWatch } from './freshness-watch';

describe('watching probes', () => {
  it('times a probe from its append to the first register answer listing it, late by at most the gap since the previous query', () => {
    const watch = new ProbeWatch();
    watch.appended(0, 'P999999', 100);
    watch.answered('register', 110, 115, { caseIds: [] });
    watch.answered('register', 125, 130, { caseIds: ['P999999'] });
    expect(watch.sightings).toEqual([{ view: 'register', probe: 0, latencyMs: 30, errorMs: 20 }]);
    expect(watch.waiting('register')).toBe(0);
    expect(watch.waiting('figures')).toBe(1);
  });

  it('bounds the error by the append when the previous query was sent before it', () => {
    const watch = new ProbeWatch();
    watch.answered('figures', 90, 95, { count: 0 });
    watch.appended(0, 'P999999', 100);
    watch.answered('figures', 120, 140, { count: 1 });
    expect(watch.sightings).toEqual([{ view: 'figures', probe: 0, latencyMs: 40, errorMs: 40 }]);
  });

  it('counts probe p as visible in the figures once they count p + 1 probe cases', () => {
    const watch = new ProbeWatch();
    watch.appended(0, 'P999999', 0);
    watch.appended(1, 'P999998', 10);
    watch.answered('figures', 20, 25, { count: 1 });
    expect(watch.sightings.map((s) => s.probe)).toEqual([0]);
    expect(watch.waiting('figures')).toBe(1);
  });

  it('asks the register for enough of the newest probes to reach the oldest one waiting', () => {
    const watch = new ProbeWatch();
    for (const probe of [0, 1, 2, 3]) watch.appended(probe, `P${999999 - probe}`, probe * 10);
    watch.answered('register', 40, 45, { caseIds: ['P999998', 'P999999'] });
    expect(watch.registerWindow()).toBe(2);
  });

  it('counts a probe never seen as seen when the watch gave up, a lower bound', () => {
    const watch = new ProbeWatch();
    watch.appended(0, 'P999999', 0);
    watch.answered('register', 10, 20, { caseIds: ['P999999'] });
    expect(watch.giveUp(1_000)).toEqual({ register: 0, figures: 1 });
    expect(watch.sightings[1]).toEqual({ view: 'figures', probe: 0, latencyMs: 1_000, errorMs: 0, unseen: true });
    expect(watch.latencies()).toEqual([1_000]);
  });

  it('takes the slower view of each probe for the overall latencies', () => {
    const watch = new ProbeWatch();
    watch.appended(0, 'P999999', 0);
    watch.answered('register', 10, 20, { caseIds: ['P999999'] });
    watch.answered('figures', 10, 50, { count: 1 });
    expect(watch.latencies()).toEqual([50]);
    expect(watch.latencies('register')).toEqual([20]);
  });
});

describe('the freshness load', () => {
  const now = () => new Date('2026-11-24T05:00:00Z');

  it('registers its own root, a province and the communes, parents first', () => {
    const tree = new FreshnessLoad('42', now).tree();
    expect(tree.slice(0, 2).map((e) => e.data)).toEqual([
      { unitId: 'FR-42', name: 'Freshness bench', level: 'ministry', parentUnitId: null },
      { unitId: 'FR-42-P', name: 'Freshness bench province', level: 'province', parentUnitId: 'FR-42' },
    ]);
    expect(tree).toHaveLength(19);
    expect(tree.at(-1)!.data).toMatchObject({ unitId: 'FR-42-P-PROBE', parentUnitId: 'FR-42-P' });
  });

  it('counts probe case ids down so the newest probe comes first in the register', () => {
    const load = new FreshnessLoad('42', now);
    expect([load.probeCaseId(0), load.probeCaseId(1)]).toEqual(['FR-42-P999999', 'FR-42-P999998']);
  });

  it('follows up only cases whose opening was appended', () => {
    const load = new FreshnessLoad('42', now);
    const first = load.events(10);
    expect(first.map((e) => e.type)).not.toContain('ArrestMade');
    load.acknowledge(first);
    const arrests = load.events(10).filter((e) => e.type === 'ArrestMade');
    expect(arrests.map((e) => (e.data as { caseId: string }).caseId)).toEqual(['FR-42-C0000001', 'FR-42-C0000002']);
  });
});
