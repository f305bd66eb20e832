import { createHash } from 'node:crypto';

/**
 * The advisory-lock key of a namespace's relay: a stable signed 64-bit hash of the namespace,
 * so several environments sharing one database each elect their own leader.
 */
export function relayLockKey(namespace: string): bigint {
  return createHash('sha256').update(`vigil.relay:${namespace}`).digest().readBigInt64BE(0);
}
