/** How a relay runs. Production uses the defaults; tests override where a new checkpoint starts. */
export interface RelayOptions {
  /** Row of `relay_checkpoints` this relay advances; defaults to the namespace. */
  checkpointName?: string;
  /**
   * Where a checkpoint that never existed starts: after this position (`0n`, the default, is the
   * whole log) or at the log's head when first created (tests sharing one database).
   */
  initialPosition?: bigint | 'head';
  /** Events read from the log and sent to Kafka as one batch. */
  pageSize?: number;
  /** How often a standby tries to take the leader lock. */
  lockRetryMs?: number;
}

export type ResolvedRelayOptions = Required<RelayOptions>;

export const RELAY_OPTIONS = Symbol('RELAY_OPTIONS');

export function resolveRelayOptions(namespace: string, options: RelayOptions = {}): ResolvedRelayOptions {
  return {
    checkpointName: options.checkpointName ?? namespace,
    initialPosition: options.initialPosition ?? 0n,
    pageSize: options.pageSize ?? 2_000,
    lockRetryMs: options.lockRetryMs ?? 1_500,
  };
}
