import { PROJECTIONS, type Projection, type RebuildProgress, rebuildProjections } from '@vigil/projections';
import { loadConfig } from '@vigil/platform';
import { Command } from 'commander';
import { openEventStore, openPool } from '../ops/connections';
import { Progress } from '../ops/progress';
import { UsageError } from '../usage-error';

const USAGE = `usage: vigil projections rebuild NAME|--all [--keep] [--page-size N]; projections: ${PROJECTIONS.map((p) => p.name).join(', ')}`;

interface Options {
  all?: boolean;
  keep?: boolean;
  pageSize?: string;
}

function chosenProjections(name: string | undefined, all: boolean): Projection[] {
  if (all && name !== undefined) throw new UsageError(`give a projection name or --all, not both\n${USAGE}`);
  if (all) return [...PROJECTIONS];
  if (name === undefined) throw new UsageError(`a projection name or --all is required\n${USAGE}`);
  const projection = PROJECTIONS.find((candidate) => candidate.name === name);
  if (!projection) throw new UsageError(`no projection named ${name}\n${USAGE}`);
  return [projection];
}

function pageSizeOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const size = Number(text);
  if (!Number.isInteger(size) || size < 1 || size > 100_000)
    throw new UsageError(`--page-size ${text}: expected 1 to 100000\n${USAGE}`);
  return size;
}

/**
 * `vigil projections rebuild NAME|--all [--keep]`: a new version of each read model from the event
 * store while the live one serves, then an atomic switch. Ctrl-C stops after the page in flight and
 * leaves the live version untouched; running it again resumes.
 */
export function projectionsRebuildCommand(): Command {
  return new Command('rebuild')
    .description('build a new version of a read model from the event store while the live one serves, then switch')
    .exitOverride()
    .argument('[name]', 'the projection to rebuild')
    .option('--all', 'every projection (the log is read once for all of them)')
    .option('--keep', 'keep the previous version (state retired) instead of dropping it')
    .option('--page-size <N>', 'events read from the store per transaction (default 5000)')
    .action(async (name: string | undefined, options: Options) => {
      const projections = chosenProjections(name, options.all ?? false);
      const pageSize = pageSizeOf(options.pageSize);
      const config = loadConfig();
      // A transaction per projection (two for a pipelined one), the lock's connection and the reads.
      const connections = projections.reduce((n, projection) => n + (projection.pipelinedRebuild ? 2 : 1), 2);
      const pool = openPool(config, connections);
      const store = openEventStore(config, pool);
      const abort = new AbortController();
      const interrupt = () => {
        if (abort.signal.aborted) process.exit(130); // a second Ctrl-C: the page in flight rolls back
        process.stderr.write('\nvigil: stopping after the page in flight (Ctrl-C again to stop now)\n');
        abort.abort();
      };
      process.on('SIGINT', interrupt);
      process.on('SIGTERM', interrupt);
      const progress = new Progress(`rebuild ${projections.map((p) => p.name).join(',')}`, null);
      let done = 0;
      const show = (report: RebuildProgress) => {
        if (report.phase === 'reading') {
          done = Number(report.position - report.startedFrom);
          progress.update(done, false, Number(report.head - report.startedFrom));
        } else if (report.phase === 'switching') {
          progress.finish(done);
          process.stderr.write('vigil: caught up; switching\n');
        }
      };
      try {
        const rebuilt = await rebuildProjections({
          pool,
          store,
          projections,
          keep: options.keep ?? false,
          signal: abort.signal,
          onProgress: show,
          ...(pageSize === undefined ? {} : { pageSize }),
        });
        for (const result of rebuilt) {
          const from = result.previousVersion === null ? 'no live version' : `version ${result.previousVersion}`;
          const kept = result.previousVersion !== null ? (options.keep ? ' (kept, retired)' : ' (dropped)') : '';
          const setAside = result.unapplicable > 0 ? `; ${result.unapplicable} events set aside as unapplicable` : '';
          process.stdout.write(`${result.name}: version ${result.version} is live, replacing ${from}${kept}${setAside}\n`);
        }
      } finally {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
        await store.close().catch(() => undefined);
        await pool.end().catch(() => undefined);
      }
    });
}
