import { createHash, timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { RedisConnection } from '../cache/redis-connection';
import { frameworkErrors, registerHttpErrorShapes } from '../http-errors';
import { sendRouteError } from './route-errors';

/** How long a readiness check's result is reused: a load balancer polling every second costs nothing upstream. */
const REDIS_CHECK_TTL_MS = 2000;
const ERS_CHECK_TTL_MS = 5000;
/** Longest the e-RS ping may take. */
const ERS_PING_TIMEOUT_MS = 3000;

export type CheckResult = 'ok' | 'unavailable' | 'not-configured';

export interface OperationsRouteDeps {
  /** The deployment's Redis, when REDIS_URL is set. */
  redis?: RedisConnection;
  /** The e-RS FHIR base URL in use (…/FHIR). */
  ersBaseUrl: string;
  /** Prometheus registry of /metrics; undefined when /metrics has a listener of its own (METRICS_PORT). */
  metrics?: MetricsRouteDeps;
}

export interface MetricsRouteDeps {
  registry: Registry;
  /** METRICS_TOKEN: required as a bearer token when set. */
  token?: string;
}

/**
 * `/health`, `/ready` and (unless it has a port of its own) `/metrics`.
 *
 * - `/health` is liveness: `{ status: "ok" }` while the process runs, whatever its dependencies.
 * - `/ready` is readiness, for load balancers: 200 `{ status: "ready", checks }` when Redis (if
 *   configured) answers a PING and e-RS's API platform answers its unauthenticated `_ping`, else
 *   503 `{ status: "not-ready", checks }`. `_ping` is answered by the NHS API Platform proxy
 *   itself (no e-RS call, no token, not counted in the rate limit); each result is reused for a
 *   few seconds.
 */
export function registerOperationsRoutes(app: FastifyInstance, deps: OperationsRouteDeps): void {
  app.get('/health', async () => ({ status: 'ok' }));

  const redisCheck = deps.redis ? redisReadiness(deps.redis) : async (): Promise<CheckResult> => 'not-configured';
  const ersCheck = cached(ERS_CHECK_TTL_MS, () => pingErs(deps.ersBaseUrl));
  app.get('/ready', async (_request, reply) => {
    const [redis, ers] = await Promise.all([redisCheck(), ersCheck()]);
    const ready = redis !== 'unavailable' && ers === 'ok';
    return reply
      .code(ready ? 200 : 503)
      .header('Cache-Control', 'no-store')
      .send({ status: ready ? 'ready' : 'not-ready', checks: { redis, ers } });
  });

  if (deps.metrics) registerMetricsRoute(app, deps.metrics);
}

/**
 * `GET /metrics` (Prometheus text format). With a token, the scraper must send it as
 * `Authorization: Bearer <token>` (compared in constant time); anything else is a 401.
 */
export function registerMetricsRoute(app: FastifyInstance, deps: MetricsRouteDeps): void {
  const expected = deps.token === undefined ? undefined : digest(deps.token);
  app.get('/metrics', async (request, reply) => {
    if (expected && !bearerMatches(request.headers.authorization, expected)) {
      return sendRouteError(reply, {
        status: 401,
        message: 'Send the metrics token as a bearer token in the Authorization header',
        extensions: { code: 'UNAUTHENTICATED', reason: 'METRICS_TOKEN' },
      });
    }
    return reply
      .type(deps.registry.contentType)
      .header('Cache-Control', 'no-store')
      .send(await deps.registry.metrics());
  });
}

/** A listener of its own that serves only `GET /metrics` (METRICS_PORT), so the main port need not expose it. */
export function createMetricsServer(deps: MetricsRouteDeps, log: Logger): FastifyInstance {
  const app = Fastify({ logger: false, frameworkErrors: frameworkErrors(log) });
  registerHttpErrorShapes(app, log);
  registerMetricsRoute(app, deps);
  return app;
}

/** Redis: unavailable at once while its circuit is open, else a PING (reused for a few seconds). */
function redisReadiness(redis: RedisConnection): () => Promise<CheckResult> {
  const ping = cached(REDIS_CHECK_TTL_MS, async (): Promise<CheckResult> => ((await redis.ping()) ? 'ok' : 'unavailable'));
  return async () => (redis.breaker.isOpen ? 'unavailable' : ping());
}

/** The NHS API Platform's `_ping` beside the FHIR base (…/referrals/FHIR -> …/referrals/_ping). */
export function ersPingUrl(ersBaseUrl: string): string {
  return `${ersBaseUrl.replace(/\/FHIR\/?$/, '')}/_ping`;
}

async function pingErs(ersBaseUrl: string): Promise<CheckResult> {
  try {
    const response = await fetch(ersPingUrl(ersBaseUrl), { signal: AbortSignal.timeout(ERS_PING_TIMEOUT_MS), redirect: 'error' });
    await response.body?.cancel();
    return response.ok ? 'ok' : 'unavailable';
  } catch {
    return 'unavailable';
  }
}

/** `check`, its result reused for `ttlMs`; concurrent callers share one run. */
function cached<T>(ttlMs: number, check: () => Promise<T>): () => Promise<T> {
  let last: { at: number; result: Promise<T> } | undefined;
  return () => {
    if (!last || Date.now() - last.at >= ttlMs) last = { at: Date.now(), result: check() };
    return last.result;
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Whether the Authorization header carries the token; digests of equal length compared in constant time. */
function bearerMatches(authorization: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  return match !== null && timingSafeEqual(digest(match[1]), expected);
}
