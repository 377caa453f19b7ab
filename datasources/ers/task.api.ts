import { ErsClient, ErsResponse } from './client';
import { assertIdentifier, UBRN, VERSION } from '../../schema/scalars';

/** A029: the actions the current user may take on this version of a referral (Task bundle). */
export function fetchAvailableActions(ers: ErsClient, ubrn: string, version: string): Promise<ErsResponse> {
  assertIdentifier(UBRN, ubrn, 'ubrn');
  assertIdentifier(VERSION, version, 'version');
  return ers.read('A029', '/STU3/Task', {
    focus: `ReferralRequest/${ubrn}/_history/${version}`,
    intent: 'proposal',
    status: 'ready',
  });
}
