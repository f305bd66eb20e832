// Installs the Node packages when they are missing or older than the lockfile. Runs on whatever
// Node npm has (the machine's may be old): plain built-ins only.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.package-lock.json');
const lock = join(root, 'package-lock.json');

const stale =
  !existsSync(marker) ||
  !existsSync(join(root, 'node_modules', '.bin', 'node')) ||
  statSync(marker).mtimeMs < statSync(lock).mtimeMs;
if (stale) {
  // `npm ci` fails here on optional platform binaries the registry does not serve; install from the lockfile.
  process.stdout.write('vigil: installing Node packages (npm install from package-lock.json)…\n');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('vigil: npm install failed; see above\n');
    process.exit(result.status ?? 1);
  }
}
