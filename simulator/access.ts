/**
 * Who may call which e-RS endpoint, from the "Supported security patterns" and "Pre-requisites"
 * sections of every endpoint page in the spec, and the header rules the simulator enforces.
 * Identity is not verified yet (any bearer token is accepted); later work adds token checks.
 */
import {
  BUSINESS_FUNCTIONS,
  ENDPOINT_ACCESS,
  type BusinessFunction,
  type EndpointAccess,
  type EndpointId,
} from '../datasources/ers/endpoints';

export { ENDPOINT_ACCESS, type EndpointAccess, type EndpointId };

export const HEADER = {
  authorization: 'authorization',
  businessFunction: 'nhsd-ers-business-function',
  odsCode: 'nhsd-end-user-organisation-ods',
  onBehalfOf: 'nhsd-ers-on-behalf-of-user-id',
  correlationId: 'x-correlation-id',
  requestId: 'x-request-id',
} as const;

/** Who is calling, once the headers have passed the checks. */
export type CallerContext =
  | { mode: 'application' }
  | { mode: 'user'; businessFunction: BusinessFunction; odsCode: string; onBehalfOfUserId?: string }
  | { mode: 'user-without-role' };

export type AccessProblem = 'UNAUTHENTICATED' | 'NO_ACCESS' | 'FORBIDDEN' | 'MISSING_HEADER' | 'INVALID_VALUE';

export type AccessResult = { ok: true; caller: CallerContext } | { ok: false; problem: AccessProblem; diagnostics: string };

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? undefined : first.trim();
}

/**
 * Checks the caller's headers against the endpoint's access rules (headers keyed in lower case,
 * as Node gives them). Order: token, then role, then organisation, then on-behalf-of.
 */
export function checkAccess(endpoint: EndpointId, headers: Headers): AccessResult {
  const rules = ENDPOINT_ACCESS[endpoint];
  const authorization = header(headers, HEADER.authorization);
  if (!authorization || !/^Bearer\s+\S+/i.test(authorization)) {
    return { ok: false, problem: 'UNAUTHENTICATED', diagnostics: 'Missing or invalid bearer token in the Authorization header.' };
  }
  if (rules.businessFunctions === null) return { ok: true, caller: { mode: 'user-without-role' } };

  const businessFunction = header(headers, HEADER.businessFunction);
  const onBehalfOf = header(headers, HEADER.onBehalfOf);
  if (businessFunction === undefined) {
    // No role header: an application-restricted call.
    if (!rules.applicationRestricted) {
      return { ok: false, problem: 'NO_ACCESS', diagnostics: `${endpoint} does not support application-restricted access; supply the NHSD-eRS-Business-Function header with a user-restricted token.` };
    }
    if (onBehalfOf !== undefined) {
      return { ok: false, problem: 'FORBIDDEN', diagnostics: 'NHSD-eRS-On-Behalf-Of-User-ID is not allowed for application-restricted access.' };
    }
    return { ok: true, caller: { mode: 'application' } };
  }

  if (!(BUSINESS_FUNCTIONS as readonly string[]).includes(businessFunction)) {
    return { ok: false, problem: 'INVALID_VALUE', diagnostics: `NHSD-eRS-Business-Function (${businessFunction}) is not a valid e-RS business function.` };
  }
  const role = businessFunction as BusinessFunction;
  if (!rules.businessFunctions.includes(role)) {
    return { ok: false, problem: 'FORBIDDEN', diagnostics: `The business function ${role} is not permitted to use ${endpoint}.` };
  }
  const odsCode = header(headers, HEADER.odsCode);
  if (odsCode === undefined) {
    return { ok: false, problem: 'MISSING_HEADER', diagnostics: 'NHSD-End-User-Organisation-ODS is required for user-restricted access.' };
  }
  // "On behalf of" is only supported for a Service Provider Clinician Admin acting for a Service Provider Clinician, and is then required.
  if (role === 'SERVICE_PROVIDER_CLINICIAN_ADMIN') {
    if (onBehalfOf === undefined) {
      return { ok: false, problem: 'MISSING_HEADER', diagnostics: 'NHSD-eRS-On-Behalf-Of-User-ID is required when using the SERVICE_PROVIDER_CLINICIAN_ADMIN business function.' };
    }
    if (!/^\d{12}$/.test(onBehalfOf)) {
      return { ok: false, problem: 'INVALID_VALUE', diagnostics: 'NHSD-eRS-On-Behalf-Of-User-ID must be a 12-digit SDS user id.' };
    }
    return { ok: true, caller: { mode: 'user', businessFunction: role, odsCode, onBehalfOfUserId: onBehalfOf } };
  }
  if (onBehalfOf !== undefined) {
    return { ok: false, problem: 'FORBIDDEN', diagnostics: 'NHSD-eRS-On-Behalf-Of-User-ID is only supported with the SERVICE_PROVIDER_CLINICIAN_ADMIN business function.' };
  }
  return { ok: true, caller: { mode: 'user', businessFunction: role, odsCode } };
}
