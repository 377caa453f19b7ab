import type { World } from './data/world';
import type { FaultInjector } from './faults';
import type { IdentityCall, IdentityService } from './identity/identity-service';

/** One recorded call to the simulator's /FHIR endpoints. */
export interface RecordedCall {
  method: string;
  /** Without the /FHIR prefix, e.g. /STU3/ReferralRequest/000050000001. */
  path: string;
  query: Record<string, string | string[]>;
  /** Request headers, names in lower case. */
  headers: Record<string, string>;
  /** Response status; 0 when the connection was dropped by a fault. */
  status: number;
  /** Epoch milliseconds when the request arrived. */
  at: number;
}

/** The mutable state one running simulator serves from; routes receive it, never module globals. */
export interface SimulatorState {
  world: World;
  /** http://host:port/FHIR once listening. */
  baseUrl: string;
  faults: FaultInjector;
  /** The most recent /FHIR calls, oldest first: at most `maxRecordedCalls` (a long-running `npm start` stays bounded). */
  calls: RecordedCall[];
  maxRecordedCalls: number;
  latencyMs: number;
  /**
   * The e-RS rate limit as NHS APIM enforces it (a spike arrest): at most one /FHIR request per
   * `1000 / perSecond` ms, others answered 429 with Retry-After 1. Off when absent.
   */
  rateLimit?: { perSecond: number; nextAllowedAt: number };
  /** Whether user-restricted callers must belong to the referral's referring or provider organisation. */
  enforceRelationships: boolean;
  /** http://host:port once listening: the origin of the OIDC issuer (/oidc) and the token endpoint (/oauth2/token). */
  origin: string;
  /** Epoch milliseconds; every expiry check (access tokens, ID tokens, client assertions) reads this clock. */
  now: () => number;
  /** The CIS2-like issuer, the APIM-like token endpoint and the access tokens they issued. */
  identity: IdentityService;
  /** Calls to /oauth2/token, kept apart from `calls` (which holds e-RS /FHIR calls only). */
  identityCalls: IdentityCall[];
}

/** Appends to a call record, dropping the oldest beyond `max` (in place: holders of the array see the same list). */
export function recordBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  // Trimmed in batches, so a full record costs one splice per tenth of `max` calls rather than a shift per call.
  if (list.length > max + Math.max(1, Math.floor(max / 10))) list.splice(0, list.length - max);
}
