import type { Socket } from 'node:net';
import Fastify, { FastifyInstance } from 'fastify';
import fastifyCors from '@fastify/cors';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import fastifyApollo, { fastifyApolloDrainPlugin } from '@as-integrations/fastify';
import type { Logger } from 'pino';
import { Config } from './config';
import { ersSchema } from './schema';
import { createContext, correlationIdFrom, type ServerContext } from './context';
import { createErrorFormatter } from './errors';
import { loggingPlugin } from './logging.plugin';
import { ErsClientOptions } from '../datasources/ers/client';
import { createIdentityService, IdentityService } from './auth/identity';
import { randomBytes } from 'node:crypto';
import { DownloadTickets } from './auth/download-ticket';
import { registerDocumentRoutes } from './routes/documents.route';
import { registerUploadRoute } from './routes/upload.route';
import type Keyv from 'keyv';
import { createKeyvStore, redisAdapterOf } from './cache/keyv-store';
import { RedisConnection } from './cache/redis-connection';
import { createMetricsServer, registerOperationsRoutes } from './routes/operations.route';
import { createIdempotencyStore, IdempotencyStore } from './idempotency';
import { idempotentReplayPlugin } from './idempotency/replay.plugin';
import { createRateLimiter } from '../datasources/ers/rate-limiter';
import { createSharedReads } from '../datasources/shared-reads';
import { Metrics } from './metrics';
import { registerGraphqlMultipart } from './routes/graphql-multipart';
import { frameworkErrors, registerHttpErrorShapes } from './http-errors';
import { limitGraphqlNesting, PARSE_OPTIONS } from './parse-limits';
import { AuthFailureLimit } from './auth/auth-failures';
import { RequestGuard } from './auth/request-guard';
import { UploadBudget } from './routes/upload-budget';
import { startRequestLifecycle } from './request-lifecycle';
import { capResponseSize, costPlugin, RequestCallBudget } from './cost';
import { checkPersistedDocuments, persistedQueriesOption } from './trusted-documents';
import { registerGraphiql, schemaExposurePlugin } from './graphiql';

export interface ServerDeps {
  config: Config;
  /** The e-RS base URL in use: the configured one, or the embedded simulator's. */
  ersBaseUrl: string;
  log: Logger;
  /** Overrides of the e-RS client options (tests shorten back-off). */
  clientOptions?: Partial<ErsClientOptions>;
  /** The identity service; by default built from `config.auth` (fully resolved). */
  identity?: IdentityService;
  /** The clock of download tickets (tests); Date.now by default. */
  now?: () => number;
  /** The idempotency store of mutations; by default on the `idempotency` keyv store (Redis with REDIS_URL). */
  idempotency?: IdempotencyStore;
  /** false: every read goes to e-RS (tests that count the calls of one request). */
  sharedReads?: false;
}

export interface ErsGraphServer {
  app: FastifyInstance;
  apollo: ApolloServer<ServerContext>;
  /** Listens on the configured host and port; resolves to the base URL (http://host:port). */
  listen(): Promise<string>;
  /** Base URL of the /metrics listener (METRICS_PORT) once listening; undefined when /metrics is on the main port. */
  metricsUrl?: string;
  close(): Promise<void>;
}

/**
 * Request headers a browser front end may send cross-origin (CORS_ORIGINS): the bearer token, JSON,
 * the e-RS role headers, idempotency and correlation ids, and what Apollo's CSRF prevention and
 * clients send (a multipart upload must carry Apollo-Require-Preflight).
 */
export const CORS_ALLOWED_HEADERS = [
  'Authorization',
  'Content-Type',
  'NHSD-eRS-Business-Function',
  'NHSD-End-User-Organisation-ODS',
  'NHSD-eRS-On-Behalf-Of-User-ID',
  'Idempotency-Key',
  'X-Correlation-ID',
  'Apollo-Require-Preflight',
  'X-Apollo-Operation-Name',
];
/** Response headers a cross-origin front end may read (besides the CORS-safelisted ones). */
export const CORS_EXPOSED_HEADERS = ['X-Correlation-ID', 'Idempotent-Replayed', 'Retry-After', 'Content-Disposition'];
/** How long a browser may reuse a preflight's answer (Chromium caps it at 2 hours). */
export const CORS_MAX_AGE_SECONDS = 600;

/**
 * CORS for browser front ends on the configured origins only. A listed origin's preflight is
 * answered 204 here, before the auth-failure guard and any route (a preflight carries no token);
 * any other origin gets no CORS header at all (its preflight falls through to the routes, which
 * refuse it), and Apollo's CSRF prevention still refuses a simple request from it. No
 * credentials: ers-graph reads bearer tokens, never cookies.
 */
async function registerCors(app: FastifyInstance, origins: string[]): Promise<void> {
  const allowed = new Set(origins);
  await app.register(fastifyCors, {
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin) ? origin : false),
    methods: ['GET', 'HEAD', 'POST'],
    allowedHeaders: CORS_ALLOWED_HEADERS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: CORS_MAX_AGE_SECONDS,
    credentials: false,
  });
}

/**
 * Node's refusal of a request it cannot parse as HTTP, answered as JSON like every other error
 * (Fastify's default is a bare `"Client Error"`). The usual cause in development is a header value
 * holding a line break: a token captured with `npm run token`, whose banner lines come with it.
 */
function clientErrorHandler(development: boolean) {
  return (error: NodeJS.ErrnoException, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, text, message] =
      error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'The request headers are larger than ers-graph reads']
        : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'Request Timeout', 'The request did not arrive in time']
          : [
              400,
              'Bad Request',
              'The request could not be read as HTTP (e.g. a header value holding a line break)' +
                (development ? ": capture a development token with `npm run -s token -- --user <id>` (-s keeps npm's banner out)" : ''),
            ];
    const body = JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_REQUEST' } }] });
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json; charset=utf-8\r\n` +
          `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy();
  };
}

/** Builds the HTTP server: `/graphql` (Apollo Server on Fastify), the document downloads and `/health`. */
export async function createServer(deps: ServerDeps): Promise<ErsGraphServer> {
  const { config, log } = deps;
  // trustProxy (TRUST_PROXY): behind a proxy, the client address comes from X-Forwarded-For.
  const app = Fastify({
    logger: false,
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    frameworkErrors: frameworkErrors(log),
    clientErrorHandler: clientErrorHandler(config.auth.mode === 'development'),
  });
  // Fastify's own 400/404/413/415 answered like every other error (before any scope, so all inherit it).
  registerHttpErrorShapes(app, log);
  // Before the guard's hooks: a listed origin's preflight is answered first, whatever its address did.
  if (config.corsOrigins.length > 0) await registerCors(app, config.corsOrigins);

  // Shared caches: in memory, or in Redis (REDIS_URL) so that every instance shares tokens, roles and idempotent results.
  const onStoreError = (error: Error) => log.warn({ err: { name: error.name, message: error.message } }, 'shared cache error');
  // One Redis connection for every store: each use has a short timeout and goes through one circuit breaker.
  const redis = config.redisUrl
    ? new RedisConnection({
        url: config.redisUrl,
        timeoutMs: config.redisTimeoutMs,
        failureThreshold: config.redisBreakerThreshold,
        cooldownMs: config.redisBreakerCooldownMs,
        onStateChange: (available, cause) =>
          available
            ? log.info('Redis answers again: shared caches, the shared rate limit and keyed mutations are back')
            : log.warn(
                { err: cause instanceof Error ? { name: cause.name, message: cause.message } : undefined },
                'Redis unavailable: caches and the rate limit work per process, keyed mutations are refused until it answers',
              ),
      })
    : undefined;
  const stores: Keyv[] = [];
  // Without Redis, each store is bounded in this process's memory: 10,000 entries, and for keyed
  // mutations 100,000 (a key is remembered for 24 h; past that many in a day, the oldest go first).
  const IDEMPOTENCY_MEMORY_ENTRIES = 100_000;
  const store = (namespace: string, maxEntries?: number) => {
    const keyv = createKeyvStore(namespace, { redis, onError: onStoreError, maxEntries });
    stores.push(keyv);
    return keyv;
  };
  const metrics = new Metrics();
  const rateStore = config.ersRateLimit > 0 ? redisAdapterOf(store('rate')) : undefined;
  const clientOptions: ErsClientOptions = {
    timeoutMs: config.ersTimeoutMs,
    maxConcurrency: config.ersMaxConcurrency,
    maxRateLimitRetries: 3,
    retryBaseDelayMs: 1000,
    maxResponseBytes: config.ersMaxResponseBytes,
    onCall: (event) => metrics.ersCall(event),
    rateLimiter: createRateLimiter(
      {
        ersBaseUrl: deps.ersBaseUrl,
        perSecond: config.ersRateLimit,
        burst: config.ersRateLimitBurst,
        maxWaitMs: config.ersRateLimitMaxWaitMs,
        tenantShare: config.ersRateLimitUserSharePercent / 100,
        onAcquire: (waitMs) => metrics.rateLimited(waitMs),
        onStoreError,
      },
      rateStore &&
        redis && {
          // Through the breaker: while Redis is away the limit falls back to this process at once.
          client: async () => ({
            eval: (script: string, options: { keys: string[]; arguments: string[] }) => redis.run((client) => client.eval(script, options)),
          }),
          key: (name) => rateStore.createKeyPrefix(name, rateStore.namespace),
        },
    ),
    ...deps.clientOptions,
  };
  if (deps.clientOptions?.onCall) {
    const theirs = deps.clientOptions.onCall;
    clientOptions.onCall = (event) => {
      metrics.ersCall(event);
      theirs(event);
    };
  }
  const identity = deps.identity ?? createIdentityService(config.auth, { timeoutMs: config.ersTimeoutMs, store: store('identity') });
  // Cheap refusals: failed authentications per address, before any route reads a body or verifies a token.
  const guard = new RequestGuard(identity, new AuthFailureLimit(config.authFailuresPerMinute));
  guard.register(app);
  const uploads = new UploadBudget(config.uploadBufferLimitBytes);
  const idempotency = deps.idempotency ?? createIdempotencyStore(store('idempotency', IDEMPOTENCY_MEMORY_ENTRIES), { onStoreError });

  const apollo = new ApolloServer<ServerContext>({
    schema: ersSchema('subgraph'),
    formatError: createErrorFormatter(log),
    includeStacktraceInErrorResponses: false,
    // GRAPHQL_INTROSPECTION, GRAPHQL_SUGGESTIONS: on for development, off with NODE_ENV=production.
    introspection: config.graphqlIntrospection,
    // maxTokens: a megabyte of tokens is refused as a syntax error before it costs parsing and validation.
    parseOptions: PARSE_OPTIONS,
    // TRUSTED_DOCUMENTS' operations by hash, or automatic persisted queries in the shared store (Redis with REDIS_URL).
    persistedQueries: persistedQueriesOption({ trusted: config.trustedDocuments, store: redis ? store('apq') : undefined }),
    plugins: [
      fastifyApolloDrainPlugin(app),
      // Apollo's landing page loads Apollo Sandbox from CDNs: never. GraphiQL is served from ers-graph's own files (src/graphiql).
      ApolloServerPluginLandingPageDisabled(),
      // No answer of ers-graph may be cached (patient data): Cache-Control is set on the route below,
      // so Apollo's cache hints, a hook on every field of every answer, are not worked out.
      ApolloServerPluginCacheControlDisabled(),
      schemaExposurePlugin({ suggestions: config.graphqlSuggestions }),
      loggingPlugin(),
      // Priced after validation, before execution: an operation over a limit makes no e-RS call.
      costPlugin({
        calls: config.ersCostLimit,
        nodes: config.graphqlMaxNodes,
        depth: config.graphqlMaxDepth,
        aliases: config.graphqlMaxAliases,
      }),
      idempotentReplayPlugin(),
      metrics.plugin(),
    ],
    logger: {
      debug: () => undefined,
      info: (msg) => log.info(msg),
      warn: (msg) => log.warn(msg),
      error: (msg) => log.error(msg),
    },
  });
  await apollo.start();

  // /health (liveness), /ready (Redis and e-RS reachable), /metrics here unless it has a port of its own.
  // Prometheus text format; labels never carry patient data (src/metrics.ts).
  const metricsRoute = { registry: metrics.registry, token: config.metricsToken };
  registerOperationsRoutes(app, {
    redis,
    ersBaseUrl: deps.ersBaseUrl,
    metrics: config.metricsPort === undefined ? metricsRoute : undefined,
  });
  const metricsApp = config.metricsPort === undefined ? undefined : createMetricsServer(metricsRoute, log);
  if (config.nodeEnv === 'production' && config.metricsPort === undefined && config.metricsToken === undefined) {
    log.warn(
      "GET /metrics is open on the main port: set METRICS_PORT or METRICS_TOKEN (it shows the trust's traffic to anyone who can reach it)",
    );
  }

  // Without DOWNLOAD_TICKET_KEY each process has its own key: links work on the instance that made them.
  const tickets = new DownloadTickets(config.downloadTicketKey ?? new Uint8Array(randomBytes(32)), {
    ttlSeconds: config.downloadTicketTtlSeconds ?? 300,
    now: deps.now,
  });
  // PUBLIC_URL, or the listening address once known.
  let publicUrl = config.publicUrl ?? `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const contextDeps = {
    ersBaseUrl: deps.ersBaseUrl,
    clientOptions,
    identity,
    log,
    documents: { tickets, publicUrl: () => publicUrl },
    idempotency,
    sharedReads:
      deps.sharedReads === false
        ? undefined
        : createSharedReads(store('reference'), {
            now: deps.now,
            serviceTtlMs: (config.serviceCacheTtlSeconds ?? 300) * 1000,
            onRead: (kind, hit) => metrics.sharedRead(kind, hit),
          }),
    callBudget: () => new RequestCallBudget(config.ersCallsPerRequest),
  };
  registerDocumentRoutes(app, { context: contextDeps, tickets });
  await registerUploadRoute(app, { context: contextDeps, uploads });

  // GraphiQL (GRAPHIQL) at /graphiql and on GET /graphql for browsers: before the /graphql scope, whose routes its hook covers.
  registerGraphiql(app, { config, log });

  // /graphql in its own scope, with the GraphQL multipart request spec (file uploads) next to JSON.
  await app.register(async (scope) => {
    // Every answer of /graphql, refusals included, is for its caller alone.
    scope.addHook('onRequest', (_request, reply, done) => {
      reply.header('Cache-Control', 'no-store');
      done();
    });
    await registerGraphqlMultipart(scope, { guard, uploads, log });
    // Nesting that would run graphql-js out of stack is refused before Apollo parses it.
    limitGraphqlNesting(scope);
    // Before parsing and authentication: with TRUSTED_DOCUMENTS, an operation not in the manifest is refused.
    checkPersistedDocuments(scope, { trusted: config.trustedDocuments, log });
    if (config.trustedDocuments) log.info({ operations: config.trustedDocuments.size }, 'TRUSTED_DOCUMENTS: only its operations run');
    capResponseSize(scope, config.graphqlMaxResponseBytes, (bytes) =>
      log.warn({ bytes, limit: config.graphqlMaxResponseBytes }, 'GraphQL answer over GRAPHQL_MAX_RESPONSE_BYTES replaced by an error'),
    );
    await scope.register(fastifyApollo(apollo), {
      context: async (request, reply) => {
        const correlationId = correlationIdFrom(request.headers);
        reply.header('X-Correlation-ID', correlationId);
        // The request's deadline, and its client's disconnect, end its e-RS calls.
        return createContext(
          guard.contextDeps(contextDeps, request),
          request.headers,
          correlationId,
          startRequestLifecycle(reply.raw, config.requestDeadlineMs),
        );
      },
    });
  });

  const server: ErsGraphServer = {
    app,
    apollo,
    async listen() {
      const address = await app.listen({ host: config.host, port: config.port });
      if (!config.publicUrl) publicUrl = address;
      if (metricsApp) server.metricsUrl = await metricsApp.listen({ host: config.host, port: config.metricsPort });
      return address;
    },
    async close() {
      // Stopping Apollo drains in-flight requests, then closes Fastify (drain plugin).
      await apollo.stop();
      await metricsApp?.close();
      await Promise.all(stores.map((store) => store.disconnect()));
      await redis?.close();
    },
  };
  return server;
}
