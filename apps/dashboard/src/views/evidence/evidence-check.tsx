import type { EvidenceAnswer, EvidenceItem } from '../../api/types';
import { useI18n } from '../../i18n/i18n';
import type { Pages } from '../../ui/use-pages';

/** Did the items add up to the figure? Known once every page is loaded; a figure's null counts as 0. */
export function sumCheck(figure: Pick<EvidenceAnswer, 'numerator' | 'denominator'>, items: EvidenceItem[], complete: boolean) {
  const numerator = items.reduce((total, item) => total + item.numerator, 0);
  const denominator = items.reduce((total, item) => total + item.denominator, 0);
  // Readings may carry decimals: sums compared within floating-point rounding.
  const same = (sum: number, expected: number | null) => Math.abs(sum - (expected ?? 0)) < 1e-6;
  const verdict = !complete
    ? 'pending'
    : same(numerator, figure.numerator) && same(denominator, figure.denominator)
      ? 'adds'
      : 'differs';
  return { numerator, denominator, verdict } as const;
}

/** The check in plain sight: the figure, the items' sums so far, and whether they add up (or what is left to load). */
export function EvidenceCheck({ figure, pages }: { figure: EvidenceAnswer; pages: Pages<EvidenceItem> }) {
  const { t, format } = useI18n();
  const check = sumCheck(figure, pages.items, pages.complete);
  // A count has no denominator: neither the figure nor the items' sum shows one.
  const denominator = (value: number | null) => (value === null ? null : format.number(value));
  return (
    <div class="evidence-check" data-check={check.verdict} role="status">
      <dl>
        <div>
          <dt>{t.evidence.figureLabel}</dt>
          <dd data-figure>{t.evidence.pair(format.number(figure.numerator), denominator(figure.denominator))}</dd>
        </div>
        <div>
          <dt>{t.evidence.itemsLabel(format.number(pages.items.length, 0))}</dt>
          <dd data-sum>
            {t.evidence.pair(
              format.number(check.numerator),
              figure.denominator === null ? null : format.number(check.denominator),
            )}
          </dd>
        </div>
      </dl>
      {check.verdict === 'adds' && <strong class="ok">✓ {t.evidence.adds}</strong>}
      {check.verdict === 'differs' && <strong class="bad">✕ {t.evidence.differs}</strong>}
      {check.verdict === 'pending' && (
        <p>
          {t.evidence.pending}{' '}
          <button type="button" onClick={pages.loadAll} disabled={pages.loading}>
            {t.evidence.loadAll}
          </button>
        </p>
      )}
    </div>
  );
}
