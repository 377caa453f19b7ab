import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import { selectsField } from '../schema/id-only-selection';
import { apiError } from '../schema/error-codes';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { ConnectionType } from '../schema/connection.type';
import { Referral } from '../schema/referral.type';
import { ReferralWorklistItem } from '../schema/worklist-item.type';
import { AssignedIndicator, ReferralWorklistFilter, ReferralWorklistType, WorklistOrder } from '../schema/referral-worklist.args';
import { ReferralPriority } from '../schema/referral-priority.enum';
import type { ReferralWorklistRequest } from '../datasources/worklists.datasource';
import { UsesErs } from '../kernel/gate';
import { assertIdentifier, ODS_CODE, SDS_USER_ID, SERVICE_ID } from '../schema/scalars';

const ReferralWorklistConnection = ConnectionType(
  'ReferralWorklistItem',
  () => ReferralWorklistItem,
  'A page of an e-RS referral worklist. e-RS returns a worklist whole; ers-graph pages it (`first`, `after`) and counts it (`totalCount`).',
);

const PROVIDER_LISTS = new Set<ReferralWorklistType>([
  ReferralWorklistType.REFERRALS_FOR_REVIEW,
  ReferralWorklistType.APPOINTMENT_SLOT_ISSUES,
]);

function badInput(message: string): GraphQLError {
  return apiError('BAD_USER_INPUT', message);
}

/** The A008 request for a worklist query; every rule e-RS would refuse is checked here first. */
export function worklistRequest(type: ReferralWorklistType, filter: ReferralWorklistFilter | undefined): ReferralWorklistRequest {
  const request: ReferralWorklistRequest = { listType: type };
  if (!filter || Object.values(filter).every((value) => value === undefined || value === null)) return request;
  if (!PROVIDER_LISTS.has(type)) throw badInput(`${type} is a referrer worklist: e-RS applies filters to provider worklists only`);
  if (filter.serviceId) {
    request.serviceId = assertIdentifier(SERVICE_ID, filter.serviceId, 'filter.serviceId');
  }
  if (filter.specialty || filter.specialtyAssigned) {
    if (filter.specialty && !/^[A-Z0-9_]{1,64}$/.test(filter.specialty))
      throw badInput('filter.specialty must be a SPECIALTY code, e.g. CARDIOLOGY');
    if (filter.specialty && filter.specialtyAssigned === AssignedIndicator.NOT_ASSIGNED) {
      throw badInput('filter.specialty cannot be combined with specialtyAssigned: NOT_ASSIGNED');
    }
    request.specialty = { code: filter.specialty ?? undefined, assigned: filter.specialtyAssigned ?? AssignedIndicator.ASSIGNED };
  }
  if (filter.locationOdsCode) {
    request.locationOdsCode = assertIdentifier(ODS_CODE, filter.locationOdsCode, 'filter.locationOdsCode');
  }
  if (filter.clinicianUserId || filter.clinicianAssigned) {
    if (filter.clinicianUserId) assertIdentifier(SDS_USER_ID, filter.clinicianUserId, 'filter.clinicianUserId');
    if (filter.clinicianUserId && filter.clinicianAssigned === AssignedIndicator.NOT_ASSIGNED) {
      throw badInput('filter.clinicianUserId cannot be combined with clinicianAssigned: NOT_ASSIGNED');
    }
    request.clinician = { userId: filter.clinicianUserId ?? undefined, assigned: filter.clinicianAssigned ?? AssignedIndicator.ASSIGNED };
  }
  return request;
}

/** Referral worklists (A008) and the link from an item to its referral. */
@Resolver((_of) => ReferralWorklistItem)
export class ReferralWorklistItemResolver {
  @UsesErs('A008')
  @Query((_returns) => ReferralWorklistConnection, {
    nullable: true,
    description:
      'An e-RS referral worklist (A008) as a connection. Referrer worklists for referrer roles, provider worklists ' +
      '(with filters) for provider roles. e-RS returns the whole list in one call; paging here is over that list.',
  })
  async referralWorklist(
    @Arg('type', (_type) => ReferralWorklistType, { description: 'Which worklist (referrer or provider lists).' })
    type: ReferralWorklistType,
    @Arg('filter', (_type) => ReferralWorklistFilter, {
      nullable: true,
      description: 'Provider worklist filters e-RS applies (service, specialty, clinician, site).',
    })
    filter: ReferralWorklistFilter | undefined,
    @Arg('first', (_type) => Int, { defaultValue: 50, description: 'Items per page, 1 to 500.' }) first: number,
    @Arg('after', (_type) => String, { nullable: true, description: 'The `endCursor` of the previous page.' }) after: string | undefined,
    @Arg('priorities', (_type) => [ReferralPriority], {
      nullable: true,
      description: 'Only items of these priorities. Applied by ers-graph: e-RS has no priority filter.',
    })
    priorities: ReferralPriority[] | undefined,
    @Arg('orderBy', (_type) => WorklistOrder, {
      defaultValue: WorklistOrder.ERS,
      description: 'Item order (PRIORITY is applied by ers-graph).',
    })
    orderBy: WorklistOrder,
    @Ctx() ctx: RequestContext,
  ) {
    if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput('first must be between 1 and 500');
    const request = worklistRequest(type, filter);
    return ctx.data.worklists.worklistPage(request, { priorities, orderBy, first, after });
  }

  @UsesErs('A005')
  @FieldResolver((_returns) => Referral, {
    nullable: true,
    description: 'The referral of this item, at the version the worklist gives (e-RS A005), read once per request.',
  })
  async referral(
    @Root() item: ReferralWorklistItem,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Referral | null> {
    // Start A029 beside A005 only when it is asked for and the caller's role may call it (its gate would refuse it later).
    const asked = info.fieldNodes.some((node) => selectsField(node.selectionSet, 'availableActions', (name) => info.fragments[name]));
    const withActions =
      asked &&
      (await ctx.auth.authorize(['A029']).then(
        () => true,
        () => false,
      ));
    return ctx.data.worklists.referral(item, { withActions });
  }
}
