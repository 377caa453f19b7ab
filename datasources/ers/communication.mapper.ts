import { AdviceAndGuidanceMessage } from '../../schema/advice-and-guidance.type';
import { ActingUser } from '../../schema/acting-user.type';
import { toEnum } from './code.mapper';
import { CommunicationSentBy } from '../../schema/advice-and-guidance-status.enum';
import { COMMUNICATION_REQUEST_EXTENSIONS, recipientServiceId } from './communication-request.mapper';
import { mapDocumentReference } from './document-reference.mapper';
import {
  FhirElement,
  asArray,
  build,
  bundleResources,
  child,
  elements,
  expectResource,
  findExtension,
  readIdentifier,
  readReference,
  readDateTime,
  readString,
  referenceId,
} from './fhir';
import { mapActingUser } from './practitioner-role.mapper';

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';

/** The e-RS extensions of an eRS-Communication-1 (matched without their version suffix). */
export const COMMUNICATION_EXTENSIONS = {
  /** On the Communication: who the message was sent at the request of (seen in e-RS examples). */
  communicationRequester: `${SD}Extension-Communication-Requester-1`,
  /** On `sender`: the PractitionerRole of the author. */
  practitionerRoleReference: COMMUNICATION_REQUEST_EXTENSIONS.practitionerRoleReference,
  /** On `recipient`: the service a referrer's message was sent to. */
  healthcareServiceReference: COMMUNICATION_REQUEST_EXTENSIONS.healthcareServiceReference,
} as const;

/**
 * Maps the A025 response (`GET /STU3/Communication?based-on=CommunicationRequest/{ubrn}...`, an
 * STU3 Bundle of eRS-Communication-1 with the PractitionerRoles and DocumentReferences it
 * includes) to the conversation's messages, oldest first (bundle order when `sent` ties;
 * messages without `sent` last). Throws FhirMappingError only when `bundle` is not a Bundle.
 */
export function mapAdviceAndGuidanceConversation(bundle: unknown): AdviceAndGuidanceMessage[] {
  const resource = expectResource(bundle, 'Bundle');
  const roles = bundleResources(resource, 'PractitionerRole');
  const documents = bundleResources(resource, 'DocumentReference');
  const messages = bundleResources(resource, 'Communication').map((communication, index) => ({
    index,
    message: mapMessage(communication, roles, documents),
  }));
  return messages.sort((a, b) => compareSent(a.message.sentAt, b.message.sentAt) || a.index - b.index).map(({ message }) => message);
}

function mapMessage(communication: FhirElement, roles: FhirElement[], documents: FhirElement[]): AdviceAndGuidanceMessage {
  const author = userFor(child(communication, 'sender'), roles);
  const basedOn =
    asArray(communication.basedOn)
      .map(readReference)
      .find((reference) => reference !== null) ?? null;
  const recipientOds = elements(communication.recipient)
    .map((recipient) => readIdentifier(recipient.identifier))
    .find((identifier) => identifier !== null && !/ers-service/i.test(identifier.system ?? ''));
  return build(AdviceAndGuidanceMessage, {
    id: readString(communication.id) ?? '',
    sentAt: readDateTime(communication.sent),
    sentBy: toEnum(CommunicationSentBy, communication.category),
    author,
    requester: userFor(findExtension(communication, COMMUNICATION_EXTENSIONS.communicationRequester), roles),
    organisationOdsCode: author?.odsCode ?? null,
    recipientServiceId: recipientServiceId(communication.recipient),
    recipientOdsCode: recipientOds?.value ?? null,
    text: messageText(communication),
    attachments: asArray(communication.payload)
      .map((payload) => readReference(child(payload, 'contentReference')))
      .filter((reference): reference is string => reference !== null)
      .flatMap((reference) => mapDocumentReference(findById(documents, reference))),
    fhir: communication,
    adviceAndGuidanceUbrn: /CommunicationRequest/i.test(basedOn ?? '') ? referenceId(basedOn) : null,
    adviceAndGuidanceVersion: /\/_history\/([^/]+)/.exec(basedOn ?? '')?.[1] ?? null,
  });
}

/** The notes' text (one note per e-RS message; several are joined by blank lines), else payload contentString. */
function messageText(communication: FhirElement): string | null {
  const notes = elements(communication.note)
    .map((note) => readString(note.text))
    .filter((text): text is string => text !== null);
  if (notes.length > 0) return notes.join('\n\n');
  const strings = elements(communication.payload)
    .map((payload) => readString(payload.contentString))
    .filter((text): text is string => text !== null);
  return strings.length > 0 ? strings.join('\n\n') : null;
}

/**
 * The ActingUser an element (sender, or the requester extension) names: through
 * Extension-PractitionerRole-Reference-1 or its own valueReference / reference, looked up
 * among the PractitionerRoles the bundle includes.
 */
function userFor(element: FhirElement | null, roles: FhirElement[]): ActingUser | null {
  if (!element) return null;
  const extension = findExtension(element, COMMUNICATION_EXTENSIONS.practitionerRoleReference);
  const reference = readReference(extension?.valueReference) ?? readReference(element);
  if (!reference) return null;
  return mapActingUser(findById(roles, reference));
}

/** The resource among `resources` a reference ("DocumentReference/70000", "#70000", a full URL) points at. */
function findById(resources: FhirElement[], reference: string): FhirElement | null {
  const id = referenceId(reference);
  return resources.find((resource) => readString(resource.id) === id) ?? null;
}

/** Oldest first; a message without a readable `sent` goes after those with one. */
function compareSent(a: string | null, b: string | null): number {
  const ta = a === null ? Number.NaN : Date.parse(a);
  const tb = b === null ? Number.NaN : Date.parse(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return Number.isNaN(ta) ? (Number.isNaN(tb) ? 0 : 1) : -1;
  return ta - tb;
}
