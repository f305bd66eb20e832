import { projectorCounters } from './project-metrics';
import { overallRate, spanRate, type ProjectionSpan } from './project-timing';

const span = (name: string, messages: number, first: number, atFirst: number, last: number): ProjectionSpan => ({
  name,
  messages,
  first,
  atFirst,
  last,
});

describe('the projector figures', () => {
  it('rate a projection on what it applied after its first reading', () => {
    expect(spanRate(span('units', 10_000, 1_000, 2_000, 3_000))).toBe(4_000);
  });

  it('give no rate to a projection whose first reading saw everything applied', () => {
    expect(spanRate(span('hotspots', 269, 1_000, 269, 1_000))).toBeNaN();
  });

  it('rate the log from the first projection starting to the last one finishing, without the first batches', () => {
    const spans = [span('cases', 600, 1_000, 100, 2_000), span('figures', 1_000, 1_500, 300, 5_000)];
    // 400 of 1,600 messages were applied before the span began: 3/4 of the 1,000 events in 4 s.
    expect(overallRate(1_000, spans)).toEqual({ rate: 187.5, seconds: 4 });
  });

  it('read the applied and dead-lettered counters of each projection from the Prometheus text', () => {
    const text = [
      '# HELP vigil_projection_applied_total Events applied to a read model',
      'vigil_projection_applied_total{projection="cases"} 600',
      'vigil_projection_applied_total{projection="figures"} 1000',
      'vigil_projection_dead_letters_total{projection="figures"} 2',
      'vigil_projection_lag_messages{projection="cases",topic="t",partition="0"} 0',
    ].join('\n');
    expect(projectorCounters(text)).toEqual({ applied: { cases: 600, figures: 1000 }, deadLettered: { figures: 2 } });
  });
});
