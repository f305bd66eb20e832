import type { TimeSelection } from '../../api/endpoints';
import type { CompareFigure } from '../../api/types';
import { COMPARE_FIGURES } from '../../api/vocabulary';
import { useApi } from '../../app/session';
import { csvFileName } from '../../export/file-name';
import { useI18n } from '../../i18n/i18n';
import { navigate } from '../../routing/use-address';
import { type Column, DataTable } from '../../ui/data-table';
import { Loaded } from '../../ui/states';
import { useLoad } from '../../ui/use-load';
import { type MonthRow, monthRows } from './trend';
import { TrendChart } from './trend-chart';

/** This year against last year, by month, for the figure chosen; the chart's figures are also in a table. */
export function TrendSection({
  unitId,
  figure,
  time,
  day,
}: {
  unitId: string;
  figure: CompareFigure;
  time: TimeSelection;
  day: string;
}) {
  const api = useApi();
  const { t, format } = useI18n();
  const year = Number(day.slice(0, 4));
  // One series from 1 January last year to the reference day: both years in one request.
  const [state, retry] = useLoad(
    (signal) =>
      api
        .series(unitId, { figure, grain: 'month', from: `${year - 1}-01-01`, to: day }, time, signal)
        .then((series) => monthRows(series, year)),
    JSON.stringify([unitId, figure, day, time.asOf]),
  );
  const value = (number: number | null) => (figure === 'clearanceRate' ? format.percent(number) : format.number(number));
  const columns: Column<MonthRow>[] = [
    { key: 'month', label: t.unit.month, sortValue: (row) => row.month, cell: (row) => format.month(row.month, 'long') },
    { key: 'current', label: String(year), numeric: true, sortValue: (row) => row.current, cell: (row) => value(row.current) },
    {
      key: 'previous',
      label: String(year - 1),
      numeric: true,
      sortValue: (row) => row.previous,
      cell: (row) => value(row.previous),
    },
  ];
  return (
    <section class="panel" aria-labelledby="trend-heading">
      <h2 id="trend-heading">{t.unit.trend}</h2>
      <div class="field field--inline">
        <label for="trend-figure">{t.unit.trendFigure}</label>
        <select
          id="trend-figure"
          value={figure}
          onChange={(event) =>
            navigate({ route: { view: 'unit', unitId, figure: event.currentTarget.value as CompareFigure }, time })
          }
        >
          {COMPARE_FIGURES.map((option) => (
            <option key={option} value={option}>
              {t.figure[option]}
            </option>
          ))}
        </select>
      </div>
      <Loaded state={state} retry={retry}>
        {(rows) => (
          <div class="trend">
            <TrendChart rows={rows} year={year} label={t.unit.chartLabel(t.figure[figure], year, year - 1)} />
            <DataTable
              caption={t.unit.chartLabel(t.figure[figure], year, year - 1)}
              columns={columns}
              rows={rows}
              rowKey={(row) => String(row.month)}
              csv={{
                name: csvFileName(`${t.unit.csvTrend}-${figure}`, unitId, time),
                what: t.unit.trend,
                record: (row) => ({ figure, month: row.month, [String(year)]: row.current, [String(year - 1)]: row.previous }),
              }}
            />
          </div>
        )}
      </Loaded>
    </section>
  );
}
