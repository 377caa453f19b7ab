/**
 * Who may call which e-RS endpoint, from the "Supported security patterns" and "Pre-requisites"
 * sections of every endpoint page in the spec, and the header rules e-RS enforces: the bearer
 * token must be a live access token of the simulator's token endpoint; a user token acts in one
 * (business function, organisation) pair the user holds; an application token acts for its
 * registered organisation, only on endpoints that allow application-restricted access.
 */
import {
  BUSINESS_FUNCTIONS,
  ENDPOINT_ACCESS,
  type BusinessFunction,
  type EndpointAccess,
  type EndpointId,
} from '../datasources/ers/endpoints';
import { holdsRole } from './data/identity-users';
import type { IdentityLookup } from './identity/identity-service';

export { ENDPOINT_ACCESS, type EndpointAccess, type EndpointId };

export const HEADER = {
  authorization: 'authorization',
  businessFunction: 'nhsd-ers-business-function',
  odsCode: 'nhsd-end-user-organisation-ods',
  onBehalfOf: 'nhsd-ers-on-behalf-of-user-id',
  correlationId: 'x-correlation-id',
  requestId: 'x-request-id',
} as const;

/** Who is calling, once the token and headers have passed the checks. */
export type CallerContext =
  /** An application-restricted token: the app (API key) acting for its registered organisation. */
  | { mode: 'application'; apiKey: string; odsCode: string }
  /** A user acting in one role at one organisation (optionally on behalf of a clinician). */
  | { mode: 'user'; userId: string; businessFunction: BusinessFunction; odsCode: string; onBehalfOfUserId?: string }
  /** A user on an endpoint that takes no role headers (A030). */
  | { mode: 'user-without-role'; userId: string };

export type AccessProblem = 'UNAUTHENTICATED' | 'NO_ACCESS' | 'FORBIDDEN' | 'MISSING_HEADER' | 'INVALID_VALUE';

export type AccessResult = { ok: true; caller: CallerContext } | { ok: false; problem: AccessProblem; diagnostics: string };

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first.trim() === '' ? undefined : first.trim();
}

const fail = (problem: AccessProblem, diagnostics: string): AccessResult => ({ ok: false, problem, diagnostics });

/**
 * Checks the caller's token and headers against the endpoint's access rules (headers keyed in
 * lower case, as Node gives them). Order: token, then application rules, or role, organisation,
 * the user's own roles, and on-behalf-of.
 */
export function checkAccess(endpoint: EndpointId, headers: Headers, identity: IdentityLookup): AccessResult {
  const rules = ENDPOINT_ACCESS[endpoint];
  const authorization = header(headers, HEADER.authorization);
  const bearer = authorization === undefined ? undefined : /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
  if (bearer === undefined) return fail('UNAUTHENTICATED', 'Missing or invalid bearer token in the Authorization header.');
  const subject = identity.authenticate(bearer);
  if (!subject) return fail('UNAUTHENTICATED', 'The access token is invalid or has expired.');

  const businessFunction = header(headers, HEADER.businessFunction);
  const odsCode = header(headers, HEADER.odsCode);
  const onBehalfOf = header(headers, HEADER.onBehalfOf);

  if (subject.kind === 'application') {
    if (!rules.applicationRestricted) {
      return fail('NO_ACCESS', `${endpoint} does not support application-restricted access; use a user-restricted (CIS2) access token.`);
    }
    // The role headers' pages: "Not allowed for application-restricted access."
    const present = [
      businessFunction !== undefined && 'NHSD-eRS-Business-Function',
      odsCode !== undefined && 'NHSD-End-User-Organisation-ODS',
      onBehalfOf !== undefined && 'NHSD-eRS-On-Behalf-Of-User-ID',
    ].filter((name): name is string => typeof name === 'string');
    if (present.length > 0) return fail('FORBIDDEN', `${present.join(', ')} not allowed for application-restricted access.`);
    return { ok: true, caller: { mode: 'application', apiKey: subject.apiKey, odsCode: subject.odsCode } };
  }

  const userId = subject.userId;
  if (rules.businessFunctions === null) return { ok: true, caller: { mode: 'user-without-role', userId } };

  if (businessFunction === undefined) {
    return fail('MISSING_HEADER', 'NHSD-eRS-Business-Function is required for user-restricted access.');
  }
  if (!(BUSINESS_FUNCTIONS as readonly string[]).includes(businessFunction)) {
    return fail('INVALID_VALUE', `NHSD-eRS-Business-Function (${businessFunction}) is not a valid e-RS business function.`);
  }
  const role = businessFunction as BusinessFunction;
  if (!rules.businessFunctions.includes(role)) {
    return fail('FORBIDDEN', `The business function ${role} is not permitted to use ${endpoint}.`);
  }
  if (odsCode === undefined) {
    return fail('MISSING_HEADER', 'NHSD-End-User-Organisation-ODS is required for user-restricted access.');
  }
  const user = identity.findUser(userId);
  if (!user || !holdsRole(user, role, odsCode)) {
    return fail('FORBIDDEN', `The user does not hold the business function ${role} at organisation ${odsCode}.`);
  }

  // A040 is how a Service Provider Clinician Admin finds whom to act for: it takes no on-behalf-of header.
  if (endpoint === 'A040') return { ok: true, caller: { mode: 'user', userId, businessFunction: role, odsCode } };

  // "On behalf of" is only supported for a Service Provider Clinician Admin acting for a Service Provider Clinician, and is then required.
  if (role === 'SERVICE_PROVIDER_CLINICIAN_ADMIN') {
    if (onBehalfOf === undefined) {
      return fail('MISSING_HEADER', 'NHSD-eRS-On-Behalf-Of-User-ID is required when using the SERVICE_PROVIDER_CLINICIAN_ADMIN business function.');
    }
    if (!/^\d{12}$/.test(onBehalfOf)) {
      return fail('INVALID_VALUE', 'NHSD-eRS-On-Behalf-Of-User-ID must be a 12-digit SDS user id.');
    }
    const clinician = identity.findUser(onBehalfOf);
    if (!clinician || !isOnBehalfOfCandidate(clinician, odsCode)) {
      return fail('FORBIDDEN', 'NHSD-eRS-On-Behalf-Of-User-ID is not a Service Provider Clinician at the given organisation.');
    }
    return { ok: true, caller: { mode: 'user', userId, businessFunction: role, odsCode, onBehalfOfUserId: onBehalfOf } };
  }
  if (onBehalfOf !== undefined) {
    return fail('FORBIDDEN', 'NHSD-eRS-On-Behalf-Of-User-ID is only supported with the SERVICE_PROVIDER_CLINICIAN_ADMIN business function.');
  }
  return { ok: true, caller: { mode: 'user', userId, businessFunction: role, odsCode } };
}

/** Whether a user may be acted for by a Service Provider Clinician Admin at the organisation (what A040 lists). */
export function isOnBehalfOfCandidate(user: Parameters<typeof holdsRole>[0], odsCode: string): boolean {
  return holdsRole(user, 'SERVICE_PROVIDER_CLINICIAN', odsCode);
}
