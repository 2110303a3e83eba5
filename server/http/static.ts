/// The renderer's files (dist/renderer after `npm run build`) at `/`, with the single-page app's
/// routes `/drafts/*` and `/public/*` falling back to its index.html, and any other page a browser asks
/// for answered 404 with the app's not-found page. Without a build, `/` says how to
/// make one. Paths are resolved strictly inside the folder: no `..`, no NUL bytes, no symlinked escape.
import { createReadStream, existsSync, realpathSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { HttpError } from './errors.ts';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

const noBuild = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Lifa</title></head>
<body><h1>Lifa (立法)</h1>
<p>The server is running, but the app has not been built. Run <code>npm run build</code> and reload.</p>
<p>The API is at <code>/api</code>; health at <code>/api/health</code>.</p></body></html>
`;

const spaRoutes = /^\/(drafts|public)(\/|$)/;

/// Whether a request for `path` that matches no file is someone's browser asking for a page: it accepts
/// HTML and the last segment of the path has no file extension.
export function wantsPage(accept: string | undefined, path: string): boolean {
  return /\btext\/html\b/.test(accept ?? '') && !/\.[A-Za-z0-9]+$/.test(path.split('/').pop() ?? '');
}

/// The real path of the file `urlPath` names inside `root` (a real path), or null when it names
/// nothing there, a folder, or something outside.
export function resolveInside(root: string, urlPath: string): string | null {
  if (urlPath.includes('\0')) return null;
  const relative = normalize(urlPath).replace(/^([/\\])+/, '');
  if (relative.split(/[/\\]/).includes('..')) return null;
  const candidate = join(root, relative);
  try {
    const real = realpathSync(candidate);
    if (real !== root && !real.startsWith(root + sep)) return null;
    return statSync(real).isFile() ? real : null;
  } catch {
    return null;
  }
}

function sendFile(reply: FastifyReply, file: string): FastifyReply {
  const type = types[extname(file).toLowerCase()] ?? 'application/octet-stream';
  const immutable = file.includes(`${sep}assets${sep}`);
  return reply
    .type(type)
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    .send(createReadStream(file));
}

/// Register `GET /` and `GET /*` serving `rendererDir` (null or missing: the "run npm run build" page).
/// Paths under `/api/` and `/sync/` are never served from here: they answer the JSON 404.
export function staticRoutes(app: FastifyInstance, rendererDir: string | null): void {
  const root = rendererDir && existsSync(join(rendererDir, 'index.html')) ? realpathSync(rendererDir) : null;

  const serve = async (url: string, reply: FastifyReply, accept: string | undefined) => {
    let path: string;
    try {
      path = decodeURIComponent(url.split('?')[0]);
    } catch {
      throw new HttpError(400, 'malformed path');
    }
    if (path === '/api' || path.startsWith('/api/') || path.startsWith('/sync/')) {
      throw new HttpError(404, `no route GET ${path}`);
    }
    if (!root) {
      if (path === '/' || path === '/index.html' || spaRoutes.test(path)) {
        return reply.type('text/html; charset=utf-8').send(noBuild);
      }
      throw new HttpError(404, `no file ${path}`);
    }
    const file = resolveInside(root, path === '/' ? '/index.html' : path);
    if (file) return sendFile(reply, file);
    if (spaRoutes.test(path)) return sendFile(reply, join(root, 'index.html'));
    // A page nobody has: browsers get the app, which shows its not-found page (status 404 all the
    // same); programs and missing files (an asset, a script) get the JSON 404.
    if (wantsPage(accept, path)) return sendFile(reply.code(404), join(root, 'index.html'));
    throw new HttpError(404, `no file ${path}`);
  };

  app.get('/', (request, reply) => serve(request.url, reply, request.headers.accept));
  app.get('/*', (request, reply) => serve(request.url, reply, request.headers.accept));
}
