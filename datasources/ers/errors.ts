/**
 * Typed e-RS failures. Every non-2xx answer, timeout and dropped connection from e-RS becomes
 * an `ErsError` here, and only here; `src/errors.ts` turns it into a GraphQL error.
 *
 * Messages are fixed texts: e-RS `diagnostics` can echo request values (which may be patient
 * data), so they are kept on the error for debugging but never put in `message`.
 */

import type { ErrorCode, ErrorReason } from '../../schema/error-codes';

/**
 * The `extensions.code` values an e-RS failure can carry: a part of the one list
 * (schema/error-codes.ts), where each is described. DEADLINE_EXCEEDED: the request's deadline
 * passed before e-RS answered; CANCELLED: the client went away (seen only in metrics and logs).
 */
export type ErsErrorCode = Extract<
  ErrorCode,
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'UNPROCESSABLE'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'UPSTREAM_ERROR'
  | 'DEADLINE_EXCEEDED'
  | 'CANCELLED'
>;

/** Why e-RS could not be reached or understood, sent as `extensions.reason` (listed in schema/error-codes.ts). */
export type ErsTransport = Extract<
  ErrorReason,
  'TIMEOUT' | 'CONNECTION' | 'INVALID_RESPONSE' | 'LOCAL_RATE_LIMIT' | 'RESPONSE_TOO_LARGE' | 'DEADLINE' | 'CLIENT_CLOSED'
>;

/** What an OperationOutcome (STU3 eRS-OperationOutcome-1 or R4 NHSDigital-OperationOutcome) says. */
export interface OutcomeIssue {
  /** FHIR issue type, e.g. "not-found", "forbidden", "value". */
  issueCode?: string;
  /** e-RS / NHS error code from `issue.details.coding`, e.g. "REC_NOT_FOUND", "NO_RELATIONSHIP". */
  ersCode?: string;
  /** Free text from e-RS. May echo request values: never log or return it unredacted. */
  diagnostics?: string;
}

export interface ErsErrorDetails extends OutcomeIssue {
  /** e-RS endpoint id, e.g. "A005". */
  endpoint: string;
  /** HTTP status from e-RS, absent for timeouts and dropped connections. */
  httpStatus?: number;
  /** Seconds e-RS asked us to wait (429 `Retry-After`). */
  retryAfterSeconds?: number;
  /** Why e-RS could not be reached, when it was not an HTTP answer; LOCAL_RATE_LIMIT: ers-graph held the call back to keep within e-RS's rate limit. */
  transport?: ErsTransport;
  cause?: unknown;
}

const MESSAGES: Record<ErsErrorCode, string> = {
  BAD_USER_INPUT: 'e-RS rejected the request as invalid',
  UNAUTHENTICATED: 'e-RS did not accept the access token',
  FORBIDDEN: 'e-RS refused access for this role or organisation',
  NOT_FOUND: 'e-RS has no such resource',
  CONFLICT: 'The resource has changed in e-RS since the version given',
  UNPROCESSABLE: 'e-RS could not process the request',
  RATE_LIMITED: 'e-RS rate limit reached; retry later',
  UPSTREAM_UNAVAILABLE: 'e-RS is unavailable',
  UPSTREAM_ERROR: 'e-RS returned an unexpected response',
  DEADLINE_EXCEEDED: 'The request ran out of time before e-RS answered',
  CANCELLED: 'The request was abandoned by its client',
};

/** 422 business-rule codes that mean something more specific than UNPROCESSABLE. */
const ERS_CODE_OVERRIDES: Record<string, ErsErrorCode> = {
  NO_RELATIONSHIP: 'FORBIDDEN',
  INVALID_REQUEST_TYPE: 'NOT_FOUND',
  REC_NOT_FOUND: 'NOT_FOUND',
};

export class ErsError extends Error {
  readonly code: ErsErrorCode;
  readonly endpoint: string;
  readonly httpStatus?: number;
  readonly ersCode?: string;
  readonly issueCode?: string;
  readonly diagnostics?: string;
  readonly retryAfterSeconds?: number;
  readonly transport?: ErsErrorDetails['transport'];

  constructor(code: ErsErrorCode, details: ErsErrorDetails) {
    const suffix = details.ersCode ? ` (${details.ersCode})` : '';
    super(`${MESSAGES[code]}${suffix}`, { cause: details.cause });
    this.name = 'ErsError';
    this.code = code;
    this.endpoint = details.endpoint;
    this.httpStatus = details.httpStatus;
    this.ersCode = details.ersCode;
    this.issueCode = details.issueCode;
    this.diagnostics = details.diagnostics;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.transport = details.transport;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads the first error issue of an OperationOutcome, STU3 or R4 shape alike (both carry
 * `issue[].code` and `issue[].details.coding[].code`). Returns null for anything else,
 * including the empty body STU3 sends with a 401.
 */
export function readOperationOutcome(body: unknown): OutcomeIssue | null {
  let parsed = body;
  if (typeof parsed === 'string') {
    try {
      parsed = JSON.parse(parsed);
    } catch {
      return null;
    }
  }
  if (!isRecord(parsed) || parsed.resourceType !== 'OperationOutcome') return null;
  const issues = Array.isArray(parsed.issue) ? parsed.issue.filter(isRecord) : [];
  const issue = issues.find((i) => i.severity === 'error' || i.severity === 'fatal') ?? issues[0];
  if (!issue) return {};
  const details = isRecord(issue.details) ? issue.details : {};
  const codings = Array.isArray(details.coding) ? details.coding.filter(isRecord) : [];
  const ersCode = codings.map((c) => c.code).find((c): c is string => typeof c === 'string');
  return {
    issueCode: typeof issue.code === 'string' ? issue.code : undefined,
    ersCode,
    diagnostics: typeof issue.diagnostics === 'string' ? issue.diagnostics : undefined,
  };
}

/** Parses `Retry-After` given as seconds or as an HTTP date. */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** The error code for an HTTP status from e-RS, refined by the e-RS code of its outcome. */
export function codeForStatus(status: number, ersCode?: string): ErsErrorCode {
  if (ersCode && ERS_CODE_OVERRIDES[ersCode] && status >= 400 && status < 500) {
    return ERS_CODE_OVERRIDES[ersCode];
  }
  switch (status) {
    case 400:
      return 'BAD_USER_INPUT';
    case 401:
      return 'UNAUTHENTICATED';
    case 403:
      return 'FORBIDDEN';
    case 404:
    case 410:
      return 'NOT_FOUND';
    case 409:
    case 412:
    case 423:
      return 'CONFLICT';
    case 422:
      return 'UNPROCESSABLE';
    case 429:
      return 'RATE_LIMITED';
    default:
      return status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'UPSTREAM_ERROR';
  }
}

/** Builds the typed error for a non-2xx e-RS answer. */
export function errorFromResponse(endpoint: string, status: number, body: unknown, headers: Record<string, unknown>): ErsError {
  const outcome = readOperationOutcome(body) ?? {};
  return new ErsError(codeForStatus(status, outcome.ersCode), {
    endpoint,
    httpStatus: status,
    ...outcome,
    retryAfterSeconds: status === 429 ? parseRetryAfter(headers['retry-after']) : undefined,
  });
}
