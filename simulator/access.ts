/**
 * Who may call which e-RS endpoint, from the "Supported security patterns" and "Pre-requisites"
 * sections of every endpoint page in the spec, and the header rules the simulator enforces.
 * Identity is not verified yet (any bearer token is accepted); later work adds token checks.
 */
import { BUSINESS_FUNCTIONS, type BusinessFunction } from './data/world';

export type EndpointId =
  | 'A004' | 'A005' | 'A006' | 'A007' | 'A008' | 'A010' | 'A011' | 'A012' | 'A013' | 'A014'
  | 'A015' | 'A016' | 'A019' | 'A020' | 'A021' | 'A022' | 'A023' | 'A024' | 'A025' | 'A026'
  | 'A027' | 'A028' | 'A029' | 'A030' | 'A031' | 'A032' | 'A033' | 'A034' | 'A035' | 'A036'
  | 'A037' | 'A038' | 'A040' | 'A041' | 'A042' | 'A043' | 'A044';

export interface EndpointAccess {
  summary: string;
  fhirVersion: 'STU3' | 'R4';
  /** Whether application-restricted (no end user, no role headers) access is supported. */
  applicationRestricted: boolean;
  /** The organisation context an application-restricted caller works in, per the endpoint page. */
  applicationContext?: 'SERVICE_PROVIDER' | 'REFERRING' | 'ANY';
  /** e-RS roles allowed for user-restricted access; null = any authenticated user, no role headers (A030). */
  businessFunctions: readonly BusinessFunction[] | null;
}

const RC: BusinessFunction[] = ['REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN'];
const SP: BusinessFunction[] = ['SERVICE_PROVIDER_CLINICIAN', 'SERVICE_PROVIDER_CLINICIAN_ADMIN'];
const CLINICAL: BusinessFunction[] = [...RC, ...SP];

/** Every endpoint page in the spec (A004..A044; there is no A009, A017, A018 or A039). */
export const ENDPOINT_ACCESS: Record<EndpointId, EndpointAccess> = {
  A004: { summary: 'Retrieve reference data', fhirVersion: 'STU3', applicationRestricted: true, applicationContext: 'ANY', businessFunctions: CLINICAL },
  A005: { summary: 'Retrieve referral request', fhirVersion: 'STU3', applicationRestricted: true, applicationContext: 'SERVICE_PROVIDER', businessFunctions: CLINICAL },
  A006: { summary: 'Retrieve attachment [deprecated]', fhirVersion: 'STU3', applicationRestricted: true, applicationContext: 'ANY', businessFunctions: CLINICAL },
  A007: { summary: 'Retrieve clinical information', fhirVersion: 'STU3', applicationRestricted: true, applicationContext: 'SERVICE_PROVIDER', businessFunctions: CLINICAL },
  // A008 lists referrer worklist roles and provider worklist roles; the union is allowed here, the worklist type narrows it later.
  A008: {
    summary: 'Retrieve referral worklist',
    fhirVersion: 'STU3',
    applicationRestricted: true,
    applicationContext: 'SERVICE_PROVIDER',
    businessFunctions: ['REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN', 'REFERRING_ADMIN', 'SERVICE_PROVIDER_CLINICIAN', 'SERVICE_PROVIDER_ADMIN', 'SERVICE_PROVIDER_CLINICIAN_ADMIN'],
  },
  A010: { summary: 'Patient service search', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A011: { summary: 'Create referral', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A012: { summary: 'Maintain referral letter', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A013: { summary: 'Accept referral', fhirVersion: 'STU3', applicationRestricted: true, applicationContext: 'SERVICE_PROVIDER', businessFunctions: SP },
  A014: { summary: 'Reject referral', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: SP },
  A015: { summary: 'Retrieve appointment slots', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A016: { summary: 'Book or defer appointment', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A019: { summary: 'Generate patient letter', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A020: { summary: 'Upload file to document store', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: CLINICAL },
  A021: { summary: 'Create referral and send for triage [deprecated]', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A022: { summary: 'Cancel appointment, action later', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: SP },
  A023: {
    summary: 'Retrieve advice and guidance worklist',
    fhirVersion: 'STU3',
    applicationRestricted: false,
    businessFunctions: ['SERVICE_PROVIDER_CLINICIAN', 'SERVICE_PROVIDER_ADMIN', 'SERVICE_PROVIDER_CLINICIAN_ADMIN'],
  },
  A024: { summary: 'Retrieve advice and guidance request', fhirVersion: 'STU3', applicationRestricted: true, applicationContext: 'SERVICE_PROVIDER', businessFunctions: CLINICAL },
  A025: { summary: 'Retrieve advice and guidance conversation', fhirVersion: 'STU3', applicationRestricted: true, applicationContext: 'SERVICE_PROVIDER', businessFunctions: CLINICAL },
  A026: { summary: 'Send advice and guidance response', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: SP },
  A027: { summary: 'Convert advice and guidance to referral', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: SP },
  A028: { summary: 'Record triage outcome', fhirVersion: 'STU3', applicationRestricted: true, applicationContext: 'SERVICE_PROVIDER', businessFunctions: SP },
  A029: { summary: 'Available actions for user', fhirVersion: 'STU3', applicationRestricted: true, applicationContext: 'SERVICE_PROVIDER', businessFunctions: CLINICAL },
  A030: { summary: 'Retrieve user business functions', fhirVersion: 'R4', applicationRestricted: false, businessFunctions: null },
  A031: { summary: 'Change shortlist', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A032: { summary: 'Change shortlist and send for triage [deprecated]', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A033: { summary: 'Retrieve healthcare service', fhirVersion: 'R4', applicationRestricted: true, applicationContext: 'REFERRING', businessFunctions: RC },
  A034: { summary: 'Update appointment', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A035: { summary: 'Search for healthcare services', fhirVersion: 'R4', applicationRestricted: true, applicationContext: 'REFERRING', businessFunctions: RC },
  A036: { summary: 'Cancel referral', fhirVersion: 'STU3', applicationRestricted: true, applicationContext: 'SERVICE_PROVIDER', businessFunctions: CLINICAL },
  A037: { summary: 'Retrieve healthcare service version', fhirVersion: 'R4', applicationRestricted: true, applicationContext: 'REFERRING', businessFunctions: RC },
  A038: { summary: 'Retrieve appointment', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: CLINICAL },
  A040: { summary: 'Retrieve "on-behalf-of" practitioner user information', fhirVersion: 'R4', applicationRestricted: false, businessFunctions: ['SERVICE_PROVIDER_CLINICIAN_ADMIN'] },
  A041: { summary: 'Search for service requests', fhirVersion: 'R4', applicationRestricted: false, businessFunctions: CLINICAL },
  A042: { summary: 'Retrieve attachment', fhirVersion: 'R4', applicationRestricted: true, applicationContext: 'SERVICE_PROVIDER', businessFunctions: CLINICAL },
  A043: { summary: 'Retrieve advice and guidance overview PDF', fhirVersion: 'STU3', applicationRestricted: true, applicationContext: 'SERVICE_PROVIDER', businessFunctions: CLINICAL },
  A044: { summary: 'Create advice and guidance request', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
};

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
