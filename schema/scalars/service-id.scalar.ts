import { IdentifierFormat, identifierScalar } from './identifier';

/**
 * An e-RS service id: digits (the spec's ServiceId path parameter, e.g. "1"; e-RS's ids are
 * numbers, e.g. "11002"). It goes into A033/A037 paths, A035's `_id`, A015's search and bodies.
 */
export const SERVICE_ID: IdentifierFormat = {
  name: 'ServiceId',
  pattern: /^\d{1,20}$/,
  description: 'an e-RS service id (1 to 20 digits)',
};

/** An e-RS healthcare service id, checked before any e-RS call. */
export const ServiceIdScalar = identifierScalar(SERVICE_ID, 'An e-RS healthcare service id: 1 to 20 digits (e.g. "11002").');
