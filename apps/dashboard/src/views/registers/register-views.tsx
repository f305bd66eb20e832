import { useEffect } from 'preact/hooks';
import type { TimeSelection } from '../../api/endpoints';
import type { CaseItem, HotspotItem, Page } from '../../api/types';
import { useApi } from '../../app/session';
import type { CsvRecord } from '../../export/csv';
import { csvFileName } from '../../export/file-name';
import { useI18n } from '../../i18n/i18n';
import { useDocumentTitle } from '../../time/document-title';
import { type Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded } from '../../ui/states';
import { LoadMore, usePages } from '../../ui/use-pages';
import { useLoad } from '../../ui/use-load';

interface RegisterProps<T> {
  title: string;
  unitId: string;
  /** The item an evidence link points at: marked and scrolled to. */
  highlight: string | undefined;
  time: TimeSelection;
  load: (cursor: string | null, signal?: AbortSignal) => Promise<Page<T>>;
  columns: Column<T>[];
  rowKey: (item: T) => string;
  csvName: string;
  record: (item: T) => CsvRecord;
}

/** A register (cases, hotspots) of the unit's subtree as it is now, page by page; the unit named as it is now. */
function RegisterView<T>({ title, unitId, highlight, time, load, columns, rowKey, csvName, record }: RegisterProps<T>) {
  const api = useApi();
  const { t } = useI18n();
  const [state, retry] = useLoad((signal) => Promise.all([load(null, signal), api.unit(unitId, {}, signal)]), unitId);
  const name = state.status === 'ready' ? state.value[1].name : unitId;
  useDocumentTitle(`${title} · ${name}`, time);
  return (
    <section aria-labelledby="view-heading">
      <h1 id="view-heading">
        {title} — {name}
      </h1>
      {(time.at || time.asOf) && <p class="state state--warning">{t.registers.now}</p>}
      <Loaded state={state} retry={retry}>
        {([first]) => (
          <RegisterPages
            key={unitId}
            {...{ first, load, columns, rowKey, title, highlight }}
            csv={{ name: csvFileName(csvName, unitId, {}), what: title, record }}
          />
        )}
      </Loaded>
    </section>
  );
}

function RegisterPages<T>({
  first,
  load,
  columns,
  rowKey,
  title,
  highlight,
  csv,
}: Pick<RegisterProps<T>, 'load' | 'columns' | 'rowKey' | 'title' | 'highlight'> & {
  first: Page<T>;
  csv: { name: string; what: string; record: (item: T) => CsvRecord };
}) {
  const { t } = useI18n();
  const pages = usePages(first, (cursor) => load(cursor));
  const { items } = pages;
  useEffect(() => {
    if (highlight) document.querySelector('tr[data-highlight]')?.scrollIntoView({ block: 'center' });
  }, [highlight, items.length]);
  if (items.length === 0) return <Empty>{t.registers.empty}</Empty>;
  return (
    <>
      <DataTable
        caption={title}
        columns={columns}
        rows={items}
        rowKey={rowKey}
        rowAttributes={(item): Record<string, string> =>
          rowKey(item) === highlight ? { class: 'highlight', 'aria-current': 'true', 'data-highlight': '' } : {}
        }
        csv={csv}
      />
      <LoadMore pages={pages} label={t.registers.loadMore} />
    </>
  );
}

interface RegisterRoute {
  unitId: string;
  highlight: string | undefined;
  time: TimeSelection;
}

export function CasesRegisterView({ unitId, highlight, time }: RegisterRoute) {
  const api = useApi();
  const { t, format } = useI18n();
  const c = t.registers.caseColumns;
  const columns: Column<CaseItem>[] = [
    { key: 'caseId', label: c.caseId, sortValue: (item) => item.caseId, cell: (item) => item.caseId },
    { key: 'unit', label: c.unit, sortValue: (item) => item.unitId, cell: (item) => item.unitId },
    {
      key: 'category',
      label: c.category,
      sortValue: (item) => t.category[item.category],
      cell: (item) => t.category[item.category],
    },
    { key: 'severity', label: c.severity, sortValue: (item) => item.severity, cell: (item) => t.severity[item.severity] },
    { key: 'status', label: c.status, sortValue: (item) => item.status, cell: (item) => t.registers.caseStatus[item.status] },
    { key: 'openedAt', label: c.openedAt, sortValue: (item) => item.openedAt, cell: (item) => format.moment(item.openedAt) },
    {
      key: 'persons',
      label: c.persons,
      numeric: true,
      sortValue: (item) => item.persons,
      cell: (item) => format.number(item.persons, 0),
    },
    {
      key: 'defendants',
      label: c.defendants,
      numeric: true,
      sortValue: (item) => item.defendants,
      cell: (item) => format.number(item.defendants, 0),
    },
  ];
  return (
    <RegisterView
      title={t.registers.cases}
      unitId={unitId}
      highlight={highlight}
      time={time}
      load={(cursor, signal) => api.cases(unitId, cursor, signal)}
      columns={columns}
      rowKey={(item) => item.caseId}
      csvName={t.registers.csvCases}
      record={(item) => ({
        caseId: item.caseId,
        unitId: item.unitId,
        category: item.category,
        severity: item.severity,
        status: item.status,
        openedAt: item.openedAt,
        clearedAt: item.clearedAt,
        prosecutedAt: item.prosecutedAt,
        voidedAt: item.voidedAt,
        arrests: item.arrests,
        persons: item.persons,
        defendants: item.defendants,
      })}
    />
  );
}

export function HotspotsRegisterView({ unitId, highlight, time }: RegisterRoute) {
  const api = useApi();
  const { t, format } = useI18n();
  const c = t.registers.hotspotColumns;
  const columns: Column<HotspotItem>[] = [
    { key: 'hotspotId', label: c.hotspotId, sortValue: (item) => item.hotspotId, cell: (item) => item.hotspotId },
    { key: 'name', label: c.name, sortValue: (item) => item.name, cell: (item) => item.name },
    { key: 'unit', label: c.unit, sortValue: (item) => item.unitId, cell: (item) => item.unitId },
    { key: 'kind', label: c.kind, sortValue: (item) => item.kind, cell: (item) => t.hotspotKind[item.kind] },
    { key: 'status', label: c.status, sortValue: (item) => item.status, cell: (item) => t.registers.hotspotStatus[item.status] },
    {
      key: 'identifiedAt',
      label: c.identifiedAt,
      sortValue: (item) => item.identifiedAt,
      cell: (item) => format.moment(item.identifiedAt),
    },
    { key: 'listedYears', label: c.listedYears, cell: (item) => item.listedYears.join(', ') },
  ];
  return (
    <RegisterView
      title={t.registers.hotspots}
      unitId={unitId}
      highlight={highlight}
      time={time}
      load={(cursor, signal) => api.hotspots(unitId, cursor, signal)}
      columns={columns}
      rowKey={(item) => item.hotspotId}
      csvName={t.registers.csvHotspots}
      record={(item) => ({
        hotspotId: item.hotspotId,
        name: item.name,
        unitId: item.unitId,
        kind: item.kind,
        status: item.status,
        identifiedAt: item.identifiedAt,
        listedYears: item.listedYears.join(' '),
        transformedAt: item.transformedAt,
        relapsedAt: item.relapsedAt,
        eliminatedAt: item.eliminatedAt,
      })}
    />
  );
}
