import { Arg, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../kernel/context';
import { HealthcareService } from '../schema/healthcare-service.type';
import { UsesErs } from '../kernel/gate';
import { ServiceIdScalar } from '../schema/scalars';
import { Organisation, organisationOf } from '../schema/federation';

/** Healthcare service queries (R4 A035, through the batch loader). */
@Resolver((_of) => HealthcareService)
export class HealthcareServiceResolver {
  /** A035: one healthcare service by its e-RS service id (batched with every other service the request reads). */
  @UsesErs('A035')
  @Query((_returns) => HealthcareService, {
    nullable: true,
    description: 'A healthcare service by its e-RS service id (e-RS A035, shared with every other service this request reads).',
  })
  healthcareService(
    @Arg('id', (_type) => ServiceIdScalar, { description: 'The e-RS service id, e.g. "11002".' })
    id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<HealthcareService> {
    return ctx.data.directory.service(id);
  }

  @FieldResolver((_returns) => [Organisation], {
    nullable: false,
    description:
      'The sites the service runs at (`siteOdsCodes`) as organisations, at no e-RS call; an ODS subgraph adds their ' +
      'names in a supergraph.',
  })
  siteOrganisations(@Root() service: HealthcareService): Organisation[] {
    return service.siteOdsCodes.map((code) => organisationOf(code)).filter((site): site is Organisation => site !== null);
  }
}
