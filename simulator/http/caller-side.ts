/**
 * Which side of a referral the caller acts for, and the "legitimate relationship" check e-RS
 * applies to user-restricted reads: referrer roles see their organisation's requests, provider
 * roles their trust's. Application-restricted callers work in the organisation context the
 * endpoint page names.
 */
import { type CallerContext, ENDPOINT_ACCESS, type EndpointId } from '../access';
import type { SimulatorState } from '../state';

export type CallerSide = 'REFERRER' | 'PROVIDER';

/** The side the caller acts for on this endpoint, or undefined for roles on neither side (e.g. COMMISSIONER). */
export function callerSide(caller: CallerContext, endpoint: EndpointId): CallerSide | undefined {
  if (caller.mode === 'user') {
    if (caller.businessFunction.startsWith('REFERRING')) return 'REFERRER';
    if (caller.businessFunction.startsWith('SERVICE_PROVIDER')) return 'PROVIDER';
    return undefined;
  }
  if (caller.mode === 'application') return ENDPOINT_ACCESS[endpoint].applicationContext === 'REFERRING' ? 'REFERRER' : 'PROVIDER';
  return undefined;
}

/** Whether the caller may see a request between these organisations (always true for applications or when not enforced). */
export function hasRelationship(
  sim: SimulatorState,
  caller: CallerContext,
  organisations: { referrerOdsCode: string; providerOdsCode: string },
): boolean {
  if (!sim.enforceRelationships || caller.mode !== 'user') return true;
  const referrerSide = caller.businessFunction.startsWith('REFERRING');
  return caller.odsCode === (referrerSide ? organisations.referrerOdsCode : organisations.providerOdsCode);
}
