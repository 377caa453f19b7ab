import { ErsClient, ErsResponse } from './client';

/** A033: retrieve a healthcare service (R4) by its e-RS service id. */
export function fetchHealthcareService(ers: ErsClient, serviceId: string): Promise<ErsResponse> {
  return ers.read('A033', `/R4/HealthcareService/${encodeURIComponent(serviceId)}`);
}
