import { ErsClient, ErsResponse } from './client';
import { APPOINTMENT_ID, assertIdentifier, VERSION } from '../../schema/scalars';
import type { FhirResource } from './fhir';

/** A038: an appointment, or one version of it (`/_history/{version}`). */
export function fetchAppointment(ers: ErsClient, id: string, version?: string): Promise<ErsResponse> {
  assertIdentifier(APPOINTMENT_ID, id, 'appointment id');
  if (version !== undefined) assertIdentifier(VERSION, version, 'appointment version');
  const path = version
    ? `/STU3/Appointment/${encodeURIComponent(id)}/_history/${encodeURIComponent(version)}`
    : `/STU3/Appointment/${encodeURIComponent(id)}`;
  return ers.read('A038', path);
}

/**
 * A034: updates (today: cancels) an appointment (`PUT /STU3/Appointment/{id}`) with `If-Match`
 * the appointment's own version, not the referral's. Never retried (see ErsClient).
 */
export function updateAppointment(ers: ErsClient, id: string, version: string, body: FhirResource): Promise<ErsResponse> {
  assertIdentifier(APPOINTMENT_ID, id, 'appointment id');
  assertIdentifier(VERSION, version, 'appointment version');
  return ers.send({
    endpoint: 'A034',
    method: 'PUT',
    path: `/STU3/Appointment/${encodeURIComponent(id)}`,
    headers: { 'Content-Type': 'application/fhir+json', 'If-Match': `W/"${version}"` },
    body,
  });
}
