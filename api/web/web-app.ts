import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import compression from 'compression';
import express, { type Express } from 'express';
import { projectRoot } from '../../infra/paths';

/** Where `npm start` and `npm test` build the web application (scripts/build-web.sh). */
export const WEB_DIST = resolve(projectRoot, 'web/dist');
export const WEB_BASE = '/app';

/**
 * The web application, same origin as the API: its files under /app/, and index.html for every
 * other /app/ path so that a deep link or a reload opens the screen it names. `/` leads there.
 * Its paths never collide with the API's (/cases/…, /me, …), which the browser calls directly.
 */
export function serveWebApp(app: Express, dist = WEB_DIST): void {
  app.get('/', (_req, res) => res.redirect(302, `${WEB_BASE}/`));
  const index = join(dist, 'index.html');
  // Scripts and styles go gzipped: about 220 kB instead of 700 kB for the first screen over a commune's line.
  app.use(WEB_BASE, compression());
  app.use(
    WEB_BASE,
    // Hashed file names never change, so they are kept for a year; index.html is always asked anew.
    express.static(dist, { index: false, immutable: true, maxAge: '365d', fallthrough: true }),
  );
  app.get(/^\/app(\/.*)?$/, (_req, res) => {
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain; charset=utf-8')
        .send('Ứng dụng web chưa được dựng: chạy `bash scripts/build-web.sh`.\nThe web application is not built: run `bash scripts/build-web.sh`.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
}
