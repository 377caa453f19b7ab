import type { FastifyReply } from 'fastify';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { ErsError } from '../../datasources/ers/errors';
import { ersErrorExtensions } from '../errors';
import { ERROR_CODES, errorCodes, type ErrorCodeEntry, type ErrorExtensions } from '../../schema/error-codes';

/** HTTP status of each error code on the non-GraphQL routes (downloads, uploads), from the one list. */
const STATUS: Readonly<Record<string, number>> = Object.fromEntries(
  errorCodes().flatMap((code) => {
    const entry: ErrorCodeEntry = ERROR_CODES[code];
    return entry.routeStatus === undefined ? [] : [[code, entry.routeStatus]];
  }),
);

/** A route error: status, fixed message, GraphQL-style extensions. */
export interface RouteError {
  status: number;
  message: string;
  extensions: ErrorExtensions;
}

/**
 * The route error for anything a route throws: e-RS failures keep their code (a gateway that
 * answered but failed is 502, a busy or unreachable one 503); our GraphQL errors keep theirs;
 * anything else is masked and logged without request data.
 */
export function routeError(error: unknown, log: Logger, what: string, endpoint: string): RouteError {
  if (error instanceof ErsError) {
    const extensions = ersErrorExtensions(error);
    const code = String(extensions.code);
    let status = STATUS[code] ?? 502;
    if (code === 'UPSTREAM_UNAVAILABLE' || code === 'UPSTREAM_ERROR') {
      status = error.httpStatus === 503 || error.transport === 'TIMEOUT' || error.transport === 'CONNECTION' ? 503 : 502;
    }
    return { status, message: error.message, extensions };
  }
  if (error instanceof GraphQLError && typeof error.extensions.code === 'string' && error.extensions.code in STATUS) {
    const { http: _http, ...details } = error.extensions;
    // A code in STATUS is a listed one.
    return { status: STATUS[error.extensions.code], message: error.message, extensions: details as ErrorExtensions };
  }
  log.error({ err: error instanceof Error ? { name: error.name } : undefined, endpoint }, `unexpected error in ${what}`);
  return { status: 500, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/** Sends a route error as JSON shaped like a GraphQL response (`{ errors: [...] }`), so a client handles both alike. */
export function sendRouteError(reply: FastifyReply, { status, message, extensions }: RouteError): FastifyReply {
  if (
    (extensions.code === 'RATE_LIMITED' || extensions.code === 'SERVICE_UNAVAILABLE') &&
    typeof extensions.retryAfterSeconds === 'number'
  ) {
    reply.header('Retry-After', String(extensions.retryAfterSeconds));
  }
  if (status === 401) reply.header('WWW-Authenticate', 'Bearer');
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ errors: [{ message, extensions }] });
}
