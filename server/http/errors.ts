/// HTTP errors: every refusal is a 4xx with a JSON body `{error, detail}`; an unexpected failure is a
/// 500 with the same shape and no stack (DESIGN.md "Errors and bad input").
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ZodType } from 'zod';

const names: Record<number, string> = {
  400: 'bad request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  405: 'method not allowed',
  406: 'not acceptable',
  409: 'conflict',
  411: 'length required',
  413: 'payload too large',
  414: 'uri too long',
  415: 'unsupported media type',
  422: 'unprocessable content',
  426: 'upgrade required',
  429: 'too many requests',
};

/// An expected refusal: answered with `status` and `{error, detail}`.
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly error: string = names[status] ?? 'error',
  ) {
    super(detail);
    this.name = 'HttpError';
  }
}

/// `value` checked against `schema`. Throws HttpError 400 naming the first offending field.
export function validate<T>(schema: ZodType<T>, value: unknown, what = 'body'): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue.path.length ? `${what}.${issue.path.join('.')}` : what;
  throw new HttpError(400, `${path}: ${issue.message}`);
}

/// Install the one error handler and the not-found handler on `app`.
export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.status).send({ error: error.error, detail: error.detail });
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      // Say what the limit is: the route's own words (its config `tooLarge`), or the byte limit.
      const tooLarge = (request.routeOptions.config as { tooLarge?: string }).tooLarge;
      const limit = request.routeOptions.bodyLimit;
      return reply.code(413).send({
        error: names[413],
        detail: tooLarge ?? `the request body is too large: the limit is ${limit} bytes`,
      });
    }
    if (status >= 400 && status < 500) {
      // Fastify's own refusals: unparsable JSON, unsupported media type, body too large…
      return reply.code(status).send({ error: names[status] ?? 'bad request', detail: error.message });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.code(500).send({ error: 'internal error', detail: 'the server failed; see its log' });
  });
  app.setNotFoundHandler((request, reply) => {
    reply
      .code(404)
      .send({ error: 'not found', detail: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
}
