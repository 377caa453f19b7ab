import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { CancelAppointmentActionLaterInput, CancelAppointmentInput } from '../schema/referral-action.inputs';
import type { FhirResource } from '../datasources/ers/fhir';
import {
  cancelAppointmentActionLaterRequest,
  type CancelAppointmentActionLaterParameters,
  checkAppointmentCancellation,
} from '../datasources/referrals.datasource';
import { WritesErs } from '../kernel/gate';
import { checkText, ifMatch, reasonGiver, referralAction, uploadedFiles } from './mutation.support';
import { idempotent } from '../kernel/idempotent';
import { AppointmentPayload, ReferralPayload } from '../schema/referral-payload.type';

// The A034 body repeats the appointment as e-RS holds it, so ReferralsDataSource builds it; the conformance suite imports it from here.
export { cancelAppointmentBody } from '../datasources/referrals.datasource';

/** The version, reason and comment of an A034 input, checked before any e-RS call. */
export function checkCancelAppointment(input: CancelAppointmentInput): void {
  ifMatch(input.version);
  checkText(input.comment, 'comment', 2000);
}

/** What a CancelAppointmentActionLaterInput means for A022; files are indexed at `indexedAt` (now). */
export function cancelAppointmentActionLaterParams(
  input: CancelAppointmentActionLaterInput,
  indexedAt?: string,
): CancelAppointmentActionLaterParameters {
  checkText(input.comment, 'comment', 2000, true);
  return {
    comment: input.comment,
    priority: input.priority ?? undefined,
    appointmentCancelledInPas: input.appointmentCancelledInPas ?? undefined,
    attachments: uploadedFiles(input.attachments, 'attachments', indexedAt),
  };
}

/** The A022 body a CancelAppointmentActionLaterInput means; files are indexed at `indexedAt` (now). */
export function cancelAppointmentActionLaterBody(input: CancelAppointmentActionLaterInput, indexedAt?: string): FhirResource {
  return cancelAppointmentActionLaterRequest(cancelAppointmentActionLaterParams(input, indexedAt));
}

/** Cancelling appointments: the referrer cancels a direct booking (A034); the provider cancels and tasks its admin team (A022). */
@Resolver()
export class AppointmentMutations {
  @WritesErs('A034', 'A005', 'A038')
  @Mutation((_returns) => AppointmentPayload, {
    nullable: true,
    description:
      'Cancel the referral’s current appointment at a directly bookable service (e-RS A034, after reading it with A038); ' +
      'the referral can then be rebooked or its shortlist changed.',
  })
  async cancelAppointment(
    @Arg('input', (_type) => CancelAppointmentInput) input: CancelAppointmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AppointmentPayload> {
    checkCancelAppointment(input);
    // A reason whose comment the reference data makes mandatory, without one: e-RS's MISSING_VALUE, here with no call.
    checkAppointmentCancellation(input.reason, input.comment, await reasonGiver(ctx, 'A034'));
    return idempotent(ctx, 'cancelAppointment', input, () => ctx.data.referrals.cancelAppointment(input));
  }

  @WritesErs('A022')
  @Mutation((_returns) => ReferralPayload, {
    nullable: true,
    description:
      'Cancel the appointment of a booked referral under review and task the provider’s admin team to rebook or redirect it ' +
      '(e-RS A022); the referral moves to TRIAGED_PROVIDER_TO_ACTION.',
  })
  async cancelAppointmentActionLater(
    @Arg('input', (_type) => CancelAppointmentActionLaterInput) input: CancelAppointmentActionLaterInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const params = cancelAppointmentActionLaterParams(input);
    return referralAction(ctx, 'cancelAppointmentActionLater', input, () => ctx.data.referrals.cancelAppointmentActionLater(input, params));
  }
}
