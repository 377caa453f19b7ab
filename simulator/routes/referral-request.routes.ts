import type { FastifyInstance } from 'fastify';
import type { CallerContext } from '../access';
import { findReferral, type Referral, referralVersion } from '../data/world';
import { renderReferralRequest } from '../fhir/referral-request';
import { type FhirResult, problem, registerFhirRoute, resource } from '../http/fhir-route';
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
  if (!sim.enforceRelationships || caller.mode !== 'user') return undefined;
  const referrerSide = caller.businessFunction.startsWith('REFERRING');
  const expected = referrerSide ? referral.referrerOdsCode : referral.providerOdsCode;
  if (caller.odsCode === expected) return undefined;
  return `The user has no legitimate relationship with ReferralRequest ${referral.ubrn} at organisation ${caller.odsCode}.`;
}
