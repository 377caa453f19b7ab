import { ErsClient, ErsResponse } from './client';
import { assertIdentifier, UBRN, VERSION } from '../../schema/scalars';

/**
 * A005: retrieve a referral request, or one version of it (`/_history/{version}`).
 * https://digital.nhs.uk/developer/api-catalogue/e-referral-service-fhir (A005)
 */
export function fetchReferralRequest(ers: ErsClient, ubrn: string, version?: string): Promise<ErsResponse> {
  assertIdentifier(UBRN, ubrn, 'ubrn');
  if (version !== undefined) assertIdentifier(VERSION, version, 'version');
  const path = version
    ? `/STU3/ReferralRequest/${encodeURIComponent(ubrn)}/_history/${encodeURIComponent(version)}`
    : `/STU3/ReferralRequest/${encodeURIComponent(ubrn)}`;
  return ers.read('A005', path);
}
