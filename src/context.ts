import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from 'pino';
import { CallBudget, ErsClient, ErsClientOptions, ersHttp } from '../datasources/ers/client';
import { createLoaders } from '../datasources/loaders';
import { createDataSources } from '../datasources/data-sources';
import type { IdentityService } from './auth/identity';
import type { CallerIdentity } from '../kernel/caller';
import type { RequestContext } from '../kernel/context';
import { callerScope } from '../kernel/caller-scope';
import type { RequestLifecycle } from './request-lifecycle';
import { RequestAuth, requestedRoleFrom } from './auth/request-auth';
import { applicationCredentials } from './auth/application-credentials';
import { unauthenticated } from './auth/auth-errors';
import { isAcceptableCorrelationId } from './client-strings';
import { DocumentLinkDeps, DocumentLinks } from './routes/document-links';
import type { IdempotencyStore } from './idempotency';
import type { SharedReads } from '../datasources/shared-reads';

/**
 * The context the bootstrap builds: the kernel's `RequestContext` (all a resolver or route may
 * use) with the concrete services behind it, which the server's plugins also reach.
 */
export interface ServerContext extends RequestContext {
  auth: RequestAuth;
  documents: DocumentLinks;
  idempotency: IdempotencyStore;
}

export interface ContextDeps {
  ersBaseUrl: string;
  clientOptions: ErsClientOptions;
  identity: IdentityService;
  log: Logger;
  /** Download tickets and the server's public URL. */
  documents: DocumentLinkDeps;
  idempotency: IdempotencyStore;
  /** Immutable versions and reference data reused across a caller's requests; none when absent. */
  sharedReads?: SharedReads;
  /** A fresh cap on one request's e-RS calls (ERS_CALLS_PER_REQUEST, src/cost); none when absent. */
  callBudget?: () => CallBudget;
}

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  const first = Array.isArray(value) ? value[0] : value;
  const trimmed = first?.trim();
  return trimmed ? trimmed : undefined;
}

/**
 * Whose fair share of the trust's e-RS rate limit a request uses: the SDS user, else what the
 * token may see, or the application. In memory only; never logged.
 */
export function tenantOf(identity: CallerIdentity | null): string {
  if (!identity) return 'anonymous';
  if (identity.kind === 'application') return `application:${identity.subject}`;
  return identity.userId ? `user:${identity.userId}` : `token:${identity.token.scope}`;
}

/** A lazy value computed at most once. */
function once<T>(compute: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => (value ??= compute());
}

/** The correlation id of a request: the caller's when it is well formed, else a new UUID. */
export function correlationIdFrom(headers: IncomingHttpHeaders): string {
  const given = header(headers, 'x-correlation-id');
  // Echoed to e-RS and logs: only a plain token that cannot hold a patient identifier (src/client-strings.ts).
  return given && isAcceptableCorrelationId(given) ? given : randomUUID();
}

/**
 * Builds a request context: authenticates the caller, then a fresh e-RS client and fresh
 * loaders, never shared. Outside development, a request without a token ends here with
 * UNAUTHENTICATED; in development it goes on so that introspection works, and every e-RS field
 * fails at its gate.
 */
export async function createContext(
  deps: ContextDeps,
  headers: IncomingHttpHeaders,
  correlationId = correlationIdFrom(headers),
  lifecycle: Partial<RequestLifecycle> = {},
): Promise<ServerContext> {
  // The request's logger is made when first used: at LOG_LEVEL warn a request that goes well logs
  // nothing, and making it cost ~1.4 % of a request's CPU (at info, the request's log line makes it).
  let requestLog: Logger | undefined;
  const log = () => (requestLog ??= deps.log.child({ correlationId }));
  const identity = await deps.identity.authenticate(header(headers, 'authorization'));
  if (!identity && deps.identity.mode !== 'development') {
    throw unauthenticated('Send a bearer token in the Authorization header', 'MISSING_TOKEN');
  }
  const auth = new RequestAuth(deps.identity.mode, identity, requestedRoleFrom(headers), deps.identity);
  const caller = { credentials: auth, correlationId, tenant: tenantOf(identity), budget: deps.callBudget?.(), ...lifecycle };
  const clientOptions: ErsClientOptions = {
    ...deps.clientOptions,
    onCall: (event) => {
      if (deps.log.isLevelEnabled('debug')) log().debug({ ers: event }, 'e-RS call');
      deps.clientOptions.onCall?.(event);
    },
  };
  const ers = new ErsClient(ersHttp(deps.ersBaseUrl), caller, clientOptions);
  auth.bind(ers);
  const documents = new DocumentLinks(deps.documents, auth, header(headers, 'authorization'));
  // Reference data for roles that may not call A004: read with the deployment's application token, within this request's budget.
  const applicationToken = deps.identity.applicationToken;
  const application = applicationToken
    ? new ErsClient(
        ersHttp(deps.ersBaseUrl),
        { ...caller, credentials: applicationCredentials(applicationToken), tenant: 'application:reference-data' },
        clientOptions,
      )
    : undefined;
  const loaders = createLoaders(ers, deps.sharedReads && { reads: deps.sharedReads, scope: once(() => callerScope(auth)) }, application);
  return {
    correlationId,
    auth,
    ers,
    loaders,
    data: createDataSources(ers, loaders),
    get log() {
      return log();
    },
    documents,
    idempotency: deps.idempotency,
    idempotencyKey: header(headers, 'idempotency-key'),
  };
}
