import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { CodeSystem, CodeSystemType } from '../schema/code-system.type';
import { UsesErs } from '../kernel/gate';

/** Reference data queries (A004). */
@Resolver((_of) => CodeSystem)
export class CodeSystemResolver {
  /** A004: one e-RS code system with all its concepts. */
  @UsesErs('A004')
  @Query((_returns) => CodeSystem, {
    nullable: true,
    description: 'An e-RS reference data code system with all its concepts (e-RS A004).',
  })
  codeSystem(
    @Arg('type', (_type) => CodeSystemType, { description: 'Which e-RS reference data set.' }) type: CodeSystemType,
    @Ctx() ctx: RequestContext,
  ): Promise<CodeSystem> {
    return ctx.data.referenceData.codeSystem(type);
  }
}
