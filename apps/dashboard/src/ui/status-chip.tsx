import type { TargetStatus } from '../api/types';
import { useI18n } from '../i18n/i18n';

// A shape as well as a colour, so the status reads without colour vision too.
const MARK: Record<TargetStatus, string> = { achieved: '✓', on_track: '↗', at_risk: '!', missed: '✕' };

export function StatusChip({ status }: { status: TargetStatus }) {
  const { t } = useI18n();
  return (
    <span class={`chip chip--${status}`} data-status={status}>
      <span class="chip__mark" aria-hidden="true">
        {MARK[status]}
      </span>
      {t.status[status]}
    </span>
  );
}
