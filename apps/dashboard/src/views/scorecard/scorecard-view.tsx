import { useMemo, useState } from 'preact/hooks';
import type { TimeSelection } from '../../api/endpoints';
import type { TargetStatus } from '../../api/types';
import { STATUS_ORDER } from '../../api/vocabulary';
import { useSession } from '../../app/session';
import { csvFileName } from '../../export/file-name';
import { useI18n } from '../../i18n/i18n';
import { referenceDate } from '../../time/calendar';
import { useDocumentTitle } from '../../time/document-title';
import { DataTable } from '../../ui/data-table';
import { Breadcrumb } from '../../ui/breadcrumb';
import { Empty, ErrorNotice, Loaded } from '../../ui/states';
import { StatusChip } from '../../ui/status-chip';
import { type Loadable, useLoad } from '../../ui/use-load';
import { targetLabel } from './metric-label';
import { scorecardRecord, useScorecardColumns } from './scorecard-columns';
import { type Scorecard, type ScorecardRow, loadScorecard } from './load-scorecard';

/**
 * How a browser (the bench, the tests) tells the scorecard is fully drawn: the view's root carries
 * `data-scorecard`, `loading` until every row has its figures, then `drawn` (every directive answered),
 * `partial` (some did not: the others are drawn) or `failed` (nothing to draw); `data-rows` counts the rows.
 * Rows and the attribute are written in the same render. Documented in the README; the bench relies on it.
 */
function drawnState(state: Loadable<Scorecard>): { 'data-scorecard': string; 'data-rows'?: number } {
  if (state.status !== 'ready') return { 'data-scorecard': state.status === 'loading' ? 'loading' : 'failed' };
  const { rows, failures } = state.value;
  const drawn = failures.length === 0 ? 'drawn' : rows.length > 0 ? 'partial' : 'failed';
  return { 'data-scorecard': drawn, 'data-rows': rows.length };
}

/** CONTRACT §9, scorecard: every directive and target that concerns the unit, and where each stands. */
export function ScorecardView({ unitId, time }: { unitId: string; time: TimeSelection }) {
  const { api, principal } = useSession();
  const { t } = useI18n();
  const [state, retry] = useLoad(
    (signal) => loadScorecard(api, principal, unitId, time, signal),
    JSON.stringify([unitId, time, principal.unit]),
  );
  const name = state.status === 'ready' ? state.value.unit.name : unitId;
  useDocumentTitle(`${t.scorecard.title} · ${name}`, time);
  return (
    <section class="scorecard" aria-labelledby="view-heading" {...drawnState(state)}>
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
      <Breadcrumb unit={scorecard.unit} time={time} view="scorecard" />
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
              name: csvFileName(t.scorecard.csvName, scorecard.unit.unitId, time),
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
