import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import { ErsCaller, ErsClient, ErsClientOptions, ersHttp } from '../datasources/ers/client';
import { createLoaders, Loaders } from '../datasources/loaders';

/** Everything a resolver may use for one GraphQL request. Built once per request. */
export interface RequestContext {
  correlationId: string;
  /** The e-RS client carrying this caller's token and role headers. */
  ers: ErsClient;
  loaders: Loaders;
  log: Logger;
}

export interface ContextDeps {
  ersBaseUrl: string;
  clientOptions: ErsClientOptions;
  log: Logger;
}

// A caller's correlation id is echoed to e-RS and logs, so only a plain token is accepted.
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/** The correlation id of a request: the caller's when it is well formed, else a new UUID. */
export function correlationIdFrom(headers: IncomingHttpHeaders): string {
  const given = header(headers, 'x-correlation-id');
  return given && CORRELATION_ID.test(given) ? given : randomUUID();
}

/**
 * The e-RS caller of a request. Until real identity lands, the token and e-RS role headers
 * are taken from the incoming request's headers of the same names and forwarded as they are.
 */
export function callerFrom(headers: IncomingHttpHeaders, correlationId: string): ErsCaller {
  return {
    authorization: header(headers, 'authorization'),
    businessFunction: header(headers, 'nhsd-ers-business-function'),
    odsCode: header(headers, 'nhsd-end-user-organisation-ods'),
    onBehalfOfUserId: header(headers, 'nhsd-ers-on-behalf-of-user-id'),
    correlationId,
  };
}

/** Builds a request context: a fresh e-RS client and fresh loaders, never shared. */
export function createContext(
  deps: ContextDeps,
  headers: IncomingHttpHeaders,
  correlationId = correlationIdFrom(headers),
): RequestContext {
  const log = deps.log.child({ correlationId });
  const ers = new ErsClient(ersHttp(deps.ersBaseUrl), callerFrom(headers, correlationId), {
    ...deps.clientOptions,
    onCall: (event) => {
      log.debug({ ers: event }, 'e-RS call');
      deps.clientOptions.onCall?.(event);
    },
  });
  return { correlationId, ers, loaders: createLoaders(ers), log };
}
