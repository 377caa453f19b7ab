/**
 * The seed's bridge to the simulator's own write actions: the seed reaches each referral state by
 * replaying the action e-RS would have taken (A036 cancel, A014 reject, ...) instead of writing
 * the end state, so the seeded world and the write endpoints share one state machine.
 */
import { type ActionContext, type ActionFailure, type Actor, isFailure } from '../actions/common';
import type { Json } from '../actions/parameters';
import type { AttachmentType, Referral, SearchCriteria, World } from './world';

const PROFILE_BASE = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
export const CODE_SYSTEM_BASE = 'https://fhir.nhs.uk/STU3/CodeSystem/';

/** The context an action runs in at a seed instant; relationships hold by construction. */
export function seedContext(world: World, at: string, actor: Actor): ActionContext {
  return { world, at, actor, enforceRelationships: false };
}

/** The referring clinician who made the referral, acting as the referrer. */
export function referrerActor(referral: Referral): Actor {
  return referringClinician(referral.requesterUserId, referral.referrerOdsCode);
}

/** A referring clinician of the organisation, acting for themselves. */
export function referringClinician(userId: string, odsCode: string): Actor {
  return { side: 'REFERRER', odsCode, businessFunction: 'REFERRING_CLINICIAN', userId };
}

/** A provider clinician of the referral's provider organisation. */
export function providerActor(referral: Referral, userId: string): Actor {
  return { side: 'PROVIDER', odsCode: referral.providerOdsCode, businessFunction: 'SERVICE_PROVIDER_CLINICIAN', userId };
}

/** The action's result; a refusal means the seed asked for something the state machine forbids, a bug in the seed. */
export function replayed<T>(what: string, result: T | ActionFailure): T {
  if (isFailure(result)) throw new Error(`Seed replay of ${what} was refused: ${result.code} ${result.diagnostics}`);
  return result;
}

/** The If-Match header naming the referral's current version. */
export function ifMatch(referral: Referral): string {
  return `W/"${referral.versionId}"`;
}

export type Parameter = { name: string } & Json;

/** A FHIR Parameters body of the given eRS profile, leaving out parameters whose value is undefined. */
export function parametersBody(profile: string, parameters: Array<Parameter | undefined>): Json {
  return {
    resourceType: 'Parameters',
    meta: { profile: [`${PROFILE_BASE}${profile}`] },
    parameter: parameters.filter((p): p is Parameter => p !== undefined),
  };
}

/** A valueCoding parameter in an eRS code system. */
export function codingParameter(name: string, codeSystem: string, code: string): Parameter {
  return { name, valueCoding: { system: `${CODE_SYSTEM_BASE}${codeSystem}`, code } };
}

/** A valueString parameter, or nothing when the text is undefined. */
export function stringParameter(name: string, value: string | undefined): Parameter | undefined {
  return value === undefined ? undefined : { name, valueString: value };
}

/** A valueIdentifier parameter (patient NHS number, referring clinician SDS user id). */
export function identifierParameter(name: string, system: string, value: string): Parameter {
  return { name, valueIdentifier: { system, value } };
}

/** A parameter carrying a resource (shortlist, DocumentReference). */
export function resourceParameter(name: string, resource: Json): Parameter {
  return { name, resource };
}

export const NHS_NUMBER_SYSTEM = 'http://fhir.nhs.net/Id/nhs-number';
export const SDS_USER_SYSTEM = 'http://fhir.nhs.net/Id/sds-user-id';
export const SERVICE_SYSTEM = 'http://fhir.nhs.net/Id/ers-service';

/**
 * An eRS-Shortlist-List naming the services, with the search criteria the referrer searched with
 * contained (the shortlist parameter of A011, A021 and A044).
 */
export function shortlistResource(serviceIds: readonly string[], criteria: SearchCriteria): Json {
  const parameter: Json[] = [codingParameter('priority', 'eRS-Priority-1', criteria.priority)];
  if (criteria.specialty) parameter.push(codingParameter('specialty', 'SPECIALTY', criteria.specialty));
  if (criteria.clinicType) parameter.push(codingParameter('clinicType', 'eRS-ClinicType-1', criteria.clinicType));
  if (criteria.indicativeAppointmentWaitTimeLimitDays !== undefined)
    parameter.push({ name: 'indicativeAppointmentWaitTimeLimit', valueUnsignedInt: criteria.indicativeAppointmentWaitTimeLimitDays });
  if (criteria.postcode) parameter.push({ name: 'postcode', valueString: criteria.postcode });
  if (criteria.distanceLimitMiles !== undefined) parameter.push({ name: 'distanceLimit', valueUnsignedInt: criteria.distanceLimitMiles });
  if (criteria.clinicalTermSnomedCode)
    parameter.push({ name: 'clinicalTerm', valueCoding: { system: 'http://snomed.info/sct', code: criteria.clinicalTermSnomedCode } });
  if (criteria.namedClinicianUserId) parameter.push(identifierParameter('namedClinician', SDS_USER_SYSTEM, criteria.namedClinicianUserId));
  parameter.push({ name: 'ageAndGenderAppropriate', valueBoolean: criteria.ageAndGenderAppropriate });
  if (criteria.commissioningProvisioning)
    parameter.push(codingParameter('commissioningProvisioning', 'eRS-CommissioningProvisioning-1', criteria.commissioningProvisioning));
  return {
    resourceType: 'List',
    meta: { profile: [`${PROFILE_BASE}eRS-Shortlist-List-1`] },
    status: 'current',
    mode: 'snapshot',
    contained: [
      {
        resourceType: 'Parameters',
        id: 'serviceSearchCriteria',
        meta: { profile: [`${PROFILE_BASE}eRS-ServiceSearchCriteria-Parameters-1`] },
        parameter,
      },
    ],
    entry: serviceIds.map((value) => ({ item: { identifier: { system: SERVICE_SYSTEM, value } } })),
    extension: [
      { url: `${PROFILE_BASE}Extension-eRS-Shortlist-SearchCriteria-1`, valueReference: { reference: '#serviceSearchCriteria' } },
    ],
  };
}

/** An eRS-DocumentReference pointing at a file uploaded with A020 (Binary/<id>), as the write endpoints take files. */
export function documentReference(location: string, type: AttachmentType, description: string, indexed: string): Json {
  return {
    resourceType: 'DocumentReference',
    meta: { profile: [`${PROFILE_BASE}eRS-DocumentReference-1`] },
    status: 'current',
    type: { coding: [{ system: `${CODE_SYSTEM_BASE}eRS-AttachmentType-1`, code: type }] },
    indexed,
    description,
    content: [{ attachment: { url: location } }],
  };
}

/** An Appointment body's participants (A016, A034): the service, the patient and, for a named clinician's slot, the clinician. */
export function appointmentParticipants(serviceId: string, nhsNumber: string, clinicianUserId: string | undefined): Json[] {
  const participants: Json[] = [
    { actor: { identifier: { system: SERVICE_SYSTEM, value: serviceId } }, status: 'accepted' },
    { actor: { identifier: { system: NHS_NUMBER_SYSTEM, value: nhsNumber } }, status: 'accepted' },
  ];
  if (clinicianUserId !== undefined) {
    participants.push({
      type: { coding: [{ system: 'http://hl7.org/fhir/ValueSet/encounter-participant-type', code: 'CON' }] },
      actor: { identifier: { system: SDS_USER_SYSTEM, value: clinicianUserId } },
      status: 'accepted',
    });
  }
  return participants;
}
