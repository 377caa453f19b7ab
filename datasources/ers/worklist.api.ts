import { ErsClient, ErsResponse } from './client';
import type { FhirResource } from './fhir';

/** A008: a referral worklist (`$ers.fetchworklist`, a POST that only reads). */
export function fetchReferralWorklist(ers: ErsClient, parameters: FhirResource): Promise<ErsResponse> {
  return ers.send({
    endpoint: 'A008',
    method: 'POST',
    path: '/STU3/ReferralRequest/$ers.fetchworklist',
    headers: { 'Content-Type': 'application/fhir+json' },
    body: parameters,
    readOnly: true,
  });
}
