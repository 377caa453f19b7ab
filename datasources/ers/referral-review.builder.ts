import type { FhirResource } from './fhir';
import { AttachmentInput, attachmentParameters } from './attachment.builder';
import { codingParameter, ersCodeSystem, Priority, priorityParameter } from './shortlist.builder';

/** A014: return a booked referral to the referrer after review. */
export interface RejectReferralInput {
  /** An APPOINTMENT-CANCELLATION-REASON code (A004) of type PROVIDER_REJECT. */
  reason: string;
  /** Mandatory when the reason's commentIsMandatory is set; up to 2000 characters. */
  comment?: string;
  /** Whether the appointment was cancelled in the provider's PAS; mandatory for indirectly bookable services. */
  appointmentCancelledInPas?: boolean;
}

/** A022: cancel the appointment and task the provider's admin team to rebook or redirect. */
export interface CancelAppointmentActionLaterInput {
  /** What the admin team should do. */
  comment: string;
  /** A new priority for the referral. */
  priority?: Priority;
  /** Mandatory for indirectly bookable services. */
  appointmentCancelledInPas?: boolean;
  attachments?: AttachmentInput[];
}

/** The triage outcomes A028 supports (eRS-ReviewOutcome-1). */
export type TriageOutcome = 'RETURN_TO_REFERRER_WITH_ADVICE' | 'ACCEPT_REFER_BOOK_LATER';

/** A028: the outcome of triaging a referral (triage service, or deferred to a bookable service). */
export interface RecordTriageOutcomeInput {
  outcome: TriageOutcome;
  /** Sent to the referrer (RETURN_TO_REFERRER_WITH_ADVICE) or the admin team (ACCEPT_REFER_BOOK_LATER). */
  comment: string;
  /** A new priority for the referral. */
  priority?: Priority;
  attachments?: AttachmentInput[];
}

const profile = (name: string) => ({ profile: [`https://fhir.nhs.uk/STU3/StructureDefinition/${name}`] });

/**
 * A014 request body (`POST /STU3/ReferralRequest/{ubrn}/$ers.rejectReferral`, If-Match the
 * referral's version): eRS-RejectReferral-Parameters-1 with rejectionReason (under the e-RS base
 * URL), rejectionComments and appointmentCancelledInPAS when given.
 *
 * A013 accept referral (`POST /STU3/ReferralRequest/{ubrn}/$ers.acceptReferral`, If-Match) has no
 * request body, so it has no builder.
 */
export function buildRejectReferralParameters(input: RejectReferralInput, ersBaseUrl: string): FhirResource {
  const parameter: Array<Record<string, unknown>> = [
    codingParameter('rejectionReason', ersCodeSystem(ersBaseUrl, 'APPOINTMENT-CANCELLATION-REASON'), input.reason),
  ];
  if (input.comment !== undefined) parameter.push({ name: 'rejectionComments', valueString: input.comment });
  if (input.appointmentCancelledInPas !== undefined)
    parameter.push({ name: 'appointmentCancelledInPAS', valueBoolean: input.appointmentCancelledInPas });
  return { meta: profile('eRS-RejectReferral-Parameters-1'), resourceType: 'Parameters', parameter };
}

/**
 * A022 request body (`POST /STU3/ReferralRequest/{ubrn}/$ers.cancelAppointmentActionLater`,
 * If-Match the referral's version): eRS-cancelAppointmentActionLater-Parameters-1 with comments
 * first (as in the examples), then priority, appointmentCancelledInPAS and one PROVIDER
 * providerAttachmentFile per attachment.
 */
export function buildCancelAppointmentActionLaterParameters(input: CancelAppointmentActionLaterInput): FhirResource {
  const parameter: Array<Record<string, unknown>> = [{ name: 'comments', valueString: input.comment }];
  if (input.priority !== undefined) parameter.push(priorityParameter('priority', input.priority));
  if (input.appointmentCancelledInPas !== undefined)
    parameter.push({ name: 'appointmentCancelledInPAS', valueBoolean: input.appointmentCancelledInPas });
  parameter.push(...attachmentParameters('providerAttachmentFile', 'PROVIDER', input.attachments));
  return { meta: profile('eRS-cancelAppointmentActionLater-Parameters-1'), resourceType: 'Parameters', parameter };
}

/**
 * A028 request body (`POST /STU3/ReferralRequest/{ubrn}/$ers.recordReviewOutcome`, If-Match the
 * referral's version): eRS-RecordReviewOutcome-Parameters-1 with reviewPriority (when changed)
 * first, as in the examples, then reviewOutcome, reviewComments and PROVIDER reviewAttachmentFiles.
 */
export function buildRecordTriageOutcomeParameters(input: RecordTriageOutcomeInput): FhirResource {
  const parameter: Array<Record<string, unknown>> = [];
  if (input.priority !== undefined) parameter.push(priorityParameter('reviewPriority', input.priority));
  parameter.push(
    codingParameter('reviewOutcome', 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewOutcome-1', input.outcome),
    { name: 'reviewComments', valueString: input.comment },
    ...attachmentParameters('reviewAttachmentFile', 'PROVIDER', input.attachments),
  );
  return { meta: profile('eRS-RecordReviewOutcome-Parameters-1'), resourceType: 'Parameters', parameter };
}
