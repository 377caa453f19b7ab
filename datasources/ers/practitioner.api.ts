import { ErsClient, ErsResponse } from './client';

/** A040: the service provider clinicians a SERVICE_PROVIDER_CLINICIAN_ADMIN may act on behalf of. */
export function fetchOnBehalfOfUsers(ers: ErsClient): Promise<ErsResponse> {
  return ers.read('A040', '/R4/Practitioner', { _query: 'onBehalfOf' });
}
