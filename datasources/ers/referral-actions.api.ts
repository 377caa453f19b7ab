import { ErsClient, ErsResponse } from './client';
import { assertIdentifier, UBRN, VERSION } from '../../schema/scalars';
import type { FhirResource } from './fhir';

const FHIR_JSON = { 'Content-Type': 'application/fhir+json' };

function ifMatchHeader(version: string | undefined): Record<string, string> {
  return version === undefined ? {} : { 'If-Match': `W/"${assertIdentifier(VERSION, version, 'version')}"` };
}

/**
 * POSTs an e-RS operation on one referral (`/STU3/ReferralRequest/{ubrn}/$ers.<operation>`),
 * with `If-Match` when a version is given. Writes are never retried (see ErsClient).
 */
export function postReferralOperation(
  ers: ErsClient,
  endpoint: string,
  ubrn: string,
  operation: string,
  options: { version?: string; body?: FhirResource } = {},
): Promise<ErsResponse> {
  assertIdentifier(UBRN, ubrn, 'ubrn');
  return ers.send({
    endpoint,
    method: 'POST',
    path: `/STU3/ReferralRequest/${encodeURIComponent(ubrn)}/$ers.${operation}`,
    headers: { ...(options.body ? FHIR_JSON : {}), ...ifMatchHeader(options.version) },
    body: options.body,
  });
}

/** POSTs an e-RS operation that creates something (`/STU3/<resource>/$ers.<operation>`). */
export function postTypeOperation(
  ers: ErsClient,
  endpoint: string,
  resource: string,
  operation: string,
  body: FhirResource,
): Promise<ErsResponse> {
  return ers.send({ endpoint, method: 'POST', path: `/STU3/${resource}/$ers.${operation}`, headers: FHIR_JSON, body });
}

/** A016: book or defer (`POST /STU3/Appointment`). */
export function postAppointment(ers: ErsClient, body: FhirResource): Promise<ErsResponse> {
  return ers.send({ endpoint: 'A016', method: 'POST', path: '/STU3/Appointment', headers: FHIR_JSON, body });
}

/** A026: the provider's A&G response (`POST /STU3/CommunicationRequest/{ubrn}/$ers.sendCommunicationToRequester`). */
export function postAdviceResponse(ers: ErsClient, ubrn: string, version: string, body: FhirResource): Promise<ErsResponse> {
  assertIdentifier(UBRN, ubrn, 'ubrn');
  return ers.send({
    endpoint: 'A026',
    method: 'POST',
    path: `/STU3/CommunicationRequest/${encodeURIComponent(ubrn)}/$ers.sendCommunicationToRequester`,
    headers: { ...FHIR_JSON, ...ifMatchHeader(version) },
    body,
  });
}

/** The id (UBRN) of the resource an operation answered with: the resource itself, or the first one in a Parameters. */
export function createdId(body: unknown, resourceType: string): string | null {
  const resource = body as { resourceType?: string; id?: string; parameter?: Array<{ resource?: { resourceType?: string; id?: string } }> };
  if (resource?.resourceType === resourceType && typeof resource.id === 'string') return resource.id;
  const found = resource?.parameter?.map((p) => p.resource).find((r) => r?.resourceType === resourceType);
  return typeof found?.id === 'string' ? found.id : null;
}
