import { useMemo, useState } from 'preact/hooks';
import type { TimeSelection } from '../../api/endpoints';
import type { TargetStatus } from '../../api/types';
import { STATUS_ORDER } from '../../api/vocabulary';
import { useApi } from '../../app/session';
import { csvFileName } from '../../export/file-name';
import { useI18n } from '../../i18n/i18n';
import { hrefOf } from '../../routing/links';
import { periodElapsed, referenceDate } from '../../time/calendar';
import { useDocumentTitle } from '../../time/document-title';
import { type Column, DataTable } from '../../ui/data-table';
import { Breadcrumb } from '../../ui/breadcrumb';
import { Empty, ErrorNotice, Loaded } from '../../ui/states';
import { StatusChip } from '../../ui/status-chip';
import { useLoad } from '../../ui/use-load';
import { filterText, formatFigure, isIndicatorMetric, targetLabel } from './metric-label';
import { type Scorecard, type ScorecardRow, loadScorecard } from './load-scorecard';

/** CONTRACT §9, scorecard: every directive and target that concerns the unit, and where each stands. */
export function ScorecardView({ unitId, time }: { unitId: string; time: TimeSelection }) {
  const api = useApi();
  const { t } = useI18n();
  const [state, retry] = useLoad((signal) => loadScorecard(api, unitId, time, signal), JSON.stringify([unitId, time]));
  const name = state.status === 'ready' ? (state.value.unit?.name ?? unitId) : unitId;
  useDocumentTitle(`${t.scorecard.title} · ${name}`, time);
  return (
    <section aria-labelledby="view-heading">
      <h1 id="view-heading">{t.scorecard.heading(name)}</h1>
      <Loaded state={state} retry={retry}>
        {(scorecard) => <ScorecardBody scorecard={scorecard} time={time} retry={retry} />}
      </Loaded>
    </section>
  );
}

function ScorecardBody({ scorecard, time, retry }: { scorecard: Scorecard; time: TimeSelection; retry: () => void }) {
  const { t, format } = useI18n();
  const [filter, setFilter] = useState('');
  const today = referenceDate(time, new Date());
  const columns = useScorecardColumns(time, today);
  const shown = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase(format.locale);
    if (!needle) return scorecard.rows;
    return scorecard.rows.filter((row) =>
      [row.code, row.title, targetLabel(row.target.metric, row.target.filter, t), row.unitName, row.target.targetId]
        .join(' ')
        .toLocaleLowerCase(format.locale)
        .includes(needle),
    );
  }, [scorecard.rows, filter, format.locale, t]);

  if (scorecard.rows.length === 0 && scorecard.failures.length > 0) {
    return <ErrorNotice error={scorecard.failures[0]!.error} retry={retry} />;
  }
  return (
    <>
      {scorecard.unit && <Breadcrumb unit={scorecard.unit} time={time} view="scorecard" />}
      {scorecard.failures.length > 0 && (
        <div class="state state--warning" role="alert">
          {t.state.partial(scorecard.failures.length)} {scorecard.failures.map((failure) => failure.code).join(', ')}
        </div>
      )}
      {scorecard.rows.length === 0 ? (
        <Empty>{t.scorecard.empty}</Empty>
      ) : (
        <>
          <StatusSummary rows={scorecard.rows} />
          <div class="filter">
            <label for="scorecard-filter">{t.scorecard.filterLabel}</label>
            <input
              id="scorecard-filter"
              type="search"
              value={filter}
              placeholder={t.scorecard.filterPlaceholder}
              onInput={(event) => setFilter(event.currentTarget.value)}
            />
          </div>
          <DataTable
            caption={`${t.scorecard.caption} (${t.scorecard.count(shown.length)})`}
            columns={columns}
            rows={shown}
            rowKey={(row) => row.key}
            rowAttributes={(row) => ({
              'data-target': row.target.targetId,
              'data-directive': row.directiveId,
              'data-unit': row.target.unitId,
            })}
            initialSort={{ key: 'directive', direction: 'ascending' }}
            csv={{
              name: csvFileName(t.scorecard.csvName, scorecard.unitId, time),
              what: t.scorecard.title,
              record: (row) => scorecardRecord(row, today),
            }}
          />
        </>
      )}
    </>
  );
}

function StatusSummary({ rows }: { rows: ScorecardRow[] }) {
  const { t } = useI18n();
  const counts = new Map<TargetStatus, number>();
  for (const row of rows) counts.set(row.target.status, (counts.get(row.target.status) ?? 0) + 1);
  return (
    <ul class="status-summary" aria-label={t.scorecard.columns.status}>
      {STATUS_ORDER.filter((status) => counts.has(status)).map((status) => (
        <li key={status}>
          <strong>{counts.get(status)}</strong> <StatusChip status={status} />
        </li>
      ))}
    </ul>
  );
}

function useScorecardColumns(time: TimeSelection, today: string): Column<ScorecardRow>[] {
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
function scorecardRecord(row: ScorecardRow, today: string) {
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
