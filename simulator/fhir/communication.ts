/**
 * Advice and guidance as FHIR STU3: the request summary as eRS-CommunicationRequest-1 (A024) and
 * the conversation as a searchset Bundle of eRS-Communication-1 with its PractitionerRoles and
 * DocumentReferences (A025; AdviceAndGuidanceCommunicationBundle.yaml).
 */
import { randomUUID } from 'node:crypto';
import { adviceServiceRequestId } from '../data/service-search';
import {
  type AdviceAndGuidanceRequest,
  type AdviceMessage,
  type Attachment,
  findAttachment,
  findPractitioner,
  type World,
} from '../data/world';
import { renderDocumentReference, renderSearchCriteria, renderShortlist } from './referral-request';
import { EXTENSION, type FhirJson, referenceCodeSystemUrl, STU3_CODE_SYSTEM, STU3_STRUCTURE, SYSTEM } from './systems';

export const COMMUNICATION_REQUEST_PROFILE = `${STU3_STRUCTURE}/eRS-CommunicationRequest-1`;
export const COMMUNICATION_PROFILE = `${STU3_STRUCTURE}/eRS-Communication-1`;
export const PRACTITIONER_ROLE_PROFILE = 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-PractitionerRole-1';
const PRACTITIONER_ROLE_REFERENCE = `${STU3_STRUCTURE}/Extension-PractitionerRole-Reference-1`;
const HEALTHCARE_SERVICE_REFERENCE = `${STU3_STRUCTURE}/Extension-HealthcareService-Reference-1`;
const COMMUNICATION_REQUESTER = `${STU3_STRUCTURE}/Extension-Communication-Requester-1`;
const BUNDLE_PROFILE = 'http://hl7.org/fhir/STU3/StructureDefinition/Bundle';
const PRIORITY_DISPLAY: Record<string, string> = { ROUTINE: 'Routine', URGENT: 'Urgent', TWO_WEEK_WAIT: 'Two Week Wait' };

/** A user acting in one role at one organisation: the PractitionerRole id e-RS uses (user.ODS.ROLE-WITH-DASHES). */
export interface RoleOfUser {
  userId: string;
  odsCode: string;
  businessFunction: string;
}

export function practitionerRoleId(role: RoleOfUser): string {
  return `${role.userId}.${role.odsCode}.${role.businessFunction.replace(/_/g, '-')}`;
}

/** The role a user acted in when writing to an A&G request (their primary role at the organisation). */
function roleOf(world: World, userId: string, odsCode: string, fallback: string): RoleOfUser {
  const practitioner = findPractitioner(world, userId);
  const atOrg = practitioner?.roles?.find((r) => r.odsCode === odsCode)?.businessFunctions[0];
  return { userId, odsCode, businessFunction: atOrg ?? practitioner?.businessFunctions[0] ?? fallback };
}

export function renderPractitionerRole(role: RoleOfUser, id = practitionerRoleId(role)): FhirJson {
  return {
    id,
    meta: { profile: [PRACTITIONER_ROLE_PROFILE] },
    resourceType: 'PractitionerRole',
    practitioner: { identifier: { system: SYSTEM.sdsUserId, value: role.userId } },
    organization: { identifier: { system: SYSTEM.odsOrganisation, value: role.odsCode } },
    code: [{ coding: [{ system: SYSTEM.businessFunction, code: role.businessFunction }] }],
  };
}

export function requesterRole(world: World, request: AdviceAndGuidanceRequest): RoleOfUser {
  return roleOf(world, request.requesterUserId, request.referrerOdsCode, 'REFERRING_CLINICIAN');
}

function attachmentsOf(world: World, ids: string[]): Attachment[] {
  return ids.map((id) => findAttachment(world, id)).filter((a): a is Attachment => a !== undefined);
}

/** A024: the current version of an advice and guidance request. */
export function renderCommunicationRequest(world: World, request: AdviceAndGuidanceRequest, baseUrl: string): FhirJson {
  const requester = requesterRole(world, request);
  const requesterRef = `#PractitionerRole-${practitionerRoleId(requester)}`;
  const attachments = attachmentsOf(world, request.attachmentIds);
  const specialtyDisplay = world.referenceData.specialties.find((s) => s.code === request.specialty)?.display ?? request.specialty;
  const out: FhirJson = {
    id: request.ubrn,
    meta: { profile: [COMMUNICATION_REQUEST_PROFILE], versionId: String(request.versionId) },
    resourceType: 'CommunicationRequest',
    contained: [
      renderShortlist(world, request),
      renderSearchCriteria(request.searchCriteria, { baseUrl }),
      ...attachments.map(renderDocumentReference),
      renderPractitionerRole(requester, `PractitionerRole-${practitionerRoleId(requester)}`),
    ],
    extension: [
      { url: EXTENSION.referralShortlist, valueReference: { reference: '#shortlist' } },
      {
        url: EXTENSION.referralPriority,
        valueCodeableConcept: {
          coding: [{ system: SYSTEM.priority, code: request.priority, display: PRIORITY_DISPLAY[request.priority] }],
        },
      },
      {
        url: `${STU3_STRUCTURE}/Extension-eRS-ProviderConversionAuthorisation-1`,
        valueCoding: request.providerConversionAuthorised
          ? {
              system: `${STU3_CODE_SYSTEM}/eRS-ProviderConversionAuthorisation-1`,
              code: 'AUTHORISED_TO_CONVERT',
              display: 'Authorised to convert',
            }
          : {
              system: `${STU3_CODE_SYSTEM}/eRS-ProviderConversionAuthorisation-1`,
              code: 'NOT_AUTHORISED_TO_CONVERT',
              display: 'Not authorised to convert',
            },
      },
      {
        url: `${STU3_STRUCTURE}/Extension-eRS-Specialty-1`,
        valueCoding: { system: referenceCodeSystemUrl(baseUrl, 'SPECIALTY'), code: request.specialty, display: specialtyDisplay },
      },
    ],
    status: request.status,
    category: [{ coding: [{ system: `${STU3_CODE_SYSTEM}/eRS-AdviceAndGuidanceStatus-1`, code: request.category }] }],
    subject: { identifier: { system: SYSTEM.nhsNumber, value: request.patientNhsNumber } },
    recipient: [
      {
        extension: [
          { url: HEALTHCARE_SERVICE_REFERENCE, valueReference: { identifier: { system: SYSTEM.ersService, value: request.serviceId } } },
        ],
      },
    ],
    sender: { extension: [{ url: PRACTITIONER_ROLE_REFERENCE, valueReference: { reference: requesterRef } }] },
    requester: { agent: { extension: [{ url: PRACTITIONER_ROLE_REFERENCE, valueReference: { reference: requesterRef } }] } },
  };
  if (attachments.length > 0) out.payload = attachments.map((a) => ({ contentReference: { reference: `#DocumentReference-${a.id}` } }));
  out.identifier = [{ system: SYSTEM.ersRequestId, value: adviceServiceRequestId(request.ubrn) }];
  return out;
}

/** The _include values A025 understands (the sender one keeps the spec's spelling, PractionerRole). */
export const COMMUNICATION_INCLUDES = {
  requester: 'Communication:requester-practitionerrole:PractitionerRole',
  sender: 'Communication:sender-practitionerrole:PractionerRole',
  documents: 'Communication:content-reference:DocumentReference',
} as const;
export type CommunicationInclude = keyof typeof COMMUNICATION_INCLUDES;

export function renderCommunication(
  world: World,
  request: AdviceAndGuidanceRequest,
  message: AdviceMessage,
  requester: RoleOfUser,
): FhirJson {
  const fromReferrer = message.direction === 'REFERRER_TO_PROVIDER';
  const sender = fromReferrer
    ? roleOf(world, message.authorUserId, message.authorOdsCode, 'REFERRING_CLINICIAN')
    : roleOf(world, message.authorUserId, message.authorOdsCode, 'SERVICE_PROVIDER_CLINICIAN');
  const out: FhirJson = {
    id: message.id,
    meta: { profile: [COMMUNICATION_PROFILE] },
    resourceType: 'Communication',
    extension: [{ url: COMMUNICATION_REQUESTER, valueReference: { reference: `PractitionerRole/${practitionerRoleId(requester)}` } }],
    basedOn: [{ reference: `CommunicationRequest/${request.ubrn}/_history/${request.versionId}` }],
    status: 'completed',
    category: [{ coding: [{ system: `${STU3_CODE_SYSTEM}/eRS-CommunicationSentBy-1`, code: fromReferrer ? 'REQUESTER' : 'RESPONDER' }] }],
    recipient: [
      fromReferrer
        ? {
            extension: [
              {
                url: HEALTHCARE_SERVICE_REFERENCE,
                valueReference: { identifier: { system: SYSTEM.ersService, value: request.serviceId } },
              },
            ],
          }
        : { identifier: { system: SYSTEM.odsOrganisation, value: request.referrerOdsCode } },
    ],
    sent: message.sentAt,
    sender: {
      extension: [{ url: PRACTITIONER_ROLE_REFERENCE, valueReference: { reference: `PractitionerRole/${practitionerRoleId(sender)}` } }],
    },
  };
  if (message.attachmentIds.length > 0)
    out.payload = message.attachmentIds.map((id) => ({ contentReference: { reference: `DocumentReference/${id}` } }));
  out.note = [{ text: message.text }];
  return out;
}

/** A025: the conversation Bundle with the requested includes. */
export function renderConversationBundle(
  world: World,
  request: AdviceAndGuidanceRequest,
  baseUrl: string,
  selfUrl: string,
  includes: Set<CommunicationInclude>,
  now: Date = new Date(),
): FhirJson {
  const requester = requesterRole(world, request);
  const matches = request.messages.map((m) => ({
    fullUrl: `${baseUrl}/STU3/Communication/${m.id}`,
    resource: renderCommunication(world, request, m, requester),
    search: { mode: 'match' },
  }));
  const roles = new Map<string, RoleOfUser>();
  if (includes.has('requester')) roles.set(practitionerRoleId(requester), requester);
  if (includes.has('sender')) {
    for (const m of request.messages) {
      const role = roleOf(
        world,
        m.authorUserId,
        m.authorOdsCode,
        m.direction === 'REFERRER_TO_PROVIDER' ? 'REFERRING_CLINICIAN' : 'SERVICE_PROVIDER_CLINICIAN',
      );
      roles.set(practitionerRoleId(role), role);
    }
  }
  const roleEntries = [...roles.values()].map((role) => ({
    fullUrl: `${baseUrl}/STU3/PractitionerRole/${practitionerRoleId(role)}`,
    resource: renderPractitionerRole(role),
    search: { mode: 'include' },
  }));
  const documentEntries = includes.has('documents')
    ? attachmentsOf(
        world,
        request.messages.flatMap((m) => m.attachmentIds),
      ).map((a) => ({
        fullUrl: `${baseUrl}/STU3/DocumentReference/${a.id}`,
        resource: { ...renderDocumentReference(a), id: a.id },
        search: { mode: 'include' },
      }))
    : [];
  return {
    id: randomUUID(),
    meta: { lastUpdated: now.toISOString(), profile: [BUNDLE_PROFILE] },
    resourceType: 'Bundle',
    type: 'searchset',
    total: matches.length,
    link: [{ relation: 'self', url: selfUrl }],
    entry: [...matches, ...roleEntries, ...documentEntries],
  };
}
