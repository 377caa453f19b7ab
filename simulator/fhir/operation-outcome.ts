/**
 * Error bodies: STU3 eRS-OperationOutcome-1 for /STU3 endpoints and the R4
 * NHSDigital-OperationOutcome for /R4 endpoints, one table of problems for both.
 */
import { type FhirJson, PROFILE, SYSTEM } from './systems';

export type FhirVersion = 'STU3' | 'R4';

/** The problems the simulator reports, named by what went wrong rather than by HTTP status. */
export type Problem =
  | 'UNAUTHENTICATED'
  | 'NO_ACCESS'
  | 'FORBIDDEN'
  | 'MISSING_HEADER'
  | 'INVALID_VALUE'
  | 'NOT_FOUND'
  | 'NO_RELATIONSHIP'
  | 'TOO_MANY_REQUESTS'
  | 'SERVER_ERROR'
  | 'UNAVAILABLE';

interface Stu3Entry {
  status: number;
  code: string;
  display: string;
  issueCode: string;
}

interface R4Entry {
  status: number;
  system: string;
  code: string;
  issueCode: string;
}

/**
 * Codes come from the spec's responses/*.yaml tables where it gives one: STU3 Unauthorized
 * (NO_ACCESS/login), Forbidden (FORBIDDEN, NO_ACCESS), ServiceUnavailable (SYSTEM_UNAVAILABLE),
 * the STU3 400 tables (INVALID_VALUE, MISSING_HEADER), retrieveReferralRequest/422 (NO_RELATIONSHIP),
 * and every R4 table. STU3 has no code for 404, 429 or 500, so those borrow the R4 codes
 * (REC_NOT_FOUND, TOO_MANY_REQUESTS, REC_SERVER_ERROR) under the STU3 error code system.
 */
const PROBLEMS: Record<Problem, { stu3: Stu3Entry; r4: R4Entry }> = {
  UNAUTHENTICATED: {
    stu3: { status: 401, code: 'NO_ACCESS', display: 'No access', issueCode: 'login' },
    r4: { status: 401, system: SYSTEM.r4ApimErrorCodes, code: 'ACCESS_DENIED', issueCode: 'login' },
  },
  NO_ACCESS: {
    stu3: { status: 403, code: 'NO_ACCESS', display: 'No access', issueCode: 'forbidden' },
    r4: { status: 403, system: SYSTEM.r4ApimErrorCodes, code: 'ACCESS_DENIED', issueCode: 'forbidden' },
  },
  FORBIDDEN: {
    stu3: { status: 403, code: 'FORBIDDEN', display: 'Forbidden', issueCode: 'forbidden' },
    r4: { status: 403, system: SYSTEM.r4HttpErrorCodes, code: 'REC_FORBIDDEN', issueCode: 'forbidden' },
  },
  MISSING_HEADER: {
    stu3: { status: 400, code: 'MISSING_HEADER', display: 'Missing header', issueCode: 'required' },
    r4: { status: 400, system: SYSTEM.r4HttpErrorCodes, code: 'REC_BAD_REQUEST', issueCode: 'required' },
  },
  INVALID_VALUE: {
    stu3: { status: 400, code: 'INVALID_VALUE', display: 'Invalid value', issueCode: 'value' },
    r4: { status: 400, system: SYSTEM.r4HttpErrorCodes, code: 'REC_BAD_REQUEST', issueCode: 'invalid' },
  },
  NOT_FOUND: {
    stu3: { status: 404, code: 'REC_NOT_FOUND', display: 'Resource not found', issueCode: 'not-found' },
    r4: { status: 404, system: SYSTEM.r4HttpErrorCodes, code: 'REC_NOT_FOUND', issueCode: 'not-found' },
  },
  NO_RELATIONSHIP: {
    // STU3 A005 reports this as 422 (retrieveReferralRequest/422Response); R4 as 403 (ForbiddenOrNoLR).
    stu3: { status: 422, code: 'NO_RELATIONSHIP', display: 'No legitimate relationship', issueCode: 'business-rule' },
    r4: { status: 403, system: SYSTEM.r4ErsErrorCodes, code: 'NO_RELATIONSHIP', issueCode: 'forbidden' },
  },
  TOO_MANY_REQUESTS: {
    stu3: { status: 429, code: 'TOO_MANY_REQUESTS', display: 'Too many requests', issueCode: 'throttled' },
    r4: { status: 429, system: SYSTEM.r4ApimErrorCodes, code: 'TOO_MANY_REQUESTS', issueCode: 'throttled' },
  },
  SERVER_ERROR: {
    stu3: { status: 500, code: 'REC_SERVER_ERROR', display: 'Internal server error', issueCode: 'exception' },
    r4: { status: 500, system: SYSTEM.r4HttpErrorCodes, code: 'REC_SERVER_ERROR', issueCode: 'exception' },
  },
  UNAVAILABLE: {
    stu3: { status: 503, code: 'SYSTEM_UNAVAILABLE', display: 'System Unavailable', issueCode: 'transient' },
    r4: { status: 503, system: SYSTEM.r4HttpErrorCodes, code: 'REC_UNAVAILABLE', issueCode: 'transient' },
  },
};

export interface OutcomeResponse {
  status: number;
  body: FhirJson;
}

/** The status and OperationOutcome body for a problem, in the shape of the endpoint's FHIR version. */
export function problemOutcome(version: FhirVersion, problem: Problem, diagnostics?: string): OutcomeResponse {
  if (version === 'STU3') {
    const entry = PROBLEMS[problem].stu3;
    return { status: entry.status, body: stu3OperationOutcome(entry.issueCode, entry.code, entry.display, diagnostics) };
  }
  const entry = PROBLEMS[problem].r4;
  return { status: entry.status, body: r4OperationOutcome(entry.issueCode, entry.system, entry.code, diagnostics) };
}

/**
 * The outcome for an injected fault status: 429 and 503 use their own codes, other 4xx map to
 * the nearest problem, any other 5xx is a server error carrying the requested status.
 */
export function statusOutcome(version: FhirVersion, status: number, diagnostics?: string): OutcomeResponse {
  const byStatus: Record<number, Problem> = {
    400: 'INVALID_VALUE',
    401: 'UNAUTHENTICATED',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    429: 'TOO_MANY_REQUESTS',
    500: 'SERVER_ERROR',
    503: 'UNAVAILABLE',
  };
  const outcome = problemOutcome(version, byStatus[status] ?? 'SERVER_ERROR', diagnostics);
  return { status, body: outcome.body };
}

/** An STU3 eRS-OperationOutcome-1 (components/stu3/schemas/STU3-OperationOutcome.yaml). */
export function stu3OperationOutcome(issueCode: string, code: string, display: string, diagnostics?: string): FhirJson {
  const issue: FhirJson = {
    severity: 'error',
    code: issueCode,
    details: { coding: [{ system: SYSTEM.apiErrorCode, code, display }] },
  };
  if (diagnostics) issue.diagnostics = diagnostics;
  return { resourceType: 'OperationOutcome', meta: { profile: [PROFILE.operationOutcome] }, issue: [issue] };
}

/** An R4 NHSDigital-OperationOutcome (components/r4/schemas/NHSDigital-OperationOutcome.yaml). */
export function r4OperationOutcome(
  issueCode: string,
  system: string,
  code: string,
  diagnostics?: string,
  now: Date = new Date(),
): FhirJson {
  const issue: FhirJson = { severity: 'error', code: issueCode, details: { coding: [{ system, code }] } };
  if (diagnostics) issue.diagnostics = diagnostics;
  return { resourceType: 'OperationOutcome', meta: { lastUpdated: now.toISOString() }, issue: [issue] };
}
