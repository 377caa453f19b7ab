/** An already uploaded file (A020) to associate with a referral, an A&G request or a response. */
export interface AttachmentInput {
  /** The Binary reference A020 returned, e.g. `Binary/19eb7224-dff3-4730-a5cb-67eac811f1a5`. */
  url: string;
  /** When the document was indexed (FHIR instant, e.g. `2021-06-24T13:05:03.652Z`). */
  indexedAt: string;
  /** What the file is, as shown to the recipient. */
  description?: string;
}

/** eRS-AttachmentType-1 codes a request may carry (the type decides who the file is from). */
export type AttachmentTypeCode = 'REFERRER' | 'PROVIDER' | 'ADVICE_REQUEST' | 'GUIDANCE_RESPONSE';

const PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-DocumentReference-1';
const ATTACHMENT_TYPE = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AttachmentType-1';

/**
 * The eRS-DocumentReference-1 a write request embeds for an uploaded file: only the elements the
 * request schemas allow (`type`, `status`, `indexed`, `description`, `content[0].attachment.url`).
 */
export function buildDocumentReference(type: AttachmentTypeCode, attachment: AttachmentInput): Record<string, unknown> {
  const resource: Record<string, unknown> = {
    meta: { profile: [PROFILE] },
    resourceType: 'DocumentReference',
    type: { coding: [{ system: ATTACHMENT_TYPE, code: type }] },
    status: 'current',
    indexed: attachment.indexedAt,
  };
  if (attachment.description !== undefined) resource.description = attachment.description;
  resource.content = [{ attachment: { url: attachment.url } }];
  return resource;
}

/** A Parameters entry `{ name, resource: DocumentReference }` per attachment, in the order given. */
export function attachmentParameters(name: string, type: AttachmentTypeCode, attachments: readonly AttachmentInput[] | undefined) {
  return (attachments ?? []).map((attachment) => ({ name, resource: buildDocumentReference(type, attachment) }));
}
