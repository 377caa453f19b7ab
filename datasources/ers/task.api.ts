import { ErsClient, ErsResponse } from './client';

/** A029: the actions the current user may take on this version of a referral (Task bundle). */
export function fetchAvailableActions(ers: ErsClient, ubrn: string, version: string): Promise<ErsResponse> {
  return ers.read('A029', '/STU3/Task', {
    focus: `ReferralRequest/${ubrn}/_history/${version}`,
    intent: 'proposal',
    status: 'ready',
  });
}
