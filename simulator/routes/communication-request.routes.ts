import type { FastifyInstance } from 'fastify';
import type { CallerContext } from '../access';
import { adviceWorklist } from '../data/worklists';
import { type AdviceAndGuidanceRequest, findAdviceAndGuidance, findPractitioner, findReferral, findService } from '../data/world';
import { renderCommunicationRequest } from '../fhir/communication';
import { stu3Error } from '../fhir/outcomes';
import { adviceOverviewPdf, fileStamp } from '../fhir/summary-pdf';
import { renderAdviceWorklist } from '../fhir/worklist';
import { isFhirResult, parseWorklistParameters } from '../fhir/worklist-parameters';
import { hasRelationship } from '../http/caller-side';
import { type FhirResult, problem, registerFhirRoute, resource } from '../http/fhir-route';
import { fileReply, installReplyOverrides } from '../http/reply-overrides';
import type { SimulatorState } from '../state';

const UBRN = /^\d{12}$/;

/** Advice and guidance requests (CommunicationRequest): A023 worklist, A024 read (current and versioned), A043 overview PDF. */
export function registerCommunicationRequestRoutes(app: FastifyInstance, sim: SimulatorState): void {
  installReplyOverrides(app);

  /** A023: POST /STU3/CommunicationRequest/$ers.fetchworklist. */
  registerFhirRoute(app, sim, {
    method: 'POST',
    url: '/STU3/CommunicationRequest/$ers.fetchworklist',
    endpoint: 'A023',
    handler: (request, caller) => fetchAdviceWorklist(sim, request.body, caller),
  });

  /** A024: GET /STU3/CommunicationRequest/{ubrn}. */
  registerFhirRoute<{ ubrn: string }>(app, sim, {
    method: 'GET',
    url: '/STU3/CommunicationRequest/:ubrn',
    endpoint: 'A024',
    handler: (request, caller) => readAdvice(sim, request.params.ubrn, undefined, caller),
  });

  /** A024 (versioned): GET /STU3/CommunicationRequest/{ubrn}/_history/{version}; only the current version exists. */
  registerFhirRoute<{ ubrn: string; version: string }>(app, sim, {
    method: 'GET',
    url: '/STU3/CommunicationRequest/:ubrn/_history/:version',
    endpoint: 'A024',
    handler: (request, caller) => readAdvice(sim, request.params.ubrn, request.params.version, caller),
  });

  /** A043: POST /STU3/CommunicationRequest/{ubrn}/$ers.generateCRI (overview PDF). */
  registerFhirRoute<{ ubrn: string }>(app, sim, {
    method: 'POST',
    url: '/STU3/CommunicationRequest/:ubrn/$ers.generateCRI',
    endpoint: 'A043',
    handler: (request, caller) => {
      const found = findAdviceFor(sim, request.params.ubrn, caller);
      if ('kind' in found) return found;
      const ubrn = found.ubrn;
      return fileReply(
        request,
        'application/pdf',
        adviceOverviewPdf(sim.world, found),
        `${ubrn}_Advice_And_Guidance_Overview_${fileStamp()}.pdf`,
      );
    },
  });
}

/**
 * The A&G request for a UBRN the caller may see, or the error: 400 malformed, 422 INVALID_REQUEST_TYPE
 * for a referral's UBRN, 404 unknown, 422 NO_RELATIONSHIP (A024 / A043 error tables).
 */
export function findAdviceFor(
  sim: SimulatorState,
  ubrn: string,
  caller: CallerContext,
  noRelationshipStatus = 422,
): AdviceAndGuidanceRequest | FhirResult {
  if (!UBRN.test(ubrn)) return problem('INVALID_VALUE', `'ubrn' (${ubrn}) must be a 12-digit Unique Booking Reference Number.`);
  const request = findAdviceAndGuidance(sim.world, ubrn);
  if (!request) {
    if (findReferral(sim.world, ubrn))
      return stu3Error(noRelationshipStatus, 'INVALID_REQUEST_TYPE', `UBRN ${ubrn} is a referral, not an advice and guidance request.`);
    return problem('NOT_FOUND', `CommunicationRequest ${ubrn} not found.`);
  }
  if (!hasRelationship(sim, caller, request)) {
    return stu3Error(
      noRelationshipStatus,
      'NO_RELATIONSHIP',
      `The user has no legitimate relationship with advice and guidance request ${ubrn}.`,
    );
  }
  return request;
}

function readAdvice(sim: SimulatorState, ubrn: string, version: string | undefined, caller: CallerContext): FhirResult {
  if (version !== undefined && !/^[1-9]\d*$/.test(version))
    return problem('INVALID_VALUE', `'version' (${version}) must be a positive integer.`);
  const found = findAdviceFor(sim, ubrn, caller);
  if ('kind' in found) return found;
  if (version !== undefined && Number(version) !== found.versionId) {
    return stu3Error(
      404,
      'HISTORY_NOT_SUPPORTED',
      `Only the current version (${found.versionId}) of CommunicationRequest ${ubrn} can be retrieved.`,
    );
  }
  return resource(renderCommunicationRequest(sim.world, found, sim.baseUrl), found.versionId);
}

/** A023: the provider's A&G worklist. */
function fetchAdviceWorklist(sim: SimulatorState, body: unknown, caller: CallerContext): FhirResult {
  const parsed = parseWorklistParameters(body);
  if (isFhirResult(parsed)) return parsed;
  if (parsed.listType.system !== 'COMMUNICATION' || parsed.listType.code !== 'ADVICE_AND_GUIDANCE_REQUESTS') {
    return stu3Error(
      422,
      'INVALID_CODE',
      `'${parsed.listType.code}' is not an advice and guidance worklist; referral worklists are served by A008.`,
    );
  }
  if (caller.mode !== 'user') return problem('FORBIDDEN', 'A023 needs a service provider user.');
  const { serviceId, clinicianUserId } = parsed.filters;
  if (serviceId !== undefined) {
    const service = findService(sim.world, serviceId);
    if (!service) return stu3Error(422, 'REFERENCE_NOT_FOUND', `Service ${serviceId} not found.`);
    if (sim.enforceRelationships && service.providerOdsCode !== caller.odsCode) {
      return stu3Error(422, 'NO_RELATIONSHIP', `Service ${serviceId} is not provided by organisation ${caller.odsCode}.`);
    }
  }
  if (clinicianUserId !== undefined && !findPractitioner(sim.world, clinicianUserId)) {
    return stu3Error(422, 'REFERENCE_NOT_FOUND', `Clinician ${clinicianUserId} not found.`);
  }
  return resource(renderAdviceWorklist(sim.world, sim.baseUrl, adviceWorklist(sim.world, caller.odsCode, parsed.filters)));
}
