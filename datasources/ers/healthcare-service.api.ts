import { ErsClient, ErsResponse } from './client';
import { assertIdentifier, SERVICE_ID } from '../../schema/scalars';

/** A035 accepts at most this many service ids in one call (a035-search-for-healthcare-services). */
export const MAX_SERVICE_IDS_PER_SEARCH = 20;

/** A033: retrieve a healthcare service (R4) by its e-RS service id. Not called by the graph, which reads services with A035 (the same resource, 20 a call). */
export function fetchHealthcareService(ers: ErsClient, serviceId: string): Promise<ErsResponse> {
  assertIdentifier(SERVICE_ID, serviceId, 'service id');
  return ers.read('A033', `/R4/HealthcareService/${encodeURIComponent(serviceId)}`);
}

/** A035: up to 20 healthcare services (R4) by id in one search; ids e-RS does not know are absent from the Bundle. */
export function searchHealthcareServices(ers: ErsClient, ids: readonly string[]): Promise<ErsResponse> {
  if (ids.length < 1 || ids.length > MAX_SERVICE_IDS_PER_SEARCH)
    throw new RangeError(`A035 takes 1 to ${MAX_SERVICE_IDS_PER_SEARCH} service ids`);
  // Joined with commas into one parameter: an id holding a comma would add ids of its own.
  for (const id of ids) assertIdentifier(SERVICE_ID, id, 'service id');
  return ers.read('A035', '/R4/HealthcareService', { _id: ids.join(',') });
}
