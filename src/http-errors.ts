import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { sendRouteError } from './routes/route-errors';
import type { ErrorCode, ErrorExtensions } from '../schema/error-codes';

/**
 * Fastify's own refusals (a body that is not JSON, too large or of a type no route takes, a path
 * that is not a route or not a valid URL) answered like every other error of ers-graph:
 * `{ errors: [{ message, extensions: { code } }] }` with the HTTP status, so a client handles a
 * 413 from Fastify as it handles a 413 from POST /attachments. Messages are fixed texts: Fastify's
 * own can echo the path or a header (`'/attachments/...' is not a valid url component`).
 */
const REFUSALS: Record<number, { code: ErrorCode; message: string }> = {
  400: { code: 'BAD_REQUEST', message: 'The request could not be read (e.g. its body is not valid JSON)' },
  404: { code: 'NOT_FOUND', message: 'No such route: ers-graph serves /graphql, /attachments, the document links and /health' },
  405: { code: 'BAD_REQUEST', message: 'This route does not take this HTTP method' },
  406: { code: 'BAD_REQUEST', message: 'This route cannot answer in a media type the request accepts' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than ers-graph accepts' },
  414: { code: 'BAD_REQUEST', message: 'The request URL is too long' },
  415: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'The request body is of a media type this route does not take (/graphql takes application/json)',
  },
};

/** The JSON refusal of an HTTP status (any other 4xx is a BAD_REQUEST). */
function refusal(status: number): { status: number; message: string; extensions: ErrorExtensions } {
  const known = REFUSALS[status] ?? REFUSALS[400];
  return { status, message: known.message, extensions: { code: known.code } };
}

/** Answers an error Fastify raised, shaped like the GraphQL errors; a 5xx is masked and logged without request data. */
function answer(log: Logger, error: FastifyError, reply: FastifyReply): FastifyReply {
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) return sendRouteError(reply, refusal(status));
  log.error({ err: { name: error.name, code: error.code } }, 'unexpected error while serving an HTTP request');
  return sendRouteError(reply, { status: 500, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
}

/**
 * Fastify's `frameworkErrors` option: a URL that is not valid (bad percent-encoding) or too long
 * is refused before routing; by default Fastify echoes the path in its answer.
 */
export function frameworkErrors(log: Logger) {
  return (error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void => {
    void answer(log, error, reply);
  };
}

/**
 * Sets the root error and not-found handlers. Call it before any route or scope is registered,
 * so every scope inherits them; a scope that answers its own errors (the upload and document
 * routes, Apollo on /graphql) keeps doing so.
 */
export function registerHttpErrorShapes(app: FastifyInstance, log: Logger): void {
  app.setNotFoundHandler((_request, reply) => sendRouteError(reply, refusal(404)));
  app.setErrorHandler((error: FastifyError, _request, reply) => answer(log, error, reply));
}
