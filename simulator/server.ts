/**
 * The simulator's Fastify server: e-RS paths under /FHIR, the e-RS response headers, injected
 * faults and latency, call recording, and e-RS-shaped errors for anything unmatched; the
 * identity world (OIDC issuer under /oidc, token endpoint under /oauth2) beside it.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { HEADER } from './access';
import { statusOutcome } from './fhir/operation-outcome';
import { FHIR_JSON, fhirBody, fhirVersionOfPath, sendProblem } from './http/fhir-route';
import { registerIdentityRoutes } from './identity/identity.routes';
import { ROUTE_MODULES } from './routes';
import { recordBounded, type RecordedCall, type SimulatorState } from './state';

const FHIR_PREFIX = '/FHIR';

/** Builds (without starting) the simulator server over the given state. */
export function buildSimulatorServer(sim: SimulatorState, options: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({ logger: options.logger ?? false });
  const recorded = new WeakSet<FastifyRequest>();

  // e-RS request bodies are application/fhir+json; parse them like JSON for the write endpoints.
  app.addContentTypeParser(FHIR_JSON, { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-ID', randomUUID());
    const correlationId = request.headers[HEADER.correlationId];
    if (typeof correlationId === 'string') reply.header('X-Correlation-ID', correlationId);

    const path = fhirPath(request);
    if (path === undefined) return;
    // APIM's spike arrest sits in front of e-RS: a request too soon after the last one never reaches it.
    if (sim.rateLimit) {
      const arrived = Date.now();
      if (arrived < sim.rateLimit.nextAllowedAt) {
        reply.header('Retry-After', '1');
        const outcome = statusOutcome(fhirVersionOfPath(path), 429, 'Rate limit exceeded.');
        return reply.code(429).type(FHIR_JSON).send(fhirBody(outcome.body));
      }
      sim.rateLimit.nextAllowedAt = arrived + 1000 / sim.rateLimit.perSecond;
    }
    const { delayMs, fault } = sim.faults.take(request.method, path);
    const wait = sim.latencyMs + delayMs;
    if (wait > 0) await sleep(wait);
    if (!fault) return;

    const version = fhirVersionOfPath(path);
    switch (fault.kind) {
      case 'drop':
        record(request, 0);
        reply.hijack();
        request.raw.socket.destroy();
        return;
      case 'rate-limit': {
        reply.header('Retry-After', String(fault.retryAfterSeconds ?? 1));
        const outcome = statusOutcome(version, 429, 'Rate limit exceeded (simulated).');
        return reply.code(429).type(FHIR_JSON).send(fhirBody(outcome.body));
      }
      case 'status': {
        if (fault.retryAfterSeconds !== undefined) reply.header('Retry-After', String(fault.retryAfterSeconds));
        const outcome = statusOutcome(version, fault.status ?? 500, `Simulated ${fault.status ?? 500} fault.`);
        return reply.code(outcome.status).type(FHIR_JSON).send(fhirBody(outcome.body));
      }
      default:
        return;
    }
  });

  app.addHook('onResponse', async (request, reply) => {
    record(request, reply.statusCode);
  });

  function record(request: FastifyRequest, status: number): void {
    const path = fhirPath(request);
    if (path === undefined || recorded.has(request)) return;
    recorded.add(request);
    const call: RecordedCall = {
      method: request.method,
      path,
      query: queryOf(request),
      headers: headersOf(request),
      status,
      at: Date.now(),
    };
    recordBounded(sim.calls, call, sim.maxRecordedCalls);
  }

  app.get('/health', async (_request, reply) => reply.send({ status: 'ok', referrals: sim.world.referrals.length }));
  // The NHS API Platform proxy's own liveness endpoint beside /FHIR: unauthenticated, answered by the
  // proxy without reaching e-RS (so outside the rate limit), GET or HEAD, a JSON of the deployed release.
  app.get('/_ping', async (_request, reply) =>
    reply.send({ version: 'simulator', revision: '1', releaseId: 'simulator', commitId: 'simulator' }),
  );

  registerIdentityRoutes(app, sim);
  for (const register of ROUTE_MODULES) register(app, sim);

  app.setNotFoundHandler((request, reply: FastifyReply) => {
    const path = fhirPath(request);
    const version = path === undefined ? 'STU3' : fhirVersionOfPath(path);
    return sendProblem(reply, version, 'NOT_FOUND', `No e-RS endpoint for ${request.method} ${request.url.split('?')[0]}.`);
  });

  app.setErrorHandler((error, request, reply) => {
    request.log.error({ err: error }, 'simulator handler failed');
    const path = fhirPath(request);
    const version = path === undefined ? 'STU3' : fhirVersionOfPath(path);
    // Body parse failures are the client's fault; everything else is the simulator's.
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      return sendProblem(reply, version, 'INVALID_VALUE', error instanceof Error ? error.message : 'Bad request');
    }
    return sendProblem(reply, version, 'SERVER_ERROR', 'Unexpected simulator error.');
  });

  return app;
}

/** The path after /FHIR (without query), or undefined for non-FHIR paths such as /health. */
function fhirPath(request: FastifyRequest): string | undefined {
  const path = request.url.split('?')[0];
  if (path !== FHIR_PREFIX && !path.startsWith(`${FHIR_PREFIX}/`)) return undefined;
  return path.slice(FHIR_PREFIX.length) || '/';
}

function queryOf(request: FastifyRequest): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const search = new URLSearchParams(request.url.split('?')[1] ?? '');
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    out[key] = values.length === 1 ? values[0] : values;
  }
  return out;
}

function headersOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
