import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { UsesErs } from '../kernel/gate';
import { AdviceAndGuidanceRequest } from '../schema/advice-and-guidance.type';
import { AdviceAndGuidanceWorklistItem } from '../schema/worklist-item.type';

/** The link from an A&G worklist item to its request. */
@Resolver((_of) => AdviceAndGuidanceWorklistItem)
export class AdviceAndGuidanceWorklistItemResolver {
  @UsesErs('A024')
  @FieldResolver((_returns) => AdviceAndGuidanceRequest, {
    nullable: true,
    description: 'The A&G request, in the version the worklist gives (e-RS A024); null with an error if it cannot be read.',
  })
  async adviceAndGuidance(
    @Root() item: AdviceAndGuidanceWorklistItem,
    @Ctx() ctx: RequestContext,
  ): Promise<AdviceAndGuidanceRequest | null> {
    const ubrn = item.adviceAndGuidanceUbrn ?? item.ubrn;
    return ctx.data.adviceAndGuidance.request(ubrn, item.adviceAndGuidanceVersion ?? undefined);
  }
}
