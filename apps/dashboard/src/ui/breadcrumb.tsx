import type { TimeSelection } from '../api/endpoints';
import type { UnitDetailAnswer } from '../api/types';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { hrefOf } from '../routing/links';

/** The unit's path, root first; units above the analyst's own root are named but not linked (out of scope). */
export function Breadcrumb({ unit, time, view }: { unit: UnitDetailAnswer; time: TimeSelection; view: 'scorecard' | 'unit' }) {
  const { t } = useI18n();
  const { principal } = useSession();
  const rootIndex = unit.path.findIndex((step) => step.unitId === principal.unit);
  const inScope = (index: number) => principal.role === 'operator' || (rootIndex >= 0 && index >= rootIndex);
  const route = (unitId: string) => (view === 'unit' ? { view, unitId, figure: 'casesOpened' as const } : { view, unitId });
  return (
    <nav class="breadcrumb" aria-label={t.unit.path}>
      <ol>
        {unit.path.map((step, index) => (
          <li key={step.unitId}>
            {inScope(index) ? <a href={hrefOf(route(step.unitId), time)}>{step.name}</a> : <span>{step.name}</span>}
          </li>
        ))}
        <li aria-current="page">
          {unit.name} <span class="secondary">{t.level[unit.level]}</span>
        </li>
      </ol>
    </nav>
  );
}
