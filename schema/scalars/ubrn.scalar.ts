import { IdentifierFormat, identifierScalar } from './identifier';

/** e-RS Unique Booking Reference Number: exactly 12 digits (a referral or an A&G request). */
export const UBRN: IdentifierFormat = { name: 'UBRN', pattern: /^\d{12}$/, description: 'exactly 12 digits' };

/** e-RS Unique Booking Reference Number: exactly 12 digits, checked before any e-RS call. */
export const UbrnScalar = identifierScalar(
  UBRN,
  'e-RS Unique Booking Reference Number: a string of exactly 12 digits (e.g. "000000070000").',
);
