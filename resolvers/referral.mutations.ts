import { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, Mutation, ObjectType, Resolver } from 'type-graphql';
import type { RequestContext } from '../src/context';
import { Referral } from '../schema/referral.type';
import { Appointment } from '../schema/appointment.type';
import {
  AcceptReferralInput,
  AttachReferralLettersInput,
  BookAppointmentInput,
  CancelReferralInput,
  CreateReferralInput,
  DeferAppointmentInput,
  RecordTriageOutcomeInput,
  RejectReferralInput,
} from '../schema/referral-action.inputs';
import { ReferralPriority } from '../schema/slot.args';
import { createdId, postAppointment, postReferralOperation, postTypeOperation } from '../datasources/ers/referral-actions.api';
import { buildRejectReferralParameters, buildRecordTriageOutcomeParameters } from '../datasources/ers/referral-review.builder';
import { buildCancelReferralParameters } from '../datasources/ers/referral-cancellation.builder';
import { buildCreateReferralParameters } from '../datasources/ers/referral-shortlist.builder';
import { buildBookOrDeferAppointment } from '../datasources/ers/appointment.builder';
import { buildMaintainReferralLetterParameters } from '../datasources/ers/referral-letter.builder';
import { mapAppointment } from '../datasources/ers/appointment.mapper';
import { isValidNhsNumber } from '../datasources/ers/nhs-number';
import { freshReferral, ifMatch, withConflictVersion } from './mutation.support';
import { WritesErs } from '../src/auth/gate';
import { idempotent } from './idempotency.support';

@ObjectType('ReferralPayload', { description: 'The referral as e-RS has it after the action (re-read, with its new available actions).' })
export class ReferralPayload {
  @Field(_type => Referral, { nullable: false, description: 'The referral, re-read from e-RS after the action.' })
  referral!: Referral;
}

@ObjectType('BookAppointmentPayload', { description: 'The booked appointment and the referral after booking.' })
export class BookAppointmentPayload extends ReferralPayload {
  @Field(_type => Appointment, { nullable: true, description: 'The appointment e-RS created.' })
  appointment!: Appointment | null;
}

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

const CODE = /^[A-Z0-9_]{1,64}$/;

function checkComment(comment: string | undefined, required: boolean): void {
  if (required && !comment?.trim()) throw badInput('comment is required');
  if (comment && comment.length > 2000) throw badInput('comment must be at most 2000 characters');
}

/**
 * Referral actions (provider and referrer). Each: gate (CIS2 user + allowed role, before any
 * call), input checks, idempotency, the e-RS operation with If-Match, then the referral re-read.
 */
@Resolver()
export class ReferralMutations {
  @WritesErs('A013')
  @Mutation(_returns => ReferralPayload, { description: 'Accept a booked referral into the service (e-RS A013).' })
  async acceptReferral(@Arg('input', _type => AcceptReferralInput) input: AcceptReferralInput, @Ctx() ctx: RequestContext): Promise<ReferralPayload> {
    ifMatch(input.version);
    return idempotent(ctx, 'acceptReferral', input, async () => {
      await withConflictVersion(ctx, input.ubrn, () => postReferralOperation(ctx.ers, 'A013', input.ubrn, 'acceptReferral', { version: input.version }));
      return { referral: await freshReferral(ctx, input.ubrn) };
    });
  }

  @WritesErs('A014')
  @Mutation(_returns => ReferralPayload, { description: 'Reject a booked referral (e-RS A014).' })
  async rejectReferral(@Arg('input', _type => RejectReferralInput) input: RejectReferralInput, @Ctx() ctx: RequestContext): Promise<ReferralPayload> {
    ifMatch(input.version);
    if (!CODE.test(input.reason)) throw badInput('reason must be an APPOINTMENT-CANCELLATION-REASON code');
    checkComment(input.comment ?? undefined, false);
    const body = buildRejectReferralParameters(
      { reason: input.reason, comment: input.comment ?? undefined, appointmentCancelledInPas: input.appointmentCancelledInPas ?? undefined },
      ctx.ers.baseUrl,
    );
    return idempotent(ctx, 'rejectReferral', input, async () => {
      await withConflictVersion(ctx, input.ubrn, () => postReferralOperation(ctx.ers, 'A014', input.ubrn, 'rejectReferral', { version: input.version, body }));
      return { referral: await freshReferral(ctx, input.ubrn) };
    });
  }

  @WritesErs('A028')
  @Mutation(_returns => ReferralPayload, { description: 'Record the outcome of triaging a referral (e-RS A028).' })
  async recordTriageOutcome(@Arg('input', _type => RecordTriageOutcomeInput) input: RecordTriageOutcomeInput, @Ctx() ctx: RequestContext): Promise<ReferralPayload> {
    ifMatch(input.version);
    checkComment(input.comment, true);
    const body = buildRecordTriageOutcomeParameters({ outcome: input.outcome, comment: input.comment, priority: input.priority ?? undefined });
    return idempotent(ctx, 'recordTriageOutcome', input, async () => {
      await withConflictVersion(ctx, input.ubrn, () => postReferralOperation(ctx.ers, 'A028', input.ubrn, 'recordReviewOutcome', { version: input.version, body }));
      return { referral: await freshReferral(ctx, input.ubrn) };
    });
  }

  @WritesErs('A036')
  @Mutation(_returns => ReferralPayload, { description: 'Cancel a referral (e-RS A036).' })
  async cancelReferral(@Arg('input', _type => CancelReferralInput) input: CancelReferralInput, @Ctx() ctx: RequestContext): Promise<ReferralPayload> {
    ifMatch(input.version);
    if (!CODE.test(input.reason)) throw badInput('reason must be a REFERRAL-CANCELLATION-REASON code');
    checkComment(input.comment ?? undefined, false);
    const body = buildCancelReferralParameters({ reason: input.reason, comment: input.comment ?? undefined }, ctx.ers.baseUrl);
    return idempotent(ctx, 'cancelReferral', input, async () => {
      await withConflictVersion(ctx, input.ubrn, () => postReferralOperation(ctx.ers, 'A036', input.ubrn, 'cancelReferral', { version: input.version, body }));
      return { referral: await freshReferral(ctx, input.ubrn) };
    });
  }

  @WritesErs('A011')
  @Mutation(_returns => ReferralPayload, { description: 'Create a referral with a shortlist of services (e-RS A011).' })
  async createReferral(@Arg('input', _type => CreateReferralInput) input: CreateReferralInput, @Ctx() ctx: RequestContext): Promise<ReferralPayload> {
    if (!isValidNhsNumber(input.patientNhsNumber)) throw badInput('patientNhsNumber is not a valid NHS number');
    if (input.shortlist.length < 1 || input.shortlist.length > 20) throw badInput('shortlist must hold 1 to 20 services');
    if (!input.shortlist.every((id) => /^\d{1,20}$/.test(id))) throw badInput('shortlist must hold e-RS service ids');
    if (new Set(input.shortlist).size !== input.shortlist.length) throw badInput('shortlist must not repeat a service');
    if (input.specialty && !CODE.test(input.specialty)) throw badInput('specialty must be a SPECIALTY code');
    if (input.clinicType && !CODE.test(input.clinicType)) throw badInput('clinicType must be a CLINIC-TYPE code');
    if (input.referringClinicianUserId && !/^\d{12}$/.test(input.referringClinicianUserId)) throw badInput('referringClinicianUserId must be a 12-digit SDS user id');
    if (input.firstReminderLetterFollowUpDays < 0 || input.firstReminderLetterFollowUpDays > 365) throw badInput('firstReminderLetterFollowUpDays must be between 0 and 365');
    const body = buildCreateReferralParameters(
      {
        patientNhsNumber: input.patientNhsNumber,
        referringClinicianUserId: input.referringClinicianUserId ?? undefined,
        search: {
          priority: input.priority,
          specialty: input.specialty ?? undefined,
          clinicType: input.clinicType ?? undefined,
          ageAndSexAppropriate: input.ageAndSexAppropriate,
        },
        shortlist: input.shortlist.map((serviceId) => ({ serviceId })),
        referralLetterIntention: input.referralLetter,
        firstReminderLetterFollowUpDays: input.firstReminderLetterFollowUpDays,
      },
      ctx.ers.baseUrl,
    );
    return idempotent(ctx, 'createReferral', input, async () => {
      const response = await postTypeOperation(ctx.ers, 'A011', 'ReferralRequest', 'createReferral', body);
      const ubrn = createdId(response.body, 'ReferralRequest');
      if (!ubrn) throw new GraphQLError('e-RS did not return the new referral', { extensions: { code: 'UPSTREAM_ERROR', endpoint: 'A011' } });
      return { referral: await freshReferral(ctx, ubrn) };
    });
  }

  @WritesErs('A012')
  @Mutation(_returns => ReferralPayload, { description: 'Attach referral letters uploaded with POST /attachments (e-RS A012).' })
  async attachReferralLetters(@Arg('input', _type => AttachReferralLettersInput) input: AttachReferralLettersInput, @Ctx() ctx: RequestContext): Promise<ReferralPayload> {
    ifMatch(input.version);
    if (input.letters.length < 1) throw badInput('letters must hold at least one file');
    const indexedAt = new Date().toISOString();
    const letters = input.letters.map((letter) => {
      if (!/^Binary\/[A-Za-z0-9.-]{1,128}$/.test(letter.url)) throw badInput('letters[].url must be a "Binary/…" reference from POST /attachments');
      return { url: letter.url, indexedAt, description: letter.description ?? undefined };
    });
    const body = buildMaintainReferralLetterParameters({ letters });
    return idempotent(ctx, 'attachReferralLetters', input, async () => {
      await withConflictVersion(ctx, input.ubrn, () => postReferralOperation(ctx.ers, 'A012', input.ubrn, 'maintainReferralLetter', { version: input.version, body }));
      return { referral: await freshReferral(ctx, input.ubrn) };
    });
  }

  @WritesErs('A016', 'A005')
  @Mutation(_returns => BookAppointmentPayload, {
    description: 'Hand booking over to a shortlisted, directly bookable service (e-RS A016 deferral); the referral goes to its Appointment Slot Issues worklist.',
  })
  async deferAppointment(@Arg('input', _type => DeferAppointmentInput) input: DeferAppointmentInput, @Ctx() ctx: RequestContext): Promise<BookAppointmentPayload> {
    ifMatch(input.version);
    if (!/^\d{1,20}$/.test(input.serviceId)) throw badInput('serviceId must be an e-RS service id');
    if (input.slotId && !/^[A-Za-z0-9.-]{1,64}$/.test(input.slotId)) throw badInput('slotId is not an e-RS slot id');
    checkComment(input.comment ?? undefined, false);
    return idempotent(ctx, 'deferAppointment', input, async () => {
      const referral = await shortlistedReferral(ctx, input);
      const body = buildBookOrDeferAppointment({
        ubrn: input.ubrn,
        referralVersion: input.version,
        patientNhsNumber: referral.patientNhsNumber ?? '',
        serviceId: input.serviceId,
        defer: { reason: input.reason, comment: input.comment ?? undefined, slotId: input.slotId ?? undefined },
      });
      const response = await withConflictVersion(ctx, input.ubrn, () => postAppointment(ctx.ers, body));
      const appointment = isAppointment(response.body) ? mapAppointment(response.body, response.etag) : null;
      return { appointment, referral: await freshReferral(ctx, input.ubrn) };
    });
  }

  @WritesErs('A016', 'A015', 'A005')
  @Mutation(_returns => BookAppointmentPayload, {
    description: 'Book a free slot (from Referral.slots) for a referral (e-RS A016, after finding the slot with A015).',
  })
  async bookAppointment(@Arg('input', _type => BookAppointmentInput) input: BookAppointmentInput, @Ctx() ctx: RequestContext): Promise<BookAppointmentPayload> {
    ifMatch(input.version);
    if (!/^\d{1,20}$/.test(input.serviceId)) throw badInput('serviceId must be an e-RS service id');
    if (!/^[A-Za-z0-9.-]{1,64}$/.test(input.slotId)) throw badInput('slotId is not an e-RS slot id');
    return idempotent(ctx, 'bookAppointment', input, async () => {
      const referral = await shortlistedReferral(ctx, input);
      const slot = await findSlot(ctx, referral, input.serviceId, input.slotId);
      if (!slot) throw new GraphQLError('The slot is not free any more: choose another', { extensions: { code: 'CONFLICT', reason: 'SLOT_NOT_AVAILABLE' } });
      const body = buildBookOrDeferAppointment({
        ubrn: input.ubrn,
        referralVersion: input.version,
        patientNhsNumber: referral.patientNhsNumber ?? '',
        serviceId: input.serviceId,
        book: { slotId: input.slotId, start: slot.start ?? '', end: slot.end ?? '', namedClinicianUserId: slot.clinicianUserId ?? undefined },
      });
      const response = await withConflictVersion(ctx, input.ubrn, () => postAppointment(ctx.ers, body));
      const appointment = isAppointment(response.body) ? mapAppointment(response.body, response.etag) : null;
      return { appointment, referral: await freshReferral(ctx, input.ubrn) };
    });
  }
}

/**
 * The referral at the version the user saw, with the service on its shortlist: A016 carries the
 * referral version in its body, so a stale one is caught here as CONFLICT before e-RS is asked.
 */
async function shortlistedReferral(ctx: RequestContext, input: { ubrn: string; version: string; serviceId: string }): Promise<Referral> {
  const referral = await freshReferral(ctx, input.ubrn);
  if (referral.version !== input.version) {
    throw new GraphQLError('The referral has changed in e-RS since the version given: reload it and try again', {
      extensions: { code: 'CONFLICT', currentVersion: referral.version },
    });
  }
  if (!referral.shortlistServiceIds.includes(input.serviceId)) throw badInput('serviceId is not on the referral shortlist');
  return referral;
}

function isAppointment(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { resourceType?: string }).resourceType === 'Appointment';
}

/** The slot among the free slots of the service for this referral (A015, up to 5 pages of 100). */
async function findSlot(ctx: RequestContext, referral: Referral, serviceId: string, slotId: string) {
  const priority = referral.priority?.code as ReferralPriority | undefined;
  if (!priority || !referral.commissioningRuleOrganisationOdsCode) throw badInput('the referral has no priority or commissioning rule to book with');
  for (let page = 1; page <= 5; page++) {
    const result = await ctx.loaders.slots.load({ serviceId, priority, commissioningRuleOrgOdsCode: referral.commissioningRuleOrganisationOdsCode, count: 100, page });
    const slot = result.slots.find((s) => s.id === slotId);
    if (slot) return slot;
    if (!result.nextPageUrl && !(result.total !== null && page * 100 < result.total)) return null;
  }
  return null;
}
