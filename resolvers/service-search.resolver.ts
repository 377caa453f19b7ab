import { GraphQLError } from 'graphql';
import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RequestContext } from '../src/context';
import { ServiceSearchResult } from '../schema/service-search-result.type';
import { HealthcareService } from '../schema/healthcare-service.type';
import { ServiceSearchInput } from '../schema/service-search.args';
import { buildPatientServiceSearch } from '../datasources/ers/service-search.builder';
import { fetchHealthcareServiceVersion, searchHealthcareServices, searchServicesForPatient } from '../datasources/ers/service-search.api';
import { mapHealthcareServiceBundle, mapServiceSearchResults } from '../datasources/ers/service-search.mapper';
import { versionFromEtag } from '../datasources/ers/fhir';
import { isValidNhsNumber } from '../datasources/ers/nhs-number';
import { UsesErs } from '../src/auth/gate';

function badInput(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
}

const SDS = /^\d{12}$/;
const ODS = /^[A-Z0-9]{3,10}$/;
const CODE = /^[A-Z0-9_]{1,64}$/;

function check(input: ServiceSearchInput): void {
  // Messages never echo the value: it may be patient data.
  if (!isValidNhsNumber(input.patientNhsNumber)) throw badInput('patientNhsNumber is not a valid NHS number');
  if (input.specialty && !CODE.test(input.specialty)) throw badInput('specialty must be a SPECIALTY code');
  if (input.clinicType && !CODE.test(input.clinicType)) throw badInput('clinicType must be a CLINIC-TYPE code');
  if (input.clinicType && !input.specialty) throw badInput('clinicType needs its specialty');
  if (input.clinicalTerm && !/^\d{6,18}$/.test(input.clinicalTerm)) throw badInput('clinicalTerm must be a SNOMED CT concept id');
  if (!input.specialty && !input.clinicalTerm && !input.namedClinicianUserId) {
    throw badInput('give a specialty, a clinicalTerm or a namedClinicianUserId to search by');
  }
  for (const [name, value] of [['namedClinicianUserId', input.namedClinicianUserId], ['referringClinicianUserId', input.referringClinicianUserId]] as const) {
    if (value && !SDS.test(value)) throw badInput(`${name} must be a 12-digit SDS user id`);
  }
  for (const [name, value] of [['organisationOdsCode', input.organisationOdsCode], ['commissioningRuleOrgOdsCode', input.commissioningRuleOrgOdsCode]] as const) {
    if (value && !ODS.test(value)) throw badInput(`${name} must be an ODS code`);
  }
  if (input.postcode && !/^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i.test(input.postcode.trim())) throw badInput('postcode is not a UK postcode');
  for (const [name, value] of [['distanceLimit', input.distanceLimit], ['waitTimeLimit', input.waitTimeLimit]] as const) {
    if (value !== undefined && value !== null && (value < 1 || value > 1000)) throw badInput(`${name} must be between 1 and 1000`);
  }
}

/** Service search (A010, A035) and version checks (A037). */
@Resolver(_of => ServiceSearchResult)
export class ServiceSearchResolver {
  @UsesErs('A010')
  @Query(_returns => [ServiceSearchResult], {
    nullable: true,
    description: 'Services that meet a patient’s referral needs (e-RS A010), in e-RS order; at most 20.',
  })
  async serviceSearch(@Arg('input', _type => ServiceSearchInput) input: ServiceSearchInput, @Ctx() ctx: RequestContext): Promise<ServiceSearchResult[]> {
    check(input);
    const body = buildPatientServiceSearch(
      {
        ...input,
        postcode: input.postcode?.trim().toUpperCase(),
        distanceLimit: input.distanceLimit ?? undefined,
        waitTimeLimit: input.waitTimeLimit ?? undefined,
      },
      ctx.ers.baseUrl,
    );
    const response = await searchServicesForPatient(ctx.ers, body);
    return mapServiceSearchResults(response.body);
  }

  @UsesErs('A033')
  @FieldResolver(_returns => HealthcareService, { nullable: true, description: 'The full service record (e-RS A033), read once per request.' })
  service(@Root() result: ServiceSearchResult, @Ctx() ctx: RequestContext): Promise<HealthcareService> {
    return ctx.loaders.healthcareService.load(result.serviceId);
  }

  @UsesErs('A035')
  @Query(_returns => [HealthcareService], {
    nullable: true,
    description: 'Up to 20 healthcare services by id in one e-RS call (A035), e.g. a whole shortlist.',
  })
  async healthcareServices(@Arg('ids', _type => [ID]) ids: string[], @Ctx() ctx: RequestContext): Promise<HealthcareService[]> {
    if (ids.length < 1 || ids.length > 20) throw badInput('ids must hold 1 to 20 service ids');
    if (!ids.every((id) => /^\d{1,20}$/.test(id))) throw badInput('ids must be e-RS service ids (digits)');
    const response = await searchHealthcareServices(ctx.ers, [...new Set(ids)]);
    const services = mapHealthcareServiceBundle(response.body);
    // Prime the per-request loader: a later link to one of these services costs nothing.
    for (const service of services) ctx.loaders.healthcareService.prime(service.id, service);
    return services;
  }

  @UsesErs('A037')
  @Query(_returns => String, {
    nullable: true,
    description: 'The current version of a healthcare service (e-RS A037, a HEAD request with no body): compare with `HealthcareService.version` to know whether a copy is stale.',
  })
  async healthcareServiceVersion(@Arg('id', _type => ID) id: string, @Ctx() ctx: RequestContext): Promise<string | null> {
    if (!/^\d{1,20}$/.test(id)) throw badInput('id must be an e-RS service id (digits)');
    const { etag } = await fetchHealthcareServiceVersion(ctx.ers, id);
    return etag ? versionFromEtag(etag) : null;
  }
}
