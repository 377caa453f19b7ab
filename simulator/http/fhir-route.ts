/**
 * One way to declare a FHIR endpoint of the simulator: the route checks the caller's access token
 * and role headers against simulator/access.ts, runs the handler with the resolved caller, and
 * writes the resource or OperationOutcome with the
 * e-RS response headers (Content-Type application/fhir+json, ETag for versioned resources).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { type CallerContext, checkAccess, ENDPOINT_ACCESS, type EndpointId } from '../access';
import { type FhirVersion, type Problem, problemOutcome } from '../fhir/operation-outcome';
import type { FhirJson } from '../fhir/systems';
import type { SimulatorState } from '../state';

export const FHIR_JSON = 'application/fhir+json';

export type FhirResult =
  | { kind: 'resource'; body: FhirJson; versionId?: string | number; status?: number }
  | { kind: 'problem'; problem: Problem; diagnostics?: string };

/** A resource response; the versionId becomes the weak ETag. */
export function resource(body: FhirJson, versionId?: string | number): FhirResult {
  return versionId === undefined ? { kind: 'resource', body } : { kind: 'resource', body, versionId };
}

/** An OperationOutcome response for the endpoint's FHIR version. */
export function problem(kind: Problem, diagnostics?: string): FhirResult {
  return { kind: 'problem', problem: kind, diagnostics };
}

export interface FhirRouteDefinition<Params> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path after /FHIR, in Fastify syntax, e.g. /STU3/ReferralRequest/:ubrn. */
  url: string;
  endpoint: EndpointId;
  handler: (request: FastifyRequest<{ Params: Params }>, caller: CallerContext) => FhirResult | Promise<FhirResult>;
}

/** Registers an e-RS endpoint under /FHIR with access checks and e-RS response conventions. */
export function registerFhirRoute<Params>(app: FastifyInstance, sim: SimulatorState, definition: FhirRouteDefinition<Params>): void {
  const version = ENDPOINT_ACCESS[definition.endpoint].fhirVersion;
  app.route<{ Params: Params }>({
    method: definition.method,
    url: `/FHIR${definition.url}`,
    handler: async (request, reply) => {
      const access = checkAccess(definition.endpoint, request.headers, sim.identity);
      if (!access.ok) {
        if (access.problem === 'UNAUTHENTICATED') return sendUnauthenticated(reply, version, access.diagnostics);
        return sendProblem(reply, version, access.problem, access.diagnostics);
      }
      const caller = access.caller;
      const result = await definition.handler(request, caller);
      if (result.kind === 'problem') return sendProblem(reply, version, result.problem, result.diagnostics);
      if (result.versionId !== undefined) reply.header('ETag', `W/"${result.versionId}"`);
      return reply
        .code(result.status ?? 200)
        .type(FHIR_JSON)
        .send(fhirBody(result.body));
    },
  });
}

/** Writes an OperationOutcome for the problem. */
export function sendProblem(reply: FastifyReply, version: FhirVersion, kind: Problem, diagnostics?: string): FastifyReply {
  const outcome = problemOutcome(version, kind, diagnostics);
  return reply.code(outcome.status).type(FHIR_JSON).send(fhirBody(outcome.body));
}

/**
 * A 401 for a missing, unknown, expired or revoked access token. e-RS answers STU3 endpoints with
 * an empty body and `WWW-Authenticate: Bearer` (not the OperationOutcome the STU3 pages
 * document); R4 endpoints get the NHSDigital-OperationOutcome with ACCESS_DENIED.
 */
export function sendUnauthenticated(reply: FastifyReply, version: FhirVersion, diagnostics?: string): FastifyReply {
  if (version === 'STU3') return reply.code(401).header('WWW-Authenticate', 'Bearer').send();
  return sendProblem(reply, version, 'UNAUTHENTICATED', diagnostics);
}

/** The FHIR version of a /FHIR path, for responses produced before any route matched. */
export function fhirVersionOfPath(pathAfterFhir: string): FhirVersion {
  return pathAfterFhir.startsWith('/R4/') ? 'R4' : 'STU3';
}

/** Serialises a FHIR body as a Buffer, so Fastify keeps the Content-Type exactly application/fhir+json (no charset suffix). */
export function fhirBody(body: FhirJson): Buffer {
  return Buffer.from(JSON.stringify(body), 'utf8');
}
