import { GraphQLError, GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import type { Logger } from 'pino';
import { ErsError } from '../datasources/ers/errors';
import { ERROR_CODES, errorCodes, type ErrorExtensions } from '../schema/error-codes';

/**
 * Codes that a client may see as they are: every listed code but the masked ones
 * (schema/error-codes.ts); an error with any other code is masked.
 */
const CLIENT_CODES: ReadonlySet<string> = new Set(errorCodes().filter((code) => !('masked' in ERROR_CODES[code])));

/**
 * Removes the values graphql-js echoes into its input errors ("Variable "$ubrn" got invalid
 * value "943 476 5919"; ...", "Expected value of type ..., found ...", "... cannot represent
 * value: ...", "Value "..." does not exist in ... enum"): a mistyped argument can hold an NHS
 * number or clinical text. `reason` is the message of the error graphql-js wrapped (a scalar's
 * own): graphql-js joins value and reason with "; ", so with the reason known the value is cut
 * out exactly, even when it holds "; " itself.
 */
export function redactInputValues(message: string, reason?: string): string {
  if (reason && reason !== message && message.endsWith(`; ${reason}`)) {
    return `${redactValue(message.slice(0, -(reason.length + 2)), true)}; ${redactReason(reason)}`;
  }
  return redactReason(redactValue(message, false));
}

/** The head of a graphql-js input error without its value; `whole`: the head ends where the value (and its path) ends. */
function redactValue(head: string, whole: boolean): string {
  return head
    .replace(whole ? /got invalid value [\s\S]*?( at "[^"]*")?$/ : /got invalid value [\s\S]*?(?=; | at "|$)()/, 'got an invalid value$1')
    .replace(whole ? /, found [\s\S]*$/ : /, found [\s\S]*?(?=; |$)/, ', found an invalid value');
}

function redactReason(reason: string): string {
  return reason
    .replace(/(cannot represent [^:]*value): [\s\S]*$/, '$1')
    .replace(/^Value "[^"]*" does not exist in/, 'The value does not exist in');
}

/** The `extensions.code` a client will see for an error (before masking unknown codes). */
export function errorCode(error: GraphQLError): string {
  const original = unwrapResolverError(error);
  if (original instanceof ErsError) return original.code;
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

// The one CONFLICT builder lives with the codes, where data sources can reach it.
export { versionConflict, type VersionedResource } from '../schema/error-codes';

/** The GraphQL extensions of an e-RS failure: what a client can act on, no patient data. */
export function ersErrorExtensions(error: ErsError): ErrorExtensions {
  const extensions: ErrorExtensions = { code: error.code, endpoint: error.endpoint };
  if (error.ersCode) extensions.ersCode = error.ersCode;
  if (error.httpStatus) extensions.httpStatus = error.httpStatus;
  if (error.retryAfterSeconds !== undefined) extensions.retryAfterSeconds = error.retryAfterSeconds;
  if (error.transport) extensions.reason = error.transport;
  return extensions;
}

/**
 * The one place errors are translated for clients (Apollo `formatError`): e-RS failures keep
 * their code and e-RS code; our own GraphQL errors keep theirs; everything else is masked and
 * logged for the operator without request data.
 */
export function createErrorFormatter(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { message: formatted.message, locations: formatted.locations, path: formatted.path };

    if (original instanceof ErsError) {
      return { ...base, message: original.message, extensions: ersErrorExtensions(original) };
    }

    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) {
      // A scalar's own code (e.g. the UBRN check) beats the generic validation code.
      const inner = error instanceof GraphQLError ? error.originalError : undefined;
      const innerCode = inner instanceof GraphQLError ? inner.extensions?.code : undefined;
      const finalCode = code === 'GRAPHQL_VALIDATION_FAILED' && innerCode === 'BAD_USER_INPUT' ? 'BAD_USER_INPUT' : code;
      // Our own errors carry safe, actionable details (reason, endpoint, availableRoles).
      const { http: _http, stacktrace: _stacktrace, ...details } = formatted.extensions ?? {};
      return { ...base, message: redactInputValues(formatted.message, inner?.message), extensions: { ...details, code: finalCode } };
    }

    log.error(
      { err: original instanceof Error ? { name: original.name, stack: original.stack } : undefined, path: formatted.path },
      'unexpected error while resolving a GraphQL request',
    );
    return { ...base, message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
