import { IdentifierFormat, identifierScalar } from './identifier';

/**
 * An ODS code of an organisation or site (e.g. "R69", "RCF01"): capital letters and digits. It goes
 * into A015's NHSD-eRS-Comm-Rule-Org header and into search and worklist bodies.
 */
export const ODS_CODE: IdentifierFormat = {
  name: 'OdsCode',
  pattern: /^[A-Z0-9]{3,10}$/,
  description: 'an ODS code (3 to 10 capital letters or digits)',
};

/** An ODS code, checked before any e-RS call. */
export const OdsCodeScalar = identifierScalar(
  ODS_CODE,
  'An ODS code of an organisation or site: 3 to 10 capital letters or digits (e.g. "R69").',
);
