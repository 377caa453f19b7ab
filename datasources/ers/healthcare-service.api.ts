import { ErsClient, ErsResponse } from './client';
import { assertIdentifier, SERVICE_ID } from '../../schema/scalars';

/** A033: retrieve a healthcare service (R4) by its e-RS service id. */
export function fetchHealthcareService(ers: ErsClient, serviceId: string): Promise<ErsResponse> {
  assertIdentifier(SERVICE_ID, serviceId, 'service id');
  return ers.read('A033', `/R4/HealthcareService/${encodeURIComponent(serviceId)}`);
}
