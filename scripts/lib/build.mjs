// Builds what `npm start` runs when its output is older than its sources: the Nest apps (nest build)
// and the analysts' dashboard (vite build).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';

const DASHBOARD = join('apps', 'dashboard');

function newestSource(dir, accept, skip = () => false) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip(path)) continue;
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path, accept, skip));
    else if (accept(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

const isStale = (output, sources) => !existsSync(output) || statSync(output).mtimeMs < sources;

export function buildIfStale(root, app, say) {
  const [output] = buildAppsIfStale(root, [app], say);
  buildDashboardIfStale(root, say);
  return output;
}

/**
 * dist/apps/<app>/src/main.js of each app, built by one `nest build` when any is missing or older
 * than the sources (tsconfig.build.json compiles every app and library, whichever app is named).
 */
export function buildAppsIfStale(root, apps, say) {
  const outputs = apps.map((app) => join(root, 'dist', 'apps', app, 'src', 'main.js'));
  const isTs = (name) => name.endsWith('.ts');
  const sources = Math.max(
    newestSource(join(root, 'apps'), isTs, (path) => path === join(root, DASHBOARD)),
    newestSource(join(root, 'libs'), isTs),
    statSync(join(root, 'tsconfig.json')).mtimeMs,
  );
  if (outputs.some((output) => isStale(output, sources))) {
    say('building (nest build)…');
    const result = keepingDashboard(root, () => spawnSync('npx', ['nest', 'build', 'vigil'], { cwd: root, stdio: 'inherit' }));
    if (result.status !== 0) throw new Error(`nest build of ${apps.join(', ')} failed`);
    const missing = outputs.filter((output) => !existsSync(output));
    if (missing.length > 0) throw new Error(`nest build did not write ${missing.join(', ')}`);
  }
  return outputs;
}

/**
 * nest build empties dist/ (deleteOutDir), the dashboard's build with it, which it does not make:
 * moved aside meanwhile, so rebuilding the apps in the middle of a test run leaves the browser tests theirs.
 */
function keepingDashboard(root, build) {
  const dashboard = join(root, 'dist', 'dashboard');
  // On the same file system as dist/ (a rename), in the checkout's git-ignored local state.
  const aside = join(root, '.vigil', `dashboard-during-nest-build-${process.pid}`);
  const kept = existsSync(dashboard);
  if (kept) {
    mkdirSync(join(root, '.vigil'), { recursive: true });
    renameSync(dashboard, aside);
  }
  try {
    return build();
  } finally {
    if (kept) {
      mkdirSync(join(root, 'dist'), { recursive: true });
      renameSync(aside, dashboard);
    }
  }
}

/** dist/dashboard, built by vite when older than anything under apps/dashboard or the lockfile. */
export function buildDashboardIfStale(root, say) {
  const output = join(root, 'dist', 'dashboard', 'index.html');
  const sources = Math.max(
    newestSource(
      join(root, DASHBOARD),
      () => true,
      (path) => path.endsWith('node_modules'),
    ),
    statSync(join(root, 'package-lock.json')).mtimeMs,
  );
  if (!isStale(output, sources)) return output;
  say('building the dashboard (vite build)…');
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', join(DASHBOARD, 'vite.config.mts'), '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) throw new Error('vite build of the dashboard failed');
  return output;
}
