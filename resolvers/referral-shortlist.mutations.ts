import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import {
  ChangeShortlistAndSendForTriageInput,
  ChangeShortlistInput,
  CreateReferralAndSendForTriageInput,
  CreateReferralInput,
} from '../schema/referral-action.inputs';
import type { FhirResource } from '../datasources/ers/fhir';
import {
  changeShortlistAndSendForTriageRequest,
  type ChangeShortlistAndSendForTriageParameters,
  changeShortlistRequest,
  type ChangeShortlistParameters,
  createReferralAndSendForTriageRequest,
  type CreateReferralAndSendForTriageParameters,
  createReferralRequest,
  type CreateReferralParameters,
} from '../datasources/referrals.datasource';
import { isValidNhsNumber } from '../datasources/ers/nhs-number';
import { WritesErs } from '../kernel/gate';
import { badInput, referralAction } from './mutation.support';
import { referringClinicianOf, searchCriteriaOf } from './search-criteria.support';
import { idempotent } from '../kernel/idempotent';
import { assertIdentifier, isIdentifier, SERVICE_ID } from '../schema/scalars';
import { AppointmentPayload, ReferralPayload } from '../schema/referral-payload.type';

const DEPRECATED_A021 =
  'e-RS has deprecated A021: use createReferral with the triage service on the shortlist, then sendReferralForTriage.';
const DEPRECATED_A032 = 'e-RS has deprecated A032: use changeShortlist, then sendReferralForTriage.';

function shortlistOf(serviceIds: string[]): Array<{ serviceId: string }> {
  if (serviceIds.length < 1 || serviceIds.length > 20) throw badInput('shortlist must hold 1 to 20 services');
  if (!serviceIds.every((id) => isIdentifier(SERVICE_ID, id)))
    throw badInput(`shortlist must hold e-RS service ids (${SERVICE_ID.description})`);
  if (new Set(serviceIds).size !== serviceIds.length) throw badInput('shortlist must not repeat a service');
  return serviceIds.map((serviceId) => ({ serviceId }));
}

function serviceId(value: string, name: string): string {
  return assertIdentifier(SERVICE_ID, value, name);
}

function reminderDays(days: number): number {
  if (!Number.isInteger(days) || days < 0 || days > 365) throw badInput('firstReminderLetterFollowUpDays must be between 0 and 365');
  return days;
}

/** Patient and referring clinician of a new referral. */
function newReferral(input: { patientNhsNumber: string; referringClinicianUserId?: string | null }) {
  if (!isValidNhsNumber(input.patientNhsNumber)) throw badInput('patientNhsNumber is not a valid NHS number');
  return { patientNhsNumber: input.patientNhsNumber, referringClinicianUserId: referringClinicianOf(input.referringClinicianUserId) };
}

/** What a CreateReferralInput means for A011 (checked: BAD_USER_INPUT before any e-RS call). */
export function createReferralParams(input: CreateReferralInput): CreateReferralParameters {
  return {
    ...newReferral(input),
    search: searchCriteriaOf(input),
    shortlist: shortlistOf(input.shortlist),
    referralLetterIntention: input.referralLetter,
    firstReminderLetterFollowUpDays: reminderDays(input.firstReminderLetterFollowUpDays),
    pathwayStart: input.pathwayStart ?? undefined,
  };
}

/** The A011 body a CreateReferralInput means (checked: BAD_USER_INPUT before any e-RS call). */
export function createReferralBody(input: CreateReferralInput, ersBaseUrl: string): FhirResource {
  return createReferralRequest(createReferralParams(input), ersBaseUrl);
}

/** What a CreateReferralAndSendForTriageInput means for A021. */
export function createReferralAndSendForTriageParams(input: CreateReferralAndSendForTriageInput): CreateReferralAndSendForTriageParameters {
  return { ...newReferral(input), search: searchCriteriaOf(input), triageServiceId: serviceId(input.triageServiceId, 'triageServiceId') };
}

/** The A021 body a CreateReferralAndSendForTriageInput means. */
export function createReferralAndSendForTriageBody(input: CreateReferralAndSendForTriageInput, ersBaseUrl: string): FhirResource {
  return createReferralAndSendForTriageRequest(createReferralAndSendForTriageParams(input), ersBaseUrl);
}

/** What a ChangeShortlistInput means for A031. */
export function changeShortlistParams(input: ChangeShortlistInput): ChangeShortlistParameters {
  return {
    search: searchCriteriaOf(input),
    shortlist: shortlistOf(input.shortlist),
    referralLetterIntention: input.referralLetter,
    firstReminderLetterFollowUpDays: reminderDays(input.firstReminderLetterFollowUpDays),
  };
}

/** The A031 body a ChangeShortlistInput means. */
export function changeShortlistBody(input: ChangeShortlistInput, ersBaseUrl: string): FhirResource {
  return changeShortlistRequest(changeShortlistParams(input), ersBaseUrl);
}

/** What a ChangeShortlistAndSendForTriageInput means for A032. */
export function changeShortlistAndSendForTriageParams(
  input: ChangeShortlistAndSendForTriageInput,
): ChangeShortlistAndSendForTriageParameters {
  return {
    search: searchCriteriaOf(input),
    triageServiceId: serviceId(input.triageServiceId, 'triageServiceId'),
    referralLetterIntention: input.referralLetter,
  };
}

/** The A032 body a ChangeShortlistAndSendForTriageInput means. */
export function changeShortlistAndSendForTriageBody(input: ChangeShortlistAndSendForTriageInput, ersBaseUrl: string): FhirResource {
  return changeShortlistAndSendForTriageRequest(changeShortlistAndSendForTriageParams(input), ersBaseUrl);
}

/**
 * Referrals and their shortlists, on the referrer side: create (A011), create straight into
 * triage (A021), change the shortlist (A031) and change it to a triage service (A032).
 */
@Resolver()
export class ReferralShortlistMutations {
  @WritesErs('A011')
  @Mutation((_returns) => ReferralPayload, { nullable: true, description: 'Create a referral with a shortlist of services (e-RS A011).' })
  async createReferral(
    @Arg('input', (_type) => CreateReferralInput) input: CreateReferralInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const params = createReferralParams(input);
    return idempotent(ctx, 'createReferral', input, () => ctx.data.referrals.createReferral(params));
  }

  @WritesErs('A021')
  @Mutation((_returns) => ReferralPayload, {
    nullable: true,
    description: 'Create a referral and send it straight to one triage service (e-RS A021); it waits in the provider’s triage worklist.',
    deprecationReason: DEPRECATED_A021,
  })
  async createReferralAndSendForTriage(
    @Arg('input', (_type) => CreateReferralAndSendForTriageInput) input: CreateReferralAndSendForTriageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const params = createReferralAndSendForTriageParams(input);
    return idempotent(ctx, 'createReferralAndSendForTriage', input, () => ctx.data.referrals.createReferralAndSendForTriage(params));
  }

  @WritesErs('A031')
  @Mutation((_returns) => ReferralPayload, {
    nullable: true,
    description: 'Replace the shortlist of an unbooked referral (e-RS A031); nothing is booked or sent.',
  })
  async changeShortlist(
    @Arg('input', (_type) => ChangeShortlistInput) input: ChangeShortlistInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ReferralPayload> {
    const params = changeShortlistParams(input);
    return referralAction(ctx, 'changeShortlist', input, () => ctx.data.referrals.changeShortlist(input, params));
  }

  @WritesErs('A032')
  @Mutation((_returns) => AppointmentPayload, {
    nullable: true,
    description: 'Replace the shortlist with one triage service and send the referral to it (e-RS A032).',
    deprecationReason: DEPRECATED_A032,
  })
  async changeShortlistAndSendForTriage(
    @Arg('input', (_type) => ChangeShortlistAndSendForTriageInput) input: ChangeShortlistAndSendForTriageInput,
    @Ctx() ctx: RequestContext,
  ): Promise<AppointmentPayload> {
    const params = changeShortlistAndSendForTriageParams(input);
    return referralAction(ctx, 'changeShortlistAndSendForTriage', input, () =>
      ctx.data.referrals.changeShortlistAndSendForTriage(input, params),
    );
  }
}
