import { ErsClient, ErsResponse } from './client';

/** A004: retrieve one e-RS reference data code system, e.g. `SPECIALTY` or `CLINIC-TYPE`. */
export function fetchCodeSystem(ers: ErsClient, codeSystemType: string): Promise<ErsResponse> {
  return ers.read('A004', `/STU3/CodeSystem/${encodeURIComponent(codeSystemType)}`);
}
