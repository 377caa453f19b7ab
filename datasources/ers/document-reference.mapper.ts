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
  readString,
  referenceId,
} from './fhir';
import { REFERRAL_EXTENSIONS } from './referral.mapper';

/**
 * Maps an e-RS STU3 DocumentReference (eRS-DocumentReference-1: contained in an A&G request,
 * or an entry of the A025 conversation bundle) to one `Attachment` per content item, the same
 * way the referral mapper maps the DocumentReferences a referral contains. Never throws: a
 * non-object gives [].
 */
export function mapDocumentReference(documentReference: unknown): Attachment[] {
  if (!isElement(documentReference)) return [];
  const contents = elements(documentReference.content);
  const attachments = contents.length > 0 ? contents.map((content) => child(content, 'attachment') ?? {}) : [{}];
  return attachments.map((attachment) => {
    // The e-RS extensions sit on the attachment; accept them on the DocumentReference too.
    const extension = (url: string): FhirElement | null =>
      findExtension(attachment, url) ?? findExtension(documentReference, url);
    return build(Attachment, {
      id: readString(attachment.id),
      documentReferenceId: readString(documentReference.id),
      url: readString(attachment.url),
      title: readString(attachment.title),
      contentType: readString(attachment.contentType),
      size: readInteger(attachment.size),
      description: readString(documentReference.description),
      type: toCode(documentReference.type),
      created: readString(attachment.creation),
      attachedAt: readString(documentReference.indexed),
      availability: availability(extension(REFERRAL_EXTENSIONS.availabilityStatus)),
      attachedBy: extensionIdentifier(extension(REFERRAL_EXTENSIONS.attachedBy)),
      attachedByOrganisation: extensionIdentifier(extension(REFERRAL_EXTENSIONS.attachedByOrganisation)),
      attachedOnBehalfOf: extensionIdentifier(extension(REFERRAL_EXTENSIONS.attachedOnBehalfOf)),
    });
  });
}

function availability(extension: FhirElement | null): AttachmentAvailability | null {
  const code = readCoding(extension)?.code?.trim().toUpperCase().replace(/[\s-]+/g, '_');
  if (!code) return null;
  return (Object.values(AttachmentAvailability) as string[]).includes(code) ? (code as AttachmentAvailability) : null;
}

function extensionIdentifier(extension: FhirElement | null): string | null {
  if (!extension) return null;
  return (
    readIdentifier(child(extension, 'valueReference'))?.value ??
    readIdentifier(extension.valueIdentifier)?.value ??
    referenceId(readReference(extension.valueReference)) ??
    readString(extension.valueString)
  );
}
