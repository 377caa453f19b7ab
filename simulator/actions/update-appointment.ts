/**
 * A034 Update appointment: the referrer cancels the current appointment of a referral booked into
 * a directly bookable service (the only update e-RS allows). If-Match carries the APPOINTMENT's
 * version; incomingReferral the referral's current version. The appointment gets a new, cancelled
 * version and its slot is freed; the referral moves to APPT_CANCELLED_BY_PATIENT for a PATIENT
 * reason (every e-RS reason with usage CANCEL is one), APPT_CANCELLED_BY_PROVIDER for any other
 * type, with the reason and comment.
 */
import { isCurrent, isOfferedTo } from '../data/reference-data';
import { type Appointment, appointmentVersions, commitReferralVersion, type ReasonCoding, type Referral } from '../data/world';
import { APPOINTMENT_FIELDS, APPOINTMENT_PROFILE, incomingReferralOf, isObject, participantIdentifier } from './book-or-defer';
import { type ActionContext, type ActionFailure, checkIfMatch, checkVersion, fail, isFailure, loadReferral, requireAction } from './common';
import { referenceSystem, text } from './parameters';
import { nextAppointment, releaseSlot } from './review';

export interface UpdateAppointmentInput {
  id: string;
  ifMatch: string | undefined;
  body: unknown;
}

export interface UpdateAppointmentResult {
  referral: Referral;
  appointment: Appointment;
}

const CANCELLATION_SYSTEM = referenceSystem('APPOINTMENT-CANCELLATION-REASON');

export function updateAppointment(ctx: ActionContext, input: UpdateAppointmentInput): UpdateAppointmentResult | ActionFailure {
  if (!/^\d+$/.test(input.id)) return fail('INVALID_VALUE', `Appointment id (${input.id}) must be numeric.`, 400);
  const body = input.body;
  if (!isObject(body)) return fail('MISSING_VALUE', 'A request body (an eRS-Appointment) is required.');
  if (body.resourceType !== 'Appointment') return fail('INVALID_VALUE', "resourceType must be 'Appointment'.");
  const unexpected = Object.keys(body).find((k) => !APPOINTMENT_FIELDS.has(k));
  if (unexpected) return fail('UNEXPECTED_FIELD', `Unexpected field '${unexpected}' in Appointment.`);
  if (!Array.isArray(body.meta?.profile) || !body.meta.profile.includes(APPOINTMENT_PROFILE)) {
    return fail('INVALID_VALUE', `meta.profile must include '${APPOINTMENT_PROFILE}'.`);
  }
  if (body.id === undefined) return fail('MISSING_VALUE', "'id' is required.");
  if (body.id !== input.id) return fail('INVALID_VALUE', `'id' (${String(body.id)}) must be the appointment id of the URL (${input.id}).`);
  if (body.status === undefined) return fail('MISSING_VALUE', "'status' is required.");
  if (body.status !== 'cancelled') return fail('INVALID_VALUE', "Only cancellation is supported: 'status' must be 'cancelled'.");
  const coding = body.reason?.[0]?.coding?.[0];
  if (!isObject(coding) || typeof coding.code !== 'string')
    return fail('MISSING_VALUE', "'reason' (an APPOINTMENT-CANCELLATION-REASON coding) is required.");
  if (typeof coding.system !== 'string' || !CANCELLATION_SYSTEM.test(coding.system)) {
    return fail(
      'INVALID_VALUE',
      `'reason' must be coded in the APPOINTMENT-CANCELLATION-REASON code system (got ${String(coding.system)}).`,
    );
  }
  if (body.comment !== undefined && typeof body.comment !== 'string') return fail('INVALID_VALUE', "'comment' must be a string.");
  const comment = text('comment', body.comment as string | undefined, 2000);
  if (isFailure(comment)) return comment;
  const incoming = incomingReferralOf(body);
  if (isFailure(incoming)) return incoming;
  if (!Array.isArray(body.participant) || body.participant.length === 0) return fail('MISSING_VALUE', "'participant' is required.");

  const found = appointmentVersions(ctx.world.referrals, input.id);
  if (!found) return fail('REC_NOT_FOUND', `Appointment ${input.id} not found.`, 404);
  const referral = loadReferral(ctx, found.referral.ubrn);
  if (isFailure(referral)) return referral;
  const latest = found.versions[found.versions.length - 1];
  const version = checkIfMatch(input.ifMatch, latest.versionId, `Appointment ${input.id}`);
  if (version) return version;
  // "You can only ever update the current appointment": the referral's latest one.
  if (referral.appointment?.id !== input.id) {
    return fail(
      'INVALID_REQUEST_STATE',
      `Appointment ${input.id} is no longer the current appointment of ReferralRequest ${referral.ubrn}.`,
    );
  }
  const appointment = referral.appointment;
  if (incoming.ubrn !== referral.ubrn)
    return fail(
      'INAPPROPRIATE_VALUE',
      `incomingReferral must be ReferralRequest ${referral.ubrn}, the referral of Appointment ${input.id}.`,
    );
  const stale = checkVersion(incoming.version, referral.versionId, `ReferralRequest ${referral.ubrn}`);
  if (stale) return stale;
  const serviceId = participantIdentifier(body, 'http://fhir.nhs.net/Id/ers-service');
  const nhsNumber = participantIdentifier(body, 'http://fhir.nhs.net/Id/nhs-number');
  if (
    (serviceId !== undefined && serviceId !== appointment.serviceId) ||
    (nhsNumber !== undefined && nhsNumber !== referral.patientNhsNumber)
  ) {
    return fail('INAPPROPRIATE_VALUE', 'The participants do not match the appointment.');
  }
  const refused = requireAction(ctx, referral, 'CANCEL_DIRECTLY_BOOKED_APPOINTMENT');
  if (refused) return refused;

  const concept = ctx.world.referenceData.appointmentCancellationReasons.find((c) => c.code === coding.code);
  if (!concept) {
    // A reason of another e-RS set (the page's CancellationInvalidReason sends INTEND_PRIVATE, a referral
    // cancellation reason) is known but "not valid in this case"; a code e-RS has nowhere is invalid.
    if (ctx.world.referenceData.referralCancellationReasons.some((c) => c.code === coding.code)) {
      return fail('INAPPROPRIATE_VALUE', `'reason' ${coding.code} is not valid in this case (not an appointment cancellation reason).`);
    }
    return fail('INVALID_VALUE', `'${coding.code}' is not a valid appointment cancellation reason.`);
  }
  if (concept.usage !== 'CANCEL' || !isCurrent(concept, ctx.at) || !isOfferedTo(concept, ctx.actor.businessFunction)) {
    return fail(
      'INAPPROPRIATE_VALUE',
      `'reason' ${concept.code} is not valid in this case (a current CANCEL reason for ${ctx.actor.businessFunction}).`,
    );
  }
  // The page's example answers a missing mandatory comment with MISSING_VALUE ("'comment' is missing.").
  if (concept.commentIsMandatory && comment === undefined)
    return fail('MISSING_VALUE', `'comment' is missing (mandatory for the reason ${concept.code}).`);

  const reason: ReasonCoding = { system: 'APPOINTMENT-CANCELLATION-REASON', code: concept.code, display: concept.display };
  const cancelled = nextAppointment(referral, appointment, 'cancelled', reason, comment);
  releaseSlot(ctx, appointment);
  commitReferralVersion(
    referral,
    {
      state: concept.bookingCancellationReasonType === 'PATIENT' ? 'APPT_CANCELLED_BY_PATIENT' : 'APPT_CANCELLED_BY_PROVIDER',
      stateReason: reason,
      stateComment: comment,
      appointment: cancelled,
      acceptedAt: undefined,
    },
    ctx.at,
  );
  return { referral, appointment: cancelled };
}
