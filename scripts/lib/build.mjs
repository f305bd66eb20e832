// Builds an app with the Nest CLI when its output is older than any source file.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function buildIfStale(root, app, say) {
  const output = join(root, 'dist', 'apps', app, 'src', 'main.js');
  const sources = Math.max(
    newestSource(join(root, 'apps')),
    newestSource(join(root, 'libs')),
    statSync(join(root, 'tsconfig.json')).mtimeMs,
  );
  if (existsSync(output) && statSync(output).mtimeMs >= sources) return output;
  say('building (nest build)…');
  const result = spawnSync('npx', ['nest', 'build', 'vigil'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`nest build ${app} failed`);
  return output;
}
