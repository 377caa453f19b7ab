import { registerEnumType } from 'type-graphql';

/**
 * Whether an attachment can be downloaded (Extension-eRS-AvailabilityStatus-1, code system
 * https://fhir.nhs.uk/STU3/CodeSystem/eRS-AvailabilityStatus-1). TS values are the e-RS codes.
 */
export enum AttachmentAvailability {
  AVAILABLE = 'AVAILABLE',
  PENDING = 'PENDING',
  THREATS_FOUND = 'THREATS_FOUND',
  VALIDATION_FAILED = 'VALIDATION_FAILED',
}

registerEnumType(AttachmentAvailability, {
  name: 'AttachmentAvailability',
  description: 'Whether an attachment can be downloaded yet (only AVAILABLE files can be).',
  valuesConfig: {
    AVAILABLE: { description: 'The file is available for download.' },
    PENDING: {
      description: 'The file is still being scanned and cannot be retrieved. Wait at least 5 minutes before checking again.',
    },
    THREATS_FOUND: {
      description: 'The file was quarantined after a threat was detected. Contact the organisation that attached it (attachedByOdsCode).',
    },
    VALIDATION_FAILED: {
      description:
        'The file failed validation (unsupported or mismatched content type, or too large). Contact the organisation that attached it.',
    },
  },
});
