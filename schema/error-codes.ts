/**
 * Every `extensions.code` and every `extensions.reason` ers-graph can send, GraphQL errors and
 * HTTP route errors alike, with what each means. It is the one list: constructors take only
 * these names (`ErrorCode`, `ErrorReason`), `src/errors.ts` derives the codes a client may see
 * from it, `src/routes/route-errors.ts` the HTTP status of each, and the README's Errors tables
 * are generated from it (`npm run errors:docs`, checked by test/unit/error-codes.test.ts).
 *
 * It lives in `schema/` because these names are part of the public contract, like the SDL, and
 * because `schema/` imports nothing of the other layers: the kernel (`src/`), the resolvers and
 * the data sources (`datasources/ers/errors.ts`, which may not import `src/`) all import it.
 * Meanings are Markdown, one line each: they are the README's text.
 */
import { GraphQLError } from 'graphql';

/** What a code means and, on the document and upload routes, the HTTP status it is answered with. */
export interface ErrorCodeEntry {
  readonly meaning: string;
  /** HTTP status on the non-GraphQL routes (downloads, uploads); absent: the route gives its own status or masks it. */
  readonly routeStatus?: number;
  /** Never shown to a client: replaced by INTERNAL_SERVER_ERROR and logged for the operator. */
  readonly masked?: true;
}

export const ERROR_CODES = {
  BAD_USER_INPUT: {
    meaning:
      'invalid argument (e.g. a UBRN that is not 12 digits, a service id that is not digits, 2024-02-30 as a `DateTime`: checked before any e-RS call, see [Identifiers](#identifiers)), or e-RS 400',
    routeStatus: 400,
  },
  UNAUTHENTICATED: {
    meaning: 'missing, invalid or expired token or download ticket (HTTP 401, no e-RS call), or e-RS 401 (its token rejected)',
    routeStatus: 401,
  },
  FORBIDDEN: {
    meaning: "e-RS 403, or 422 `NO_RELATIONSHIP`; or the caller's role may not use the field (checked before any e-RS call)",
    routeStatus: 403,
  },
  NOT_FOUND: { meaning: 'e-RS 404 (unknown UBRN, version or service); HTTP 404 for a path that is no route', routeStatus: 404 },
  CONFLICT: {
    meaning: 'e-RS 409 / 412 / 423, or a stale `version` (with `currentVersion`, the version e-RS has now: reload and retry)',
    routeStatus: 409,
  },
  UNPROCESSABLE: {
    meaning:
      'other e-RS 422 business-rule failures, and the ones ers-graph checks before any e-RS call as the endpoint pages describe (with the `ersCode` e-RS would answer and the `endpoint`)',
    routeStatus: 422,
  },
  RATE_LIMITED: {
    meaning:
      "e-RS 429 after back-off (1 s, 2 s, 4 s, or `Retry-After`; writes are never retried; a wait longer than the request has left is not made: the error comes at once), or ers-graph's own limit; `retryAfterSeconds`",
    routeStatus: 429,
  },
  DEADLINE_EXCEEDED: {
    meaning:
      'the request reached its deadline (`REQUEST_DEADLINE_MS`) before e-RS answered this field; fields already answered are returned',
  },
  CANCELLED: { meaning: 'the client went away and its e-RS call was abandoned: seen only in metrics and logs' },
  UPSTREAM_UNAVAILABLE: { meaning: 'e-RS 5xx, timeout or dropped connection (HTTP 503 or 502 on the routes)', routeStatus: 503 },
  UPSTREAM_ERROR: { meaning: 'any other unexpected e-RS answer', routeStatus: 502 },
  SERVICE_UNAVAILABLE: {
    meaning:
      'a part ers-graph itself needs is down or full (`retryAfterSeconds`, and a `Retry-After` header); nothing was sent to e-RS and the same request succeeds later',
    routeStatus: 503,
  },
  COST_LIMIT_EXCEEDED: {
    meaning:
      "the operation was priced over a limit before it ran (HTTP 400, no e-RS call), a field needed an e-RS call past the request's cap, or the answer was too large; `estimate` and `limit`. See [Cost and limits](#cost-and-limits)",
  },
  ATTACHMENT_NOT_AVAILABLE: {
    meaning: 'a download of an attachment e-RS cannot serve (yet): `availability` `PENDING`, `THREATS_FOUND` or `VALIDATION_FAILED`',
    routeStatus: 422,
  },
  GRAPHQL_PARSE_FAILED: {
    meaning: "not GraphQL, more than 15000 tokens (an Apollo Router's default), or brackets nested more than 64 deep (HTTP 400)",
  },
  GRAPHQL_VALIDATION_FAILED: { meaning: 'the operation does not match the schema (HTTP 400)' },
  BAD_REQUEST: {
    meaning:
      'a request that cannot be read: a body that is not JSON, `variables`/`extensions` nested more than 64 deep, a multipart request without `Apollo-Require-Preflight` (HTTP 400)',
  },
  PERSISTED_QUERY_NOT_FOUND: { meaning: 'a persisted-query hash the server does not hold: send the query text with it' },
  PERSISTED_QUERY_NOT_SUPPORTED: { meaning: 'persisted queries are not taken by this deployment' },
  PERSISTED_QUERY_NOT_IN_LIST: {
    meaning:
      "with `TRUSTED_DOCUMENTS` set, an operation that is not in its manifest, sent by text or by hash (HTTP 400, no e-RS call; Apollo Router's code for it). See [Trusted documents](#trusted-documents)",
  },
  OPERATION_RESOLUTION_FAILURE: { meaning: 'the document has no operation of the given `operationName`, or several and no name' },
  PAYLOAD_TOO_LARGE: { meaning: 'a JSON body over 1 MB, or an upload over 5 MB (HTTP 413)' },
  UNSUPPORTED_MEDIA_TYPE: { meaning: 'a body or file of a type the route or e-RS does not take (HTTP 415)' },
  INTERNAL_SERVER_ERROR: { meaning: 'anything unexpected: the message is masked and the error logged without request data', masked: true },
} as const satisfies Record<string, ErrorCodeEntry>;

/** An `extensions.code` ers-graph can send. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** What a reason means and the codes it comes with. */
export interface ErrorReasonEntry {
  readonly codes: readonly ErrorCode[];
  readonly meaning: string;
}

export const ERROR_REASONS = {
  // UNAUTHENTICATED: who is calling could not be established (HTTP 401, no e-RS call).
  MISSING_TOKEN: { codes: ['UNAUTHENTICATED'], meaning: 'no bearer token' },
  INVALID_TOKEN: { codes: ['UNAUTHENTICATED'], meaning: 'a token that is not valid for ers-graph' },
  TOKEN_EXPIRED: { codes: ['UNAUTHENTICATED'], meaning: 'an expired token' },
  ASSURANCE_TOO_LOW: { codes: ['UNAUTHENTICATED'], meaning: 'a CIS2 token below the identity or authentication assurance e-RS needs' },
  TOKEN_REJECTED: { codes: ['UNAUTHENTICATED'], meaning: 'an APIM token e-RS (or APIM) refused in the last minute' },
  INVALID_TICKET: { codes: ['UNAUTHENTICATED'], meaning: 'a download link ticket that is not valid' },
  TICKET_EXPIRED: { codes: ['UNAUTHENTICATED'], meaning: 'a download link ticket older than 5 minutes' },
  METRICS_TOKEN: { codes: ['UNAUTHENTICATED'], meaning: '`GET /metrics` without the `METRICS_TOKEN` bearer token' },
  // FORBIDDEN: the caller is known but may not do this (no e-RS call).
  USER_REQUIRED: { codes: ['FORBIDDEN'], meaning: 'a change in e-RS asked for without a CIS2 healthcare worker' },
  APPLICATION_NOT_ALLOWED: { codes: ['FORBIDDEN'], meaning: 'an e-RS endpoint application-restricted access may not use' },
  BUSINESS_FUNCTION_NOT_ALLOWED: { codes: ['FORBIDDEN'], meaning: "an e-RS endpoint the caller's role may not use (`availableRoles`)" },
  NO_ROLE: { codes: ['FORBIDDEN'], meaning: 'the user holds no e-RS role ers-graph can act in' },
  ROLE_NOT_HELD: { codes: ['FORBIDDEN'], meaning: 'the role headers name a role the user does not hold at that organisation' },
  ON_BEHALF_OF_NOT_ALLOWED: {
    codes: ['FORBIDDEN'],
    meaning:
      'NHSD-eRS-On-Behalf-Of-User-ID with a role other than SERVICE_PROVIDER_CLINICIAN_ADMIN, which alone may act for another user (e-RS answers 403)',
  },
  // BAD_USER_INPUT
  IDEMPOTENCY_KEY_REUSED: { codes: ['BAD_USER_INPUT'], meaning: 'an idempotency key already used for a different request' },
  IDEMPOTENCY_KEY_INVALID: { codes: ['BAD_USER_INPUT'], meaning: 'an idempotency key that is not 1 to 255 visible ASCII characters' },
  NO_APPOINTMENT: { codes: ['BAD_USER_INPUT'], meaning: 'an appointment action on a referral that has no appointment' },
  STALE_CURSOR: {
    codes: ['BAD_USER_INPUT'],
    meaning: 'a page cursor of a worklist that has changed since: start again from the first page',
  },
  NO_FILE: { codes: ['BAD_USER_INPUT'], meaning: 'an upload with no file part' },
  TOO_MANY_FILES: { codes: ['BAD_USER_INPUT'], meaning: 'an upload with more than one file' },
  TOO_MANY_FIELDS: { codes: ['BAD_USER_INPUT'], meaning: 'an upload form with too many fields' },
  MALFORMED_MULTIPART: { codes: ['BAD_USER_INPUT'], meaning: 'an upload form that cannot be read' },
  EMPTY_FILE: { codes: ['BAD_USER_INPUT'], meaning: 'an empty file' },
  INVALID_REFERRAL_ID: { codes: ['BAD_USER_INPUT'], meaning: "an upload's `referralId` that is not a UBRN" },
  // UNPROCESSABLE: what the e-RS endpoint page says e-RS refuses, checked before any e-RS call
  REASON_NOT_ALLOWED: {
    codes: ['UNPROCESSABLE'],
    meaning:
      "a reason the caller's role may not give (e.g. a referrer's reason to cancel a referral, given by a provider): e-RS's `INAPPROPRIATE_VALUE`; `allowedReasons`",
  },
  COMMENT_REQUIRED: {
    codes: ['UNPROCESSABLE'],
    meaning: "a reason whose comment is mandatory (the reference data's `commentIsMandatory`), given without one: e-RS's `MISSING_VALUE`",
  },
  // CONFLICT
  IDEMPOTENCY_KEY_IN_PROGRESS: {
    codes: ['CONFLICT'],
    meaning: 'the first request with this idempotency key is still running: retry later',
  },
  SLOT_NOT_AVAILABLE: { codes: ['CONFLICT'], meaning: 'the slot chosen is not free any more' },
  // RATE_LIMITED
  AUTHENTICATION_FAILURES: { codes: ['RATE_LIMITED'], meaning: 'too many failed authentications from this address (`retryAfterSeconds`)' },
  LOCAL_RATE_LIMIT: { codes: ['RATE_LIMITED'], meaning: "ers-graph's own limit (`ERS_RATE_LIMIT`) would have made the call wait too long" },
  // e-RS not reached or not understood
  IDENTITY_PROVIDER: {
    codes: ['UPSTREAM_UNAVAILABLE'],
    meaning: 'APIM or the identity provider could not be reached or answered unexpectedly',
  },
  TIMEOUT: { codes: ['UPSTREAM_UNAVAILABLE'], meaning: 'e-RS did not answer within `ERS_TIMEOUT_MS`' },
  CONNECTION: { codes: ['UPSTREAM_UNAVAILABLE'], meaning: 'the connection to e-RS failed or dropped' },
  INVALID_RESPONSE: {
    codes: ['UPSTREAM_ERROR', 'UPSTREAM_UNAVAILABLE'],
    meaning: 'an e-RS answer that is not what its endpoint returns (UPSTREAM_UNAVAILABLE when it came with a 5xx)',
  },
  RESPONSE_TOO_LARGE: { codes: ['UPSTREAM_ERROR'], meaning: 'an e-RS answer above `ERS_MAX_RESPONSE_BYTES` (cut off as it arrives)' },
  DEADLINE: { codes: ['DEADLINE_EXCEEDED'], meaning: "the request's deadline passed before e-RS answered" },
  CLIENT_CLOSED: { codes: ['CANCELLED'], meaning: 'the client went away before e-RS answered' },
  // SERVICE_UNAVAILABLE
  SHARED_STORE_UNAVAILABLE: {
    codes: ['SERVICE_UNAVAILABLE'],
    meaning:
      'a mutation or upload with an idempotency key while Redis (`REDIS_URL`) cannot be reached; reads and requests without a key carry on',
  },
  UPLOADS_BUSY: { codes: ['SERVICE_UNAVAILABLE'], meaning: 'the uploads in flight hold `UPLOAD_BUFFER_LIMIT_BYTES` already' },
  // UNSUPPORTED_MEDIA_TYPE
  NOT_MULTIPART: { codes: ['UNSUPPORTED_MEDIA_TYPE'], meaning: 'an upload that is not `multipart/form-data`' },
  FILE_TYPE_NOT_ALLOWED: { codes: ['UNSUPPORTED_MEDIA_TYPE'], meaning: 'a file extension e-RS does not take (`allowedExtensions`)' },
  CONTENT_MISMATCH: { codes: ['UNSUPPORTED_MEDIA_TYPE'], meaning: 'a file whose content is not what its extension says (`detected`)' },
  ACTIVE_CONTENT: { codes: ['UNSUPPORTED_MEDIA_TYPE'], meaning: 'a file holding HTML, SVG or script anywhere (`marker`)' },
  // COST_LIMIT_EXCEEDED
  ERS_CALLS: { codes: ['COST_LIMIT_EXCEEDED'], meaning: 'more e-RS calls than `ERS_COST_LIMIT` (HTTP 400, no e-RS call)' },
  NODES: { codes: ['COST_LIMIT_EXCEEDED'], meaning: 'more objects and list items than `GRAPHQL_MAX_NODES` (HTTP 400, no e-RS call)' },
  DEPTH: { codes: ['COST_LIMIT_EXCEEDED'], meaning: 'fields nested deeper than `GRAPHQL_MAX_DEPTH` (HTTP 400, no e-RS call)' },
  ALIASES: { codes: ['COST_LIMIT_EXCEEDED'], meaning: 'more aliases than `GRAPHQL_MAX_ALIASES` (HTTP 400, no e-RS call)' },
  RUNTIME_CALLS: {
    codes: ['COST_LIMIT_EXCEEDED'],
    meaning: 'the request made `ERS_CALLS_PER_REQUEST` e-RS calls already; the rest of the answer is returned',
  },
  RESPONSE_SIZE: {
    codes: ['COST_LIMIT_EXCEEDED'],
    meaning: 'the answer was larger than `GRAPHQL_MAX_RESPONSE_BYTES` and was replaced (HTTP 400)',
  },
} as const satisfies Record<string, ErrorReasonEntry>;

/** An `extensions.reason` ers-graph can send. */
export type ErrorReason = keyof typeof ERROR_REASONS;

/** The reasons that may come with `code`, e.g. `ReasonOf<'UNAUTHENTICATED'>`. */
export type ReasonOf<C extends ErrorCode> = {
  [R in ErrorReason]: C extends (typeof ERROR_REASONS)[R]['codes'][number] ? R : never;
}[ErrorReason];

/** The extensions of an error: a listed code, a reason listed for that code, and safe details. */
export type ErrorExtensions<C extends ErrorCode = ErrorCode> = C extends ErrorCode
  ? { code: C; reason?: ReasonOf<C> } & Record<string, unknown>
  : never;

/** A GraphQL error with a listed code (and reason): the constructor every error of ers-graph can use. */
export function apiError<C extends ErrorCode>(
  code: C,
  message: string,
  details: { reason?: ReasonOf<C> } & Record<string, unknown> = {},
  originalError?: Error,
): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details }, originalError });
}

/** Every code, in the list's order. */
export const errorCodes = (): ErrorCode[] => Object.keys(ERROR_CODES) as ErrorCode[];

const cell = (text: string) => text.replace(/\|/g, '\\|');

/** The README's Errors tables, written from the lists above (`npm run errors:docs`). */
export function errorTablesMarkdown(): string {
  const codes = errorCodes().map((code) => {
    const entry: ErrorCodeEntry = ERROR_CODES[code];
    const reasons = (Object.keys(ERROR_REASONS) as ErrorReason[])
      .filter((r) => (ERROR_REASONS[r].codes as readonly ErrorCode[]).includes(code))
      .map((r) => `\`${r}\``);
    return `| \`${code}\` | ${entry.routeStatus ?? ''} | ${cell(entry.meaning)} | ${reasons.join(', ')} |`;
  });
  const reasons = (Object.keys(ERROR_REASONS) as ErrorReason[]).map((reason) => {
    const entry: ErrorReasonEntry = ERROR_REASONS[reason];
    return `| \`${reason}\` | ${entry.codes.map((c) => `\`${c}\``).join(', ')} | ${cell(entry.meaning)} |`;
  });
  return [
    '| `extensions.code` | HTTP on the document and upload routes | when | `reason` |',
    '|---|---|---|---|',
    ...codes,
    '',
    '| `reason` | with `extensions.code` | when |',
    '|---|---|---|',
    ...reasons,
  ].join('\n');
}

/** Where the generated tables start and end in README.md. */
export const README_MARKERS = {
  begin: '<!-- error-codes: generated from schema/error-codes.ts by `npm run errors:docs`; do not edit by hand -->',
  end: '<!-- /error-codes -->',
} as const;

/** README text with the Errors tables between the markers replaced by the ones of the lists. */
export function withErrorTables(readme: string): string {
  const begin = readme.indexOf(README_MARKERS.begin);
  const end = readme.indexOf(README_MARKERS.end);
  if (begin < 0 || end < begin) throw new Error('README.md has no error-codes markers');
  return `${readme.slice(0, begin + README_MARKERS.begin.length)}\n${errorTablesMarkdown()}\n${readme.slice(end)}`;
}

/** What changed under a write: the resource the stale version was of. */
export type VersionedResource = 'referral' | 'A&G request';

/**
 * The one CONFLICT for a stale version: `currentVersion` is what e-RS holds now (null when it could
 * not be read), so a UI can reload and retry; `upstream` is the e-RS refusal it replaces (its
 * `endpoint`, `ersCode`, `httpStatus` as given), absent when ers-graph caught the stale version
 * itself before calling e-RS.
 */
export function versionConflict(
  resource: VersionedResource,
  currentVersion: string | null,
  upstream?: { endpoint: string; ersCode?: string; httpStatus?: number },
  cause?: Error,
): GraphQLError {
  // Fields picked one by one: an e-RS error passed as `upstream` also holds e-RS diagnostics.
  const fromErs = upstream ? { endpoint: upstream.endpoint, ersCode: upstream.ersCode, httpStatus: upstream.httpStatus } : {};
  return apiError(
    'CONFLICT',
    `The ${resource} has changed in e-RS since the version given: reload it and try again`,
    { ...fromErs, currentVersion },
    cause,
  );
}
