import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Module } from '@nestjs/common';
import { ServeStaticModule } from '@nestjs/serve-static';
import type { Response } from 'express';

/** The project's folder (the nearest one with a package.json), whether this runs from sources or from dist/. */
function projectRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where `npm run build` (vite) puts the analysts' web app. */
export const DASHBOARD_DIR = join(projectRoot(__dirname), 'dist', 'dashboard');

// The app talks to this origin only; the browser enforces it (CONTRACT §9: nothing from outside the deployment).
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "connect-src 'self'",
  "img-src 'self' data: blob:",
  "style-src 'self' 'unsafe-inline'", // the chart library sets style attributes
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
].join('; ');

function setHeaders(response: Response, path: string): void {
  if (path.endsWith('.html')) {
    response.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    response.setHeader('Cache-Control', 'no-cache');
  } else {
    // Vite names every asset by its content hash.
    response.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
  }
}

/**
 * Serves the dashboard's built files at /dashboard and /dashboard/ (static files: no token needed,
 * the app asks for one and sends it to the API). Routing is in the URL's hash, so only index.html
 * and the hashed assets are ever asked for.
 */
@Module({
  imports: [
    ServeStaticModule.forRoot({
      rootPath: DASHBOARD_DIR,
      serveRoot: '/dashboard',
      renderPath: '/',
      serveStaticOptions: { index: false, redirect: false, fallthrough: true, setHeaders },
    }),
  ],
})
export class DashboardStaticModule {}
