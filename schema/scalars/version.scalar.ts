import { IdentifierFormat, identifierScalar } from './identifier';

/**
 * The version of an e-RS resource (referral, A&G request, appointment): digits, as e-RS's ETag and
 * `If-Match` carry it (`W/"5"`; the spec's If-Match pattern is `^W/"[0-9]+"$`). It goes into
 * `/_history/{version}` paths, A025/A029 queries and If-Match headers.
 */
export const VERSION: IdentifierFormat = {
  name: 'Version',
  pattern: /^\d{1,9}$/,
  description: 'a version number of 1 to 9 digits, e.g. "3" (as Referral.version gives it)',
};

/** A resource version, checked before any e-RS call. */
export const VersionScalar = identifierScalar(
  VERSION,
  'The version of an e-RS resource, as its `version` field gives it: digits (e.g. "3").',
);
