import { GraphQLError, GraphQLResolveInfo } from 'graphql';
import { apiError } from '../schema/error-codes';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { ConnectionType, decodeCursor } from '../schema/connection.type';
import { Referral } from '../schema/referral.type';
import { Slot } from '../schema/slot.type';
import { HealthcareService } from '../schema/healthcare-service.type';
import { ReferralPriority, SlotSearchInput } from '../schema/slot.args';
import type { SlotSearch } from '../datasources/appointments.datasource';
import { UsesErs } from '../kernel/gate';
import { serviceById } from './healthcare-service.support';
import { assertIdentifier, ODS_CODE, SDS_USER_ID, SERVICE_ID, SdsUserIdScalar, ServiceIdScalar } from '../schema/scalars';

export const SlotConnection = ConnectionType(
  'Slot',
  () => Slot,
  'A page of free appointment slots. e-RS pages slots itself; availability can change between pages, so pages may ' +
    'overlap or skip a slot (as the A015 documentation warns).',
);

function badInput(message: string): GraphQLError {
  return apiError('BAD_USER_INPUT', message);
}

/** The A015 search for one page, checking every argument before e-RS is called. */
function slotSearch(input: Omit<SlotSearch, 'count' | 'page'>, first: number, after: string | undefined): SlotSearch {
  // The schema has checked these; the referral's own commissioning rule comes from e-RS.
  assertIdentifier(SERVICE_ID, input.serviceId, 'serviceId');
  assertIdentifier(ODS_CODE, input.commissioningRuleOrgOdsCode, 'commissioningRuleOrgOdsCode');
  if (input.clinicianUserId) assertIdentifier(SDS_USER_ID, input.clinicianUserId, 'clinicianUserId');
  if (!Number.isInteger(first) || first < 1 || first > 100)
    throw badInput('first must be between 1 and 100 (the most e-RS returns per call)');
  let page = 1;
  if (after) {
    const cursor = decodeCursor(after);
    if (typeof cursor?.p !== 'number' || cursor.s !== input.serviceId) throw badInput('after is not a cursor of this slot search');
    page = cursor.p + 1;
  }
  return { ...input, count: first, page };
}

/** Appointment slots (A015): searched directly, or for a referral from its own priority and commissioning rule. */
@Resolver((_of) => Slot)
export class SlotResolver {
  @UsesErs('A015')
  @Query((_returns) => SlotConnection, {
    nullable: true,
    description: 'Free appointment slots of a directly bookable service (e-RS A015), paged by e-RS.',
  })
  appointmentSlots(
    @Arg('search', (_type) => SlotSearchInput, { description: 'The service, priority and commissioning rule to find free slots for.' })
    search: SlotSearchInput,
    @Arg('first', (_type) => Int, { defaultValue: 20, description: 'Slots per page, 1 to 100.' }) first: number,
    @Arg('after', (_type) => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    return ctx.data.appointments.slotPage(slotSearch(search, first, after ?? undefined));
  }

  @UsesErs('A035')
  @FieldResolver((_returns) => HealthcareService, {
    nullable: true,
    description: 'The service of the slot (A035, referrer roles; `id` alone reads nothing).',
  })
  service(@Root() slot: Slot, @Ctx() ctx: RequestContext, @Info() info: GraphQLResolveInfo): Promise<HealthcareService | null> {
    return serviceById(ctx, info, slot.serviceId);
  }
}

/** `Referral.slots`: the slot search a booking screen needs, with the referral's own priority and commissioning rule. */
@Resolver((_of) => Referral)
export class ReferralSlotsResolver {
  @UsesErs('A015')
  @FieldResolver((_returns) => SlotConnection, {
    nullable: true,
    description:
      'Free slots of one shortlisted, directly bookable service for this referral (e-RS A015), searched with the ' +
      'referral’s priority and commissioning rule organisation.',
  })
  slots(
    @Root() referral: Referral,
    @Arg('serviceId', (_type) => ServiceIdScalar, { description: 'A directly bookable service on the referral’s shortlist.' })
    serviceId: string,
    @Arg('clinicianUserId', (_type) => SdsUserIdScalar, {
      nullable: true,
      description: 'Only slots of this named clinician (12-digit SDS user id).',
    })
    clinicianUserId: string | undefined,
    @Arg('first', (_type) => Int, { defaultValue: 20, description: 'Slots per page, 1 to 100.' }) first: number,
    @Arg('after', (_type) => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | undefined,
    @Ctx() ctx: RequestContext,
  ) {
    if (!referral.shortlistServiceIds.includes(serviceId)) throw badInput('serviceId is not on the referral shortlist');
    const priority = referral.priority?.code as ReferralPriority | undefined;
    if (!priority || !Object.values(ReferralPriority).includes(priority))
      throw badInput('the referral has no priority to search slots for');
    if (!referral.commissioningRuleOrganisationOdsCode) throw badInput('the referral has no commissioning rule organisation');
    return ctx.data.appointments.slotPage(
      slotSearch(
        {
          serviceId,
          priority,
          commissioningRuleOrgOdsCode: referral.commissioningRuleOrganisationOdsCode,
          clinicianUserId: clinicianUserId ?? undefined,
        },
        first,
        after ?? undefined,
      ),
    );
  }
}
