/**
 * Provider review of inbound referrals: A013 accept, A014 reject and A022 cancel the appointment
 * of a referral booked into a bookable service (to action later), A028 record the outcome of a
 * triage (or deferred-to-provider) review.
 */
import { type AppointmentCancellationReasonConcept, isCurrent, isOfferedTo, REVIEW_OUTCOMES } from '../data/reference-data';
import {
  type Appointment,
  commitReferralVersion,
  findService,
  type PriorityCode,
  type ReasonCoding,
  type Referral,
  type ReferralChange,
} from '../data/world';
import {
  type ActionContext,
  type ActionFailure,
  checkIfMatch,
  fail,
  isFailure,
  loadReferral,
  newAppointment,
  requireAction,
} from './common';
import { all, codeOf, one, parseParameters, PRIORITIES, PRIORITY_SYSTEM, referenceSystem, text } from './parameters';
import { attachFiles, resolveFiles } from './upload';

export interface ReferralActionInput {
  ubrn: string;
  ifMatch: string | undefined;
  body?: unknown;
}

/** The current referral, after the relationship and If-Match checks. */
export function referralForUpdate(ctx: ActionContext, input: ReferralActionInput): Referral | ActionFailure {
  const referral = loadReferral(ctx, input.ubrn);
  if (isFailure(referral)) return referral;
  const version = checkIfMatch(input.ifMatch, referral.versionId, `ReferralRequest ${referral.ubrn}`);
  return version ?? referral;
}

/** Marks the slot of a cancelled directly bookable appointment free again. */
export function releaseSlot(ctx: ActionContext, appointment: Appointment | undefined): void {
  if (!appointment?.slotId) return;
  const slot = ctx.world.slotSchedule.slots.find((s) => s.id === appointment.slotId);
  if (slot) slot.booked = false;
}

/** The appointment's next version with the given status, reason and comment (incomingReferral moves to the new referral version). */
export function nextAppointment(
  referral: Referral,
  appointment: Appointment,
  status: Appointment['status'],
  reason?: ReasonCoding,
  comment?: string,
): Appointment {
  const next: Appointment = { ...appointment, versionId: appointment.versionId + 1, status, referralVersionId: referral.versionId + 1 };
  if (reason) next.reason = reason;
  else delete next.reason;
  if (comment) next.comment = comment;
  else delete next.comment;
  return next;
}

/** A booked referral into a bookable service that the provider has not yet accepted: what A013, A014 and A022 act on. */
function awaitingReview(ctx: ActionContext, referral: Referral): ActionFailure | undefined {
  if (referral.status !== 'active' || referral.state !== 'BOOKED' || !referral.appointment || referral.appointment.status !== 'booked') {
    return fail(
      'INVALID_REQUEST_STATE',
      `The referral is in state ${referral.state}; only booked referrals awaiting review can be reviewed.`,
    );
  }
  if (referral.acceptedAt !== undefined) return fail('INVALID_REQUEST_STATE', 'The referral has already been accepted.');
  if (ctx.actor.side !== 'PROVIDER') return fail('INVALID_REQUEST_STATE', 'Only the service provider can review the referral.');
  return undefined;
}

/** A013: the provider accepts a booked referral after review; it stays BOOKED and leaves the review worklist. */
export function acceptReferral(ctx: ActionContext, input: ReferralActionInput): Referral | ActionFailure {
  const referral = referralForUpdate(ctx, input);
  if (isFailure(referral)) return referral;
  const refused = awaitingReview(ctx, referral);
  if (refused) return refused;
  commitReferralVersion(referral, { acceptedAt: ctx.at }, ctx.at);
  return referral;
}

const REJECT_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-RejectReferral-Parameters-1';

/** A014: the provider rejects a booked referral back to the referrer (REJECTED); the appointment is cancelled. */
export function rejectReferral(ctx: ActionContext, input: ReferralActionInput): Referral | ActionFailure {
  const parsed = parseParameters(input.body, REJECT_PROFILE, {
    rejectionReason: { value: 'valueCoding', min: 1, max: 1 },
    rejectionComments: { value: 'valueString', min: 0, max: 1 },
    appointmentCancelledInPAS: { value: 'valueBoolean', min: 0, max: 1 },
  });
  if (isFailure(parsed)) return parsed;
  const code = codeOf('rejectionReason', one(parsed, 'rejectionReason')!, referenceSystem('APPOINTMENT-CANCELLATION-REASON'), undefined);
  if (isFailure(code)) return code;
  const comments = text('rejectionComments', one<string>(parsed, 'rejectionComments'), 2000);
  if (isFailure(comments)) return comments;
  const cancelledInPas = one<boolean>(parsed, 'appointmentCancelledInPAS');

  const referral = referralForUpdate(ctx, input);
  if (isFailure(referral)) return referral;
  const refused = awaitingReview(ctx, referral);
  if (refused) return refused;

  const concept = ctx.world.referenceData.appointmentCancellationReasons.find((c) => c.code === code);
  if (!concept) return fail('INVALID_CODE', `'${code}' is not an APPOINTMENT-CANCELLATION-REASON code.`);
  if (!isRejectionReasonFor(concept, ctx.actor.businessFunction, ctx.at)) {
    return fail(
      'INAPPROPRIATE_VALUE',
      `'${code}' is not a current rejection reason (PROVIDER_REJECT, usage REJECT) for ${ctx.actor.businessFunction}.`,
    );
  }
  if (concept.commentIsMandatory && comments === undefined)
    return fail('VALUE_IS_REQUIRED', `rejectionComments is mandatory for the reason ${code}.`);
  const appointment = referral.appointment!;
  const pas = checkCancelledInPas(ctx, appointment, cancelledInPas);
  if (pas) return pas;

  const reason: ReasonCoding = { system: 'APPOINTMENT-CANCELLATION-REASON', code: concept.code, display: concept.display };
  releaseSlot(ctx, appointment);
  commitReferralVersion(
    referral,
    {
      state: 'REJECTED',
      stateReason: reason,
      stateComment: comments,
      appointment: nextAppointment(referral, appointment, 'cancelled', reason, comments),
    },
    ctx.at,
  );
  return referral;
}

/** A014's filter on APPOINTMENT-CANCELLATION-REASON: type PROVIDER_REJECT, usage REJECT, offered to the caller's role, current. */
function isRejectionReasonFor(concept: AppointmentCancellationReasonConcept, businessFunction: string, at: string): boolean {
  return (
    concept.bookingCancellationReasonType === 'PROVIDER_REJECT' &&
    concept.usage === 'REJECT' &&
    isOfferedTo(concept, businessFunction) &&
    isCurrent(concept, at)
  );
}

/** appointmentCancelledInPAS (A014, A022): mandatory for an indirectly bookable service's appointment, not permitted otherwise. */
function checkCancelledInPas(ctx: ActionContext, appointment: Appointment, cancelledInPas: boolean | undefined): ActionFailure | undefined {
  const indirectly = findService(ctx.world, appointment.serviceId)?.bookableType === 'INDIRECTLY_BOOKABLE';
  if (indirectly && cancelledInPas === undefined)
    return fail('VALUE_IS_REQUIRED', 'appointmentCancelledInPAS is mandatory for indirectly bookable services.');
  if (!indirectly && cancelledInPas !== undefined)
    return fail('FIELD_NOT_PERMITTED', 'appointmentCancelledInPAS is only permitted for indirectly bookable services.');
  return undefined;
}

const ACTION_LATER_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-cancelAppointmentActionLater-Parameters-1';

/**
 * A022 Cancel appointment, action later: the provider cancels the appointment of a booked referral
 * awaiting review (bookable services only; triage referrals are AWAITING_TRIAGE, not BOOKED) and
 * tasks its admin team: TRIAGED_PROVIDER_TO_ACTION with reason CANCEL_APPOINTMENT_ACTION_LATER and
 * the comments, the slot freed, optionally a new priority and provider attachments. e-RS then lists
 * the referral on the provider's 'Appointments For Booking' worklist, which A008 does not serve.
 */
export function cancelAppointmentActionLater(ctx: ActionContext, input: ReferralActionInput): Referral | ActionFailure {
  const parsed = parseParameters(input.body, ACTION_LATER_PROFILE, {
    comments: { value: 'valueString', min: 1, max: 1 },
    priority: { value: 'valueCoding', min: 0, max: 1 },
    appointmentCancelledInPAS: { value: 'valueBoolean', min: 0, max: 1 },
    providerAttachmentFile: { value: 'resource', min: 0, max: Infinity },
  });
  if (isFailure(parsed)) return parsed;
  const comments = text('comments', one<string>(parsed, 'comments'), 2000);
  if (isFailure(comments)) return comments;
  const priorityCoding = one(parsed, 'priority');
  const priority = priorityCoding ? codeOf('priority', priorityCoding, PRIORITY_SYSTEM, PRIORITIES) : undefined;
  if (isFailure(priority)) return priority;

  const referral = referralForUpdate(ctx, input);
  if (isFailure(referral)) return referral;
  const refused = awaitingReview(ctx, referral);
  if (refused) return refused;
  const appointment = referral.appointment!;
  const pas = checkCancelledInPas(ctx, appointment, one<boolean>(parsed, 'appointmentCancelledInPAS'));
  if (pas) return pas;
  const existing = referral.attachmentIds.map((id) => ctx.world.attachments.find((a) => a.id === id)).filter((a) => a !== undefined);
  const files = resolveFiles(ctx, 'providerAttachmentFile', all(parsed, 'providerAttachmentFile'), 'PROVIDER', referral.ubrn, existing);
  if (isFailure(files)) return files;

  const reason = reviewOutcome('CANCEL_APPOINTMENT_ACTION_LATER');
  const attached = attachFiles(ctx, files, { kind: 'ReferralRequest', ubrn: referral.ubrn }, 'PROVIDER');
  releaseSlot(ctx, appointment);
  const change: ReferralChange = {
    state: 'TRIAGED_PROVIDER_TO_ACTION',
    stateReason: reason,
    stateComment: comments,
    attachmentIds: [...referral.attachmentIds, ...attached.map((a) => a.id)],
    ...(priority === undefined ? {} : priorityChange(referral, priority as PriorityCode)),
  };
  // The booked appointment is cancelled (A038 then reads it so), and the referral's current
  // appointment becomes a new proposed one carrying the outcome and the comments, as the page's
  // response example shows: two versions of the referral, one for each appointment.
  commitReferralVersion(
    referral,
    { ...change, appointment: nextAppointment(referral, appointment, 'cancelled', reason, comments) },
    ctx.at,
  );
  const proposed: Appointment = { ...newAppointment(ctx, referral, appointment.serviceId, 'proposed'), reason, comment: comments };
  commitReferralVersion(referral, { appointment: proposed }, ctx.at);
  return referral;
}

/** A new priority, in the referral and its search criteria. */
function priorityChange(referral: Referral, priority: PriorityCode): ReferralChange {
  return { priority, searchCriteria: { ...referral.searchCriteria, priority } };
}

function reviewOutcome(code: keyof typeof REVIEW_OUTCOMES): ReasonCoding {
  return { system: 'eRS-ReviewOutcome-1', code, display: REVIEW_OUTCOMES[code] };
}

const REVIEW_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-RecordReviewOutcome-Parameters-1';
const REVIEW_OUTCOME_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewOutcome-1';
/** The outcomes A028 supports; the other eRS-ReviewOutcome-1 codes are recorded by other actions. */
const A028_OUTCOMES = ['RETURN_TO_REFERRER_WITH_ADVICE', 'ACCEPT_REFER_BOOK_LATER'];

/**
 * A028: records a triage outcome on a referral awaiting triage or deferred to the provider.
 * RETURN_TO_REFERRER_WITH_ADVICE -> TRIAGE_RESPONSE (the appointment request is cancelled);
 * ACCEPT_REFER_BOOK_LATER -> TRIAGED_PROVIDER_TO_ACTION (the provider's admin team books later).
 */
export function recordReviewOutcome(ctx: ActionContext, input: ReferralActionInput): Referral | ActionFailure {
  const parsed = parseParameters(input.body, REVIEW_PROFILE, {
    reviewOutcome: { value: 'valueCoding', min: 1, max: 1 },
    reviewComments: { value: 'valueString', min: 1, max: 1 },
    reviewPriority: { value: 'valueCoding', min: 0, max: 1 },
    reviewAttachmentFile: { value: 'resource', min: 0, max: Infinity },
  });
  if (isFailure(parsed)) return parsed;
  const outcome = codeOf('reviewOutcome', one(parsed, 'reviewOutcome')!, REVIEW_OUTCOME_SYSTEM, Object.keys(REVIEW_OUTCOMES));
  if (isFailure(outcome)) return outcome;
  if (!A028_OUTCOMES.includes(outcome))
    return fail('INAPPROPRIATE_VALUE', `${outcome} cannot be recorded with this endpoint (${A028_OUTCOMES.join(' or ')}).`);
  const comments = text('reviewComments', one<string>(parsed, 'reviewComments'), 2000);
  if (isFailure(comments)) return comments;
  const priorityCoding = one(parsed, 'reviewPriority');
  const priority = priorityCoding ? codeOf('reviewPriority', priorityCoding, PRIORITY_SYSTEM, PRIORITIES) : undefined;
  if (isFailure(priority)) return priority;

  const referral = referralForUpdate(ctx, input);
  if (isFailure(referral)) return referral;
  const refused = requireAction(ctx, referral, 'RECORD_REVIEW_OUTCOME');
  if (refused) return refused;
  if (outcome === 'RETURN_TO_REFERRER_WITH_ADVICE' && priority !== undefined && priority !== referral.priority) {
    return fail('PRIORITY_NOT_CURRENT', "'reviewPriority' cannot be amended when the review outcome is RETURN_TO_REFERRER_WITH_ADVICE.");
  }
  const existing = referral.attachmentIds.map((id) => ctx.world.attachments.find((a) => a.id === id)).filter((a) => a !== undefined);
  const files = resolveFiles(ctx, 'reviewAttachmentFile', all(parsed, 'reviewAttachmentFile'), 'PROVIDER', referral.ubrn, existing);
  if (isFailure(files)) return files;

  const reason = reviewOutcome(outcome as keyof typeof REVIEW_OUTCOMES);
  const attached = attachFiles(ctx, files, { kind: 'ReferralRequest', ubrn: referral.ubrn }, 'PROVIDER');
  const change: ReferralChange = {
    state: outcome === 'RETURN_TO_REFERRER_WITH_ADVICE' ? 'TRIAGE_RESPONSE' : 'TRIAGED_PROVIDER_TO_ACTION',
    stateReason: reason,
    stateComment: comments,
    attachmentIds: [...referral.attachmentIds, ...attached.map((a) => a.id)],
  };
  if (priority !== undefined) Object.assign(change, priorityChange(referral, priority as PriorityCode));
  if (referral.appointment) {
    const status = outcome === 'RETURN_TO_REFERRER_WITH_ADVICE' ? 'cancelled' : referral.appointment.status;
    change.appointment = nextAppointment(referral, referral.appointment, status, reason, comments);
  }
  commitReferralVersion(referral, change, ctx.at);
  return referral;
}
