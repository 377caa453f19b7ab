import { GraphQLError } from 'graphql';
import type { RequestContext } from '../src/context';
import type { EndpointId } from '../datasources/ers/endpoints';
import { ErsError } from '../datasources/ers/errors';
import { fetchReferralRequest } from '../datasources/ers/referral-request.api';
import { mapReferralRequest } from '../datasources/ers/referral.mapper';
import type { Referral } from '../schema/referral.type';

/** A UBRN version as e-RS `If-Match` wants it. */
export function ifMatch(version: string): Record<string, string> {
  if (!/^\d{1,9}$/.test(version)) {
    throw new GraphQLError('version must be the referral’s current version, e.g. "3" (Referral.version)', {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return { 'If-Match': `W/"${version}"` };
}

/**
 * Turns an e-RS version conflict into CONFLICT with the current version in `extensions`, so a
 * UI can reload and retry; other errors pass through unchanged.
 */
export async function withConflictVersion<T>(ctx: RequestContext, ubrn: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (!(error instanceof ErsError) || error.code !== 'CONFLICT') throw error;
    const current = await fetchReferralRequest(ctx.ers, ubrn)
      .then(({ body, etag }) => mapReferralRequest(body, etag).version)
      .catch(() => null);
    throw new GraphQLError('The referral has changed in e-RS since the version given: reload it and try again', {
      extensions: { code: 'CONFLICT', endpoint: error.endpoint, ersCode: error.ersCode, httpStatus: error.httpStatus, currentVersion: current },
      originalError: error,
    });
  }
}

/** The referral as e-RS has it now, never from this request's loader cache (for mutation payloads). */
export async function freshReferral(ctx: RequestContext, ubrn: string): Promise<Referral> {
  const key = { ubrn };
  ctx.loaders.referral.clear(key);
  return ctx.loaders.referral.load(key);
}

/** The write gate of a mutation: CIS2 user, a business function the endpoints allow. */
export function authorizeWrite(ctx: RequestContext, ...endpoints: EndpointId[]): Promise<void> {
  return ctx.auth.authorize(endpoints, { write: true });
}
