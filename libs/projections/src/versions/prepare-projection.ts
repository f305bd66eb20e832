import { inTransaction } from '@vigil/platform';
import type { Pool } from 'pg';
import type { Projection } from '../projection';
import { lockServingViews } from './lock-serving-views';
import { lockLiveVersionExclusive } from './projection-lock';
import { versionSchemaOf } from './schemas';
import { pointServingViews } from './serving-views';
import { liveVersion, nextVersionNumber } from './version-rows';
import { createVersionTables } from './version-tables';

/** The live version was built by other code: applying this code's events to it would mix meanings. */
export class RebuildRequiredError extends Error {
  constructor(projection: Projection, builtBy: number) {
    super(
      `projection ${projection.name}: the live version was built by code version ${builtBy}, this code is version ` +
        `${projection.codeVersion}; run \`vigil projections rebuild ${projection.name}\``,
    );
    this.name = 'RebuildRequiredError';
  }
}

/**
 * Makes sure the projection has a live version and returns its schema: the first start builds one
 * (empty, filled by the consumer); later starts make sure its tables and the serving views exist.
 * Serialised with other starts and with version switches by the projection's lock.
 */
export async function prepareProjection(pool: Pool, projection: Projection): Promise<string> {
  return inTransaction(pool, async (client) => {
    await lockLiveVersionExclusive(client, projection.name);
    const live = await liveVersion(client, projection.name);
    if (live && live.codeVersion !== projection.codeVersion) throw new RebuildRequiredError(projection, live.codeVersion);
    let schema = live?.schema;
    if (!schema) {
      const version = await nextVersionNumber(client, projection.name, projection.codeVersion);
      schema = versionSchemaOf(projection.name, version);
      await client.query(
        `INSERT INTO projection_versions (projection, version, schema_name, state, code_version, switched_at)
         VALUES ($1, $2, $3, 'live', $4, now())`,
        [projection.name, version, schema, projection.codeVersion],
      );
    }
    await createVersionTables(client, projection, schema);
    await lockServingViews(client, [projection.name]);
    await pointServingViews(client, projection.name, schema);
    return schema;
  });
}
