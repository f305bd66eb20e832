import type { Client, Pool } from 'pg';

type ErrorListener = (error: Error) => void;

/**
 * No pg error may crash the process: node-postgres emits `error` on a client whose connection dies
 * (the server terminated it, restarted, the network dropped), and an `error` event nobody listens to
 * is thrown. The pool listens only to its idle clients; a client checked out and between two
 * statements (in a transaction waiting on Kafka, a LISTEN connection, a lock holder) has nobody.
 * This gives the pool and each of its clients a listener for their whole life: the statement that
 * runs on the dead connection fails with the reason and the pool discards the client on release.
 */
export function guardPool(pool: Pool, onError: ErrorListener = () => undefined): Pool {
  pool.on('error', onError);
  pool.on('connect', (client) => guardClient(client, onError));
  return pool;
}

/** The same for a dedicated client (LISTEN, an advisory lock's session): its next statement reports the loss. */
export function guardClient<C extends Pick<Client, 'on'>>(client: C, onError: ErrorListener = () => undefined): C {
  client.on('error', onError);
  return client;
}
