import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { AppointmentPayload, ReferralPayload } from '../schema/referral-payload.type';
import {
  AcceptReferralInput,
  AttachReferralLettersInput,
  BookAppointmentInput,
  CancelReferralInput,
  DeferAppointmentInput,
  RecordTriageOutcomeInput,
  RejectReferralInput,
  SendReferralForTriageInput,
} from '../schema/referral-action.inputs';
import type { FhirResource } from '../datasources/ers/fhir';
import {
  cancelReferralRequest,
  checkReferralCancellation,
  type CancelReferralParameters,
  recordTriageOutcomeRequest,
  type RecordTriageOutcomeParameters,
  referralLettersRequest,
  type ReferralLettersParameters,
  rejectReferralRequest,
  type RejectReferralParameters,
} from '../datasources/referrals.datasource';
import { badInput, checkText, ifMatch, reasonGiver, referralAction, uploadedFiles } from './mutation.support';
import { WritesErs } from '../kernel/gate';
import { idempotent } from '../kernel/idempotent';
import { assertIdentifier, SERVICE_ID, SLOT_ID } from '../schema/scalars';

// The A016 bodies need what e-RS holds (the patient, the slot), so ReferralsDataSource builds them; the conformance suite imports them from here.
export { bookAppointmentBody, deferAppointmentBody, sendReferralForTriageBody } from '../datasources/referrals.datasource';

/** What a RejectReferralInput means for A014 (checked: BAD_USER_INPUT before any e-RS call). */
export function rejectReferralParams(input: RejectReferralInput): RejectReferralParameters {
  checkText(input.comment, 'comment', 2000);
  return {
    reason: input.reason,
    comment: input.comment ?? undefined,
    appointmentCancelledInPas: input.appointmentCancelledInPas ?? undefined,
  };
}

/** The A014 body a RejectReferralInput means (checked: BAD_USER_INPUT before any e-RS call). */
export function rejectReferralBody(input: RejectReferralInput, ersBaseUrl: string): FhirResource {
  return rejectReferralRequest(rejectReferralParams(input), ersBaseUrl);
}

/** What a RecordTriageOutcomeInput means for A028; files are indexed at `indexedAt` (now). */
export function recordTriageOutcomeParams(input: RecordTriageOutcomeInput, indexedAt?: string): RecordTriageOutcomeParameters {
  checkText(input.comment, 'comment', 2000, true);
  return {
    outcome: input.outcome,
    comment: input.comment,
    priority: input.priority ?? undefined,
    attachments: uploadedFiles(input.attachments, 'attachments', indexedAt),
  };
}

/** The A028 body a RecordTriageOutcomeInput means; files are indexed at `indexedAt` (now). */
export function recordTriageOutcomeBody(input: RecordTriageOutcomeInput, indexedAt?: string): FhirResource {
  return recordTriageOutcomeRequest(recordTriageOutcomeParams(input, indexedAt));
}

/** What a CancelReferralInput means for A036. */
export function cancelReferralParams(input: CancelReferralInput): CancelReferralParameters {
  checkText(input.comment, 'comment', 2000);
  return { reason: input.reason, comment: input.comment ?? undefined };
}

/** The A036 body a CancelReferralInput means. */
export function cancelReferralBody(input: CancelReferralInput, ersBaseUrl: string): FhirResource {
  return cancelReferralRequest(cancelReferralParams(input), ersBaseUrl);
}

/** What an AttachReferralLettersInput means for A012; files are indexed at `indexedAt` (now). */
export function attachReferralLettersParams(input: AttachReferralLettersInput, indexedAt?: string): ReferralLettersParameters {
  if (input.letters.length < 1) throw badInput('letters must hold at least one file');
  return { letters: uploadedFiles(input.letters, 'letters', indexedAt)! };
}

/** The A012 body an AttachReferralLettersInput means; files are indexed at `indexedAt` (now). */
export function attachReferralLettersBody(input: AttachReferralLettersInput, indexedAt?: string): FhirResource {
  return referralLettersRequest(attachReferralLettersParams(input, indexedAt));
}

/** The version, service, slot and comment of an A016 input, checked before any e-RS call. */
export function checkAppointmentTarget(input: {
  version: string;
  serviceId: string;
  slotId?: string | null;
  comment?: string | null;
}): void {
  ifMatch(input.version);
  assertIdentifier(SERVICE_ID, input.serviceId, 'serviceId');
  if (input.slotId) assertIdentifier(SLOT_ID, input.slotId, 'slotId');
  checkText(input.comment, 'comment', 2000);
}

/**
 * Referral actions (provider and referrer). Each: gate (CIS2 user + allowed role, before any
 * call), input checks, idempotency, the e-RS operation with If-Match, then the referral e-RS answered
 * with (A016 answers with the appointment: the referral is re-read).
 */
@Resolver()
export class ReferralMutations {
  @WritesErs('A013')
  @Mutation((_returns) => ReferralPayload, { nullable: true, description: 'Accept a booked referral into the service (e-RS A013).' })
  async acceptReferral(
    @Arg('input', (_type) => AcceptReferralInput) input: AcceptReferralInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    return referralAction(ctx, 'acceptReferral', input, () => ctx.data.referrals.acceptReferral(input));
  }

  @WritesErs('A014')
  @Mutation((_returns) => ReferralPayload, { nullable: true, description: 'Reject a booked referral (e-RS A014).' })
  async rejectReferral(
    @Arg('input', (_type) => RejectReferralInput) input: RejectReferralInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const params = rejectReferralParams(input);
    return referralAction(ctx, 'rejectReferral', input, () => ctx.data.referrals.rejectReferral(input, params));
  }

  @WritesErs('A028')
  @Mutation((_returns) => ReferralPayload, { nullable: true, description: 'Record the outcome of triaging a referral (e-RS A028).' })
  async recordTriageOutcome(
    @Arg('input', (_type) => RecordTriageOutcomeInput) input: RecordTriageOutcomeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const params = recordTriageOutcomeParams(input);
    return referralAction(ctx, 'recordTriageOutcome', input, () => ctx.data.referrals.recordTriageOutcome(input, params));
  }

  @WritesErs('A036')
  @Mutation((_returns) => ReferralPayload, { nullable: true, description: 'Cancel a referral (e-RS A036).' })
  async cancelReferral(
    @Arg('input', (_type) => CancelReferralInput) input: CancelReferralInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const params = cancelReferralParams(input);
    // What the A036 page says e-RS refuses (a reason of the other side, a missing mandatory comment): refused here, with no call.
    checkReferralCancellation(input.reason, input.comment, await reasonGiver(ctx, 'A036'));
    return referralAction(ctx, 'cancelReferral', input, () => ctx.data.referrals.cancelReferral(input, params));
  }

  @WritesErs('A012')
  @Mutation((_returns) => ReferralPayload, {
    nullable: true,
    description: 'Attach referral letters uploaded with POST /attachments (e-RS A012).',
  })
  async attachReferralLetters(
    @Arg('input', (_type) => AttachReferralLettersInput) input: AttachReferralLettersInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const params = attachReferralLettersParams(input);
    return referralAction(ctx, 'attachReferralLetters', input, () => ctx.data.referrals.attachReferralLetters(input, params));
  }

  @WritesErs('A016', 'A005')
  @Mutation((_returns) => AppointmentPayload, {
    nullable: true,
    description:
      'Hand booking over to a shortlisted, directly bookable service (e-RS A016 deferral); the referral goes to its Appointment Slot Issues worklist.',
  })
  async deferAppointment(
    @Arg('input', (_type) => DeferAppointmentInput) input: DeferAppointmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AppointmentPayload> {
    checkAppointmentTarget(input);
    return idempotent(ctx, 'deferAppointment', input, () => ctx.data.referrals.deferAppointment(input));
  }

  @WritesErs('A016', 'A005')
  @Mutation((_returns) => AppointmentPayload, {
    nullable: true,
    description:
      'Send a referral to a shortlisted triage service (e-RS A016 with reason TRIAGE); it waits in the provider’s triage worklist for recordTriageOutcome.',
  })
  async sendReferralForTriage(
    @Arg('input', (_type) => SendReferralForTriageInput) input: SendReferralForTriageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AppointmentPayload> {
    checkAppointmentTarget(input);
    return idempotent(ctx, 'sendReferralForTriage', input, () => ctx.data.referrals.sendReferralForTriage(input));
  }

  @WritesErs('A016', 'A015', 'A005')
  @Mutation((_returns) => AppointmentPayload, {
    nullable: true,
    description: 'Book a free slot (from Referral.slots) for a referral (e-RS A016, after finding the slot with A015).',
  })
  async bookAppointment(
    @Arg('input', (_type) => BookAppointmentInput) input: BookAppointmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AppointmentPayload> {
    checkAppointmentTarget(input);
    return idempotent(ctx, 'bookAppointment', input, () => ctx.data.referrals.bookAppointment(input));
  }
}
