import { useMemo } from 'preact/hooks';
import type { TimeSelection } from '../../api/endpoints';
import { STATUS_ORDER } from '../../api/vocabulary';
import { useI18n } from '../../i18n/i18n';
import { hrefOf } from '../../routing/links';
import { periodElapsed } from '../../time/calendar';
import type { Column } from '../../ui/data-table';
import { StatusChip } from '../../ui/status-chip';
import type { ScorecardRow } from './load-scorecard';
import { filterText, formatFigure, isIndicatorMetric, targetLabel } from './metric-label';

/** The scorecard's columns: what each cell shows and what a sort by it compares. */
export function useScorecardColumns(time: TimeSelection, today: string): Column<ScorecardRow>[] {
  const { t, format } = useI18n();
  return useMemo(() => {
    const c = t.scorecard.columns;
    const label = (row: ScorecardRow) => targetLabel(row.target.metric, row.target.filter, t);
    return [
      {
        key: 'directive',
        label: c.directive,
        sortValue: (row) => `${row.code} ${row.target.targetId}`,
        cell: (row) => (
          <>
            <strong>{row.code}</strong>
            <span class="secondary">{row.title}</span>
          </>
        ),
      },
      {
        key: 'target',
        label: c.target,
        sortValue: label,
        cell: (row) => (
          <>
            {label(row)}
            <span class="secondary">
              {format.date(row.target.periodStart)} – {format.date(row.target.periodEnd)}
            </span>
          </>
        ),
      },
      {
        key: 'unit',
        label: c.unit,
        sortValue: (row) => row.unitName,
        cell: (row) => (
          <>
            <a href={hrefOf({ view: 'unit', unitId: row.target.unitId, figure: 'casesOpened' }, time)}>{row.unitName}</a>
            {row.below && <span class="secondary">{t.scorecard.below}</span>}
          </>
        ),
      },
      {
        key: 'actual',
        label: c.actual,
        numeric: true,
        sortValue: (row) => row.target.actual,
        cell: (row) => (
          <a
            href={hrefOf(
              { view: 'evidence', directiveId: row.directiveId, targetId: row.target.targetId, unitId: row.target.unitId },
              time,
            )}
            title={t.scorecard.evidence(label(row))}
          >
            {formatFigure(row.target.metric, row.target.actual, format)}
          </a>
        ),
      },
      {
        key: 'value',
        label: c.value,
        numeric: true,
        sortValue: (row) => row.target.value,
        cell: (row) => (
          <>
            <abbr title={t.comparator[row.target.comparator]}>{row.target.comparator === 'atLeast' ? '≥' : '≤'}</abbr>{' '}
            {formatFigure(row.target.metric, row.target.value, format)}
          </>
        ),
      },
      {
        key: 'attainment',
        label: c.attainment,
        numeric: true,
        sortValue: (row) => row.target.attainmentPct,
        cell: (row) => format.percent(row.target.attainmentPct),
      },
      {
        key: 'status',
        label: c.status,
        sortValue: (row) => STATUS_ORDER.indexOf(row.target.status),
        cell: (row) => <StatusChip status={row.target.status} />,
      },
      {
        key: 'coverage',
        label: c.coverage,
        numeric: true,
        sortValue: (row) => (row.target.coverage ? row.target.coverage.reporting / Math.max(1, row.target.coverage.units) : null),
        cell: (row) =>
          row.target.coverage
            ? t.scorecard.coverage(format.number(row.target.coverage.reporting), format.number(row.target.coverage.units))
            : isIndicatorMetric(row.target.metric)
              ? '—'
              : '',
      },
      {
        key: 'period',
        label: c.period,
        sortValue: (row) => periodElapsed(row.target.periodStart, row.target.periodEnd, today).pct,
        cell: (row) => {
          const elapsed = periodElapsed(row.target.periodStart, row.target.periodEnd, today);
          return (
            <span class="period">
              <progress max={100} value={elapsed.pct} aria-hidden="true" />
              <span>
                {format.percent(elapsed.pct)}{' '}
                <span class="secondary">
                  {t.scorecard.periodDays(format.number(elapsed.days, 0), format.number(elapsed.total, 0))}
                </span>
              </span>
            </span>
          );
        },
      },
    ];
  }, [t, format, time, today]);
}

/** One CSV record: the figures as the API answers them (raw numbers, codes), dotted names for nested ones. */
export function scorecardRecord(row: ScorecardRow, today: string) {
  const { target } = row;
  return {
    directiveId: row.directiveId,
    directiveCode: row.code,
    directiveTitle: row.title,
    targetId: target.targetId,
    unitId: target.unitId,
    unitName: row.unitName,
    metric: target.metric,
    filter: filterText(target.filter),
    comparator: target.comparator,
    value: target.value,
    actual: target.actual,
    numerator: target.numerator,
    denominator: target.denominator,
    attainmentPct: target.attainmentPct,
    status: target.status,
    'coverage.reporting': target.coverage?.reporting,
    'coverage.units': target.coverage?.units,
    periodStart: target.periodStart,
    periodEnd: target.periodEnd,
    periodElapsedPct: periodElapsed(target.periodStart, target.periodEnd, today).pct,
  };
}
