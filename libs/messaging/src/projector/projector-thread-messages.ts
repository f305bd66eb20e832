import type { HealthReport } from '@vigil/platform';

/** What the projector thread tells the main thread. */
export type FromProjectorThread = { kind: 'report'; health: HealthReport; metrics: string } | { kind: 'stopped' };

/** What the main thread tells the projector thread. */
export type ToProjectorThread = { kind: 'stop' };

export const REPORT_EVERY_MS = 1_000;
