/**
 * Renders a referral version as an eRS-ReferralRequest-1 (A005;
 * components/stu3/schemas/eRS-ReferralRequest.yaml and everything it references).
 */
import {
  type Appointment,
  type Attachment,
  findAttachment,
  findPractitioner,
  findService,
  type ReasonCoding,
  type Referral,
  REFERRAL_STATE_DISPLAY,
  type ReferralSnapshot,
  type SearchCriteria,
  type World,
} from '../data/world';
import { EXTENSION, type FhirJson, PROFILE, referenceCodeSystemUrl, STU3_CODE_SYSTEM, SYSTEM } from './systems';

export interface RenderContext {
  /** The FHIR base URL the resource is served from (http://host:port/FHIR); prefixes A004 code system URLs. */
  baseUrl: string;
}

const PRIORITY_DISPLAY: Record<string, string> = { ROUTINE: 'Routine', URGENT: 'Urgent', TWO_WEEK_WAIT: 'Two Week Wait' };
const ADDITIONAL_REQUIREMENT_DISPLAY: Record<string, string> = { ADVOCACY: 'Advocacy', INTERPRETER: 'Interpreter', TRANSPORT: 'Transport' };
const ATTACHMENT_TYPE_DISPLAY: Record<string, string> = {
  REFERRER: 'Referrer',
  PROVIDER: 'Provider',
  ADVICE_REQUEST: 'Advice Request',
  GUIDANCE_RESPONSE: 'Guidance Response',
};

/** The system URL of a state or appointment reason: A004 sets live under the base URL, the rest are static e-RS code systems. */
export function reasonSystemUrl(reason: ReasonCoding, baseUrl: string): string {
  return reason.system.startsWith('eRS-') ? `${STU3_CODE_SYSTEM}/${reason.system}` : referenceCodeSystemUrl(baseUrl, reason.system);
}

/** A005: one version of a referral as an eRS-ReferralRequest-1. */
export function renderReferralRequest(world: World, referral: Referral, version: ReferralSnapshot, ctx: RenderContext): FhirJson {
  const attachments = version.attachmentIds.map((id) => findAttachment(world, id)).filter((a): a is Attachment => a !== undefined);

  const contained: FhirJson[] = [renderSearchCriteria(version.searchCriteria, ctx), renderShortlist(world, version)];
  if (version.appointment) contained.push(renderContainedAppointment(world, referral, version.appointment, ctx));
  contained.push(...attachments.map(renderDocumentReference));

  const resource: FhirJson = {
    id: referral.ubrn,
    meta: { profile: [PROFILE.referralRequest], versionId: String(version.versionId) },
    resourceType: 'ReferralRequest',
    extension: renderExtensions(referral, version, ctx),
    contained,
    status: version.status,
    specialty: {
      coding: [
        {
          system: referenceCodeSystemUrl(ctx.baseUrl, 'SPECIALTY'),
          code: version.specialty,
          display: world.referenceData.specialties.find((s) => s.code === version.specialty)?.display ?? version.specialty,
        },
      ],
    },
    subject: { identifier: { system: SYSTEM.nhsNumber, value: referral.patientNhsNumber } },
    supportingInfo: supportingInfo(referral, attachments),
    intent: 'plan',
    identifier: [{ system: SYSTEM.ersRequestId, value: referral.requestId }],
  };

  const requester = findPractitioner(world, referral.requesterUserId);
  const agent: FhirJson = { identifier: { system: SYSTEM.sdsUserId, value: referral.requesterUserId } };
  if (requester) agent.display = `${requester.title} ${requester.givenName} ${requester.familyName}`;
  resource.requester = {
    agent,
    onBehalfOf: { identifier: { system: SYSTEM.odsOrganisation, value: referral.referrerOdsCode } },
  };
  return resource;
}

/**
 * `supportingInfo` as e-RS fills it: the contained letters (`#DocumentReference-<id>`), then the
 * related referral of the same pathway (`ReferralRequest/<ubrn>`: the earlier referral an onward
 * one was made from, recorded when it was made) and the A&G request the referral was converted
 * from (`CommunicationRequest/<ubrn>`).
 */
function supportingInfo(referral: Referral, attachments: Attachment[]): FhirJson[] {
  const references = attachments.map((a) => `#DocumentReference-${a.id}`);
  if (referral.relatedReferralUbrn) references.push(`ReferralRequest/${referral.relatedReferralUbrn}`);
  if (referral.convertedFromAdviceAndGuidanceUbrn) references.push(`CommunicationRequest/${referral.convertedFromAdviceAndGuidanceUbrn}`);
  return references.map((reference) => ({ reference }));
}

function renderExtensions(referral: Referral, version: ReferralSnapshot, ctx: RenderContext): FhirJson[] {
  const stateParts: FhirJson[] = [
    { url: 'state', valueCoding: { system: SYSTEM.referralState, code: version.state, display: REFERRAL_STATE_DISPLAY[version.state] } },
  ];
  if (version.stateReason) stateParts.push({ url: 'reason', valueCoding: codingOf(version.stateReason, ctx.baseUrl, true) });
  if (version.stateComment) stateParts.push({ url: 'comments', valueString: version.stateComment });

  const extensions: FhirJson[] = [
    { url: EXTENSION.referralShortlist, valueReference: { reference: '#shortlist' } },
    { url: EXTENSION.commissioningRuleOrg, valueIdentifier: { system: SYSTEM.odsOrganisation, value: referral.commissioningRuleOdsCode } },
    {
      url: EXTENSION.referralPriority,
      valueCodeableConcept: { coding: [{ system: SYSTEM.priority, code: version.priority, display: PRIORITY_DISPLAY[version.priority] }] },
    },
    { url: EXTENSION.referralState, extension: stateParts },
  ];
  if (version.appointment) extensions.push({ url: EXTENSION.appointment, valueReference: { reference: '#appointment' } });
  if (version.clinicalInfoFirstSubmitted)
    extensions.push({ url: EXTENSION.clinicalInfoFirstSubmitted, valueDateTime: version.clinicalInfoFirstSubmitted });
  if (version.clinicalInfoLastUpdated)
    extensions.push({ url: EXTENSION.clinicalInfoLastUpdated, valueDateTime: version.clinicalInfoLastUpdated });
  if (version.appointment)
    extensions.push({ url: EXTENSION.appointmentReference, valueReference: { reference: `Appointment/${version.appointment.id}` } });
  for (const requirement of version.additionalRequirements) {
    extensions.push({
      url: EXTENSION.additionalRequirement,
      valueCoding: { system: SYSTEM.additionalRequirementType, code: requirement, display: ADDITIONAL_REQUIREMENT_DISPLAY[requirement] },
    });
  }
  // The schema requires valueInstant (its property list says valueDateTime; the required list wins).
  if (referral.pathwayStart) extensions.push({ url: EXTENSION.pathwayStart, valueInstant: referral.pathwayStart });
  return extensions;
}

function codingOf(reason: ReasonCoding, baseUrl: string, withDisplay: boolean): FhirJson {
  const coding: FhirJson = { system: reasonSystemUrl(reason, baseUrl), code: reason.code };
  if (withDisplay) coding.display = reason.display;
  return coding;
}

/** eRS-ServiceSearchCriteria-Parameters, parameters in the order the schema's table lists them. */
export function renderSearchCriteria(criteria: SearchCriteria, ctx: RenderContext): FhirJson {
  const parameter: FhirJson[] = [{ name: 'priority', valueCoding: { system: SYSTEM.priority, code: criteria.priority } }];
  if (criteria.specialty)
    parameter.push({
      name: 'specialty',
      valueCoding: { system: referenceCodeSystemUrl(ctx.baseUrl, 'SPECIALTY'), code: criteria.specialty },
    });
  if (criteria.clinicType) parameter.push({ name: 'clinicType', valueCoding: { system: SYSTEM.clinicType, code: criteria.clinicType } });
  if (criteria.indicativeAppointmentWaitTimeLimitDays !== undefined) {
    parameter.push({ name: 'indicativeAppointmentWaitTimeLimit', valueUnsignedInt: criteria.indicativeAppointmentWaitTimeLimitDays });
  }
  if (criteria.postcode) parameter.push({ name: 'postcode', valueString: criteria.postcode });
  if (criteria.distanceLimitMiles !== undefined) parameter.push({ name: 'distanceLimit', valueUnsignedInt: criteria.distanceLimitMiles });
  if (criteria.clinicalTermSnomedCode)
    parameter.push({ name: 'clinicalTerm', valueCoding: { system: SYSTEM.snomed, code: criteria.clinicalTermSnomedCode } });
  if (criteria.namedClinicianUserId)
    parameter.push({ name: 'namedClinician', valueIdentifier: { system: SYSTEM.sdsUserId, value: criteria.namedClinicianUserId } });
  parameter.push({ name: 'ageAndGenderAppropriate', valueBoolean: criteria.ageAndGenderAppropriate });
  if (criteria.commissioningProvisioning) {
    parameter.push({
      name: 'commissioningProvisioning',
      valueCoding: { system: SYSTEM.commissioningProvisioning, code: criteria.commissioningProvisioning },
    });
  }
  return {
    id: 'serviceSearchCriteria',
    meta: { profile: [PROFILE.searchCriteria] },
    resourceType: 'Parameters',
    parameter,
  };
}

/** eRS-Shortlist-List, pointing at the contained search criteria. */
export function renderShortlist(world: World, version: Pick<ReferralSnapshot, 'shortlist'>): FhirJson {
  return {
    id: 'shortlist',
    meta: { profile: [PROFILE.shortlist] },
    resourceType: 'List',
    extension: [{ url: EXTENSION.shortlistSearchCriteria, valueReference: { reference: '#serviceSearchCriteria' } }],
    status: 'current',
    mode: 'snapshot',
    entry: version.shortlist.map((id) => {
      const item: FhirJson = { identifier: { system: SYSTEM.ersService, value: id } };
      const service = findService(world, id);
      if (service) item.display = service.name;
      return { item };
    }),
  };
}

/** An eRS-Appointment of a referral: contained in it (id 'appointment') or standalone for A038 (id = the appointment id). */
export function renderContainedAppointment(
  world: World,
  referral: Referral,
  appointment: Appointment,
  ctx: RenderContext,
  id = 'appointment',
): FhirJson {
  const out: FhirJson = {
    id,
    meta: { versionId: String(appointment.versionId), profile: [PROFILE.appointment, PROFILE.careConnectAppointment] },
    language: 'en',
    resourceType: 'Appointment',
    status: appointment.status,
  };
  if (appointment.reason) {
    // The eRS-ReviewReason coding has no display in the schema; the other reason codings do.
    out.reason = [{ coding: [codingOf(appointment.reason, ctx.baseUrl, appointment.reason.system !== 'eRS-ReviewReason-1')] }];
  }
  out.description = 'e-Referral Appointment';
  if (appointment.start) out.start = appointment.start;
  if (appointment.end) out.end = appointment.end;
  if (appointment.slotId) out.slot = [{ reference: `Slot/${appointment.slotId}` }];
  out.created = appointment.created;
  if (appointment.comment) out.comment = appointment.comment;
  out.incomingReferral = [{ reference: `ReferralRequest/${referral.ubrn}/_history/${appointment.referralVersionId}` }];

  const serviceActor: FhirJson = { identifier: { system: SYSTEM.ersService, value: appointment.serviceId } };
  const service = findService(world, appointment.serviceId);
  if (service) serviceActor.display = service.name;
  const participant: FhirJson[] = [
    { actor: serviceActor, status: 'accepted' },
    { actor: { identifier: { system: SYSTEM.nhsNumber, value: referral.patientNhsNumber } }, status: 'accepted' },
  ];
  if (appointment.allocatedClinicianUserId) {
    participant.push({
      // A single type object, not an array: the schema follows e-RS's documented known issue.
      type: { coding: [{ system: SYSTEM.encounterParticipantType, code: 'CON' }] },
      actor: { identifier: { system: SYSTEM.sdsUserId, value: appointment.allocatedClinicianUserId } },
      status: 'accepted',
    });
  }
  out.participant = participant;
  return out;
}

/** A contained DocumentReference for one attachment (components/stu3/schemas/DocumentReference.yaml). */
export function renderDocumentReference(attachment: Attachment): FhirJson {
  const extension: FhirJson[] = [
    { url: EXTENSION.availabilityStatus, valueCoding: { system: SYSTEM.availabilityStatus, code: attachment.availability } },
    { url: EXTENSION.attachedBy, valueReference: { identifier: { system: SYSTEM.sdsUserId, value: attachment.attachedByUserId } } },
    {
      url: EXTENSION.attachedByOrganisation,
      valueReference: { identifier: { system: SYSTEM.odsOrganisation, value: attachment.attachedByOdsCode } },
    },
  ];
  if (attachment.attachedOnBehalfOfUserId) {
    extension.push({
      url: EXTENSION.attachedOnBehalfOf,
      valueReference: { identifier: { system: SYSTEM.sdsUserId, value: attachment.attachedOnBehalfOfUserId } },
    });
  }
  const out: FhirJson = {
    id: `DocumentReference-${attachment.id}`,
    meta: { profile: [PROFILE.documentReference] },
    resourceType: 'DocumentReference',
    type: { coding: [{ system: SYSTEM.attachmentType, code: attachment.type, display: ATTACHMENT_TYPE_DISPLAY[attachment.type] }] },
    status: 'current',
    indexed: attachment.indexedAt,
  };
  if (attachment.description) out.description = attachment.description;
  out.content = [
    {
      attachment: {
        id: attachment.id,
        extension,
        contentType: attachment.contentType,
        url: `Binary/${attachment.binaryId}`,
        size: attachment.bytes.length,
        title: attachment.title,
        creation: attachment.creation,
      },
    },
  ];
  return out;
}
