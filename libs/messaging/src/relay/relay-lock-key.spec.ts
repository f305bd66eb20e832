import { relayLockKey } from './relay-lock-key';

describe('the leader lock key of a namespace', () => {
  it('is the same for every relay of one namespace and differs between namespaces', () => {
    expect(relayLockKey('vigil')).toBe(relayLockKey('vigil'));
    expect(relayLockKey('vigil')).not.toBe(relayLockKey('vigil-staging'));
  });

  it('fits PostgreSQL bigint', () => {
    for (const namespace of ['vigil', 'test-0a1b2c3d', 'prod']) {
      const key = relayLockKey(namespace);
      expect(key >= -(2n ** 63n) && key < 2n ** 63n).toBe(true);
    }
  });
});
