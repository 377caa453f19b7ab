import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { ConnectionType } from '../schema/connection.type';
import { Slot } from '../schema/slot.type';
import { HealthcareService } from '../schema/healthcare-service.type';
import { SlotSearchInput } from '../schema/slot.args';
import { UsesErs } from '../kernel/gate';
import { serviceById } from './healthcare-service.support';
import { slotSearch } from './slot-search.support';

export const SlotConnection = ConnectionType(
  'Slot',
  () => Slot,
  'A page of free appointment slots. e-RS pages slots itself; availability can change between pages, so pages may ' +
    'overlap or skip a slot (as the A015 documentation warns).',
);

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
