// `npm run db:migrate`: start PostgreSQL if needed, create the database, apply migrations.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { prepareDatabase } from './lib/postgres.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const databaseUrl = process.env.DATABASE_URL || 'postgres://localhost:5432/vigil';
await prepareDatabase({ databaseUrl, root, log: (line) => process.stdout.write(`vigil: ${line}\n`) });
process.stdout.write(`vigil: database ready (${databaseUrl})\n`);
