import { ErsClient, ErsResponse } from './client';
import { assertIdentifier, UBRN, VERSION } from '../../schema/scalars';
import type { FhirResource } from './fhir';

/**
 * A024: retrieve an advice and guidance request (STU3 CommunicationRequest), or one version of
 * it (`/_history/{version}`; e-RS serves only the current version).
 * https://digital.nhs.uk/developer/api-catalogue/e-referral-service-fhir (A024)
 */
export function fetchCommunicationRequest(ers: ErsClient, ubrn: string, version?: string): Promise<ErsResponse> {
  assertIdentifier(UBRN, ubrn, 'ubrn');
  if (version !== undefined) assertIdentifier(VERSION, version, 'version');
  const path = version
    ? `/STU3/CommunicationRequest/${encodeURIComponent(ubrn)}/_history/${encodeURIComponent(version)}`
    : `/STU3/CommunicationRequest/${encodeURIComponent(ubrn)}`;
  return ers.read('A024', path);
}

/**
 * A023: the provider's "Advice and guidance requests" worklist (`$ers.fetchworklist`, a POST
 * that only reads). `parameters` is an eRS-FetchWorklist-Parameters-1 body, see
 * `buildAdviceAndGuidanceWorklistParameters`.
 */
export function fetchAdviceAndGuidanceWorklist(ers: ErsClient, parameters: FhirResource): Promise<ErsResponse> {
  return ers.send({
    endpoint: 'A023',
    method: 'POST',
    path: '/STU3/CommunicationRequest/$ers.fetchworklist',
    headers: { 'Content-Type': 'application/fhir+json' },
    body: parameters,
    readOnly: true,
  });
}
