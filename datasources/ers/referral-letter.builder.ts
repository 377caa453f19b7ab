import type { FhirResource } from './fhir';
import { AttachmentInput, attachmentParameters } from './attachment.builder';

/** A012: the complete set of referral letter files the referral should have afterwards. */
export interface MaintainReferralLetterInput {
  /** At least one; files left out are disassociated from the referral. */
  letters: AttachmentInput[];
}

/**
 * A012 request body (`POST /STU3/ReferralRequest/{ubrn}/$ers.maintainReferralLetter`, If-Match
 * the referral's version): eRS-MaintainReferralLetter-Parameters-1, one `referralLetterFile`
 * (a REFERRER DocumentReference) per letter. The set replaces the current one.
 *
 * A019 (`POST /STU3/ReferralRequest/{ubrn}/$ers.generatePatientLetter`) has no request body, so
 * it has no builder.
 */
export function buildMaintainReferralLetterParameters(input: MaintainReferralLetterInput): FhirResource {
  return {
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-MaintainReferralLetter-Parameters-1'] },
    resourceType: 'Parameters',
    parameter: attachmentParameters('referralLetterFile', 'REFERRER', input.letters),
  };
}
