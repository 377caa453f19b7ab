import { ErsClient, ErsResponse } from './client';
import { assertIdentifier, UBRN } from '../../schema/scalars';

/** A041: the R4 service requests (referral and/or A&G request) behind a UBRN. */
export function searchServiceRequests(ers: ErsClient, ubrn: string): Promise<ErsResponse> {
  assertIdentifier(UBRN, ubrn, 'ubrn');
  return ers.read('A041', '/R4/ServiceRequest', { identifier: `https://fhir.nhs.uk/Id/UBRN|${ubrn}` });
}
