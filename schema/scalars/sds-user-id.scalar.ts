import { IdentifierFormat, identifierScalar } from './identifier';

/**
 * An SDS user id of a healthcare worker: 12 digits (the spec's NHSD-eRS-On-Behalf-Of-User-ID,
 * e.g. "021600556514"). It goes into A015's search, A008/A023 filters, bodies and headers.
 */
export const SDS_USER_ID: IdentifierFormat = { name: 'SdsUserId', pattern: /^\d{12}$/, description: 'a 12-digit SDS user id' };

/** An SDS user id, checked before any e-RS call. */
export const SdsUserIdScalar = identifierScalar(SDS_USER_ID, 'An SDS user id of a healthcare worker: 12 digits (e.g. "021600556514").');
