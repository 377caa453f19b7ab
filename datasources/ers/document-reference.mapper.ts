import { Attachment } from '../../schema/attachment.type';
import { AttachmentAvailability } from '../../schema/attachment-availability.enum';
import { toCode } from './code.mapper';
import {
  FhirElement,
  build,
  child,
  elements,
  findExtension,
  isElement,
  readCoding,
  readIdentifier,
  readInteger,
  readReference,
  readDate,
  readDateTime,
  readString,
  referenceId,
} from './fhir';

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';

/** The e-RS extensions of an attachment (on content.attachment, or on its DocumentReference). */
export const ATTACHMENT_EXTENSIONS = {
  availabilityStatus: `${SD}Extension-eRS-AvailabilityStatus-1`,
  attachedByUserId: `${SD}Extension-eRS-AttachedBy-1`,
  attachedByOdsCode: `${SD}Extension-eRS-AttachedByOrganisation-1`,
  attachedOnBehalfOfUserId: `${SD}Extension-eRS-AttachedOnBehalfOf-1`,
} as const;

/**
 * Maps an e-RS STU3 DocumentReference (eRS-DocumentReference-1: contained in an A&G request,
 * or an entry of the A025 conversation bundle) to one `Attachment` per content item, the same
 * way as the DocumentReferences a referral contains. Never throws: a non-object gives [].
 */
export function mapDocumentReference(documentReference: unknown): Attachment[] {
  if (!isElement(documentReference)) return [];
  const contents = elements(documentReference.content);
  const attachments = contents.length > 0 ? contents.map((content) => child(content, 'attachment') ?? {}) : [{}];
  return attachments.map((attachment) => {
    // The e-RS extensions sit on the attachment; accept them on the DocumentReference too.
    const extension = (url: string): FhirElement | null => findExtension(attachment, url) ?? findExtension(documentReference, url);
    return build(Attachment, {
      id: readString(attachment.id),
      documentReferenceId: readString(documentReference.id),
      url: readString(attachment.url),
      title: readString(attachment.title),
      contentType: readString(attachment.contentType),
      size: readInteger(attachment.size),
      description: readString(documentReference.description),
      type: toCode(documentReference.type),
      created: readDate(attachment.creation),
      attachedAt: readDateTime(documentReference.indexed),
      availability: availability(extension(ATTACHMENT_EXTENSIONS.availabilityStatus)),
      attachedByUserId: extensionIdentifier(extension(ATTACHMENT_EXTENSIONS.attachedByUserId)),
      attachedByOdsCode: extensionIdentifier(extension(ATTACHMENT_EXTENSIONS.attachedByOdsCode)),
      attachedOnBehalfOfUserId: extensionIdentifier(extension(ATTACHMENT_EXTENSIONS.attachedOnBehalfOfUserId)),
    });
  });
}

function availability(extension: FhirElement | null): AttachmentAvailability | null {
  // The e-RS documentation also spells it "THREATS FOUND".
  const code = readCoding(extension)
    ?.code?.trim()
    .toUpperCase()
    .replace(/[\s-]+/g, '_');
  if (!code) return null;
  return (Object.values(AttachmentAvailability) as string[]).includes(code) ? (code as AttachmentAvailability) : null;
}

/** The identifier value an extension carries as valueIdentifier or valueReference (identifier or reference). */
export function extensionIdentifier(extension: FhirElement | null): string | null {
  if (!extension) return null;
  return (
    readIdentifier(extension.valueIdentifier)?.value ??
    readIdentifier(child(extension, 'valueReference'))?.value ??
    referenceId(readReference(extension.valueReference)) ??
    readString(extension.valueString)
  );
}
