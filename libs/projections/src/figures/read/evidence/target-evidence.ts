import { EVIDENCE_PAGE_SIZE, type EvidenceItem } from '@vigil/contract';
import { endOfLocalDayExclusive, metricValue, startOfLocalDay } from '@vigil/domain';
import type { Family } from '../../write/fact-delta';
import { cutAt, type DayRange } from '../day-range';
import type { ReadContext } from '../read-context';
import { targetFigures, type Evaluation } from '../target-figures';
import type { Target } from '../targets';
import type { EvidenceSlice } from './evidence-page';
import { factEvidence, type FactTerm } from './fact-evidence';
import { hotspotEvidence } from './hotspot-evidence';
import { readingEvidence } from './reading-evidence';

export interface TargetEvidence {
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly items: EvidenceItem[];
  /** The id of the last item when there is a next page. */
  readonly nextAfter: string | null;
}

const terms = (value: FactTerm['value'], range: DayRange | null, sign: 1 | -1 = 1): FactTerm[] =>
  range === null ? [] : [{ value, range, sign }];

/** The facts a target's figure sums, for the metrics read from the facts table. */
function factTermsOf(target: Target, period: DayRange | null, baseline: DayRange | null) {
  const change = (family: Family) => ({
    family,
    numerator: [...terms('v1', period), ...terms('v1', baseline, -1)],
    denominator: terms('v1', baseline),
  });
  switch (target.metric) {
    case 'cases.opened':
      return { family: 'case' as const, numerator: terms('v1', period), denominator: [] };
    case 'cases.cleared':
      return { family: 'case' as const, numerator: terms('v2', period), denominator: [] };
    case 'cases.clearanceRate':
      return { family: 'case' as const, numerator: terms('v2', period), denominator: terms('v1', period) };
    case 'cases.prosecutionRate':
      return { family: 'case' as const, numerator: terms('v3', period), denominator: terms('v1', period) };
    case 'arrests.persons':
      return { family: 'arrest' as const, numerator: terms('v1', period), denominator: [] };
    case 'weapons.collected':
      return { family: 'weapons' as const, numerator: terms('v1', period), denominator: [] };
    case 'cases.changePct':
      return change('case');
    case 'incidents.changePct':
      return change('incident');
    default:
      return null;
  }
}

/**
 * GET …/progress/{targetId}/evidence (CONTRACT.md §5, guarantee 10): the target's numerator and
 * denominator as progress answers them, and one page of the items behind them, by id after `after`;
 * summed over every page the items give the numerator and denominator exactly.
 */
export async function targetEvidence(
  context: ReadContext,
  target: Target,
  evaluation: Evaluation,
  after: string | null,
  limit = EVIDENCE_PAGE_SIZE,
): Promise<TargetEvidence> {
  const zone = context.state.timeZone;
  const period = cutAt({ from: target.periodStart, to: target.periodEnd }, evaluation.standsOn);
  const baseline =
    target.baselineStart === null || target.baselineEnd === null
      ? null
      : cutAt({ from: target.baselineStart, to: target.baselineEnd }, evaluation.standsOn);
  const from = startOfLocalDay(target.periodStart, zone).getTime();
  const toExclusive = period === null ? from : endOfLocalDayExclusive(period.to, zone).getTime();
  const standsUntil = evaluation.standsOn === null ? null : endOfLocalDayExclusive(evaluation.standsOn, zone).getTime();
  const filter = target.filter ?? {};
  const facts = factTermsOf(target, period, baseline);
  const slice = async (): Promise<EvidenceSlice> => {
    if (facts !== null) {
      const cases = facts.family === 'case' || facts.family === 'arrest';
      return factEvidence(context, {
        unitId: evaluation.unitId,
        family: facts.family,
        filter: cases ? { category: filter.category ?? null, severity: filter.severity ?? null } : {},
        kind: facts.family === 'incident' ? (filter.kind ?? null) : null,
        numerator: facts.numerator,
        denominator: facts.denominator,
        outcomesBefore: standsUntil,
        after,
        limit,
      });
    }
    if (target.metric === 'indicator.value' || target.metric === 'indicator.ratio') {
      return readingEvidence(context, target.metric, {
        unitId: evaluation.unitId,
        indicator: filter.indicator ?? '',
        from,
        toExclusive,
        after,
        limit,
      });
    }
    return hotspotEvidence(
      context,
      target.metric as 'hotspots.transformed' | 'hotspots.transformationRate' | 'hotspots.eliminationRate',
      { unitId: evaluation.unitId, from, toExclusive, standsUntil },
      { year: Number(target.periodStart.slice(0, 4)), kind: filter.hotspotKind ?? null, after, limit },
    );
  };
  const [figures, page] = await Promise.all([targetFigures(context, target, evaluation), slice()]);
  const { numerator, denominator } = metricValue(target.metric, figures.period);
  const last = page.items[page.items.length - 1];
  return { numerator, denominator, items: page.items, nextAfter: page.more && last !== undefined ? last.id : null };
}
