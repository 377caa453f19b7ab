import { apiError } from '../schema/error-codes';
import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../src/context';
import { Referral } from '../schema/referral.type';
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
import { ReferralPriority } from '../schema/slot.args';
import { postAppointment } from '../datasources/ers/referral-actions.api';
import { buildRejectReferralParameters, buildRecordTriageOutcomeParameters } from '../datasources/ers/referral-review.builder';
import { buildCancelReferralParameters } from '../datasources/ers/referral-cancellation.builder';
import { type AppointmentDeferral, buildBookOrDeferAppointment } from '../datasources/ers/appointment.builder';
import { buildMaintainReferralLetterParameters } from '../datasources/ers/referral-letter.builder';
import { mapAppointment } from '../datasources/ers/appointment.mapper';
import type { FhirResource } from '../datasources/ers/fhir';
import {
  badInput,
  checkText,
  freshReferral,
  ifMatch,
  isAppointment,
  referralAction,
  referralAtVersion,
  uploadedFiles,
  withConflictVersion,
} from './mutation.support';
import { WritesErs } from '../src/auth/gate';
import { idempotent } from '../src/idempotency/idempotent';
import { assertIdentifier, SERVICE_ID, SLOT_ID } from '../schema/scalars';

/** The A014 body a RejectReferralInput means (checked: BAD_USER_INPUT before any e-RS call). */
export function rejectReferralBody(input: RejectReferralInput, ersBaseUrl: string): FhirResource {
  checkText(input.comment, 'comment', 2000);
  return buildRejectReferralParameters(
    { reason: input.reason, comment: input.comment ?? undefined, appointmentCancelledInPas: input.appointmentCancelledInPas ?? undefined },
    ersBaseUrl,
  );
}

/** The A028 body a RecordTriageOutcomeInput means; files are indexed at `indexedAt` (now). */
export function recordTriageOutcomeBody(input: RecordTriageOutcomeInput, indexedAt?: string): FhirResource {
  checkText(input.comment, 'comment', 2000, true);
  return buildRecordTriageOutcomeParameters({
    outcome: input.outcome,
    comment: input.comment,
    priority: input.priority ?? undefined,
    attachments: uploadedFiles(input.attachments, 'attachments', indexedAt),
  });
}

/** The A036 body a CancelReferralInput means. */
export function cancelReferralBody(input: CancelReferralInput, ersBaseUrl: string): FhirResource {
  checkText(input.comment, 'comment', 2000);
  return buildCancelReferralParameters({ reason: input.reason, comment: input.comment ?? undefined }, ersBaseUrl);
}

/** The A012 body an AttachReferralLettersInput means; files are indexed at `indexedAt` (now). */
export function attachReferralLettersBody(input: AttachReferralLettersInput, indexedAt?: string): FhirResource {
  if (input.letters.length < 1) throw badInput('letters must hold at least one file');
  return buildMaintainReferralLetterParameters({ letters: uploadedFiles(input.letters, 'letters', indexedAt)! });
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

/** The A016 body of a booking: the referral's patient (A005) and the slot's times and clinician (A015) come from e-RS. */
export function bookAppointmentBody(
  input: BookAppointmentInput,
  patientNhsNumber: string,
  slot: { start: string; end: string; clinicianUserId?: string | null },
): FhirResource {
  return buildBookOrDeferAppointment({
    ubrn: input.ubrn,
    referralVersion: input.version,
    patientNhsNumber,
    serviceId: input.serviceId,
    book: { slotId: input.slotId, start: slot.start, end: slot.end, namedClinicianUserId: slot.clinicianUserId ?? undefined },
  });
}

/** The A016 body of a deferral to a directly bookable service. */
export function deferAppointmentBody(input: DeferAppointmentInput, patientNhsNumber: string): FhirResource {
  const defer: AppointmentDeferral = { reason: input.reason, comment: input.comment ?? undefined, slotId: input.slotId ?? undefined };
  return buildBookOrDeferAppointment({
    ubrn: input.ubrn,
    referralVersion: input.version,
    patientNhsNumber,
    serviceId: input.serviceId,
    defer,
  });
}

/** The A016 body that sends a referral to a shortlisted triage service. */
export function sendReferralForTriageBody(input: SendReferralForTriageInput, patientNhsNumber: string): FhirResource {
  const defer: AppointmentDeferral = { reason: 'TRIAGE', comment: input.comment ?? undefined };
  return buildBookOrDeferAppointment({
    ubrn: input.ubrn,
    referralVersion: input.version,
    patientNhsNumber,
    serviceId: input.serviceId,
    defer,
  });
}

/**
 * Referral actions (provider and referrer). Each: gate (CIS2 user + allowed role, before any
 * call), input checks, idempotency, the e-RS operation with If-Match, then the referral e-RS answered
 * with (A016 answers with the appointment: the referral is re-read).
 */
@Resolver()
export class ReferralMutations {
  @WritesErs('A013')
  @Mutation((_returns) => ReferralPayload, { description: 'Accept a booked referral into the service (e-RS A013).' })
  async acceptReferral(
    @Arg('input', (_type) => AcceptReferralInput) input: AcceptReferralInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    return referralAction(ctx, 'acceptReferral', 'A013', 'acceptReferral', input);
  }

  @WritesErs('A014')
  @Mutation((_returns) => ReferralPayload, { description: 'Reject a booked referral (e-RS A014).' })
  async rejectReferral(
    @Arg('input', (_type) => RejectReferralInput) input: RejectReferralInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const body = rejectReferralBody(input, ctx.ers.baseUrl);
    return referralAction(ctx, 'rejectReferral', 'A014', 'rejectReferral', input, body);
  }

  @WritesErs('A028')
  @Mutation((_returns) => ReferralPayload, { description: 'Record the outcome of triaging a referral (e-RS A028).' })
  async recordTriageOutcome(
    @Arg('input', (_type) => RecordTriageOutcomeInput) input: RecordTriageOutcomeInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const body = recordTriageOutcomeBody(input);
    return referralAction(ctx, 'recordTriageOutcome', 'A028', 'recordReviewOutcome', input, body);
  }

  @WritesErs('A036')
  @Mutation((_returns) => ReferralPayload, { description: 'Cancel a referral (e-RS A036).' })
  async cancelReferral(
    @Arg('input', (_type) => CancelReferralInput) input: CancelReferralInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const body = cancelReferralBody(input, ctx.ers.baseUrl);
    return referralAction(ctx, 'cancelReferral', 'A036', 'cancelReferral', input, body);
  }

  @WritesErs('A012')
  @Mutation((_returns) => ReferralPayload, { description: 'Attach referral letters uploaded with POST /attachments (e-RS A012).' })
  async attachReferralLetters(
    @Arg('input', (_type) => AttachReferralLettersInput) input: AttachReferralLettersInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const body = attachReferralLettersBody(input);
    return referralAction(ctx, 'attachReferralLetters', 'A012', 'maintainReferralLetter', input, body);
  }

  @WritesErs('A016', 'A005')
  @Mutation((_returns) => AppointmentPayload, {
    description:
      'Hand booking over to a shortlisted, directly bookable service (e-RS A016 deferral); the referral goes to its Appointment Slot Issues worklist.',
  })
  async deferAppointment(
    @Arg('input', (_type) => DeferAppointmentInput) input: DeferAppointmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AppointmentPayload> {
    return proposeAppointment(ctx, 'deferAppointment', input, deferAppointmentBody);
  }

  @WritesErs('A016', 'A005')
  @Mutation((_returns) => AppointmentPayload, {
    description:
      'Send a referral to a shortlisted triage service (e-RS A016 with reason TRIAGE); it waits in the provider’s triage worklist for recordTriageOutcome.',
  })
  async sendReferralForTriage(
    @Arg('input', (_type) => SendReferralForTriageInput) input: SendReferralForTriageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AppointmentPayload> {
    return proposeAppointment(ctx, 'sendReferralForTriage', input, sendReferralForTriageBody);
  }

  @WritesErs('A016', 'A015', 'A005')
  @Mutation((_returns) => AppointmentPayload, {
    description: 'Book a free slot (from Referral.slots) for a referral (e-RS A016, after finding the slot with A015).',
  })
  async bookAppointment(
    @Arg('input', (_type) => BookAppointmentInput) input: BookAppointmentInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AppointmentPayload> {
    checkAppointmentTarget(input);
    return idempotent(ctx, 'bookAppointment', input, async () => {
      const referral = await shortlistedReferral(ctx, input);
      const slot = await findSlot(ctx, referral, input.serviceId, input.slotId);
      if (!slot) throw apiError('CONFLICT', 'The slot is not free any more: choose another', { reason: 'SLOT_NOT_AVAILABLE' });
      // A booking names the slot's times; a free slot without them cannot be booked.
      if (!slot.start || !slot.end) throw apiError('UPSTREAM_ERROR', 'e-RS gave the slot no start or end time', { endpoint: 'A015' });
      const body = bookAppointmentBody(input, referral.patientNhsNumber ?? '', {
        start: slot.start,
        end: slot.end,
        clinicianUserId: slot.clinicianUserId,
      });
      const response = await withConflictVersion(ctx, input.ubrn, () => postAppointment(ctx.ers, body));
      const appointment = isAppointment(response.body) ? mapAppointment(response.body, response.etag) : null;
      return { appointment, referral: await freshReferral(ctx, input.ubrn) };
    });
  }
}

/** The referral at the version the user saw (A016 carries it in its body), with the service on its shortlist. */
async function shortlistedReferral(ctx: RequestContext, input: { ubrn: string; version: string; serviceId: string }): Promise<Referral> {
  const referral = await referralAtVersion(ctx, input.ubrn, input.version);
  if (!referral.shortlistServiceIds.includes(input.serviceId)) throw badInput('serviceId is not on the referral shortlist');
  return referral;
}

/**
 * A016 without a slot: a deferral to a directly bookable service or a referral into triage (a
 * `proposed` appointment with its eRS-ReviewReason-1 reason), at the version the user saw.
 */
async function proposeAppointment<
  T extends {
    ubrn: string;
    version: string;
    serviceId: string;
    slotId?: string | null;
    comment?: string | null;
    idempotencyKey?: string | null;
  },
>(
  ctx: RequestContext,
  operation: string,
  input: T,
  body: (input: T, patientNhsNumber: string) => FhirResource,
): Promise<AppointmentPayload> {
  checkAppointmentTarget(input);
  return idempotent(ctx, operation, input, async () => {
    const referral = await shortlistedReferral(ctx, input);
    const request = body(input, referral.patientNhsNumber ?? '');
    const response = await withConflictVersion(ctx, input.ubrn, () => postAppointment(ctx.ers, request));
    const appointment = isAppointment(response.body) ? mapAppointment(response.body, response.etag) : null;
    return { appointment, referral: await freshReferral(ctx, input.ubrn) };
  });
}

/** The slot among the free slots of the service for this referral (A015, up to 5 pages of 100). */
async function findSlot(ctx: RequestContext, referral: Referral, serviceId: string, slotId: string) {
  const priority = referral.priority?.code as ReferralPriority | undefined;
  if (!priority || !referral.commissioningRuleOrganisationOdsCode)
    throw badInput('the referral has no priority or commissioning rule to book with');
  for (let page = 1; page <= 5; page++) {
    const result = await ctx.loaders.slots.load({
      serviceId,
      priority,
      commissioningRuleOrgOdsCode: referral.commissioningRuleOrganisationOdsCode,
      count: 100,
      page,
    });
    const slot = result.slots.find((s) => s.id === slotId);
    if (slot) return slot;
    if (!result.nextPageUrl && !(result.total !== null && page * 100 < result.total)) return null;
  }
  return null;
}
