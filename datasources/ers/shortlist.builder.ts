import type { ServiceSearchRequest } from './service-search.builder';

/** An e-RS priority (eRS-Priority-1). */
export type Priority = 'ROUTINE' | 'URGENT' | 'TWO_WEEK_WAIT';

/** Whether the referrer will add a referral letter (eRS-ReferralLetterIntention-1). */
export type ReferralLetterIntention = 'NEED_TO_ADD_LATER' | 'NOT_INTENDING_TO_ADD';

/**
 * The service search (A010) a shortlist was chosen from; e-RS stores it with the shortlist.
 * The same names as the A010 search input, so a client can pass its search on unchanged.
 */
export type ShortlistSearchCriteria = Pick<
  ServiceSearchRequest,
  | 'priority'
  | 'specialty'
  | 'clinicType'
  | 'waitTimeLimit'
  | 'postcode'
  | 'distanceLimit'
  | 'clinicalTerm'
  | 'namedClinicianUserId'
  | 'ageAndSexAppropriate'
  | 'organisationOdsCode'
>;

/** One shortlisted service. */
export interface ShortlistedService {
  /** e-RS service id (http://fhir.nhs.net/Id/ers-service). */
  serviceId: string;
}

export const SYSTEM = {
  nhsNumber: 'http://fhir.nhs.net/Id/nhs-number',
  sdsUserId: 'http://fhir.nhs.net/Id/sds-user-id',
  ersService: 'http://fhir.nhs.net/Id/ers-service',
  priority: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1',
  letterIntention: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralLetterIntention-1',
  clinicType: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ClinicType-1',
  snomed: 'http://snomed.info/sct',
  spineOrganisation: 'https://directory.spineservices.nhs.uk/STU3/Organization',
} as const;

const CRITERIA_ID = 'ServiceSearchCriteria-1';

/** `_baseUrl_/STU3/CodeSystem/<name>`: a code system e-RS publishes under its own base URL. */
export const ersCodeSystem = (ersBaseUrl: string, name: string) => `${ersBaseUrl.replace(/\/+$/, '')}/STU3/CodeSystem/${name}`;

export const identifierParameter = (name: string, system: string, value: string) => ({ name, valueIdentifier: { system, value } });
export const codingParameter = (name: string, system: string, code: string) => ({ name, valueCoding: { system, code } });
export const priorityParameter = (name: string, priority: Priority) => codingParameter(name, SYSTEM.priority, priority);

/**
 * eRS-ServiceSearchCriteria-Parameters-1 as a shortlist carries it, parameters in the order of the
 * profile's table (organisation after ageAndGenderAppropriate). commissioningProvisioning is left
 * out: e-RS no longer accepts it as input.
 */
export function buildSearchCriteria(criteria: ShortlistSearchCriteria, ersBaseUrl: string): Record<string, unknown> {
  const parameter: Array<Record<string, unknown>> = [priorityParameter('priority', criteria.priority)];
  if (criteria.specialty !== undefined)
    parameter.push(codingParameter('specialty', ersCodeSystem(ersBaseUrl, 'SPECIALTY'), criteria.specialty));
  if (criteria.clinicType !== undefined) parameter.push(codingParameter('clinicType', SYSTEM.clinicType, criteria.clinicType));
  if (criteria.waitTimeLimit !== undefined)
    parameter.push({ name: 'indicativeAppointmentWaitTimeLimit', valueUnsignedInt: criteria.waitTimeLimit });
  if (criteria.postcode !== undefined) parameter.push({ name: 'postcode', valueString: criteria.postcode });
  if (criteria.distanceLimit !== undefined) parameter.push({ name: 'distanceLimit', valueUnsignedInt: criteria.distanceLimit });
  if (criteria.clinicalTerm !== undefined) parameter.push(codingParameter('clinicalTerm', SYSTEM.snomed, criteria.clinicalTerm));
  if (criteria.namedClinicianUserId !== undefined)
    parameter.push(identifierParameter('namedClinician', SYSTEM.sdsUserId, criteria.namedClinicianUserId));
  parameter.push({ name: 'ageAndGenderAppropriate', valueBoolean: criteria.ageAndSexAppropriate });
  if (criteria.organisationOdsCode !== undefined) {
    parameter.push(identifierParameter('organisation', SYSTEM.spineOrganisation, criteria.organisationOdsCode));
  }
  return {
    resourceType: 'Parameters',
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ServiceSearchCriteria-Parameters-1'] },
    id: CRITERIA_ID,
    parameter,
  };
}

/**
 * The `shortlist` parameter (an eRS-Shortlist-List-1): the services in the order given, the
 * search criteria contained and referenced from the Extension-eRS-Shortlist-SearchCriteria-1.
 */
export function shortlistParameter(search: ShortlistSearchCriteria, services: readonly ShortlistedService[], ersBaseUrl: string) {
  return {
    name: 'shortlist',
    resource: {
      meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Shortlist-List-1'] },
      resourceType: 'List',
      status: 'current',
      mode: 'snapshot',
      contained: [buildSearchCriteria(search, ersBaseUrl)],
      entry: services.map((service) => ({ item: { identifier: { system: SYSTEM.ersService, value: service.serviceId } } })),
      extension: [
        {
          url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-Shortlist-SearchCriteria-1',
          valueReference: { reference: `#${CRITERIA_ID}` },
        },
      ],
    },
  };
}

export const letterIntentionParameter = (intention: ReferralLetterIntention) =>
  codingParameter('intentionToAddReferralLetter', SYSTEM.letterIntention, intention);
export const firstReminderParameter = (days: number) => ({ name: 'firstReminderLetterFollowUpDays', valueUnsignedInt: days });
