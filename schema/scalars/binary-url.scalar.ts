import { FHIR_ID_PATTERN, IdentifierFormat, identifierScalar } from './identifier';

/**
 * An e-RS binary id: the `<id>` of an attachment's `Binary/<id>` URL (the spec's BinaryId path
 * parameter: a UUID, e.g. "c5d2d200-7613-4a69-9c5f-1bb68e04b8d8", or the legacy "att-70000-70001"),
 * a FHIR id with a letter or digit first. It goes into A042's path and GET /attachments/{binaryId}.
 */
export const BINARY_ID: IdentifierFormat = {
  name: 'BinaryId',
  pattern: FHIR_ID_PATTERN,
  description: 'an e-RS binary id (a UUID or e.g. "att-70000-70001")',
};

/** `Binary/<binary id>`: what A020 answers and what letters, triage outcomes and A&G messages refer to. */
export const BINARY_URL: IdentifierFormat = {
  name: 'BinaryUrl',
  pattern: new RegExp(`^Binary/${FHIR_ID_PATTERN.source.slice(1)}`),
  description: 'a "Binary/<id>" reference from POST /attachments or uploadAttachment',
};

const BINARY_URL_END = new RegExp(`(?:^|/)Binary/(${FHIR_ID_PATTERN.source.replace(/^\^|\$$/g, '')})$`);

/**
 * The binary id of an attachment URL as e-RS sends it ("Binary/<id>", or an absolute URL ending
 * so, e.g. A020's Location), or null when it ends in no valid binary id.
 */
export function binaryIdOf(url: string | null | undefined): string | null {
  return BINARY_URL_END.exec(url?.trim() ?? '')?.[1] ?? null;
}

/** A `Binary/<id>` reference to an uploaded file, checked before any e-RS call. */
export const BinaryUrlScalar = identifierScalar(
  BINARY_URL,
  'A file uploaded to e-RS, as POST /attachments and uploadAttachment return it: "Binary/<id>".',
);
