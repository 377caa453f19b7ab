import type { FhirResource } from './fhir';
import type { AdviceAndGuidanceWorklistRequest } from '../../schema/advice-and-guidance-worklist.args';

export type { AdviceAndGuidanceWorklistRequest, AssignedIndicatorCode } from '../../schema/advice-and-guidance-worklist.args';

const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-FetchWorklist-Parameters-1';
const LIST_SELECTOR = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-CommunicationListSelector-1';
const ASSIGNED_INDICATOR = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AssignedIndicator-1';
const ERS_SERVICE = 'http://fhir.nhs.net/Id/ers-service';
const ORGANISATION = 'https://directory.spineservices.nhs.uk/STU3/Organization';
const SDS_USER = 'http://fhir.nhs.net/Id/sds-user-id';

const coded = (name: string, system: string, code: string) => ({ name, valueCodeableConcept: { coding: [{ system, code }] } });
const identified = (name: string, system: string, value: string) => ({ name, valueIdentifier: { system, value } });

/**
 * The A023 request body (`POST /STU3/CommunicationRequest/$ers.fetchworklist`): an
 * eRS-FetchWorklist-Parameters-1 with listType ADVICE_AND_GUIDANCE_REQUESTS
 * (eRS-CommunicationListSelector-1), then the filters given, in the order the profile lists
 * them. `ersBaseUrl` is the spec's `_baseUrl_`, under which e-RS publishes the SPECIALTY code
 * system. Pure; the caller validates the request first.
 */
export function buildAdviceAndGuidanceWorklistParameters(request: AdviceAndGuidanceWorklistRequest, ersBaseUrl: string): FhirResource {
  const parameter: Array<Record<string, unknown>> = [coded('listType', LIST_SELECTOR, 'ADVICE_AND_GUIDANCE_REQUESTS')];
  if (request.serviceId !== undefined) parameter.push(identified('service', ERS_SERVICE, request.serviceId));
  if (request.specialty) {
    parameter.push(coded('specialtyAssignedIndicator', ASSIGNED_INDICATOR, request.specialty.assigned));
    if (request.specialty.code !== undefined) {
      parameter.push(coded('specialty', `${ersBaseUrl.replace(/\/+$/, '')}/STU3/CodeSystem/SPECIALTY`, request.specialty.code));
    }
  }
  if (request.locationOdsCode !== undefined) parameter.push(identified('location', ORGANISATION, request.locationOdsCode));
  if (request.clinician) {
    parameter.push(coded('clinicianAssignedIndicator', ASSIGNED_INDICATOR, request.clinician.assigned));
    if (request.clinician.userId !== undefined) parameter.push(identified('clinician', SDS_USER, request.clinician.userId));
  }
  return { resourceType: 'Parameters', meta: { profile: [PROFILE] }, parameter };
}
