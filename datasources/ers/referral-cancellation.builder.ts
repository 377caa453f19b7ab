import type { FhirResource } from './fhir';
import { codingParameter, ersCodeSystem } from './shortlist.builder';

/** A036: cancel a referral (and its current appointment). */
export interface CancelReferralInput {
  /** A REFERRAL-CANCELLATION-REASON code (A004) with referrerUsage CANCEL_REFERRAL for the caller's role. */
  reason: string;
  /** Mandatory when the reason's commentIsMandatory is set; up to 2000 characters. */
  comment?: string;
}

/**
 * A036 request body (`POST /STU3/ReferralRequest/{ubrn}/$ers.cancelReferral`, If-Match the
 * referral's version): eRS-CancelReferral-Request-Parameters-1 with cancellationReason (under the
 * e-RS base URL) and cancellationComments when given.
 */
export function buildCancelReferralParameters(input: CancelReferralInput, ersBaseUrl: string): FhirResource {
  const parameter: Array<Record<string, unknown>> = [
    codingParameter('cancellationReason', ersCodeSystem(ersBaseUrl, 'REFERRAL-CANCELLATION-REASON'), input.reason),
  ];
  if (input.comment !== undefined) parameter.push({ name: 'cancellationComments', valueString: input.comment });
  return {
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CancelReferral-Request-Parameters-1'] },
    resourceType: 'Parameters',
    parameter,
  };
}
