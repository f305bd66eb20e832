/** Where a probe became visible: the cases register (cases projection) or a unit's figures (figures projection). */
export type View = 'register' | 'figures';

/**
 * One probe seen in one view: from the `appended` answer to the first query answer that showed it.
 * `errorMs` bounds how late that answer may be: the time since the previous query of the same view
 * was sent (or since the append, if later), when the probe may already have been visible unseen.
 */
export interface Sighting {
  readonly view: View;
  readonly probe: number;
  readonly latencyMs: number;
  readonly errorMs: number;
  /** Never seen: `latencyMs` runs to when the watch gave up, a lower bound. */
  readonly unseen?: true;
}

interface Pending {
  readonly probe: number;
  readonly caseId: string;
  readonly appendedAt: number;
}

/** What one query of a view answered: the probe case ids it lists, or the number of probe cases it counts. */
export type Answer = { readonly caseIds: readonly string[] } | { readonly count: number };

/**
 * The probes waiting to be seen in each view. Pure bookkeeping: the caller queries, times the
 * queries and reports each answer here.
 */
export class ProbeWatch {
  private readonly pending: Record<View, Pending[]> = { register: [], figures: [] };
  private readonly lastSent: Record<View, number> = { register: -Infinity, figures: -Infinity };
  readonly sightings: Sighting[] = [];
  private newest = -1;

  /** Probe `probe` (0, 1, ... in the order posted) was answered `appended` at `appendedAt`. */
  appended(probe: number, caseId: string, appendedAt: number): void {
    for (const view of ['register', 'figures'] as const) this.pending[view].push({ probe, caseId, appendedAt });
    this.newest = Math.max(this.newest, probe);
  }

  waiting(view: View): number {
    return this.pending[view].length;
  }

  /** How many of the newest probes the register must list to include the oldest one still waiting. */
  registerWindow(): number {
    const oldest = Math.min(...this.pending.register.map((p) => p.probe));
    return Number.isFinite(oldest) ? this.newest - oldest + 1 : 0;
  }

  /**
   * A query of `view` sent at `sentAt` answered at `answeredAt`. The figures count probe cases:
   * probe p counts as visible once the count reaches p + 1.
   */
  answered(view: View, sentAt: number, answeredAt: number, answer: Answer): void {
    const visible =
      'caseIds' in answer ? (p: Pending) => answer.caseIds.includes(p.caseId) : (p: Pending) => answer.count >= p.probe + 1;
    const still: Pending[] = [];
    for (const p of this.pending[view]) {
      if (!visible(p)) still.push(p);
      else
        this.sightings.push({
          view,
          probe: p.probe,
          latencyMs: answeredAt - p.appendedAt,
          errorMs: answeredAt - Math.max(this.lastSent[view], p.appendedAt),
        });
    }
    this.pending[view] = still;
    this.lastSent[view] = sentAt;
  }

  /** The probes still waiting at `at` count as seen then (a lower bound), marked unseen; returns how many per view. */
  giveUp(at: number): Record<View, number> {
    const unseen = { register: this.pending.register.length, figures: this.pending.figures.length };
    for (const view of ['register', 'figures'] as const) {
      for (const p of this.pending[view])
        this.sightings.push({ view, probe: p.probe, latencyMs: at - p.appendedAt, errorMs: 0, unseen: true });
      this.pending[view] = [];
    }
    return unseen;
  }

  /** Latencies of one view, or of the slower view of each probe. */
  latencies(view?: View): number[] {
    if (view) return this.sightings.filter((s) => s.view === view).map((s) => s.latencyMs);
    const worst = new Map<number, number>();
    for (const s of this.sightings) worst.set(s.probe, Math.max(worst.get(s.probe) ?? 0, s.latencyMs));
    return [...worst.values()];
  }
}
