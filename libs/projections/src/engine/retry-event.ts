import type { StoredEvent } from '@vigil/contract';
import type { Pool } from 'pg';
import { type Projection, UnapplicableEventError } from '../projection';
import { applyToLiveVersion } from './live-version';

export type RetryOutcome = { status: 'applied' } | { status: 'skipped'; reason: string };

/** Rolls back a retry that applied nothing, and carries the reason out. */
class NotApplied extends Error {}

/**
 * A dead letter's event applied again to the projection's live version, by the engine's one path.
 * `reapply`: the event was set aside as unapplicable, so the guard already stepped over it and it
 * is applied anyway; otherwise (it followed a gap) it must now be its stream's next revision.
 * Throws `UnapplicableEventError` (rolled back) when the projection still cannot apply it.
 */
export async function retryEvent(
  pool: Pool,
  projection: Projection,
  event: StoredEvent,
  options: { reapply: boolean },
): Promise<RetryOutcome> {
  const at = `${event.streamId}@${event.revision}`;
  try {
    await applyToLiveVersion(pool, projection, [event], {
      reapply: options.reapply,
      beforeCommit: async (_client, result) => {
        const [unapplicable] = result.unapplicable;
        if (unapplicable) throw new UnapplicableEventError(event, unapplicable.reason);
        if (result.redelivered.length > 0) throw new NotApplied(`${at} is already applied`);
        const [gap] = result.gaps;
        if (gap) throw new NotApplied(`${at} still follows a gap (${gap.reason})`);
      },
    });
    return { status: 'applied' };
  } catch (error) {
    if (error instanceof NotApplied) return { status: 'skipped', reason: error.message };
    throw error;
  }
}
