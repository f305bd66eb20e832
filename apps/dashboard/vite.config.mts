import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

/** The analysts' web app (CONTRACT §9), built into dist/dashboard and served by the query app at /dashboard/. */
export default defineConfig({
  root: here,
  base: '/dashboard/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../../dist/dashboard', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The chart library is loaded only by the unit view: the scorecard's first paint stays small.
    chunkSizeWarningLimit: 700,
  },
});
