import { Arg, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import { serviceById } from './healthcare-service.support';
import type { RequestContext } from '../kernel/context';
import { ServiceSearchResult } from '../schema/service-search-result.type';
import { HealthcareService } from '../schema/healthcare-service.type';
import { ServiceSearchInput } from '../schema/service-search.args';
import { isValidNhsNumber } from '../datasources/ers/nhs-number';
import { UsesErs } from '../kernel/gate';
import { badInput } from './mutation.support';
import { ServiceIdScalar } from '../schema/scalars';
import { odsCodeOf, referringClinicianOf, searchCriteriaOf } from './search-criteria.support';

/** Service search (A010, A035) and version checks (A037). */
@Resolver((_of) => ServiceSearchResult)
export class ServiceSearchResolver {
  @UsesErs('A010')
  @Query((_returns) => [ServiceSearchResult], {
    nullable: true,
    description: 'Services that meet a patient’s referral needs (e-RS A010), in e-RS order; at most 20.',
  })
  async serviceSearch(
    @Arg('input', (_type) => ServiceSearchInput) input: ServiceSearchInput,
    @Ctx() ctx: RequestContext,
  ): Promise<ServiceSearchResult[]> {
    // Messages never echo the value: it may be patient data.
    if (!isValidNhsNumber(input.patientNhsNumber)) throw badInput('patientNhsNumber is not a valid NHS number');
    return ctx.data.directory.searchForPatient({
      ...searchCriteriaOf(input),
      patientNhsNumber: input.patientNhsNumber,
      requestType: input.requestType,
      sortBy: input.sortBy,
      referringClinicianUserId: referringClinicianOf(input.referringClinicianUserId),
      commissioningRuleOrgOdsCode: odsCodeOf('commissioningRuleOrgOdsCode', input.commissioningRuleOrgOdsCode),
    });
  }

  @UsesErs('A035')
  @FieldResolver((_returns) => HealthcareService, {
    nullable: true,
    description:
      'The full service record (e-RS A035: the services of all results in one call per 20), read once per request; `id` alone reads nothing.',
  })
  service(
    @Root() result: ServiceSearchResult,
    @Ctx() ctx: RequestContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<HealthcareService | null> {
    return serviceById(ctx, info, result.serviceId);
  }

  @UsesErs('A035')
  @Query((_returns) => [HealthcareService], {
    nullable: true,
    description: 'Up to 20 healthcare services by id in one e-RS call (A035), e.g. a whole shortlist.',
  })
  async healthcareServices(
    @Arg('ids', (_type) => [ServiceIdScalar], { description: '1 to 20 e-RS service ids.' }) ids: string[],
    @Ctx() ctx: RequestContext,
  ): Promise<HealthcareService[]> {
    if (ids.length < 1 || ids.length > 20) throw badInput('ids must hold 1 to 20 service ids');
    // Ids e-RS does not know are left out, as A035 does.
    return ctx.data.directory.knownServices(ids);
  }

  @UsesErs('A037')
  @Query((_returns) => String, {
    nullable: true,
    description:
      'The current version of a healthcare service (e-RS A037, a HEAD request with no body): compare with `HealthcareService.version` to know whether a copy is stale.',
  })
  async healthcareServiceVersion(
    @Arg('id', (_type) => ServiceIdScalar, { description: 'The e-RS service id.' }) id: string,
    @Ctx() ctx: RequestContext,
  ): Promise<string | null> {
    return ctx.data.directory.serviceVersion(id);
  }
}
