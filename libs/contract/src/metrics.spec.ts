import { METRIC_NAMES, METRICS, MetricNameSchema } from './metrics';

describe('the metric catalogue', () => {
  it('holds the thirteen metrics of CONTRACT.md §4', () => {
    expect(METRIC_NAMES).toEqual([
      'cases.opened',
      'cases.cleared',
      'cases.clearanceRate',
      'cases.changePct',
      'arrests.persons',
      'cases.prosecutionRate',
      'hotspots.transformed',
      'hotspots.transformationRate',
      'hotspots.eliminationRate',
      'weapons.collected',
      'indicator.ratio',
      'indicator.value',
      'incidents.changePct',
    ]);
    expect(MetricNameSchema.safeParse('cases.solved').success).toBe(false);
  });

  it('needs a baseline exactly for the changePct metrics', () => {
    const withBaseline = METRIC_NAMES.filter((name) => METRICS[name].needsBaseline);
    expect(withBaseline).toEqual(['cases.changePct', 'incidents.changePct']);
    expect(withBaseline.map((name) => METRICS[name].kind)).toEqual(['changePct', 'changePct']);
  });

  it('classifies each metric', () => {
    const kinds = Object.fromEntries(METRIC_NAMES.map((name) => [name, METRICS[name].kind]));
    expect(kinds).toMatchObject({
      'cases.opened': 'count',
      'arrests.persons': 'sum',
      'weapons.collected': 'sum',
      'cases.clearanceRate': 'rate',
      'hotspots.eliminationRate': 'rate',
      'indicator.ratio': 'latest',
      'indicator.value': 'latest',
    });
  });

  it('only requires filters it allows', () => {
    for (const name of METRIC_NAMES) {
      const { allowedFilters, requiredFilters } = METRICS[name];
      for (const key of requiredFilters) expect(allowedFilters).toContain(key);
    }
    expect(METRICS['indicator.ratio'].requiredFilters).toEqual(['indicator']);
  });
});
