import { PROJECTIONS, projectionStatus } from '@vigil/projections';
import { loadConfig } from '@vigil/platform';
import { COMMANDS } from './catalogue';
import { Command } from 'commander';
import { openPool } from '../ops/connections';
import { formatTable } from '../ops/table';
import { projectionsRebuildCommand } from './projections-rebuild';

/** `vigil projections status [--json]`: each projection's versions, how far they got, and their state. */
export function projectionsCommand(): Command {
  const projections = new Command('projections').description(COMMANDS.projections!.summary).exitOverride();
  projections
    .command('status')
    .description('each projection: version, last position applied, lag in events and seconds, state')
    .exitOverride()
    .option('--json', 'one JSON document on stdout')
    .action(async (options: { json?: boolean }) => {
      const pool = openPool(loadConfig());
      try {
        const report = [];
        for (const projection of PROJECTIONS) {
          const versions = await projectionStatus(pool, projection.name, projection.categories);
          report.push({ projection: projection.name, codeVersion: projection.codeVersion, versions });
        }
        if (options.json) {
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
          return;
        }
        const rows = report.flatMap(({ projection, versions }) =>
          versions.length === 0
            ? [[projection, '-', 'not started', '-', '-', '-', '']]
            : versions.map((v) => [
                projection,
                String(v.version),
                v.state,
                v.lastPosition,
                String(v.lagEvents),
                String(v.lagSeconds),
                v.reason ?? '',
              ]),
        );
        process.stdout.write(
          formatTable(['PROJECTION', 'VERSION', 'STATE', 'LAST POSITION', 'LAG EVENTS', 'LAG S', 'REASON'], rows),
        );
      } finally {
        await pool.end().catch(() => undefined);
      }
    });
  projections.addCommand(projectionsRebuildCommand());
  return projections;
}
