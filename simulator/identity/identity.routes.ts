/**
 * HTTP face of the identity world: the OIDC issuer under /oidc, the APIM-like token endpoint
 * POST /oauth2/token, and development-only helpers (/oidc/dev/*, /oauth2/dev/*). The simulator
 * is a development tool: the dev endpoints hand out ID tokens for any user and register any
 * application, which is exactly what a real identity provider must never do.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { devUsers } from '../data/identity-users';
import { recordBounded, type SimulatorState } from '../state';
import { apimError, apimErrorBody, ApimError, invalidRequest } from './apim-errors';
import { type ApplicationRegistration, UnknownUserError } from './identity-service';

const TOKEN_PATH = '/oauth2/token';

/** Registers the identity routes in their own scope (own body parsers and error handler). */
export function registerIdentityRoutes(app: FastifyInstance, sim: SimulatorState): void {
  void app.register(async (scope) => {
    // Any body is read as text: the token endpoint decides about content types itself (415), as APIM does.
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));

    scope.setErrorHandler((error, request, reply) => {
      request.log.error({ err: error }, 'simulator identity handler failed');
      const status = (error as { statusCode?: number }).statusCode;
      const failure =
        status !== undefined && status >= 400 && status < 500
          ? invalidRequest(error instanceof Error ? error.message : 'Bad request')
          : apimError(500, 'server_error', 'Unexpected simulator error.');
      return reply.code(failure.status).send(apimErrorBody(failure));
    });

    scope.get('/oidc/.well-known/openid-configuration', async () => sim.identity.discovery());
    scope.get('/oidc/jwks', async () => sim.identity.jwks());
    scope.get('/oidc/authorize', async (_request, reply) =>
      reply.code(400).send({
        error: 'unsupported_response_type',
        error_description: 'The simulator has no interactive sign-in; get an ID token from POST /oidc/dev/id-token.',
      }),
    );

    scope.post(TOKEN_PATH, async (request, reply) => {
      const form = parseForm(request.body);
      const result = await sim.identity.token(header(request, 'content-type'), form);
      const call = { path: TOKEN_PATH, method: 'POST', headers: headersOf(request), form, status: result.status, at: sim.now() };
      recordBounded(sim.identityCalls, call, sim.maxRecordedCalls);
      reply.header('Cache-Control', 'no-store');
      const body = result.body instanceof ApimError ? apimErrorBody(result.body) : result.body;
      return reply.code(result.status).type('application/json').send(body);
    });

    // --- development helpers (not part of CIS2 or APIM) ---------------------------------------

    /** Issues an ID token for a user of the world: what a CIS2 sign-in would have produced. */
    scope.post('/oidc/dev/id-token', async (request, reply) => {
      const body = jsonBody(request.body);
      if (!body || typeof body.userId !== 'string')
        return reply
          .code(400)
          .send(
            apimErrorBody(
              invalidRequest('Send JSON {"userId": "<12-digit SDS user id>", "audience"?: string, "expiresInSeconds"?: number}'),
            ),
          );
      if (body.audience !== undefined && typeof body.audience !== 'string')
        return reply.code(400).send(apimErrorBody(invalidRequest('audience must be a string')));
      if (body.expiresInSeconds !== undefined && !Number.isInteger(body.expiresInSeconds)) {
        return reply.code(400).send(apimErrorBody(invalidRequest('expiresInSeconds must be an integer')));
      }
      try {
        const idToken = await sim.identity.issueIdToken({
          userId: body.userId,
          audience: body.audience as string | undefined,
          expiresInSeconds: body.expiresInSeconds as number | undefined,
        });
        return { id_token: idToken };
      } catch (error) {
        if (error instanceof UnknownUserError) return reply.code(404).send(apimErrorBody(apimError(404, 'unknown_user', error.message)));
        throw error;
      }
    });

    /** The users one can sign in as, with their roles (for the token CLI and docs). */
    scope.get('/oidc/dev/users', async () => ({ users: devUsers(sim.world.practitioners) }));

    /** Registers an application (API key + public keys), like creating an app on the NHS developer portal. */
    scope.post('/oauth2/dev/applications', async (request, reply) => {
      const body = jsonBody(request.body);
      if (!body)
        return reply
          .code(400)
          .send(apimErrorBody(invalidRequest('Send JSON {"apiKey", "jwks": {"keys": [...]}, "cis2ClientId"?, "odsCode"?}')));
      try {
        sim.identity.registerApplication(body as unknown as ApplicationRegistration);
      } catch (error) {
        return reply.code(400).send(apimErrorBody(invalidRequest((error as Error).message)));
      }
      return reply.code(201).send({ apiKey: body.apiKey, tokenUrl: sim.identity.tokenUrl, issuer: sim.identity.issuer });
    });
  });
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function parseForm(body: unknown): Record<string, string> {
  if (typeof body !== 'string') return {};
  const form: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body)) form[name] = value;
  return form;
}

function jsonBody(body: unknown): Record<string, unknown> | undefined {
  let value = body;
  if (typeof body === 'string') {
    try {
      value = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function headersOf(request: FastifyRequest): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
