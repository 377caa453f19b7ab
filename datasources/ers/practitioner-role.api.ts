import { ErsClient, ErsResponse } from './client';

/** A030: the business functions the caller (by access token only) holds, one PractitionerRole per organisation. */
export function fetchBusinessFunctions(ers: ErsClient): Promise<ErsResponse> {
  return ers.read('A030', '/R4/PractitionerRole');
}
