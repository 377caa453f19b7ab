import { Ctx, Extensions, FieldResolver, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { Code } from '../schema/code.type';
import { ERS_ENDPOINTS_EXTENSION } from '../kernel/gate';

/** Coded values: the display text comes from e-RS when it sent one, else from A004. */
@Resolver((_of) => Code)
export class CodeResolver {
  // Not gated: reference data is not patient data. A display e-RS sent needs no A004 at all, and a
  // role that may not call A004 (an admin) gets the shared reference data, or null: never an error.
  @Extensions({ [ERS_ENDPOINTS_EXTENSION]: ['A004'] })
  @FieldResolver((_returns) => String, {
    nullable: true,
    description:
      'Human-readable text for the code: as e-RS sent it, or else looked up in the e-RS ' +
      'code system (A004, read at most once per request and shared by every caller for an hour). Null when no code ' +
      'system knows it, and for roles that may not call A004 (admins) when the deployment has no application-restricted ' +
      'token to read it with and no one has read it lately: the code is there, with no error.',
  })
  async display(@Root() code: Code, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (code.display) return code.display;
    const type = ctx.data.referenceData.codeSystemTypeOf(code.system);
    if (!type) return null;
    return ctx.data.referenceData.conceptDisplay(type, code.code, await ctx.auth.mayUse('A004'));
  }
}
