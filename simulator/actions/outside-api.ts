/**
 * Transitions e-RS makes outside this API, which a world must still contain: a provider's PAS
 * booking the patient into an indirectly bookable service (A016 cannot: "It is not possible to book
 * into an indirectly bookable service using this endpoint"), the provider recording that the patient
 * did not attend or the outcome of an assessment, an appointment cancelled by phone (the provider
 * cancels; A034 only lets the referrer cancel directly booked appointments, for patient reasons);
 * in advice and guidance, the referrer sending the further information the provider asked for, and
 * closing or cancelling the conversation. No route serves them: the seed replays them as it replays the API's actions, so every transition
 * of the world goes through one state machine.
 */
import { ASSESSMENT_OUTCOMES, isCurrent } from '../data/reference-data';
import { type AdviceAndGuidanceRequest, commitReferralVersion, findService, type ReasonCoding, type Referral } from '../data/world';
import { addMessage, type AdviceWriteResult } from './advice';
import { type ActionContext, type ActionFailure, fail, isFailure, loadAdvice, loadReferral, newAppointment, requireAction } from './common';
import { nextAppointment, releaseSlot } from './review';
import { attachFiles, type ResolvedFile, uploadsOf } from './upload';

/** The referral if it is live and booked (a booked appointment); INVALID_REQUEST_STATE otherwise. */
function bookedReferral(ctx: ActionContext, ubrn: string): Referral | ActionFailure {
  const referral = loadReferral(ctx, ubrn);
  if (isFailure(referral)) return referral;
  if (referral.status !== 'active' || referral.state !== 'BOOKED' || referral.appointment?.status !== 'booked') {
    return fail('INVALID_REQUEST_STATE', `The referral is in state ${referral.state}; it has no booked appointment.`);
  }
  return referral;
}

/** Whether the appointment has started by the action's instant. */
function started(ctx: ActionContext, referral: Referral): boolean {
  return referral.appointment?.start !== undefined && referral.appointment.start <= ctx.at;
}

export interface PasBookingInput {
  ubrn: string;
  serviceId: string;
  /** The appointment's indicative time (start and end match: e-RS holds no slot for it). */
  start: string;
}

/**
 * The provider's PAS books the patient (who phoned the number on the A019 letter) into a shortlisted
 * indirectly bookable service: BOOKED, where the referrer could have booked (A029 CREATE_APPOINTMENT).
 */
export function recordPasBooking(ctx: ActionContext, input: PasBookingInput): Referral | ActionFailure {
  const referral = loadReferral(ctx, input.ubrn);
  if (isFailure(referral)) return referral;
  const refused = requireAction({ ...ctx, actor: { ...ctx.actor, side: 'REFERRER' } }, referral, 'CREATE_APPOINTMENT');
  if (refused) return refused;
  const service = findService(ctx.world, input.serviceId);
  if (!service || !referral.shortlist.includes(service.id))
    return fail('INAPPROPRIATE_VALUE', `Service ${input.serviceId} is not on the referral's shortlist.`);
  if (service.bookableType !== 'INDIRECTLY_BOOKABLE')
    return fail('INAPPROPRIATE_VALUE', `Service ${service.id} is not indirectly bookable; book its slots with A016.`);
  if (!(input.start > ctx.at)) return fail('INAPPROPRIATE_VALUE', 'An appointment can only be booked in the future.');
  const appointment = { ...newAppointment(ctx, referral, service.id, 'booked'), start: input.start, end: input.start };
  commitReferralVersion(
    referral,
    { state: 'BOOKED', appointment, stateReason: undefined, stateComment: undefined, acceptedAt: undefined },
    ctx.at,
  );
  return referral;
}

export interface NonAttendanceInput {
  ubrn: string;
  /** An APPOINTMENT-NON-ATTENDANCE-REASON code, when the provider knows why. */
  reasonCode?: string;
  comment?: string;
}

/** The provider records that the patient did not attend a booked appointment that has taken place: DID_NOT_ATTEND. */
export function recordNonAttendance(ctx: ActionContext, input: NonAttendanceInput): Referral | ActionFailure {
  if (ctx.actor.side !== 'PROVIDER') return fail('INVALID_REQUEST_STATE', 'Only the service provider records attendance.');
  const referral = bookedReferral(ctx, input.ubrn);
  if (isFailure(referral)) return referral;
  if (!started(ctx, referral)) return fail('INVALID_REQUEST_STATE', 'Attendance can only be recorded once the appointment has started.');
  let reason: ReasonCoding | undefined;
  if (input.reasonCode !== undefined) {
    const concept = ctx.world.referenceData.nonAttendanceReasons.find((c) => c.code === input.reasonCode);
    if (!concept || !isCurrent(concept, ctx.at))
      return fail('INVALID_CODE', `'${input.reasonCode}' is not a current non-attendance reason.`);
    reason = { system: 'APPOINTMENT-NON-ATTENDANCE-REASON', code: concept.code, display: concept.display };
  }
  commitReferralVersion(
    referral,
    {
      state: 'DID_NOT_ATTEND',
      stateReason: reason,
      stateComment: input.comment,
      appointment: nextAppointment(referral, referral.appointment!, 'noshow', reason),
    },
    ctx.at,
  );
  return referral;
}

export interface AssessmentOutcomeInput {
  ubrn: string;
  outcome: keyof typeof ASSESSMENT_OUTCOMES;
  comment?: string;
  /** A020 uploads for this referral: the provider's response letters. */
  binaryIds?: string[];
}

/** The assessment service records the outcome of an assessment that has taken place: ASSESSMENT_RESULT, the appointment fulfilled. */
export function recordAssessmentOutcome(ctx: ActionContext, input: AssessmentOutcomeInput): Referral | ActionFailure {
  if (ctx.actor.side !== 'PROVIDER') return fail('INVALID_REQUEST_STATE', 'Only the service provider records an assessment outcome.');
  const referral = bookedReferral(ctx, input.ubrn);
  if (isFailure(referral)) return referral;
  if (findService(ctx.world, referral.appointment!.serviceId)?.appointmentType !== 'ASSESSMENT_SERVICE')
    return fail('INVALID_REQUEST_STATE', 'Only an assessment service records an assessment outcome.');
  if (!started(ctx, referral))
    return fail('INVALID_REQUEST_STATE', 'The outcome can only be recorded once the assessment has taken place.');
  if (!(input.outcome in ASSESSMENT_OUTCOMES)) return fail('INVALID_CODE', `'${input.outcome}' is not an eRS-AssessmentOutcome-1 code.`);
  const files = uploadsFor(ctx, referral.ubrn, input.binaryIds ?? []);
  if (isFailure(files)) return files;
  const attached = attachFiles(ctx, files, { kind: 'ReferralRequest', ubrn: referral.ubrn }, 'PROVIDER');
  const reason: ReasonCoding = { system: 'eRS-AssessmentOutcome-1', code: input.outcome, display: ASSESSMENT_OUTCOMES[input.outcome] };
  commitReferralVersion(
    referral,
    {
      state: 'ASSESSMENT_RESULT',
      stateReason: reason,
      stateComment: input.comment,
      attachmentIds: [...referral.attachmentIds, ...attached.map((a) => a.id)],
      appointment: nextAppointment(referral, referral.appointment!, 'fulfilled'),
    },
    ctx.at,
  );
  return referral;
}

export interface AppointmentCancellationInput {
  ubrn: string;
  /** A current APPOINTMENT-CANCELLATION-REASON of type PATIENT (the patient phoned) or PROVIDER (the provider cancels). */
  reasonCode: string;
  comment?: string;
}

/**
 * The provider cancels a booked appointment before it takes place, for the patient (who phoned) or
 * for its own reasons: APPT_CANCELLED_BY_PATIENT or APPT_CANCELLED_BY_PROVIDER, the slot freed.
 */
export function recordAppointmentCancellation(ctx: ActionContext, input: AppointmentCancellationInput): Referral | ActionFailure {
  if (ctx.actor.side !== 'PROVIDER') return fail('INVALID_REQUEST_STATE', 'Referrers cancel directly booked appointments with A034.');
  const referral = bookedReferral(ctx, input.ubrn);
  if (isFailure(referral)) return referral;
  if (started(ctx, referral)) return fail('INVALID_REQUEST_STATE', 'The appointment has already started.');
  const concept = ctx.world.referenceData.appointmentCancellationReasons.find((c) => c.code === input.reasonCode);
  if (
    !concept ||
    !isCurrent(concept, ctx.at) ||
    (concept.bookingCancellationReasonType !== 'PATIENT' && concept.bookingCancellationReasonType !== 'PROVIDER')
  )
    return fail('INAPPROPRIATE_VALUE', `'${input.reasonCode}' is not a current patient or provider cancellation reason.`);
  if (concept.commentIsMandatory && input.comment === undefined)
    return fail('MISSING_VALUE', `A comment is mandatory for the reason ${concept.code}.`);
  const reason: ReasonCoding = { system: 'APPOINTMENT-CANCELLATION-REASON', code: concept.code, display: concept.display };
  const appointment = referral.appointment!;
  releaseSlot(ctx, appointment);
  commitReferralVersion(
    referral,
    {
      state: concept.bookingCancellationReasonType === 'PATIENT' ? 'APPT_CANCELLED_BY_PATIENT' : 'APPT_CANCELLED_BY_PROVIDER',
      stateReason: reason,
      stateComment: input.comment,
      appointment: nextAppointment(referral, appointment, 'cancelled', reason, input.comment),
      acceptedAt: undefined,
    },
    ctx.at,
  );
  return referral;
}

/** Checks A020 uploads made for the request and resolves them (REFERENCE_NOT_FOUND otherwise). */
function uploadsFor(ctx: ActionContext, ubrn: string, binaryIds: readonly string[]): ResolvedFile[] | ActionFailure {
  const files: ResolvedFile[] = [];
  for (const id of binaryIds) {
    const upload = uploadsOf(ctx.world).get(id);
    if (!upload || upload.referralId !== ubrn)
      return fail('REFERENCE_NOT_FOUND', `Binary/${id} is not a file uploaded for request ${ubrn}.`);
    files.push({ upload });
  }
  return files;
}

export interface FurtherInformationInput {
  ubrn: string;
  text: string;
  /** A020 uploads for this A&G request. */
  binaryIds?: string[];
}

/** The referrer sends the further information the provider asked for (A026 REQUIRE_FURTHER_INFORMATION): PROVIDER_RESPONSE_REQUIRED again. */
export function submitFurtherInformation(ctx: ActionContext, input: FurtherInformationInput): AdviceWriteResult | ActionFailure {
  if (ctx.actor.side !== 'REFERRER') return fail('INVALID_REQUEST_STATE', 'Only the referrer sends further information.');
  const request = loadAdvice(ctx, input.ubrn);
  if (isFailure(request)) return request;
  if (request.status !== 'active' || request.category !== 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION')
    return fail('INVALID_REQUEST_STATE', `The advice and guidance request is ${request.category}; no further information was asked for.`);
  if (input.text.trim() === '') return fail('MISSING_VALUE', 'The further information must not be empty.');
  const files = uploadsFor(ctx, request.ubrn, input.binaryIds ?? []);
  if (isFailure(files)) return files;
  const attached = attachFiles(ctx, files, { kind: 'CommunicationRequest', ubrn: request.ubrn }, 'ADVICE_REQUEST');
  const message = addMessage(
    ctx,
    request,
    'REFERRER_TO_PROVIDER',
    input.text,
    attached.map((a) => a.id),
  );
  request.category = 'PROVIDER_RESPONSE_REQUIRED';
  request.versionId += 1;
  request.lastUpdatedAt = ctx.at;
  return { request, message };
}

/**
 * The referrer ends the conversation: CLOSED once they have the provider's advice
 * (REFERRER_TO_REVIEW_RESPONSE; status completed), or CANCELLED while it is still open (status cancelled).
 */
export function endAdviceConversation(
  ctx: ActionContext,
  input: { ubrn: string; outcome: 'CLOSED' | 'CANCELLED' },
): AdviceAndGuidanceRequest | ActionFailure {
  if (ctx.actor.side !== 'REFERRER') return fail('INVALID_REQUEST_STATE', 'Only the referrer ends an advice and guidance conversation.');
  const request = loadAdvice(ctx, input.ubrn);
  if (isFailure(request)) return request;
  if (request.status !== 'active') return fail('INVALID_REQUEST_STATE', `The advice and guidance request is ${request.category} already.`);
  if (input.outcome === 'CLOSED' && request.category !== 'REFERRER_TO_REVIEW_RESPONSE')
    return fail('INVALID_REQUEST_STATE', 'A conversation is closed once the provider has given its advice.');
  request.category = input.outcome === 'CLOSED' ? 'CONVERSATION_ENDED_CLOSED' : 'CONVERSATION_ENDED_CANCELLED';
  request.status = input.outcome === 'CLOSED' ? 'completed' : 'cancelled';
  request.versionId += 1;
  request.lastUpdatedAt = ctx.at;
  return request;
}
