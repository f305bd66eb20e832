import { useEffect } from 'preact/hooks';
import type { TimeSelection } from '../api/endpoints';
import { useI18n } from '../i18n/i18n';

/** The page's title bar names the view and the time it shows (CONTRACT §9: time controls shown in the title). */
export function useDocumentTitle(view: string, time: TimeSelection): void {
  const { t, format } = useI18n();
  const title = [
    view,
    time.at ? t.time.titleAsAt(format.date(time.at)) : null,
    time.asOf ? t.time.titleAsKnownAt(format.moment(time.asOf)) : null,
  ]
    .filter(Boolean)
    .join(' · ');
  useEffect(() => {
    document.title = `${title} — ${t.app.name}`;
  }, [title, t]);
}
