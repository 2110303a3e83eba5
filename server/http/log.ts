/// What a request looks like in the log. Query values that grant access (`token`, `ticket`,
/// `access_token`) are replaced by `[redacted]`: a token copied from a log line would sign anyone in.
/// The client's address is left out of the lines of the public comment routes: a member of the public
/// commenting is not to be traced through the server's logs.
import type { FastifyRequest } from 'fastify';

const secretParams = /([?&](?:token|ticket|access_token)=)[^&#]*/gi;

/// `url` with the values of its access-granting query parameters redacted.
export function redactUrl(url: string): string {
  return url.replace(secretParams, '$1[redacted]');
}

const publicPaths = /^\/(api\/)?public(\/|$|\?)/;

/// The log serializer of requests (pino's `req`).
export function requestForLog(request: FastifyRequest): Record<string, unknown> {
  const url = typeof request.url === 'string' ? request.url : '';
  const line: Record<string, unknown> = { method: request.method, url: redactUrl(url) };
  if (!publicPaths.test(url)) line.remoteAddress = request.ip;
  return line;
}
