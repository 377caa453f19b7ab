import type { FastifyInstance } from 'fastify';
import type { CallerContext } from '../access';
import { findAdviceAndGuidance, findPractitioner, findReferral, findService, type Referral, referralVersion } from '../data/world';
import { isProviderWorklist, isReferrerWorklist, referralWorklist, type WorklistScope } from '../data/worklists';
import { stu3Error } from '../fhir/outcomes';
import { renderReferralRequest } from '../fhir/referral-request';
import { clinicalInformationPdf, fileStamp, patientLetterPdf } from '../fhir/summary-pdf';
import { renderReferralWorklist } from '../fhir/worklist';
import { isFhirResult, parseWorklistParameters } from '../fhir/worklist-parameters';
import { callerSide, hasRelationship } from '../http/caller-side';
import { type FhirResult, problem, registerFhirRoute, resource } from '../http/fhir-route';
import { fileReply, installReplyOverrides } from '../http/reply-overrides';
import type { SimulatorState } from '../state';

const UBRN = /^\d{12}$/;

/** A005 Retrieve referral request, current and versioned. */
export function registerReferralRequestRoutes(app: FastifyInstance, sim: SimulatorState): void {
  /** A005: GET /STU3/ReferralRequest/{ubrn}. */
  registerFhirRoute<{ ubrn: string }>(app, sim, {
    method: 'GET',
    url: '/STU3/ReferralRequest/:ubrn',
    endpoint: 'A005',
    handler: (request, caller) => readReferral(sim, request.params.ubrn, undefined, caller),
  });

  /** A005 (versioned): GET /STU3/ReferralRequest/{ubrn}/_history/{version}. */
  registerFhirRoute<{ ubrn: string; version: string }>(app, sim, {
    method: 'GET',
    url: '/STU3/ReferralRequest/:ubrn/_history/:version',
    endpoint: 'A005',
    handler: (request, caller) => readReferral(sim, request.params.ubrn, request.params.version, caller),
  });

  /** A008: POST /STU3/ReferralRequest/$ers.fetchworklist. */
  registerFhirRoute(app, sim, {
    method: 'POST',
    url: '/STU3/ReferralRequest/$ers.fetchworklist',
    endpoint: 'A008',
    handler: (request, caller) => fetchReferralWorklist(sim, request.body, caller),
  });

  /** A007: POST /STU3/ReferralRequest/{ubrn}/$ers.generateCRI (clinical information summary PDF). */
  installReplyOverrides(app);
  registerFhirRoute<{ ubrn: string }>(app, sim, {
    method: 'POST',
    url: '/STU3/ReferralRequest/:ubrn/$ers.generateCRI',
    endpoint: 'A007',
    handler: (request, caller) => {
      const referral = referralDocumentOf(sim, request.params.ubrn, caller, '; use A043');
      if ('kind' in referral) return referral;
      return fileReply(
        request,
        'application/pdf',
        clinicalInformationPdf(sim.world, referral),
        `${referral.ubrn}_Clinical_Information_${fileStamp()}.pdf`,
      );
    },
  });

  /** A019: POST /STU3/ReferralRequest/{ubrn}/$ers.generatePatientLetter (the patient letter PDF; referrer roles only, by the access table). */
  registerFhirRoute<{ ubrn: string }>(app, sim, {
    method: 'POST',
    url: '/STU3/ReferralRequest/:ubrn/$ers.generatePatientLetter',
    endpoint: 'A019',
    handler: (request, caller) => {
      const referral = referralDocumentOf(sim, request.params.ubrn, caller, '');
      if ('kind' in referral) return referral;
      if (referral.status !== 'active') {
        return stu3Error(
          422,
          'INVALID_REQUEST_STATE',
          `ReferralRequest ${referral.ubrn} is ${referral.status}; there is nothing for the patient to do.`,
        );
      }
      const name = `${referral.ubrn}_Appointment_Confirmation_Summary_${fileStamp(new Date(sim.now()))}.pdf`;
      return fileReply(request, 'application/pdf', patientLetterPdf(sim.world, referral), name);
    },
  });
}

/** The referral a generated document (A007, A019) is for, or the page's error: 400, 404, 422 INVALID_REQUEST_TYPE / NO_RELATIONSHIP. */
function referralDocumentOf(sim: SimulatorState, ubrn: string, caller: CallerContext, adviceHint: string): Referral | FhirResult {
  if (!UBRN.test(ubrn)) return problem('INVALID_VALUE', `'ubrn' (${ubrn}) must be a 12-digit Unique Booking Reference Number.`);
  const referral = findReferral(sim.world, ubrn);
  if (!referral) {
    if (findAdviceAndGuidance(sim.world, ubrn))
      return stu3Error(422, 'INVALID_REQUEST_TYPE', `UBRN ${ubrn} is an advice and guidance request, not a referral${adviceHint}.`);
    return problem('NOT_FOUND', `ReferralRequest ${ubrn} not found.`);
  }
  const relationship = relationshipProblem(sim, referral, caller);
  return relationship ? problem('NO_RELATIONSHIP', relationship) : referral;
}

/** A008: the requested worklist for the caller's organisation (referrer lists) or trust / service (provider lists). */
function fetchReferralWorklist(sim: SimulatorState, body: unknown, caller: CallerContext): FhirResult {
  const parsed = parseWorklistParameters(body);
  if (isFhirResult(parsed)) return parsed;
  const code = parsed.listType.code;
  if (parsed.listType.system !== 'REFERRAL' || !(isReferrerWorklist(code) || isProviderWorklist(code))) {
    return stu3Error(422, 'INVALID_CODE', `'${code}' is not a referral worklist; advice and guidance worklists are served by A023.`);
  }
  const side = callerSide(caller, 'A008');
  let scope: WorklistScope;
  if (isReferrerWorklist(code)) {
    if (caller.mode !== 'user' || side !== 'REFERRER') {
      return problem(
        'FORBIDDEN',
        `The ${code} worklist is only available to referring organisation users (REFERRING_CLINICIAN, REFERRING_CLINICIAN_ADMIN, REFERRING_ADMIN).`,
      );
    }
    if (parsed.filterNames.length > 0) {
      return stu3Error(
        422,
        'UNEXPECTED_FIELD',
        `Filters (${parsed.filterNames.join(', ')}) cannot be used with referring organisation worklists.`,
      );
    }
    scope = { side: 'REFERRER', odsCode: caller.odsCode };
  } else {
    if (side !== 'PROVIDER') return problem('FORBIDDEN', `The ${code} worklist is only available to service provider users.`);
    const { serviceId, clinicianUserId } = parsed.filters;
    if (caller.mode === 'application' && serviceId === undefined) {
      return stu3Error(422, 'MISSING_VALUE', "The 'service' parameter is mandatory for application-restricted access.");
    }
    if (serviceId !== undefined) {
      const service = findService(sim.world, serviceId);
      if (!service) return stu3Error(422, 'REFERENCE_NOT_FOUND', `Service ${serviceId} not found.`);
      if (caller.mode === 'user' && sim.enforceRelationships && service.providerOdsCode !== caller.odsCode) {
        return stu3Error(422, 'NO_RELATIONSHIP', `Service ${serviceId} is not provided by organisation ${caller.odsCode}.`);
      }
    }
    if (clinicianUserId !== undefined && !findPractitioner(sim.world, clinicianUserId)) {
      return stu3Error(422, 'REFERENCE_NOT_FOUND', `Clinician ${clinicianUserId} not found.`);
    }
    scope = { side: 'PROVIDER', odsCode: caller.mode === 'user' && sim.enforceRelationships ? caller.odsCode : undefined };
  }
  const referrals = referralWorklist(sim.world, code, scope, parsed.filters);
  return resource(renderReferralWorklist(sim.world, sim.baseUrl, code, referrals));
}

function readReferral(sim: SimulatorState, ubrn: string, version: string | undefined, caller: CallerContext): FhirResult {
  if (!UBRN.test(ubrn)) return problem('INVALID_VALUE', `'ubrn' (${ubrn}) must be a 12-digit Unique Booking Reference Number.`);
  if (version !== undefined && !/^[1-9]\d*$/.test(version)) {
    return problem('INVALID_VALUE', `'version' (${version}) must be a positive integer.`);
  }
  const referral = findReferral(sim.world, ubrn);
  if (!referral) return problem('NOT_FOUND', `ReferralRequest ${ubrn} not found.`);
  const relationship = relationshipProblem(sim, referral, caller);
  if (relationship) return problem('NO_RELATIONSHIP', relationship);

  // e-RS itself serves only the latest version; the simulator keeps history so clients can test versioned reads.
  const snapshot = version === undefined ? referral.versions[referral.versions.length - 1] : referralVersion(referral, Number(version));
  if (!snapshot) return problem('NOT_FOUND', `Version ${version} of ReferralRequest ${ubrn} not found.`);
  return resource(renderReferralRequest(sim.world, referral, snapshot, { baseUrl: sim.baseUrl }), snapshot.versionId);
}

/** A user may read a referral only from its referring organisation (referrer roles) or its provider (provider roles). */
function relationshipProblem(sim: SimulatorState, referral: Referral, caller: CallerContext): string | undefined {
  if (hasRelationship(sim, caller, referral)) return undefined;
  const odsCode = caller.mode === 'user' ? caller.odsCode : '';
  return `The user has no legitimate relationship with ReferralRequest ${referral.ubrn} at organisation ${odsCode}.`;
}
