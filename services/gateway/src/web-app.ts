import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';

interface Req {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
interface Res {
  setHeader(name: string, value: string): void;
  sendFile(path: string): void;
}
type Next = () => void;

/** The built web workbench (services/web/dist), next to the gateway's own dist in the repository and the image. */
export const WEB_DIST = resolve(__dirname, '..', '..', 'web', 'dist');

/** Paths the gateway answers itself; everything else that asks for HTML gets the app's index.html. */
const API_PATHS = /^\/(graphql|health|metrics|auth|files|exports)(\/|$)/;

/**
 * The web app's policy: its own scripts only, styles inline too (Ant Design's CSS-in-JS writes <style> elements),
 * requests only to this origin, never framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(_req: Req, res: Res, next: Next): void {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
}

const wantsHtml = (req: Req): boolean => {
  const accept = req.headers['accept'];
  return (Array.isArray(accept) ? accept.join(',') : (accept ?? '')).includes('text/html');
};

/**
 * Serves the web workbench at `/`: its files (hashed assets cached for a year, index.html never), and index.html for
 * any other page address the app routes itself (SPA fallback). `/graphql`, `/health`, `/metrics`, `/auth`, `/files` and `/exports`
 * stay the gateway's.
 */
export function serveWebApp(app: NestExpressApplication, dir = WEB_DIST): boolean {
  app.disable('x-powered-by');
  app.use(securityHeaders);
  if (!existsSync(join(dir, 'index.html'))) return false;
  const index = join(dir, 'index.html');
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res: Res, path: string) =>
      res.setHeader(
        'Cache-Control',
        path.includes(`${join(dir, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      ),
  });
  app.use((req: Req, res: Res, next: Next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path) || !wantsHtml(req))
      return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
