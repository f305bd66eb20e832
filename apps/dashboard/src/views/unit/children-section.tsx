import { useMemo } from 'preact/hooks';
import type { TimeSelection } from '../../api/endpoints';
import type { ChildStats } from '../../api/types';
import { useApi } from '../../app/session';
import { csvFileName } from '../../export/file-name';
import { useI18n } from '../../i18n/i18n';
import { hrefOf } from '../../routing/links';
import { type Column, DataTable } from '../../ui/data-table';
import { Empty, Loaded } from '../../ui/states';
import { useLoad } from '../../ui/use-load';

type ChildRow = ChildStats;

/** The units below (as the tree stands on the reference day), each with its figures for the year to date and a link down into it. */
export function ChildrenSection({ unitId, time, day }: { unitId: string; time: TimeSelection; day: string }) {
  const api = useApi();
  const { t, format } = useI18n();
  const from = `${day.slice(0, 4)}-01-01`;
  const [state, retry] = useLoad(
    (signal) => api.stats(unitId, { from, to: day, breakdown: 'children' }, time, signal),
    JSON.stringify([unitId, from, day, time.asOf]),
  );
  const columns = useChildColumns(time);
  return (
    <section class="panel" aria-labelledby="children-heading">
      <h2 id="children-heading">{t.unit.children}</h2>
      <p class="secondary">{t.unit.childrenPeriod(format.date(from), format.date(day))}</p>
      <Loaded state={state} retry={retry}>
        {(stats) => {
          const rows = stats.children ?? [];
          return rows.length === 0 ? (
            <Empty>{t.unit.childrenEmpty}</Empty>
          ) : (
            <DataTable
              caption={t.unit.children}
              columns={columns}
              rows={rows}
              rowKey={(row) => row.unitId}
              rowAttributes={(row) => ({ 'data-unit': row.unitId })}
              initialSort={{ key: 'name', direction: 'ascending' }}
              csv={{
                name: csvFileName(t.unit.csvChildren, unitId, time),
                what: t.unit.children,
                record: (row) => ({
                  unitId: row.unitId,
                  name: row.name,
                  level: row.level,
                  from,
                  to: day,
                  casesOpened: row.casesOpened,
                  casesCleared: row.casesCleared,
                  casesProsecuted: row.casesProsecuted,
                  personsArrested: row.personsArrested,
                  defendants: row.defendants,
                  weaponsCollected: row.weaponsCollected,
                  'hotspots.identified': row.hotspots.identified,
                  'hotspots.listed': row.hotspots.listed,
                  'hotspots.transformed': row.hotspots.transformed,
                  'hotspots.relapsed': row.hotspots.relapsed,
                  'hotspots.eliminated': row.hotspots.eliminated,
                  'incidents.count': row.incidents.count,
                  'incidents.deaths': row.incidents.deaths,
                  'incidents.injuries': row.incidents.injuries,
                }),
              }}
            />
          );
        }}
      </Loaded>
    </section>
  );
}

function useChildColumns(time: TimeSelection): Column<ChildRow>[] {
  const { t, format } = useI18n();
  return useMemo(() => {
    const figure = (key: string, label: string, value: (row: ChildRow) => number): Column<ChildRow> => ({
      key,
      label,
      numeric: true,
      sortValue: value,
      cell: (row) => format.number(value(row), 0),
    });
    return [
      {
        key: 'name',
        label: t.unit.title,
        sortValue: (row) => row.name,
        cell: (row) => (
          <>
            <a href={hrefOf({ view: 'unit', unitId: row.unitId, figure: 'casesOpened' }, time)}>{row.name}</a>
            <span class="secondary">{t.level[row.level]}</span>
          </>
        ),
      },
      figure('casesOpened', t.figure.casesOpened, (row) => row.casesOpened),
      figure('casesCleared', t.figure.casesCleared, (row) => row.casesCleared),
      figure('casesProsecuted', t.figure.casesProsecuted, (row) => row.casesProsecuted),
      figure('personsArrested', t.figure.personsArrested, (row) => row.personsArrested),
      figure('weaponsCollected', t.figure.weaponsCollected, (row) => row.weaponsCollected),
      figure('incidents', t.figure.incidents, (row) => row.incidents.count),
      figure('hotspotsTransformed', t.figure.hotspotsTransformed, (row) => row.hotspots.transformed),
      {
        key: 'scorecard',
        label: t.unit.openScorecard,
        cell: (row) => <a href={hrefOf({ view: 'scorecard', unitId: row.unitId }, time)}>{t.unit.openScorecard}</a>,
      },
    ];
  }, [t, format, time]);
}
