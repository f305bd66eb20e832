import { useEffect, useState } from 'preact/hooks';
import type { TimeSelection } from '../api/endpoints';
import { useI18n } from '../i18n/i18n';
import { fromLocalInput, toLocalInput } from './calendar';

/**
 * "As at" (business date: the figures as they stood that day) and "as known at" (knowledge time: only
 * what had been recorded by then), applied to every view through the address.
 */
export function TimeControls({ time, onChange }: { time: TimeSelection; onChange: (time: TimeSelection) => void }) {
  const { t } = useI18n();
  const [at, setAt] = useState(time.at ?? '');
  const [asOf, setAsOf] = useState(time.asOf ? toLocalInput(time.asOf) : '');
  useEffect(() => {
    setAt(time.at ?? '');
    setAsOf(time.asOf ? toLocalInput(time.asOf) : '');
  }, [time.at, time.asOf]);
  const apply = (event: Event) => {
    event.preventDefault();
    const next: TimeSelection = {};
    if (at) next.at = at;
    const instant = fromLocalInput(asOf);
    if (instant) next.asOf = instant;
    onChange(next);
  };
  const isNow = !time.at && !time.asOf;
  return (
    <form class="time-controls" onSubmit={apply} aria-label={t.time.legend}>
      <div class="field">
        <label for="time-at">{t.time.asAt}</label>
        <input
          id="time-at"
          type="date"
          value={at}
          onInput={(event) => setAt(event.currentTarget.value)}
          aria-describedby="time-at-help"
        />
        <span id="time-at-help" class="visually-hidden">
          {t.time.asAtHelp}
        </span>
      </div>
      <div class="field">
        <label for="time-as-of">{t.time.asKnownAt}</label>
        <input
          id="time-as-of"
          type="datetime-local"
          step={1}
          value={asOf}
          onInput={(event) => setAsOf(event.currentTarget.value)}
          aria-describedby="time-as-of-help"
        />
        <span id="time-as-of-help" class="visually-hidden">
          {t.time.asKnownAtHelp}
        </span>
      </div>
      <div class="time-actions">
        <button type="submit">{t.time.apply}</button>
        {!isNow && (
          <button type="button" onClick={() => onChange({})}>
            {t.time.reset}
          </button>
        )}
      </div>
    </form>
  );
}
