import { FHIR_ID_PATTERN, IdentifierFormat, identifierScalar } from './identifier';

/**
 * An e-RS appointment id (the spec's AppointmentId path parameter, e.g. "70000"). e-RS's examples
 * are digits, but the spec types it as a FHIR id: that is the rule, with a letter or digit first.
 * It goes into A038 and A034 paths.
 */
export const APPOINTMENT_ID: IdentifierFormat = {
  name: 'AppointmentId',
  pattern: FHIR_ID_PATTERN,
  description: 'an e-RS appointment id (letters, digits, "-" and ".", at most 64, starting with a letter or digit)',
};

/** An e-RS appointment id, checked before any e-RS call. */
export const AppointmentIdScalar = identifierScalar(
  APPOINTMENT_ID,
  'An e-RS appointment id, as `Referral.appointmentId` gives it (e.g. "70000").',
);
