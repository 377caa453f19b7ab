import { GraphQLError } from 'graphql';

/** Why a caller was not authenticated; safe to show (no token content). */
export type UnauthenticatedReason =
  | 'MISSING_TOKEN'
  | 'INVALID_TOKEN'
  | 'TOKEN_EXPIRED'
  | 'ASSURANCE_TOO_LOW'
  | 'TOKEN_REJECTED'
  | 'INVALID_TICKET'
  | 'TICKET_EXPIRED';

/** The caller is not (or no longer) authenticated: HTTP 401 when it ends the request. */
export function unauthenticated(message: string, reason: UnauthenticatedReason): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'UNAUTHENTICATED', reason, http: { status: 401 } },
  });
}

/** The caller is authenticated but may not do this. */
export function forbidden(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'FORBIDDEN', ...extra } });
}

/** The request's role headers are inconsistent or ambiguous. */
export function badRole(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', ...extra } });
}

/** APIM or the identity provider could not be reached or answered unexpectedly. */
export function identityUnavailable(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'UPSTREAM_UNAVAILABLE', reason: 'IDENTITY_PROVIDER' } });
}
