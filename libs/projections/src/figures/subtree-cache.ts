import { quoted } from './figures.tables';
import { resolveSubtree, type Db, type Subtree } from './subtree';

/** Subtrees kept across requests: a country's tree changes a few times a year and VN's has thousands of rows. */
const CACHE_SIZE = 256;
const cache = new Map<string, Subtree>();

/**
 * What the tree known at asOf is made of: parent rows are only ever added, so their count changes whenever
 * the rows recorded by asOf do; the latest knowledge time, latest move and a hash of who is under whom tell
 * apart the trees of two builds of a schema.
 */
async function treeFingerprint(db: Db, schema: string, asOf: Date): Promise<string> {
  const { rows } = await db.query(
    `SELECT count(*) AS n, max(recorded_at)::text AS latest,
            sum(hashtext(unit_id || ' ' || coalesce(parent_unit_id, '')))::text AS hash, sum(revision) AS revisions,
            max(valid_from) FILTER (WHERE valid_from > '-infinity')::text AS moved
       FROM ${quoted(schema)}.unit_parents WHERE recorded_at <= $1`,
    [asOf],
  );
  const row = rows[0];
  return `${row.n} ${row.latest} ${row.hash} ${row.revisions} ${row.moved}`;
}

/**
 * `resolveSubtree` for one request: the tree's fingerprint is read once, and a subtree already resolved
 * for the same fingerprint (by this or an earlier request) is reused.
 */
export function subtreeResolver(db: Db, schema: string, asOf: Date): (unitId: string) => Promise<Subtree> {
  let fingerprint: Promise<string> | undefined;
  const resolved = new Map<string, Promise<Subtree>>();
  const resolve = async (unitId: string) => {
    const key = `${schema}\u0000${unitId}\u0000${await (fingerprint ??= treeFingerprint(db, schema, asOf))}`;
    const cached = cache.get(key);
    if (cached !== undefined) return cached;
    const subtree = await resolveSubtree(db, schema, unitId, asOf);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(key, subtree);
    return subtree;
  };
  return (unitId) => {
    let subtree = resolved.get(unitId);
    if (subtree === undefined) resolved.set(unitId, (subtree = resolve(unitId)));
    return subtree;
  };
}
