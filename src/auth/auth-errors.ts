import { GraphQLError } from 'graphql';
import { apiError, type ReasonOf } from '../../schema/error-codes';

/** Why a caller was not authenticated; safe to show (no token content). Listed in schema/error-codes.ts. */
export type UnauthenticatedReason = ReasonOf<'UNAUTHENTICATED'>;

/** The caller is not (or no longer) authenticated: HTTP 401 when it ends the request. */
export function unauthenticated(message: string, reason: UnauthenticatedReason): GraphQLError {
  return apiError('UNAUTHENTICATED', message, { reason, http: { status: 401 } });
}

/** The caller is authenticated but may not do this. */
export function forbidden(message: string, extra: { reason?: ReasonOf<'FORBIDDEN'> } & Record<string, unknown> = {}): GraphQLError {
  return apiError('FORBIDDEN', message, extra);
}

/** The request's role headers are inconsistent or ambiguous. */
export function badRole(message: string, extra: { reason?: ReasonOf<'BAD_USER_INPUT'> } & Record<string, unknown> = {}): GraphQLError {
  return apiError('BAD_USER_INPUT', message, extra);
}

/** APIM or the identity provider could not be reached or answered unexpectedly. */
export function identityUnavailable(message: string): GraphQLError {
  return apiError('UPSTREAM_UNAVAILABLE', message, { reason: 'IDENTITY_PROVIDER' });
}
