/**
 * Strings a client chooses that reach ers-graph's logs (and, for the correlation id, e-RS and the
 * response): the `X-Correlation-ID` header and the GraphQL operation name. A careless client can
 * put patient identifiers there (an NHS number is 10 digits, a UBRN 12), so both are checked and
 * bounded here, in one place.
 */

// A plain token: letters, digits and . _ : -, bounded.
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// Six digits in a row are already more than an id needs, and fewer than an NHS number (10) or a UBRN (12).
const DIGIT_RUN = /\d{6}/;

/**
 * Whether a caller's correlation id may be used as it is: a plain token of at most 128 characters
 * without six digits in a row, or a UUID. UUIDs pass whole: random ones often hold runs of digits
 * (the spec's own example is one), and a client that formats an NHS number as a UUID does so on
 * purpose, which no pattern stops; the rule is there for the careless client that sends an NHS
 * number or a UBRN (or "ref-000050000001") as its correlation id.
 */
export function isAcceptableCorrelationId(value: string): boolean {
  if (UUID.test(value)) return true;
  return CORRELATION_ID.test(value) && !DIGIT_RUN.test(value);
}

/** Longest operation name logged as it is; GraphQL names have no limit of their own. */
export const MAX_LOGGED_OPERATION_NAME = 64;

/** What is logged in place of an operation name that is too long or could hold a patient identifier. */
export const WITHHELD_OPERATION_NAME = '(withheld)';

/**
 * The operation name as it may be logged: the name itself when it is at most 64 characters without
 * six digits in a row, else a fixed placeholder. Not a hash: a hash of a 10-digit NHS number is
 * reversed by hashing every NHS number, so it would carry the number all the same.
 */
export function loggableOperationName(name: string | null | undefined): string | null {
  if (name === null || name === undefined) return null;
  return name.length <= MAX_LOGGED_OPERATION_NAME && !DIGIT_RUN.test(name) ? name : WITHHELD_OPERATION_NAME;
}
