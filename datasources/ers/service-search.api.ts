import { ErsClient, ErsResponse } from './client';
import { assertIdentifier, SERVICE_ID } from '../../schema/scalars';
import type { FhirResource } from './fhir';

/** A010: services that meet a patient's referral needs (a POST that only reads). */
export function searchServicesForPatient(ers: ErsClient, parameters: FhirResource): Promise<ErsResponse> {
  return ers.send({
    endpoint: 'A010',
    method: 'POST',
    path: '/STU3/HealthcareService/$ers.searchHealthcareServicesForPatient',
    headers: { 'Content-Type': 'application/fhir+json' },
    body: parameters,
    readOnly: true,
  });
}

// A035 is defined once, beside A033 (the loader of healthcare services uses it).
export { searchHealthcareServices } from './healthcare-service.api';

/** A037: the current version of a healthcare service, from its ETag (HEAD, no body). */
export function fetchHealthcareServiceVersion(ers: ErsClient, id: string): Promise<ErsResponse> {
  assertIdentifier(SERVICE_ID, id, 'service id');
  return ers.send({ endpoint: 'A037', method: 'HEAD', path: `/R4/HealthcareService/${encodeURIComponent(id)}` });
}
