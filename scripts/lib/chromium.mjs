// Debian's Chromium for the dashboard's browser tests: installed with apt when missing (CI runs as
// root on a machine without it; `npx playwright install` cannot download browsers here).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const CHROMIUM = process.env.VIGIL_CHROMIUM || '/usr/bin/chromium';
// Chromium and a font with Vietnamese glyphs (a minimal image may have no font at all).
const PACKAGES = ['chromium', 'fonts-dejavu-core'];

function apt(args, say) {
  say(`apt-get ${args.join(' ')}`);
  const result = spawnSync('apt-get', args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  return result.status === 0;
}

/** The path of a Chromium executable, installing Debian's package first when it is missing. */
export function ensureChromium(say = (line) => process.stdout.write(`vigil: ${line}\n`)) {
  if (existsSync(CHROMIUM)) return CHROMIUM;
  say(`${CHROMIUM} is missing: installing Debian's chromium package`);
  // A fresh machine may have no package lists yet; update once, then install (a no-op when present).
  const installed =
    apt(['install', '-y', '--no-install-recommends', ...PACKAGES], say) ||
    (apt(['update'], say) && apt(['install', '-y', '--no-install-recommends', ...PACKAGES], say));
  if (!installed || !existsSync(CHROMIUM)) {
    throw new Error(`could not install Chromium at ${CHROMIUM} (apt-get install -y chromium, as root)`);
  }
  return CHROMIUM;
}

if (import.meta.url === `file://${process.argv[1]}`) ensureChromium();
