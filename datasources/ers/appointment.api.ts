import { ErsClient, ErsResponse } from './client';

/** A038: an appointment, or one version of it (`/_history/{version}`). */
export function fetchAppointment(ers: ErsClient, id: string, version?: string): Promise<ErsResponse> {
  const path = version
    ? `/STU3/Appointment/${encodeURIComponent(id)}/_history/${encodeURIComponent(version)}`
    : `/STU3/Appointment/${encodeURIComponent(id)}`;
  return ers.read('A038', path);
}
