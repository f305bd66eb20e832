import { useEffect } from 'preact/hooks';
import { type Language, LANGUAGES, isLanguage, useI18n } from '../i18n/i18n';
import { hrefOf } from '../routing/links';
import type { Route } from '../routing/route';
import { navigate, useAddress } from '../routing/use-address';
import { TimeControls } from '../time/time-controls';
import { Empty } from '../ui/states';
import { ScorecardView } from '../views/scorecard/scorecard-view';
import { lazyView } from './lazy-view';
import { useSession } from './session';

const UnitView = lazyView(() => import('../views/unit/unit-view').then((module) => module.UnitView));
const EvidenceView = lazyView(() => import('../views/evidence/evidence-view').then((module) => module.EvidenceView));
const CasesRegisterView = lazyView(() => import('../views/registers/register-views').then((module) => module.CasesRegisterView));
const HotspotsRegisterView = lazyView(() =>
  import('../views/registers/register-views').then((module) => module.HotspotsRegisterView),
);

/** The signed-in page: header (navigation, time, language, sign-out) and the view the address names. */
export function Shell({ onSignOut }: { onSignOut: () => void }) {
  const { t, language, setLanguage } = useI18n();
  const { principal } = useSession();
  const { route, time } = useAddress();
  useEffect(() => {
    if (route.view === 'home') navigate({ route: { view: 'scorecard', unitId: principal.unit }, time }, { replace: true });
  }, [route.view, principal.unit, time]);
  const unitId = 'unitId' in route ? route.unitId : principal.unit;
  const links: { view: Route['view']; label: string; route: Route }[] = [
    { view: 'scorecard', label: t.nav.scorecard, route: { view: 'scorecard', unitId } },
    { view: 'unit', label: t.nav.unit, route: { view: 'unit', unitId, figure: 'casesOpened' } },
    { view: 'cases', label: t.nav.cases, route: { view: 'cases', unitId } },
    { view: 'hotspots', label: t.nav.hotspots, route: { view: 'hotspots', unitId } },
  ];
  return (
    <>
      <a class="skip-link" href="#main" onClick={(event) => (event.preventDefault(), document.getElementById('main')?.focus())}>
        {t.app.skip}
      </a>
      <header class="top-bar">
        <div class="brand">
          <a href={hrefOf({ view: 'scorecard', unitId: principal.unit }, time)}>
            <strong>{t.app.name}</strong>
          </a>{' '}
          <span class="secondary">{t.app.tagline}</span>
        </div>
        <nav aria-label={t.nav.label}>
          <ul class="nav-links">
            {links.map((link) => (
              <li key={link.view}>
                <a href={hrefOf(link.route, time)} aria-current={route.view === link.view ? 'page' : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account">
          <label class="language">
            <span class="visually-hidden">{t.nav.language}</span>
            <select
              value={language}
              aria-label={t.nav.language}
              onChange={(event) => isLanguage(event.currentTarget.value) && setLanguage(event.currentTarget.value as Language)}
            >
              {Object.entries(LANGUAGES).map(([code, { name }]) => (
                <option key={code} value={code} lang={code}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <span class="secondary who">{t.app.signedInAs(t.role[principal.role] ?? principal.role, principal.unit)}</span>
          <button type="button" onClick={onSignOut}>
            {t.nav.signOut}
          </button>
        </div>
      </header>
      <TimeControls time={time} onChange={(next) => navigate({ route, time: next })} />
      <main id="main" class="page" tabIndex={-1}>
        <RouteView route={route} time={time} />
      </main>
    </>
  );
}

function RouteView({ route, time }: { route: Route; time: ReturnType<typeof useAddress>['time'] }) {
  const { t } = useI18n();
  switch (route.view) {
    case 'home':
      return null;
    case 'scorecard':
      return <ScorecardView unitId={route.unitId} time={time} />;
    case 'unit':
      return <UnitView unitId={route.unitId} figure={route.figure} time={time} />;
    case 'evidence':
      return <EvidenceView directiveId={route.directiveId} targetId={route.targetId} unitId={route.unitId} time={time} />;
    case 'cases':
      return <CasesRegisterView unitId={route.unitId} highlight={route.highlight} time={time} />;
    case 'hotspots':
      return <HotspotsRegisterView unitId={route.unitId} highlight={route.highlight} time={time} />;
    case 'not-found':
      return <Empty>{t.state.notFound}</Empty>;
  }
}
