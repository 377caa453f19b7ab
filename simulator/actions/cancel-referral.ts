/**
 * A036 Cancel referral: an end state (CANCELLED_REFERRAL, status cancelled); any live appointment
 * is cancelled with it and its slot freed.
 */
import { isCurrent, isOfferedTo } from '../data/reference-data';
import { type Appointment, commitReferralVersion, type ReasonCoding, type Referral } from '../data/world';
import { type ActionContext, type ActionFailure, fail, isFailure, requireAction } from './common';
import { codeOf, one, parseParameters, referenceSystem, text } from './parameters';
import { nextAppointment, type ReferralActionInput, referralForUpdate, releaseSlot } from './review';

const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-CancelReferral-Request-Parameters-1';

export interface CancelReferralResult {
  referral: Referral;
  /** The appointment cancelled by this operation, if there was a live one. */
  cancelledAppointment?: Appointment;
}

export function cancelReferral(ctx: ActionContext, input: ReferralActionInput): CancelReferralResult | ActionFailure {
  const parsed = parseParameters(input.body, PROFILE, {
    cancellationReason: { value: 'valueCoding', min: 1, max: 1 },
    cancellationComments: { value: 'valueString', min: 0, max: 1 },
  });
  if (isFailure(parsed)) return parsed;
  const code = codeOf('cancellationReason', one(parsed, 'cancellationReason')!, referenceSystem('REFERRAL-CANCELLATION-REASON'), undefined);
  if (isFailure(code)) return code;
  const comments = text('cancellationComments', one<string>(parsed, 'cancellationComments'), 2000);
  if (isFailure(comments)) return comments;

  const referral = referralForUpdate(ctx, input);
  if (isFailure(referral)) return referral;
  const refused = requireAction(ctx, referral, 'CANCEL_REFERRAL');
  if (refused) return refused;

  const concept = ctx.world.referenceData.referralCancellationReasons.find((c) => c.code === code);
  if (!concept) return fail('INVALID_VALUE', `'${code}' is not a valid referral cancellation reason.`);
  // An application-restricted caller acts as e-RS's PROVIDER_AUTHORISED_APPLICATION.
  const role = ctx.actor.userId === undefined ? 'PROVIDER_AUTHORISED_APPLICATION' : ctx.actor.businessFunction;
  if (concept.referrerUsage !== 'CANCEL_REFERRAL' || !isOfferedTo(concept, role)) {
    return fail('INAPPROPRIATE_VALUE', `The reason ${code} cannot be used to cancel a referral by the ${role} business function.`);
  }
  if (!isCurrent(concept, ctx.at)) return fail('INAPPROPRIATE_VALUE', `The reason ${code} is not currently in force.`);
  const live =
    referral.appointment && ['booked', 'proposed', 'pending'].includes(referral.appointment.status) ? referral.appointment : undefined;
  if (live && !concept.canCancelAppointment) {
    return fail('INAPPROPRIATE_VALUE', `The reason ${code} cannot cancel the referral's current appointment.`);
  }
  if (concept.commentIsMandatory && comments === undefined)
    return fail('MISSING_VALUE', `cancellationComments is mandatory for the reason ${code}.`);

  const reason: ReasonCoding = { system: 'REFERRAL-CANCELLATION-REASON', code: concept.code, display: concept.display };
  const cancelledAppointment = live ? nextAppointment(referral, live, 'cancelled', reason, comments) : undefined;
  if (live) releaseSlot(ctx, live);
  commitReferralVersion(
    referral,
    {
      state: 'CANCELLED_REFERRAL',
      status: 'cancelled',
      stateReason: reason,
      stateComment: comments,
      ...(cancelledAppointment ? { appointment: cancelledAppointment } : {}),
    },
    ctx.at,
  );
  return cancelledAppointment ? { referral, cancelledAppointment } : { referral };
}
