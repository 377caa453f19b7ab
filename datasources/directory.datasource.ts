import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';
import type { HealthcareService } from '../schema/healthcare-service.type';
import type { ServiceSearchResult } from '../schema/service-search-result.type';
import { buildPatientServiceSearch, type ServiceSearchRequest } from './ers/service-search.builder';
import { fetchHealthcareServiceVersion, searchServicesForPatient } from './ers/service-search.api';
import { mapServiceSearchResults } from './ers/service-search.mapper';
import type { ShortlistSearchCriteria } from './ers/shortlist.builder';
import { ErsError } from './ers/errors';
import { versionFromEtag } from './ers/fhir';

/** What a referrer searches services by (A010), checked by the resolver first. */
export type PatientServiceSearch = ServiceSearchRequest;
/** The criteria part of a service search, as A010 and the shortlist searches carry it. */
export type ServiceSearchCriteria = ShortlistSearchCriteria;

/**
 * The e-RS directory: healthcare services (A033, A035, A037) and service search (A010).
 * Made per request with the caller's e-RS client and loaders; each method names the e-RS
 * endpoint it implements. Resolvers call these methods, never an api, builder or mapper.
 *
 * Endpoint -> method:
 * - A010 -> `searchForPatient`
 * - A035 -> `service`, `services`, `knownServices` (through the request's batch loader, 20 ids a call)
 * - A033 -> none: the graph reads every service with A035 (the same resource)
 * - A037 -> `serviceVersion`
 */
export class DirectoryDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
  ) {}

  /** A035: one healthcare service by id, batched with every other service the request reads. */
  service(id: string): Promise<HealthcareService> {
    return this.loaders.healthcareService.load(id);
  }

  /** A035: services by id in order, an `Error` in the place of each one that failed (through the batch loader). */
  services(ids: readonly string[]): Promise<Array<HealthcareService | Error>> {
    return this.loaders.healthcareService.loadMany(ids);
  }

  /**
   * A035: the services e-RS knows among these ids (one call per 20 distinct ids, through the
   * loader); ids e-RS does not know are left out, as A035 does; any other failure is thrown.
   */
  async knownServices(ids: readonly string[]): Promise<HealthcareService[]> {
    // Through the loader (one A035 call for up to 20 ids): links to the same services in this request, and
    // other requests within the shared TTL, read nothing more.
    const services = await this.loaders.healthcareService.loadMany([...new Set(ids)]);
    const missing = (s: HealthcareService | Error) => s instanceof ErsError && s.code === 'NOT_FOUND';
    const failed = services.find((s): s is Error => s instanceof Error && !missing(s));
    if (failed) throw failed;
    return services.filter((s): s is HealthcareService => !(s instanceof Error));
  }

  /** A037: the current version of a healthcare service (a HEAD request), or null when e-RS sends no ETag. */
  async serviceVersion(id: string): Promise<string | null> {
    const { etag } = await fetchHealthcareServiceVersion(this.ers, id);
    return etag ? versionFromEtag(etag) : null;
  }

  /** A010: services that meet a patient's referral needs, in e-RS order. */
  async searchForPatient(search: PatientServiceSearch): Promise<ServiceSearchResult[]> {
    const response = await searchServicesForPatient(this.ers, buildPatientServiceSearch(search, this.ers.baseUrl));
    return mapServiceSearchResults(response.body);
  }
}
