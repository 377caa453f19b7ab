import type { FhirResource } from './fhir';

/** The referral worklists of A008 (eRS-ReferralListSelector-1). */
export type ReferralListType =
  | 'REFERRALS_FOR_REVIEW'
  | 'APPOINTMENT_SLOT_ISSUES'
  | 'REJECTED_TRIAGE_RESPONSE'
  | 'ASSESSMENT_RETURNED_CANCELLED_DNA'
  | 'AWAITING_BOOKING'
  | 'LETTERS_OUTSTANDING';

export type AssignedIndicator = 'ASSIGNED' | 'NOT_ASSIGNED';

/** What a caller may ask of a worklist; filters apply to the provider worklists only. */
export interface WorklistRequest {
  listType: ReferralListType;
  serviceId?: string;
  specialty?: { code?: string; assigned: AssignedIndicator };
  /** ODS code of the service location. */
  locationOdsCode?: string;
  clinician?: { userId?: string; assigned: AssignedIndicator };
}

const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-FetchWorklist-Parameters-1';
const LIST_SELECTOR = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralListSelector-1';
const ASSIGNED = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AssignedIndicator-1';

const indicator = (name: string, code: AssignedIndicator) => ({
  name,
  valueCodeableConcept: { coding: [{ system: ASSIGNED, code }] },
});

/**
 * A008 request body (eRS-FetchWorklist-Parameters-1): `listType`, then the optional filters in
 * the order the profile lists them. `ersBaseUrl` is the spec's `_baseUrl_`, under which e-RS
 * publishes the SPECIALTY code system.
 */
export function buildFetchWorklistParameters(request: WorklistRequest, ersBaseUrl: string): FhirResource {
  const parameter: Array<Record<string, unknown>> = [
    { name: 'listType', valueCodeableConcept: { coding: [{ system: LIST_SELECTOR, code: request.listType }] } },
  ];
  if (request.serviceId) {
    parameter.push({ name: 'service', valueIdentifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: request.serviceId } });
  }
  if (request.specialty) {
    parameter.push(indicator('specialtyAssignedIndicator', request.specialty.assigned));
    if (request.specialty.code) {
      parameter.push({
        name: 'specialty',
        valueCodeableConcept: { coding: [{ system: `${ersBaseUrl}/STU3/CodeSystem/SPECIALTY`, code: request.specialty.code }] },
      });
    }
  }
  if (request.locationOdsCode) {
    parameter.push({
      name: 'location',
      valueIdentifier: { system: 'https://directory.spineservices.nhs.uk/STU3/Organization', value: request.locationOdsCode },
    });
  }
  if (request.clinician) {
    parameter.push(indicator('clinicianAssignedIndicator', request.clinician.assigned));
    if (request.clinician.userId) {
      parameter.push({
        name: 'clinician',
        valueIdentifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: request.clinician.userId },
      });
    }
  }
  return { resourceType: 'Parameters', meta: { profile: [PROFILE] }, parameter };
}
