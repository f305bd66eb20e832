import type { TimeSelection } from '../../api/endpoints';
import type { CompareFigure } from '../../api/types';
import { useApi } from '../../app/session';
import { useI18n } from '../../i18n/i18n';
import { hrefOf } from '../../routing/links';
import { referenceDate } from '../../time/calendar';
import { useDocumentTitle } from '../../time/document-title';
import { Breadcrumb } from '../../ui/breadcrumb';
import { Loaded } from '../../ui/states';
import { useLoad } from '../../ui/use-load';
import { ChildrenSection } from './children-section';
import { CompstatSection } from './compstat-section';
import { TrendSection } from './trend-section';

/**
 * CONTRACT §9, unit: its path, the CompStat table, the units below with their figures, and a trend
 * against last year. Each section loads on its own (all requests at once) and shows its own state.
 */
export function UnitView({ unitId, figure, time }: { unitId: string; figure: CompareFigure; time: TimeSelection }) {
  const api = useApi();
  const { t } = useI18n();
  const [unit, retry] = useLoad((signal) => api.unit(unitId, time, signal), JSON.stringify([unitId, time]));
  const name = unit.status === 'ready' ? unit.value.name : unitId;
  useDocumentTitle(`${t.unit.title} · ${name}`, time);
  const day = referenceDate(time, new Date());
  return (
    <section aria-labelledby="view-heading">
      <h1 id="view-heading">
        {name}{' '}
        <a class="heading-link" href={hrefOf({ view: 'scorecard', unitId }, time)}>
          {t.unit.openScorecard}
        </a>
      </h1>
      <Loaded state={unit} retry={retry}>
        {(detail) => <Breadcrumb unit={detail} time={time} view="unit" />}
      </Loaded>
      <CompstatSection unitId={unitId} time={time} />
      <ChildrenSection unitId={unitId} time={time} day={day} />
      <TrendSection unitId={unitId} figure={figure} time={time} day={day} />
    </section>
  );
}
