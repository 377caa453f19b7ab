import { apiError } from '../schema/error-codes';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../src/context';
import { CancelAppointmentActionLaterInput, CancelAppointmentInput } from '../schema/referral-action.inputs';
import { buildCancelAppointment } from '../datasources/ers/appointment.builder';
import { buildCancelAppointmentActionLaterParameters } from '../datasources/ers/referral-review.builder';
import { updateAppointment } from '../datasources/ers/appointment.api';
import { mapAppointment } from '../datasources/ers/appointment.mapper';
import type { FhirResource } from '../datasources/ers/fhir';
import type { Appointment } from '../schema/appointment.type';
import { WritesErs } from '../src/auth/gate';
import {
  checkText,
  freshReferral,
  ifMatch,
  isAppointment,
  referralAction,
  referralAtVersion,
  uploadedFiles,
  withConflictVersion,
} from './mutation.support';
import { idempotent } from '../src/idempotency/idempotent';
import { AppointmentPayload, ReferralPayload } from '../schema/referral-payload.type';

/** The version, reason and comment of an A034 input, checked before any e-RS call. */
export function checkCancelAppointment(input: CancelAppointmentInput): void {
  ifMatch(input.version);
  checkText(input.comment, 'comment', 2000);
}

/** The appointment as A038 returned it: what an A034 body repeats besides the cancellation. */
type CurrentAppointment = Pick<Appointment, 'id' | 'version' | 'serviceId' | 'serviceName' | 'patientNhsNumber'>;

/** The A034 body that cancels `current` (the referral's appointment as A038 has it) at the referral version of the input. */
export function cancelAppointmentBody(input: CancelAppointmentInput, current: CurrentAppointment, ersBaseUrl: string): FhirResource {
  return buildCancelAppointment(
    {
      appointmentId: current.id,
      appointmentVersion: current.version,
      ubrn: input.ubrn,
      // The referral as it is now (checked against e-RS before): the appointment may name an older
      // version, from before a letter was attached.
      referralVersion: input.version,
      patientNhsNumber: current.patientNhsNumber ?? '',
      serviceId: current.serviceId ?? '',
      serviceName: current.serviceName ?? undefined,
      reason: input.reason,
      comment: input.comment ?? undefined,
    },
    ersBaseUrl,
  );
}

/** The A022 body a CancelAppointmentActionLaterInput means; files are indexed at `indexedAt` (now). */
export function cancelAppointmentActionLaterBody(input: CancelAppointmentActionLaterInput, indexedAt?: string): FhirResource {
  checkText(input.comment, 'comment', 2000, true);
  return buildCancelAppointmentActionLaterParameters({
    comment: input.comment,
    priority: input.priority ?? undefined,
    appointmentCancelledInPas: input.appointmentCancelledInPas ?? undefined,
    attachments: uploadedFiles(input.attachments, 'attachments', indexedAt),
  });
}

/** Cancelling appointments: the referrer cancels a direct booking (A034); the provider cancels and tasks its admin team (A022). */
@Resolver()
export class AppointmentMutations {
  @WritesErs('A034', 'A005', 'A038')
  @Mutation((_returns) => AppointmentPayload, {
    description:
      'Cancel the referral’s current appointment at a directly bookable service (e-RS A034, after reading it with A038); ' +
      'the referral can then be rebooked or its shortlist changed.',
  })
  async cancelAppointment(
    @Arg('input', (_type) => CancelAppointmentInput) input: CancelAppointmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AppointmentPayload> {
    checkCancelAppointment(input);
    return idempotent(ctx, 'cancelAppointment', input, async () => {
      const referral = await referralAtVersion(ctx, input.ubrn, input.version);
      if (!referral.appointmentId) {
        throw apiError('BAD_USER_INPUT', 'The referral has no appointment to cancel', { reason: 'NO_APPOINTMENT' });
      }
      // A034 replaces the appointment as A038 has it now, with If-Match its own version.
      const key = { id: referral.appointmentId };
      ctx.loaders.appointment.clear(key);
      const current = await ctx.loaders.appointment.load(key);
      const body = cancelAppointmentBody(
        input,
        { ...current, patientNhsNumber: current.patientNhsNumber ?? referral.patientNhsNumber },
        ctx.ers.baseUrl,
      );
      const response = await withConflictVersion(ctx, input.ubrn, () => updateAppointment(ctx.ers, current.id, current.version, body));
      const appointment = isAppointment(response.body) ? mapAppointment(response.body, response.etag) : null;
      return { appointment, referral: await freshReferral(ctx, input.ubrn) };
    });
  }

  @WritesErs('A022')
  @Mutation((_returns) => ReferralPayload, {
    description:
      'Cancel the appointment of a booked referral under review and task the provider’s admin team to rebook or redirect it ' +
      '(e-RS A022); the referral moves to TRIAGED_PROVIDER_TO_ACTION.',
  })
  async cancelAppointmentActionLater(
    @Arg('input', (_type) => CancelAppointmentActionLaterInput) input: CancelAppointmentActionLaterInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const body = cancelAppointmentActionLaterBody(input);
    return referralAction(ctx, 'cancelAppointmentActionLater', 'A022', 'cancelAppointmentActionLater', input, body);
  }
}
