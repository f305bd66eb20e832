import { importScript, type InfrastructureScript } from '../harness/scripts';
import { ServiceProcess } from '../harness/service';
import type { StageContext } from './stage';

/** The bench database's name with a suffix: a sibling database for one stage. */
export function siblingDatabaseUrl(databaseUrl: string, suffix: string): string {
  const url = new URL(databaseUrl);
  url.pathname = `${url.pathname}_${suffix}`;
  return url.toString();
}

/**
 * An all-in-one service of its own for the projector stage: its namespace's topics are already full,
 * and its database is fresh (read models are per database, and the bench database's are the run's
 * service's), with an empty store, so its relay has nothing to publish and only the projector works.
 */
export async function projectorService(context: StageContext, namespace: string): Promise<ServiceProcess> {
  const databaseUrl = siblingDatabaseUrl(context.databaseUrl, 'project');
  const { prepareInfrastructure } = await importScript<InfrastructureScript>('scripts/lib/infrastructure.mjs');
  // Kafka is already up (the run prepared it), so there is nothing of its to release.
  await prepareInfrastructure({ databaseUrl, freshDatabase: true });
  return new ServiceProcess({
    databaseUrl,
    kafkaBrokers: context.kafkaBrokers,
    namespace,
    say: (line) => context.progress.say(`project: ${line}`),
    ...(context.options.cpuProfile ? { cpuProfileDir: `/tmp/${namespace}-profile` } : {}),
  });
}
