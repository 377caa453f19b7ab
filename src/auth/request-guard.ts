import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendRouteError } from '../routes/route-errors';
import type { AuthFailureLimit } from './auth-failures';
import type { CallerIdentity } from '../../kernel/caller';
import type { IdentityService } from './identity';

/** Routes that never authenticate and must answer whatever an address did (load balancers' probes). */
const OPEN_ROUTES = new Set(['/health', '/ready']);

function authorizationOf(request: FastifyRequest): string | undefined {
  const value = request.headers.authorization;
  return value?.trim() || undefined;
}

/**
 * The cheap refusals in front of authentication, for every route that authenticates:
 * - an address over its limit of failed authentications (`AuthFailureLimit`) is refused with 429
 *   `RATE_LIMITED` (`reason: AUTHENTICATION_FAILURES`) before its body is read, its token
 *   verified or e-RS asked; a token this process saw authenticate recently still goes through,
 *   so one careless client behind a shared address does not lock its colleagues out;
 * - every answer that refused authentication (401, or a token e-RS refused during the request,
 *   which GraphQL answers with 200) counts as a failure of its address;
 * - routes that must authenticate before reading a body (multipart uploads) authenticate here,
 *   once: the GraphQL context factory reuses that identity (`contextDeps`).
 */
export class RequestGuard {
  private readonly identities = new WeakMap<IncomingMessage, CallerIdentity | null>();
  private readonly admitted = new WeakSet<IncomingMessage>();

  constructor(
    private readonly identity: IdentityService,
    private readonly failures: AuthFailureLimit,
  ) {}

  /** Adds the hooks to the root instance; call before any route is registered. */
  register(app: FastifyInstance): void {
    app.addHook('onRequest', async (request, reply) => {
      if (OPEN_ROUTES.has(request.routeOptions.url ?? '')) return;
      const retryAfterSeconds = this.failures.retryAfterSeconds(request.ip);
      if (retryAfterSeconds > 0 && this.identity.verdictOf?.(authorizationOf(request)) !== 'accepted') {
        // The body is not read: close the connection rather than let Node drain it.
        reply.header('Connection', 'close');
        return sendRouteError(reply, {
          status: 429,
          message: 'Too many failed authentications from this address: try again later',
          extensions: { code: 'RATE_LIMITED', reason: 'AUTHENTICATION_FAILURES', retryAfterSeconds },
        });
      }
      this.admitted.add(request.raw);
    });
    app.addHook('onSend', async (request, reply, payload) => {
      if (this.admitted.has(request.raw) && this.failedAuthentication(request, reply)) this.failures.record(request.ip);
      return payload;
    });
  }

  /**
   * Authenticates the request's bearer token now, before its body is read (UNAUTHENTICATED when
   * it is refused); the context factory of the same request reuses the identity.
   */
  async authenticate(request: FastifyRequest): Promise<CallerIdentity | null> {
    const identity = await this.identity.authenticate(authorizationOf(request));
    this.identities.set(request.raw, identity);
    return identity;
  }

  /** The context dependencies of a request: its identity as already authenticated, if it was, so it is not verified twice. */
  contextDeps<T extends { identity: IdentityService }>(deps: T, request: FastifyRequest): T {
    if (!this.identities.has(request.raw)) return deps;
    const identity = this.identities.get(request.raw) ?? null;
    return { ...deps, identity: { ...deps.identity, authenticate: async () => identity } };
  }

  private failedAuthentication(request: FastifyRequest, reply: FastifyReply): boolean {
    return reply.statusCode === 401 || this.identity.verdictOf?.(authorizationOf(request)) === 'rejected';
  }
}
