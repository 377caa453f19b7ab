import { FHIR_ID_PATTERN, IdentifierFormat, identifierScalar } from './identifier';

/**
 * An e-RS appointment slot id (`Slot/<id>`, e.g. "11000021" in the spec's examples), a FHIR id
 * with a letter or digit first. It goes into A016's body as a Slot reference.
 */
export const SLOT_ID: IdentifierFormat = {
  name: 'SlotId',
  pattern: FHIR_ID_PATTERN,
  description: 'an e-RS slot id (letters, digits, "-" and ".", at most 64, starting with a letter or digit)',
};

/** An e-RS slot id, checked before any e-RS call. */
export const SlotIdScalar = identifierScalar(SLOT_ID, 'An e-RS appointment slot id, as `Slot.id` gives it (e.g. "11000021").');
