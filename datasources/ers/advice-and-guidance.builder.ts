import type { FhirResource } from './fhir';
import { AttachmentInput, attachmentParameters } from './attachment.builder';
import {
  codingParameter,
  identifierParameter,
  Priority,
  priorityParameter,
  shortlistParameter,
  ShortlistSearchCriteria,
  SYSTEM,
} from './shortlist.builder';

/** Whether the provider may convert the A&G request into a referral (eRS-ProviderConversionAuthorisation-1). */
export type ProviderConversionAuthorisation = 'AUTHORISED_TO_CONVERT' | 'NOT_AUTHORISED_TO_CONVERT';

/** What the provider recommends with its advice (eRS-GuidanceIntendedRecommendation-1). */
export type GuidanceRecommendation =
  'ADVICE_ONLY_NO_REFERRAL_RECOMMENDED' | 'ADVICE_FOLLOWED_BY_REFERRAL_IF_REQUIRED' | 'REFERRAL_RECOMMENDED' | 'OTHER';

/** A044: a new advice and guidance request to one service. */
export interface CreateAdviceAndGuidanceInput {
  patientNhsNumber: string;
  providerConversion: ProviderConversionAuthorisation;
  /** The A010 search (requestType ADVICE_AND_GUIDANCE_REQUEST) the service was chosen from. */
  search: ShortlistSearchCriteria;
  /** The one service asked for advice. */
  serviceId: string;
  /** The question; up to 8000 characters. */
  request: string;
  /** The referring clinician a REFERRING_CLINICIAN_ADMIN acts for (mandatory for that role only). */
  referringClinicianUserId?: string;
  attachments?: AttachmentInput[];
}

interface GuidanceResponse {
  /** The guidance text; up to 8000 characters. */
  guidance: string;
  /** The request's priority from now on. */
  priority: Priority;
  attachments?: AttachmentInput[];
}

/** A026: advice back to the referrer (with a recommendation), or a request for more information. */
export type SendAdviceAndGuidanceResponseInput = GuidanceResponse &
  (
    | { outcome: 'RETURN_TO_REFERRER_WITH_ADVICE'; recommendation: GuidanceRecommendation }
    | { outcome: 'REQUIRE_FURTHER_INFORMATION'; recommendation?: never }
  );

/** A027: convert an A&G request into a referral, with final guidance and a task for the admin team. */
export interface ConvertAdviceAndGuidanceToReferralInput {
  /** The A&G request's UBRN and current version. */
  adviceRequestUbrn: string;
  adviceRequestVersion: string;
  /** Final guidance to the referrer; up to 8000 characters. */
  guidance: string;
  /** The new referral's priority. */
  priority: Priority;
  /** What the provider's admin team should do with the new referral. */
  reviewComment: string;
  /** Files for the referrer, with the guidance. */
  guidanceAttachments?: AttachmentInput[];
  /** Files for the new referral. */
  referralAttachments?: AttachmentInput[];
}

const profile = (name: string) => ({ profile: [`https://fhir.nhs.uk/STU3/StructureDefinition/${name}`] });

/**
 * A044 request body (`POST /STU3/CommunicationRequest/$ers.createAdviceAndGuidance`, no
 * If-Match): eRS-CreateAdviceAndGuidance-Request-Parameters-1 with patient,
 * providerConversionAuthorisation, a one-service shortlist, request, ADVICE_REQUEST
 * requestAttachmentFiles and referringClinician, in the order of the profile and the examples.
 */
export function buildCreateAdviceAndGuidanceParameters(input: CreateAdviceAndGuidanceInput, ersBaseUrl: string): FhirResource {
  const parameter: Array<Record<string, unknown>> = [
    identifierParameter('patient', SYSTEM.nhsNumber, input.patientNhsNumber),
    codingParameter(
      'providerConversionAuthorisation',
      'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ProviderConversionAuthorisation-1',
      input.providerConversion,
    ),
    shortlistParameter(input.search, [{ serviceId: input.serviceId }], ersBaseUrl),
    { name: 'request', valueString: input.request },
    ...attachmentParameters('requestAttachmentFile', 'ADVICE_REQUEST', input.attachments),
  ];
  if (input.referringClinicianUserId !== undefined) {
    parameter.push(identifierParameter('referringClinician', SYSTEM.sdsUserId, input.referringClinicianUserId));
  }
  return { resourceType: 'Parameters', meta: profile('eRS-CreateAdviceAndGuidance-Request-Parameters-1'), parameter };
}

/**
 * A026 request body (`POST /STU3/CommunicationRequest/{ubrn}/$ers.sendCommunicationToRequester`,
 * If-Match the A&G request's version): eRS-SendCommunicationToRequester-Request-Parameters-1 with
 * guidanceOutcome, guidanceIntendedRecommendation (advice only), guidance, updatedPriority and
 * GUIDANCE_RESPONSE guidanceAttachmentFiles.
 */
export function buildSendAdviceAndGuidanceResponseParameters(input: SendAdviceAndGuidanceResponseInput): FhirResource {
  const parameter: Array<Record<string, unknown>> = [
    codingParameter('guidanceOutcome', 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-GuidanceResponseOutcome-1', input.outcome),
  ];
  if (input.outcome === 'RETURN_TO_REFERRER_WITH_ADVICE') {
    parameter.push(
      codingParameter(
        'guidanceIntendedRecommendation',
        'https://fhir.nhs.uk/STU3/CodeSystem/eRS-GuidanceIntendedRecommendation-1',
        input.recommendation,
      ),
    );
  }
  parameter.push(
    { name: 'guidance', valueString: input.guidance },
    priorityParameter('updatedPriority', input.priority),
    ...attachmentParameters('guidanceAttachmentFile', 'GUIDANCE_RESPONSE', input.attachments),
  );
  return { meta: profile('eRS-SendCommunicationToRequester-Request-Parameters-1'), resourceType: 'Parameters', parameter };
}

/**
 * A027 request body (`POST /STU3/ReferralRequest/$ers.createFromCommunicationRequestActionLater`,
 * no If-Match: the version is in createFrom): eRS-CreateFromCommunicationRequestActionLater-Request-Parameters-1
 * with createFrom (the versioned A&G request), guidance, newReferralPriority, reviewComments, then
 * GUIDANCE_RESPONSE guidanceAttachmentFiles and PROVIDER reviewAttachmentFiles.
 */
export function buildConvertAdviceAndGuidanceToReferralParameters(input: ConvertAdviceAndGuidanceToReferralInput): FhirResource {
  return {
    meta: profile('eRS-CreateFromCommunicationRequestActionLater-Request-Parameters-1'),
    resourceType: 'Parameters',
    parameter: [
      {
        name: 'createFrom',
        valueReference: { reference: `CommunicationRequest/${input.adviceRequestUbrn}/_history/${input.adviceRequestVersion}` },
      },
      { name: 'guidance', valueString: input.guidance },
      priorityParameter('newReferralPriority', input.priority),
      { name: 'reviewComments', valueString: input.reviewComment },
      ...attachmentParameters('guidanceAttachmentFile', 'GUIDANCE_RESPONSE', input.guidanceAttachments),
      ...attachmentParameters('reviewAttachmentFile', 'PROVIDER', input.referralAttachments),
    ],
  };
}
