import type { TimeSelection } from '../../api/endpoints';
import type { CompareAnswer, CompareCell, CompareRow, CompareWindow } from '../../api/types';
import { COMPARE_WINDOWS } from '../../api/vocabulary';
import { useApi } from '../../app/session';
import { csvFileName } from '../../export/file-name';
import { MISSING } from '../../i18n/format';
import { useI18n } from '../../i18n/i18n';
import { CsvButton } from '../../ui/csv-button';
import { Loaded } from '../../ui/states';
import { useLoad } from '../../ui/use-load';

/** The CompStat table: each figure, each window against the same dates last year, with change and flags. */
export function CompstatSection({ unitId, time }: { unitId: string; time: TimeSelection }) {
  const api = useApi();
  const { t } = useI18n();
  const [state, retry] = useLoad((signal) => api.compare(unitId, time, signal), JSON.stringify([unitId, time]));
  return (
    <section class="panel" aria-labelledby="compstat-heading">
      <h2 id="compstat-heading">{t.unit.compstat}</h2>
      <p class="secondary">{t.unit.compstatHelp}</p>
      <Loaded state={state} retry={retry}>
        {(compare) => <CompstatTable compare={compare} time={time} />}
      </Loaded>
    </section>
  );
}

function CompstatTable({ compare, time }: { compare: CompareAnswer; time: TimeSelection }) {
  const { t, format } = useI18n();
  const isRate = (row: CompareRow) => row.figure === 'clearanceRate';
  const figure = (row: CompareRow, value: number | null) => (isRate(row) ? format.percent(value) : format.number(value));
  const signed = (value: number, written: string) => `${value > 0 ? '+' : ''}${written}`;
  // The rate changes by points; a count by a percentage of last year's (none when last year had none).
  const change = (row: CompareRow, cell: CompareCell) =>
    isRate(row)
      ? cell.change === null
        ? MISSING
        : t.unit.points(signed(cell.change, format.number(cell.change)))
      : cell.changePct === null
        ? MISSING
        : signed(cell.changePct, format.percent(cell.changePct));
  const label = (window: CompareWindow, what: string) => `${t.unit.windows[window]} · ${what}`;
  return (
    <div class="table-frame">
      <CsvButton
        name={csvFileName(t.unit.csvCompstat, compare.unitId, time)}
        what={t.unit.compstat}
        records={() =>
          compare.rows.map((row) => {
            const record: Record<string, string | number | null> = { figure: row.figure };
            for (const window of COMPARE_WINDOWS) {
              const cell = row[window];
              record[`${window}.current`] = cell.current;
              record[`${window}.previous`] = cell.previous;
              record[`${window}.change`] = cell.change;
              record[`${window}.changePct`] = cell.changePct;
              record[`${window}.z`] = cell.z;
              record[`${window}.flag`] = cell.flag;
            }
            return record;
          })
        }
      />
      <table class="data-table compstat">
        <caption>
          {COMPARE_WINDOWS.map((window) => {
            const range = compare.windows[window];
            return (
              <span key={window} class="window-range">
                {t.unit.windows[window]}: {format.date(range.current.from)} – {format.date(range.current.to)} /{' '}
                {format.date(range.previous.from)} – {format.date(range.previous.to)}
              </span>
            );
          })}
        </caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t.unit.figure}
            </th>
            {COMPARE_WINDOWS.map((window) => (
              <th key={window} scope="colgroup" colSpan={3}>
                {t.unit.windows[window]}
              </th>
            ))}
          </tr>
          <tr>
            {COMPARE_WINDOWS.flatMap((window) => [
              <th key={`${window}-current`} scope="col" class="numeric">
                {t.unit.current}
              </th>,
              <th key={`${window}-previous`} scope="col" class="numeric">
                {t.unit.previous}
              </th>,
              <th key={`${window}-change`} scope="col" class="numeric">
                {t.unit.changePct}
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {compare.rows.map((row) => (
            <tr key={row.figure} data-figure={row.figure}>
              <th scope="row" data-label={t.unit.figure}>
                <div class="cell">{t.figure[row.figure]}</div>
              </th>
              {COMPARE_WINDOWS.flatMap((window) => {
                const cell = row[window];
                return [
                  <td
                    key={`${window}-current`}
                    class="numeric"
                    data-label={label(window, t.unit.current)}
                    data-cell={`${window}.current`}
                  >
                    <div class="cell">{figure(row, cell.current)}</div>
                  </td>,
                  <td
                    key={`${window}-previous`}
                    class="numeric"
                    data-label={label(window, t.unit.previous)}
                    data-cell={`${window}.previous`}
                  >
                    <div class="cell">{figure(row, cell.previous)}</div>
                  </td>,
                  <td
                    key={`${window}-change`}
                    class={`numeric${cell.flag ? ` flag flag--${cell.flag}` : ''}`}
                    data-label={label(window, t.unit.changePct)}
                    data-cell={`${window}.change`}
                    data-flag={cell.flag ?? undefined}
                    title={cell.z === null ? undefined : `z = ${format.number(cell.z)}`}
                  >
                    <div class="cell">
                      {change(row, cell)}
                      {cell.flag && (
                        <span class="flag-word">
                          <span aria-hidden="true">{cell.flag === 'up' ? '▲' : '▼'}</span>{' '}
                          {cell.flag === 'up' ? t.unit.flagUp : t.unit.flagDown}
                        </span>
                      )}
                    </div>
                  </td>,
                ];
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
