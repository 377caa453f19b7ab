import { ATTACHMENT_EXTENSIONS, extensionIdentifier, mapDocumentReference } from './document-reference.mapper';
import { AppointmentStatus } from '../../schema/appointment-status.enum';
import { AppointmentSummary } from '../../schema/appointment-summary.type';
import { Code } from '../../schema/code.type';
import { Referral } from '../../schema/referral.type';
import { ReferralRequester } from '../../schema/referral-requester.type';
import { ReferralState } from '../../schema/referral-state.enum';
import { ReferralStateInfo } from '../../schema/referral-state-info.type';
import { ReferralStatus } from '../../schema/referral-status.enum';
import { ServiceSearchCriteria } from '../../schema/service-search-criteria.type';
import { ShortlistEntry } from '../../schema/shortlist-entry.type';
import { toCode } from './code.mapper';
import {
  FhirElement,
  asArray,
  build,
  child,
  elements,
  expectResource,
  findContained,
  findExtension,
  findExtensions,
  isElement,
  readCoding,
  readDateTime,
  readDateValue,
  readIdentifier,
  readInteger,
  readBoolean,
  readReference,
  readString,
  referenceId,
  resourceVersion,
  stringAt,
} from './fhir';
import { toEnum } from './code.mapper';
import { ReferralPriority } from '../../schema/referral-priority.enum';

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';

/**
 * The e-RS extensions of an eRS-ReferralRequest-1 (and of what it contains) that the mapper
 * reads. URLs are matched without their version suffix (see `extensionUrlMatches`).
 */
export const REFERRAL_EXTENSIONS = {
  referralShortlist: `${SD}Extension-eRS-ReferralShortlist-1`,
  commissioningRuleOrg: `${SD}Extension-eRS-Commissioning-Rule-Org-1`,
  referralPriority: `${SD}Extension-eRS-ReferralPriority-1`,
  referralState: `${SD}Extension-eRS-ReferralState-1`,
  appointment: `${SD}Extension-eRS-Appointment-1`,
  clinicalInfoFirstSubmitted: `${SD}Extension-eRS-ClinicalInfoFirstSubmitted-1`,
  clinicalInfoLastUpdated: `${SD}Extension-eRS-ClinicalInfoLastUpdated-1`,
  appointmentReference: `${SD}Extension-eRS-Appointment-Reference-1`,
  /** The schema file is "Extension-eRS-AdditionalRequirement"; e-RS sends this URL. */
  patientAdditionalRequirement: `${SD}Extension-eRS-PatientAdditionalRequirement-1`,
  additionalRequirement: `${SD}Extension-eRS-AdditionalRequirement-1`,
  pathwayStart: `${SD}Extension-eRS-eReferralPathwayStart-1`,
  shortlistSearchCriteria: `${SD}Extension-eRS-Shortlist-SearchCriteria-1`,
  ...ATTACHMENT_EXTENSIONS,
} as const;

/** Identifier systems by their last path segment, so http/https and fhir.nhs.net/.uk variants all match. */
function systemIs(system: string | null, name: string): boolean {
  if (!system) return false;
  return (system.split('/').pop() ?? '').toLowerCase() === name;
}

/**
 * Maps an e-RS STU3 ReferralRequest (A005, `GET /STU3/ReferralRequest/{ubrn}` and
 * `/_history/{version}`) to a `Referral`. Pure; throws FhirMappingError only when `resource`
 * is not a ReferralRequest. `etag` supplies the version when meta.versionId is missing.
 */
export function mapReferralRequest(resource: unknown, etag?: string): Referral {
  const referral = expectResource(resource, 'ReferralRequest');
  const ubrn = stringAt(referral, 'id') ?? identifierWithSystem(referral.identifier, 'ubrn') ?? '';

  const shortlist = findContained(referral, findExtension(referral, REFERRAL_EXTENSIONS.referralShortlist)?.valueReference, 'List');
  const criteriaResource = searchCriteriaResource(referral, shortlist);
  const searchCriteria = criteriaResource ? mapSearchCriteria(criteriaResource) : null;
  const shortlistEntries = shortlist ? mapShortlistEntries(shortlist) : [];

  const appointmentExtension = findExtension(referral, REFERRAL_EXTENSIONS.appointment);
  const appointmentResource = findContained(referral, appointmentExtension?.valueReference, 'Appointment');
  const appointment = appointmentResource ? mapAppointment(appointmentResource) : null;

  const links = pathwayLinks(referral, ubrn);
  const clinicTypes = criteriaResource
    ? parameters(criteriaResource, 'clinicType')
        .map((parameter) => toCode(parameter))
        .filter((code): code is Code => code !== null)
    : [];

  return build(Referral, {
    ubrn,
    version: resourceVersion(referral, etag),
    fhir: referral,
    status: enumValue(ReferralStatus, readString(referral.status)),
    intent: readString(referral.intent),
    state: mapState(findExtension(referral, REFERRAL_EXTENSIONS.referralState)),
    priority: toEnum(ReferralPriority, findExtension(referral, REFERRAL_EXTENSIONS.referralPriority)) ?? searchCriteria?.priority ?? null,
    specialty: toCode(referral.specialty) ?? searchCriteria?.specialty ?? null,
    clinicTypes,
    patientNhsNumber: patientNhsNumber(referral.subject),
    pathwayStart: readDateTime(readDateValue(findExtension(referral, REFERRAL_EXTENSIONS.pathwayStart))),
    clinicalInfoFirstSubmitted: readDateTime(readDateValue(findExtension(referral, REFERRAL_EXTENSIONS.clinicalInfoFirstSubmitted))),
    clinicalInfoLastUpdated: readDateTime(readDateValue(findExtension(referral, REFERRAL_EXTENSIONS.clinicalInfoLastUpdated))),
    shortlistEntries,
    searchCriteria,
    appointmentSummary: appointment,
    appointmentId: appointmentId(referral, appointmentExtension),
    attachments: elements(referral.contained)
      .filter((item) => item.resourceType === 'DocumentReference')
      .flatMap(mapDocumentReference),
    additionalRequirements: findExtensions(
      referral,
      REFERRAL_EXTENSIONS.patientAdditionalRequirement,
      REFERRAL_EXTENSIONS.additionalRequirement,
    )
      .map((extension) => toCode(extension))
      .filter((code): code is Code => code !== null),
    commissioningRuleOrganisationOdsCode: extensionIdentifier(findExtension(referral, REFERRAL_EXTENSIONS.commissioningRuleOrg)),
    requestId: identifierWithSystem(referral.identifier, 'ers-request-id'),
    supportingInfoReferences: asArray(referral.supportingInfo)
      .map(readReference)
      .filter((reference): reference is string => reference !== null),
    relatedReferralUbrns: links.related,
    convertedFromAdviceAndGuidanceUbrn: links.convertedFrom,
    requester: mapRequester(referral.requester),
    shortlistServiceIds: unique(shortlistEntries.map((entry) => entry.serviceId)),
    bookedServiceId: appointment?.serviceId ?? null,
  });
}

/** `value` if it is one of the enum's values, else null (an unknown code must not fail the field). */
function enumValue<E extends Record<string, string>>(enumType: E, value: string | null): E[keyof E] | null {
  if (value === null) return null;
  const values = Object.values(enumType) as string[];
  return values.includes(value) ? (value as E[keyof E]) : null;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function identifierWithSystem(identifiers: unknown, systemName: string): string | null {
  for (const item of asArray(identifiers)) {
    const identifier = readIdentifier(item);
    if (identifier && systemIs(identifier.system, systemName)) return identifier.value;
  }
  return null;
}

function patientNhsNumber(subject: unknown): string | null {
  const identifier = readIdentifier(subject);
  if (identifier && (identifier.system === null || systemIs(identifier.system, 'nhs-number'))) {
    return identifier.value;
  }
  const fromReference = referenceId(readReference(subject));
  return fromReference && /^\d{10}$/.test(fromReference) ? fromReference : null;
}

function mapState(extension: FhirElement | null): ReferralStateInfo | null {
  if (!extension) return null;
  const state = readCoding(findExtension(extension, 'state'));
  if (!state) return null;
  const commentExtension = findExtension(extension, 'comments', 'comment');
  return build(ReferralStateInfo, {
    state: enumValue(ReferralState, state.code),
    reason: toCode(findExtension(extension, 'reason')),
    comment: commentExtension ? readString(commentExtension.valueString) : null,
  });
}

function searchCriteriaResource(referral: FhirElement, shortlist: FhirElement | null): FhirElement | null {
  const reference = findExtension(shortlist, REFERRAL_EXTENSIONS.shortlistSearchCriteria)?.valueReference;
  // The criteria are contained in the referral; accept them contained in the List too.
  return findContained(referral, reference, 'Parameters') ?? findContained(shortlist, reference, 'Parameters');
}

/** The parameters of a Parameters resource with `name` (case-insensitive). */
function parameters(resource: FhirElement, name: string): FhirElement[] {
  const wanted = name.toLowerCase();
  return elements(resource.parameter).filter((parameter) => readString(parameter.name)?.toLowerCase() === wanted);
}

function mapSearchCriteria(resource: FhirElement): ServiceSearchCriteria {
  const first = (name: string): FhirElement | null => parameters(resource, name)[0] ?? null;
  const code = (name: string, defaultSystem = ''): Code | null => toCode(first(name), defaultSystem);
  const integer = (name: string): number | null => {
    const parameter = first(name);
    return parameter
      ? readInteger(parameter.valueUnsignedInt ?? parameter.valueInteger ?? parameter.valuePositiveInt ?? parameter.valueDecimal)
      : null;
  };
  const text = (name: string): string | null => readString(first(name)?.valueString);
  const identifier = (name: string): string | null => {
    const parameter = first(name);
    return parameter ? extensionIdentifier(parameter) : null;
  };
  return build(ServiceSearchCriteria, {
    priority: toEnum(ReferralPriority, first('priority')),
    specialty: code('specialty'),
    clinicType: code('clinicType'),
    clinicalTerm: code('clinicalTerm'),
    indicativeAppointmentWaitTimeLimit: integer('indicativeAppointmentWaitTimeLimit'),
    postcode: text('postcode'),
    distanceLimit: integer('distanceLimit'),
    namedClinicianUserId: identifier('namedClinician'),
    ageAndSexAppropriate: readBoolean((first('ageAndGenderAppropriate') ?? first('ageAndSexAppropriate'))?.valueBoolean),
    commissioningProvisioning: code('commissioningProvisioning'),
    organisationOdsCode: identifier('organisation'),
    place: text('place'),
  });
}

function mapShortlistEntries(list: FhirElement): ShortlistEntry[] {
  const entries: ShortlistEntry[] = [];
  for (const entry of elements(list.entry)) {
    const item = child(entry, 'item');
    if (!item) continue;
    const serviceId = readIdentifier(item.identifier)?.value ?? referenceId(readReference(item));
    if (!serviceId) continue;
    entries.push(build(ShortlistEntry, { serviceId, serviceName: readString(item.display) }));
  }
  return entries;
}

function mapAppointment(appointment: FhirElement): AppointmentSummary {
  let serviceId: string | null = null;
  let serviceName: string | null = null;
  let clinicianUserId: string | null = null;
  for (const participant of elements(appointment.participant)) {
    const actor = child(participant, 'actor');
    if (!actor) continue;
    const identifier = readIdentifier(actor.identifier);
    const reference = readReference(actor);
    const isService = systemIs(identifier?.system ?? null, 'ers-service') || (reference?.startsWith('HealthcareService/') ?? false);
    // participant.type is an array in FHIR but e-RS sends a single object (A005 known issue).
    const isClinician =
      systemIs(identifier?.system ?? null, 'sds-user-id') || asArray(participant.type).some((type) => readCoding(type)?.code === 'CON');
    if (isService && serviceId === null) {
      serviceId = identifier?.value ?? referenceId(reference);
      serviceName = readString(actor.display);
    } else if (isClinician && clinicianUserId === null) {
      clinicianUserId = identifier?.value ?? referenceId(reference);
    }
  }
  return build(AppointmentSummary, {
    status: enumValue(AppointmentStatus, readString(appointment.status)),
    start: readDateTime(appointment.start),
    end: readDateTime(appointment.end),
    created: readDateTime(appointment.created),
    reason: toCode(appointment.reason),
    comment: readString(appointment.comment),
    slotReference:
      asArray(appointment.slot)
        .map(readReference)
        .find((reference) => reference !== null) ?? null,
    serviceId,
    serviceName,
    allocatedClinicianUserId: clinicianUserId,
    version: stringAt(child(appointment, 'meta'), 'versionId'),
  });
}

function appointmentId(referral: FhirElement, appointmentExtension: FhirElement | null): string | null {
  const fromReference = extensionIdentifier(findExtension(referral, REFERRAL_EXTENSIONS.appointmentReference));
  if (fromReference) return fromReference;
  // An Appointment extension pointing at a resource (not a contained one) also names it.
  const reference = readReference(appointmentExtension?.valueReference);
  return reference && !reference.startsWith('#') ? referenceId(reference) : null;
}

function mapRequester(value: unknown): ReferralRequester | null {
  if (!isElement(value)) return null;
  // STU3: requester.agent (+ onBehalfOf); accept a plain Reference (R4 style) as the agent.
  const agent = child(value, 'agent') ?? ('identifier' in value || 'reference' in value ? value : null);
  const onBehalfOf = child(value, 'onBehalfOf');
  let userId: string | null = null;
  let organisationOdsCode: string | null = null;
  const classify = (reference: FhirElement | null, defaultKind: 'user' | 'organisation'): void => {
    if (!reference) return;
    for (const item of asArray(reference.identifier)) {
      const identifier = readIdentifier(item);
      if (!identifier) continue;
      const kind = systemIs(identifier.system, 'sds-user-id')
        ? 'user'
        : identifier.system && /ods-/.test(identifier.system)
          ? 'organisation'
          : defaultKind;
      if (kind === 'user') userId ??= identifier.value;
      else organisationOdsCode ??= identifier.value;
    }
    const text = readReference(reference);
    if (text) {
      const id = referenceId(text);
      if (/^(Organization|Organisation)\//.test(text)) organisationOdsCode ??= id;
      else if (/^(Practitioner|PractitionerRole)\//.test(text)) userId ??= id;
    }
  };
  classify(agent, 'user');
  classify(onBehalfOf, 'organisation');
  const display = readString(agent?.display) ?? readString(onBehalfOf?.display);
  if (userId === null && organisationOdsCode === null && display === null) return null;
  return build(ReferralRequester, { userId, organisationOdsCode, display });
}

/** `ReferralRequest/<ubrn>` or `CommunicationRequest/<ubrn>`, optionally absolute and versioned. */
const SUPPORTING_LINK = /^(?:[a-z][a-z0-9+.-]*:\/\/[^\s]*\/)?(ReferralRequest|CommunicationRequest)\/(\d{12})(?:\/_history\/[^/\s]+)?$/;

/**
 * Related referrals of the pathway and the A&G request a referral was converted from, where e-RS
 * lists them: in `supportingInfo`, beside the contained letters (`#DocumentReference-…`), as
 * `ReferralRequest/<ubrn>` (a related referral of the same pathway) and
 * `CommunicationRequest/<ubrn>` (the A&G request it was converted from; A027's own example answers
 * with a referral of the same UBRN as its A&G request, so that one is kept). A version suffix
 * (`/_history/<n>`) or an absolute base URL before the type is allowed. Nothing else is read:
 * e-RS puts neither in `basedOn`, `replaces` nor an extension.
 */
function pathwayLinks(referral: FhirElement, ownUbrn: string): { related: string[]; convertedFrom: string | null } {
  const related: string[] = [];
  const convertedFrom: string[] = [];
  for (const item of asArray(referral.supportingInfo)) {
    const reference = readReference(item);
    const link = reference === null ? null : SUPPORTING_LINK.exec(reference);
    if (!link) continue;
    const [, type, ubrn] = link;
    if (type === 'ReferralRequest') {
      if (ubrn !== ownUbrn) related.push(ubrn);
    } else convertedFrom.push(ubrn);
  }
  return { related: unique(related), convertedFrom: convertedFrom[0] ?? null };
}
