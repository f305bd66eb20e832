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
  // npm checks each package's `engines` against the Node npm itself runs on, which may be older than
  // the Node 24 (the `node` devDependency) that runs them: those EBADENGINE warnings say nothing about
  // this project, so only errors are shown. Install scripts are decided in package.json `allowScripts`.
  process.stdout.write('vigil: installing Node packages (npm install from package-lock.json)…\n');
  const args = ['install', '--no-audit', '--no-fund', '--loglevel=error'];
  const result = spawnSync('npm', args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    process.stderr.write('vigil: npm install failed; see above\n');
    process.exit(result.status ?? 1);
  }
}
