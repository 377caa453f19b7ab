/**
 * Who may call which e-RS endpoint, from the "Supported security patterns" and "Pre-requisites"
 * sections of every endpoint page in the spec, and the header rules e-RS enforces: the bearer
 * token must be a live access token of the simulator's token endpoint; a user token acts in one
 * (business function, organisation) pair the user holds; an application token acts for its
 * registered organisation, only on endpoints that allow application-restricted access.
 */
import { BUSINESS_FUNCTIONS, type BusinessFunction } from './data/codes';
import { holdsRole } from './data/identity-users';
import type { IdentityLookup } from './identity/identity-service';

/** The e-RS endpoint pages (A004..A044; the spec has no A009, A017, A018 or A039). */
export type EndpointId =
  | 'A004'
  | 'A005'
  | 'A006'
  | 'A007'
  | 'A008'
  | 'A010'
  | 'A011'
  | 'A012'
  | 'A013'
  | 'A014'
  | 'A015'
  | 'A016'
  | 'A019'
  | 'A020'
  | 'A021'
  | 'A022'
  | 'A023'
  | 'A024'
  | 'A025'
  | 'A026'
  | 'A027'
  | 'A028'
  | 'A029'
  | 'A030'
  | 'A031'
  | 'A032'
  | 'A033'
  | 'A034'
  | 'A035'
  | 'A036'
  | 'A037'
  | 'A038'
  | 'A040'
  | 'A041'
  | 'A042'
  | 'A043'
  | 'A044';

export interface EndpointAccess {
  summary: string;
  fhirVersion: 'STU3' | 'R4';
  /** "Application-restricted access" is among the page's supported security patterns. */
  applicationRestricted: boolean;
  /** The organisation an application-restricted caller works in ("working in the context of ..."). */
  applicationContext?: 'SERVICE_PROVIDER' | 'REFERRING' | 'ANY';
  /** The page's "e-RS roles" for user-restricted access; null when it asks only for "an authenticated user" (A030). */
  businessFunctions: readonly BusinessFunction[] | null;
}

// The role lists as the pages spell them; transcribed here, not shared with the gateway, so that
// a mistake in either table shows up as a disagreement in the tests.
const REFERRER: readonly BusinessFunction[] = ['REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN'];
const PROVIDER: readonly BusinessFunction[] = ['SERVICE_PROVIDER_CLINICIAN', 'SERVICE_PROVIDER_CLINICIAN_ADMIN'];
const BOTH: readonly BusinessFunction[] = [...REFERRER, ...PROVIDER];

/** User-restricted only. */
const user = (summary: string, fhirVersion: 'STU3' | 'R4', businessFunctions: readonly BusinessFunction[] | null): EndpointAccess => ({
  summary,
  fhirVersion,
  applicationRestricted: false,
  businessFunctions,
});
/** User-restricted, and application-restricted in the given organisation context. */
const userOrApp = (
  summary: string,
  fhirVersion: 'STU3' | 'R4',
  businessFunctions: readonly BusinessFunction[],
  applicationContext: 'SERVICE_PROVIDER' | 'REFERRING' | 'ANY',
): EndpointAccess => ({ summary, fhirVersion, applicationRestricted: true, applicationContext, businessFunctions });

/**
 * Who may call each endpoint: the "Supported security patterns" and "Pre-requisites" sections of
 * the spec's endpoint pages (components/{stu3,r4}/schemas/endpoints/a0*.yaml).
 */
export const ENDPOINT_ACCESS: Record<EndpointId, EndpointAccess> = {
  // "working in the context of a Service Provider or Referring Organisation"
  A004: userOrApp('Retrieve reference data', 'STU3', BOTH, 'ANY'),
  A005: userOrApp('Retrieve referral request', 'STU3', BOTH, 'SERVICE_PROVIDER'),
  // Deprecated page: "an authenticated e-RS calling application", no organisation named.
  A006: userOrApp('Retrieve attachment [deprecated]', 'STU3', BOTH, 'ANY'),
  A007: userOrApp('Retrieve clinical information', 'STU3', BOTH, 'SERVICE_PROVIDER'),
  // Two sections: referring worklists (RC, RCA, REFERRING_ADMIN) and provider worklists (SPC, SPA,
  // SPCA, or an application for a provider). Their union here; the worklist type narrows it.
  A008: userOrApp(
    'Retrieve referral worklist',
    'STU3',
    [
      'REFERRING_CLINICIAN',
      'REFERRING_CLINICIAN_ADMIN',
      'REFERRING_ADMIN',
      'SERVICE_PROVIDER_CLINICIAN',
      'SERVICE_PROVIDER_ADMIN',
      'SERVICE_PROVIDER_CLINICIAN_ADMIN',
    ],
    'SERVICE_PROVIDER',
  ),
  A010: user('Patient service search', 'STU3', REFERRER),
  A011: user('Create referral', 'STU3', REFERRER),
  A012: user('Maintain referral letter', 'STU3', REFERRER),
  A013: userOrApp('Accept referral', 'STU3', PROVIDER, 'SERVICE_PROVIDER'),
  A014: user('Reject referral', 'STU3', PROVIDER),
  A015: user('Retrieve appointment slots', 'STU3', REFERRER),
  A016: user('Book or defer appointment', 'STU3', REFERRER),
  A019: user('Generate patient letter', 'STU3', REFERRER),
  A020: user('Upload file to document store', 'STU3', BOTH),
  A021: user('Create referral and send for triage [deprecated]', 'STU3', REFERRER),
  A022: user('Cancel appointment, action later', 'STU3', PROVIDER),
  A023: user('Retrieve advice and guidance worklist', 'STU3', [
    'SERVICE_PROVIDER_CLINICIAN',
    'SERVICE_PROVIDER_ADMIN',
    'SERVICE_PROVIDER_CLINICIAN_ADMIN',
  ]),
  A024: userOrApp('Retrieve advice and guidance request', 'STU3', BOTH, 'SERVICE_PROVIDER'),
  A025: userOrApp('Retrieve advice and guidance conversation', 'STU3', BOTH, 'SERVICE_PROVIDER'),
  A026: user('Send advice and guidance response', 'STU3', PROVIDER),
  A027: user('Convert advice and guidance to referral', 'STU3', PROVIDER),
  A028: userOrApp('Record triage outcome', 'STU3', PROVIDER, 'SERVICE_PROVIDER'),
  A029: userOrApp('Available actions for user', 'STU3', BOTH, 'SERVICE_PROVIDER'),
  // "In order to use this endpoint you must be an authenticated user": no role headers.
  A030: user('Retrieve user business functions', 'R4', null),
  A031: user('Change shortlist', 'STU3', REFERRER),
  A032: user('Change shortlist and send for triage [deprecated]', 'STU3', REFERRER),
  A033: userOrApp('Retrieve healthcare service', 'R4', REFERRER, 'REFERRING'),
  A034: user('Update appointment', 'STU3', REFERRER),
  A035: userOrApp('Search for healthcare services', 'R4', REFERRER, 'REFERRING'),
  A036: userOrApp('Cancel referral', 'STU3', BOTH, 'SERVICE_PROVIDER'),
  A037: userOrApp('Retrieve healthcare service version', 'R4', REFERRER, 'REFERRING'),
  A038: user('Retrieve appointment', 'STU3', BOTH),
  // The onBehalfOf query's table names one role.
  A040: user('Retrieve "on-behalf-of" practitioner user information', 'R4', ['SERVICE_PROVIDER_CLINICIAN_ADMIN']),
  A041: user('Search for service requests', 'R4', BOTH),
  A042: userOrApp('Retrieve attachment', 'R4', BOTH, 'SERVICE_PROVIDER'),
  A043: userOrApp('Retrieve advice and guidance overview PDF', 'STU3', BOTH, 'SERVICE_PROVIDER'),
  A044: user('Create advice and guidance request', 'STU3', REFERRER),
};

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
      return fail(
        'MISSING_HEADER',
        'NHSD-eRS-On-Behalf-Of-User-ID is required when using the SERVICE_PROVIDER_CLINICIAN_ADMIN business function.',
      );
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
    return fail(
      'FORBIDDEN',
      'NHSD-eRS-On-Behalf-Of-User-ID is only supported with the SERVICE_PROVIDER_CLINICIAN_ADMIN business function.',
    );
  }
  return { ok: true, caller: { mode: 'user', userId, businessFunction: role, odsCode } };
}

/** Whether a user may be acted for by a Service Provider Clinician Admin at the organisation (what A040 lists). */
export function isOnBehalfOfCandidate(user: Parameters<typeof holdsRole>[0], odsCode: string): boolean {
  return holdsRole(user, 'SERVICE_PROVIDER_CLINICIAN', odsCode);
}
