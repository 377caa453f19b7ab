import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { UsesErs } from '../kernel/gate';
import { AdviceAndGuidanceMessage, AdviceAndGuidanceRequest } from '../schema/advice-and-guidance.type';

/** The link from a message back to its A&G request. */
@Resolver((_of) => AdviceAndGuidanceMessage)
export class AdviceAndGuidanceMessageResolver {
  @UsesErs('A024')
  @FieldResolver((_returns) => AdviceAndGuidanceRequest, {
    nullable: true,
    description:
      'The A&G request (the version) the message belongs to (e-RS A024; already loaded when the conversation was reached from it).',
  })
  async adviceAndGuidance(@Root() message: AdviceAndGuidanceMessage, @Ctx() ctx: RequestContext): Promise<AdviceAndGuidanceRequest | null> {
    if (!message.adviceAndGuidanceUbrn) return null;
    return ctx.data.adviceAndGuidance.request(message.adviceAndGuidanceUbrn, message.adviceAndGuidanceVersion ?? undefined);
  }
}
