import { describeEventStoreContract } from '../testing/event-store-contract';
import { KurrentDbEventStore } from './kurrentdb-event-store';

// Needs KurrentDB 25.1 or later (multi-stream append), e.g. the docker-compose service:
// KURRENTDB_URL='kurrentdb://localhost:2113?tls=false'. There is no way to empty a KurrentDB
// database from a client, so reset does nothing: the suite writes to streams of its own.
const url = process.env.KURRENTDB_URL;

if (url) {
  describeEventStoreContract(`KurrentDB adapter (${url.replace(/\/\/[^@/]*@/, '//***@')})`, async () => ({
    store: KurrentDbEventStore.fromConnectionString(url),
    reset: async () => undefined,
  }));
} else {
  process.stderr.write(
    'NOTICE: KurrentDB event store contract tests skipped: KURRENTDB_URL is not set ' +
      "(e.g. KURRENTDB_URL='kurrentdb://localhost:2113?tls=false', KurrentDB 25.1+).\n",
  );
  describe.skip('KurrentDB adapter (skipped: KURRENTDB_URL is not set)', () => {
    it('runs the event store contract suite', () => undefined);
  });
}
