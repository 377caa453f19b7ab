import { Ctx, Extensions, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { Code } from '../schema/code.type';
import { ERS_ENDPOINTS_EXTENSION } from '../kernel/gate';

/** Coded values: the display text comes from e-RS when it sent one, else from A004. */
@Resolver((_of) => Code)
export class CodeResolver {
  // Gated only when a lookup is needed: a display e-RS sent needs no A004 permission.
  @Extensions({ [ERS_ENDPOINTS_EXTENSION]: ['A004'] })
  @FieldResolver((_returns) => String, {
    nullable: true,
    description:
      'Human-readable text for the code: as e-RS sent it, or else looked up in the e-RS ' +
      'code system (A004, read at most once per request). Null when no code system knows it.',
  })
  async display(@Root() code: Code, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (code.display) return code.display;
    const type = ctx.data.referenceData.codeSystemTypeOf(code.system);
    if (!type) return null;
    await ctx.auth.authorize(['A004']);
    return ctx.data.referenceData.conceptDisplay(type, code.code);
  }
}
