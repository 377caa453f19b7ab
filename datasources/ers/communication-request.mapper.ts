import { AdviceAndGuidanceRequest } from '../../schema/advice-and-guidance.type';
import { toCode } from './code.mapper';
import { mapDocumentReference } from './document-reference.mapper';
import {
  FhirElement,
  asArray,
  build,
  child,
  elements,
  expectResource,
  findContained,
  findExtension,
  isElement,
  readIdentifier,
  readReference,
  readString,
  referenceId,
  resourceVersion,
} from './fhir';
import { mapActingUser } from './practitioner-role.mapper';
import { REFERRAL_EXTENSIONS, mapReferralRequest } from './referral.mapper';
import { toEnum, toEnumValue } from './code.mapper';
import { ReferralPriority } from '../../schema/referral-priority.enum';
import { AdviceAndGuidanceConversationStatus, AdviceAndGuidanceRequestStatus } from '../../schema/advice-and-guidance-status.enum';

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';

/** The e-RS extensions of an eRS-CommunicationRequest-1 (matched without their version suffix). */
export const COMMUNICATION_REQUEST_EXTENSIONS = {
  referralShortlist: REFERRAL_EXTENSIONS.referralShortlist,
  referralPriority: REFERRAL_EXTENSIONS.referralPriority,
  providerConversionAuthorisation: `${SD}Extension-eRS-ProviderConversionAuthorisation-1`,
  specialty: `${SD}Extension-eRS-Specialty-1`,
  healthcareServiceReference: `${SD}Extension-HealthcareService-Reference-1`,
  practitionerRoleReference: `${SD}Extension-PractitionerRole-Reference-1`,
} as const;

/**
 * Maps an e-RS STU3 CommunicationRequest (A024, `GET /STU3/CommunicationRequest/{ubrn}` and
 * `/_history/{version}`) to an `AdviceAndGuidanceRequest`. `etag` supplies the version when
 * meta.versionId is missing. Throws FhirMappingError only when `resource` is not a CommunicationRequest.
 */
export function mapCommunicationRequest(resource: unknown, etag?: string): AdviceAndGuidanceRequest {
  const request = expectResource(resource, 'CommunicationRequest');
  // The shortlist, its search criteria and the priority use the same e-RS profiles and
  // extensions as a referral's: read them with the referral mapper rather than a second copy.
  const asReferral = mapReferralRequest({
    resourceType: 'ReferralRequest',
    id: request.id,
    meta: request.meta,
    contained: request.contained,
    extension: request.extension,
  });
  const authorisation = toCode(findExtension(request, COMMUNICATION_REQUEST_EXTENSIONS.providerConversionAuthorisation));
  const requester = child(request, 'requester');
  return build(AdviceAndGuidanceRequest, {
    ubrn: readString(request.id) ?? '',
    version: resourceVersion(request, etag),
    fhir: request,
    status: toEnumValue(AdviceAndGuidanceRequestStatus, request.status),
    conversationStatus: toEnum(AdviceAndGuidanceConversationStatus, request.category),
    priority: toEnum(ReferralPriority, findExtension(request, COMMUNICATION_REQUEST_EXTENSIONS.referralPriority)),
    specialty: toCode(findExtension(request, COMMUNICATION_REQUEST_EXTENSIONS.specialty)) ?? asReferral.searchCriteria?.specialty ?? null,
    clinicTypes: asReferral.clinicTypes,
    conversionAuthorised: conversionAuthorised(authorisation?.code ?? null),
    conversionAuthorisation: authorisation,
    patientNhsNumber: nhsNumber(request.subject),
    serviceId: recipientServiceId(request.recipient) ?? asReferral.shortlistServiceIds[0] ?? null,
    shortlistEntries: asReferral.shortlistEntries,
    searchCriteria: asReferral.searchCriteria,
    requester: actingUser(request, child(requester, 'agent') ?? requester),
    sender: actingUser(request, child(request, 'sender')),
    attachments: elements(request.contained)
      .filter((item) => item.resourceType === 'DocumentReference')
      .flatMap(mapDocumentReference),
    requestId:
      asArray(request.identifier)
        .map(readIdentifier)
        .find((identifier) => identifier !== null)?.value ?? null,
    shortlistServiceIds: asReferral.shortlistServiceIds,
  });
}

function conversionAuthorised(code: string | null): boolean | null {
  if (code === 'AUTHORISED_TO_CONVERT') return true;
  if (code === 'NOT_AUTHORISED_TO_CONVERT') return false;
  return null;
}

function nhsNumber(subject: unknown): string | null {
  const identifier = readIdentifier(isElement(subject) ? subject.identifier : null);
  if (identifier) return identifier.value;
  const id = referenceId(readReference(subject));
  return id && /^\d{10}$/.test(id) ? id : null;
}

/** The service id of the first recipient (Extension-HealthcareService-Reference-1, or a plain reference). */
export function recipientServiceId(recipients: unknown): string | null {
  for (const recipient of elements(recipients)) {
    const extension = findExtension(recipient, COMMUNICATION_REQUEST_EXTENSIONS.healthcareServiceReference);
    if (extension) {
      const id =
        readIdentifier(child(extension, 'valueReference')?.identifier)?.value ?? referenceId(readReference(extension.valueReference));
      if (id) return id;
    }
    const reference = readReference(recipient);
    if (reference && /HealthcareService\//.test(reference)) return referenceId(reference);
  }
  return null;
}

/**
 * The ActingUser an element (sender, requester.agent) names through
 * Extension-PractitionerRole-Reference-1 (or its own reference), looking the PractitionerRole up
 * among the contained resources.
 */
function actingUser(request: FhirElement, element: FhirElement | null): ReturnType<typeof mapActingUser> {
  if (!element) return null;
  const reference = child(findExtension(element, COMMUNICATION_REQUEST_EXTENSIONS.practitionerRoleReference), 'valueReference') ?? element;
  const text = readReference(reference);
  if (!text) return null;
  const role = findContained(request, text, 'PractitionerRole');
  // findContained falls back to the first PractitionerRole: only an exact match is this user.
  const id = text.startsWith('#') ? text.slice(1) : referenceId(text);
  return role && readString(role.id) === id ? mapActingUser(role) : null;
}
