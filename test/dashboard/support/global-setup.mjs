// Jest global set-up of the browser tests: Debian's Chromium (installed with apt when missing) and
// the dashboard's build (vite, when older than its sources). Runs only when a browser test is selected.
import { buildDashboardIfStale } from '../../../scripts/lib/build.mjs';
import { ensureChromium } from '../../../scripts/lib/chromium.mjs';
import { root, say } from '../../../scripts/lib/infrastructure.mjs';

export default function setUpBrowserTests() {
  ensureChromium(say);
  buildDashboardIfStale(root, say);
}
