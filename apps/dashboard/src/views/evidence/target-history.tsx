import type { TimeSelection } from '../../api/endpoints';
import type { DirectiveTarget, TargetChange } from '../../api/types';
import { csvFileName } from '../../export/file-name';
import { useI18n } from '../../i18n/i18n';
import { type Column, DataTable } from '../../ui/data-table';
import { formatFigure } from '../scorecard/metric-label';

/** How the target came to read as it does: set, revised, withdrawn (GET /v1/directives/{id}, as known at "as known at"). */
export function TargetHistory({ target, time }: { target: DirectiveTarget; time: TimeSelection }) {
  const { t, format } = useI18n();
  const c = t.evidence.historyColumns;
  const columns: Column<TargetChange>[] = [
    { key: 'recordedAt', label: c.recordedAt, cell: (change) => format.moment(change.recordedAt) },
    { key: 'change', label: c.change, cell: (change) => t.evidence.change[change.change] },
    {
      key: 'value',
      label: c.value,
      numeric: true,
      cell: (change) => (change.value === null ? '' : formatFigure(target.metric, change.value, format)),
    },
    { key: 'periodEnd', label: c.periodEnd, cell: (change) => (change.periodEnd ? format.date(change.periodEnd) : '') },
    { key: 'reason', label: c.reason, cell: (change) => change.reason ?? '' },
  ];
  return (
    <section class="panel" aria-labelledby="history-heading">
      <h2 id="history-heading">{t.evidence.history}</h2>
      {target.withdrawn && (
        <p class="state state--warning">{t.evidence.withdrawn(format.moment(target.withdrawn.at), target.withdrawn.reason)}</p>
      )}
      <DataTable
        caption={t.evidence.history}
        columns={columns}
        rows={target.history}
        rowKey={(change) => `${change.recordedAt}/${change.change}`}
        csv={{
          name: csvFileName(t.evidence.csvHistory, `${target.directiveId}-${target.targetId}`, time),
          what: t.evidence.history,
          record: (change) => ({ targetId: target.targetId, ...change }),
        }}
      />
    </section>
  );
}
