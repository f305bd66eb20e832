import { COMMANDS } from './catalogue';
import { Command, Option } from 'commander';
import { ROLES, type Role, issueToken, loadConfig, parseTtl } from '@vigil/platform';
import { UsageError } from '../usage-error';

const UNIT_ID = /^[A-Za-z0-9._:-]{1,64}$/;

/** `vigil token issue --role R --unit U [--ttl 30d]`: prints a token signed with VIGIL_JWT_SECRET. */
export function tokenCommand(): Command {
  const token = new Command('token').description(COMMANDS.token!.summary).exitOverride();
  token
    .command('issue')
    .description('print a signed token')
    .exitOverride()
    .addOption(new Option('--role <role>', 'upstream, analyst or operator').choices([...ROLES]).makeOptionMandatory())
    .requiredOption('--unit <unitId>', 'root of the token’s unit scope, e.g. VN or VN-LCI')
    .option('--ttl <ttl>', 'lifetime: 30d, 12h, 15m or 3600s', '30d')
    .option('--subject <name>', 'who the token is for (recorded with every event it posts)')
    .action(async (options: { role: Role; unit: string; ttl: string; subject?: string }) => {
      const ttlSeconds = parseTtl(options.ttl);
      if (ttlSeconds === null || ttlSeconds <= 0)
        throw new UsageError(`--ttl ${options.ttl}: expected e.g. 30d, 12h, 15m or 3600s`);
      if (!UNIT_ID.test(options.unit)) throw new UsageError(`--unit ${options.unit}: expected 1-64 characters [A-Za-z0-9._:-]`);
      const config = loadConfig();
      const claims = { role: options.role, unit: options.unit, ...(options.subject ? { subject: options.subject } : {}) };
      process.stdout.write(`${await issueToken(config.VIGIL_JWT_SECRET, claims, ttlSeconds)}\n`);
    });
  return token;
}
