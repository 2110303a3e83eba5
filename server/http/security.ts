/// Browser protections of everything `lifa serve` sends. The web UI gets the desktop app's strict
/// Content-Security-Policy (core/web-policy.ts) and may not be framed; no answer leaks a referrer or
/// is sniffed into another type; exported documents are attachments under a sandboxing policy of
/// their own; and websockets and event streams opened by a page of another origin are refused (a
/// browser sends `Origin` on both; scripts and the stock y-websocket client send none and pass).
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  apiContentSecurityPolicy,
  appContentSecurityPolicy,
  downloadContentSecurityPolicy,
} from '../../core/index.ts';
import { HttpError } from './errors.ts';

/// Origins allowed by default besides the server's own: pages served from loopback on any port, as
/// the desktop app's window is (its embedded server's random port) when it talks to a team server.
export const loopbackOrigins: readonly string[] = [
  'http://127.0.0.1:*',
  'http://localhost:*',
  'http://[::1]:*',
];

/// Whether `pattern` (`https://host[:port]`, or `http://host:*` for any port) is an origin pattern.
export function isOriginPattern(pattern: string): boolean {
  const origin = pattern.endsWith(':*') ? pattern.slice(0, -2) : pattern;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === origin;
  } catch {
    return false;
  }
}

/// Whether a request with `origin` (its Origin header, if any) to `host` (its Host header) may open
/// a websocket or event stream: no Origin (not a browser), the same host as the server's, or an
/// origin matching `allowed`.
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // "null" (a sandboxed or file page) and anything else unparseable
  }
  if (host !== undefined && url.host === host.toLowerCase()) return true;
  return allowed.some((pattern) =>
    pattern.endsWith(':*')
      ? `${url.protocol}//${url.hostname}` === pattern.slice(0, -2)
      : url.origin === pattern,
  );
}

/// Refuse (HttpError 403) a request whose Origin `allowed` does not admit. The server's own host is
/// the request's Host header, or X-Forwarded-Host when the proxy is trusted (trustProxy).
export function checkOrigin(request: FastifyRequest, allowed: readonly string[]): void {
  const origin = request.headers.origin;
  if (!originAllowed(typeof origin === 'string' ? origin : undefined, request.host, allowed)) {
    throw new HttpError(403, `connections from pages of origin ${String(origin)} are not allowed`);
  }
}

/// Add the protective headers to every answer of `app` that has not set its own policy: the app's
/// CSP for HTML pages, the API's for everything else.
export function securityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('content-security-policy')) {
      const type = String(reply.getHeader('content-type') ?? '');
      reply.header(
        'content-security-policy',
        type.startsWith('text/html') ? appContentSecurityPolicy(["'self'"]) : apiContentSecurityPolicy,
      );
    }
    return payload;
  });
}

/// Send `data` as a file to save, not a page to show: `attachment`, with its name in UTF-8 and
/// `asciiName` for old clients (defaults to the name with other characters as `_`), under the
/// sandboxing policy of downloads. An iterable of chunks is streamed as the client reads it.
export function sendDownload(
  reply: FastifyReply,
  data: string | Uint8Array | Iterable<string> | AsyncIterable<string>,
  mime: string,
  fileName: string,
  asciiName = fileName.replace(/[^A-Za-z0-9._-]/g, '_'),
): FastifyReply {
  const ascii = asciiName;
  return reply
    .type(mime)
    .header(
      'content-disposition',
      `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .header('content-security-policy', downloadContentSecurityPolicy)
    .send(
      typeof data === 'string'
        ? data
        : data instanceof Uint8Array
          ? Buffer.from(data)
          : // Written chunk by chunk as the client reads it (the CSV register).
            Readable.from(data, { objectMode: false }),
    );
}
