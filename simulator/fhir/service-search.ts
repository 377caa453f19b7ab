/**
 * A010 patient service search (eRS-PatientServiceSearch-Parameters-1 in, eRS-FetchServices-List-1
 * out) and the R4 searchset Bundle of A035.
 */
import { randomUUID } from 'node:crypto';
import type { SearchRequestType, SearchSortBy, ServiceSearchHit, ServiceSearchInput } from '../data/service-search';
import type { HealthcareService, PriorityCode, World } from '../data/world';
import type { FhirResult } from '../http/fhir-route';
import { renderHealthcareService } from './healthcare-service';
import { stu3Error } from './outcomes';
import { type FhirJson, referenceCodeSystemUrl, STU3_CODE_SYSTEM, STU3_STRUCTURE, SYSTEM } from './systems';
import { SPINE_ORGANISATION_SYSTEM } from './worklist-parameters';

export const PATIENT_SERVICE_SEARCH_PROFILE = `${STU3_STRUCTURE}/eRS-PatientServiceSearch-Parameters-1`;
export const FETCH_SERVICES_PROFILE = `${STU3_STRUCTURE}/eRS-FetchServices-List-1`;
const SEARCH_CRITERIA_PROFILE = `${STU3_STRUCTURE}/eRS-ServiceSearchCriteria-Parameters-1`;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The A010 request, read from the body: the search input plus the references the route must resolve. */
export interface PatientServiceSearchRequest {
  input: Omit<ServiceSearchInput, 'patientPostcode'>;
  patientNhsNumber: string;
  referringClinicianUserId?: string;
  commissioningRuleOdsCode?: string;
}

const TOP_LEVEL = ['requestType', 'sortBy', 'patient', 'searchCriteria', 'referringClinician', 'commissioningRuleOrganisation'];
/** The parameters of eRS-ServiceSearchCriteria-Parameters-1, in the order of the profile's table. */
export const SEARCH_CRITERIA_ORDER = [
  'priority',
  'specialty',
  'clinicType',
  'indicativeAppointmentWaitTimeLimit',
  'postcode',
  'distanceLimit',
  'clinicalTerm',
  'namedClinician',
  'ageAndGenderAppropriate',
  'commissioningProvisioning',
  'organisation',
  'place',
];

function named(parameters: unknown[], allowed: string[]): Map<string, Json> | FhirResult {
  const out = new Map<string, Json>();
  for (const parameter of parameters) {
    if (!isObject(parameter) || typeof parameter.name !== 'string')
      return stu3Error(422, 'INVALID_FHIR_STRUCTURE', 'Every parameter needs a name.');
    if (!allowed.includes(parameter.name)) return stu3Error(422, 'UNEXPECTED_FIELD', `Unexpected parameter '${parameter.name}'.`);
    if (out.has(parameter.name)) return stu3Error(422, 'INVALID_FHIR_STRUCTURE', `Parameter '${parameter.name}' may appear at most once.`);
    out.set(parameter.name, parameter);
  }
  return out;
}

const coding = (p: Json | undefined): Json | undefined => (p && isObject(p.valueCoding) ? p.valueCoding : undefined);
const identifier = (p: Json | undefined, system: string): string | undefined =>
  p && isObject(p.valueIdentifier) && p.valueIdentifier.system === system && typeof p.valueIdentifier.value === 'string'
    ? p.valueIdentifier.value
    : undefined;

/** Reads and validates an eRS-PatientServiceSearch-Parameters-1 body (422 codes of A010's ErrorOutcome table). */
export function parsePatientServiceSearch(body: unknown): PatientServiceSearchRequest | FhirResult {
  if (!isObject(body) || body.resourceType !== 'Parameters' || !Array.isArray(body.parameter)) {
    return stu3Error(422, 'INVALID_FHIR_STRUCTURE', 'The request body must be a Parameters resource with a parameter array.');
  }
  if (!isObject(body.meta) || !Array.isArray(body.meta.profile) || !body.meta.profile.includes(PATIENT_SERVICE_SEARCH_PROFILE)) {
    return stu3Error(422, 'INVALID_VALUE', `meta.profile must be ${PATIENT_SERVICE_SEARCH_PROFILE}.`);
  }
  const top = named(body.parameter, TOP_LEVEL);
  if (!(top instanceof Map)) return top;
  for (const required of ['requestType', 'sortBy', 'patient', 'searchCriteria']) {
    if (!top.has(required)) return stu3Error(422, 'MISSING_VALUE', `The '${required}' parameter is required.`);
  }
  const requestType = coding(top.get('requestType'));
  if (
    requestType?.system !== `${STU3_CODE_SYSTEM}/eRS-RequestType-1` ||
    (requestType.code !== 'APPOINTMENT_REQUEST' && requestType.code !== 'ADVICE_AND_GUIDANCE_REQUEST')
  ) {
    return stu3Error(422, 'INVALID_CODE', "'requestType' must be APPOINTMENT_REQUEST or ADVICE_AND_GUIDANCE_REQUEST of eRS-RequestType-1.");
  }
  const sortBy = coding(top.get('sortBy'));
  if (sortBy?.system !== `${STU3_CODE_SYSTEM}/eRS-SortBy-1` || (sortBy.code !== 'DISTANCE' && sortBy.code !== 'IWT')) {
    return stu3Error(422, 'INVALID_CODE', "'sortBy' must be DISTANCE or IWT of eRS-SortBy-1.");
  }
  const nhsNumber = identifier(top.get('patient'), SYSTEM.nhsNumber);
  if (!nhsNumber) return stu3Error(422, 'INVALID_VALUE', `'patient' needs a valueIdentifier with system ${SYSTEM.nhsNumber}.`);

  const criteriaResource = top.get('searchCriteria')!.resource;
  if (!isObject(criteriaResource) || criteriaResource.resourceType !== 'Parameters' || !Array.isArray(criteriaResource.parameter)) {
    return stu3Error(422, 'INVALID_FHIR_STRUCTURE', "'searchCriteria' needs a Parameters resource.");
  }
  if (
    !isObject(criteriaResource.meta) ||
    !Array.isArray(criteriaResource.meta.profile) ||
    !criteriaResource.meta.profile.includes(SEARCH_CRITERIA_PROFILE)
  ) {
    return stu3Error(422, 'INVALID_VALUE', `searchCriteria meta.profile must be ${SEARCH_CRITERIA_PROFILE}.`);
  }
  const criteria = named(criteriaResource.parameter, SEARCH_CRITERIA_ORDER);
  if (!(criteria instanceof Map)) return criteria;
  if (!criteria.has('priority')) return stu3Error(422, 'MISSING_VALUE', "searchCriteria 'priority' is required.");
  if (!criteria.has('ageAndGenderAppropriate'))
    return stu3Error(422, 'MISSING_VALUE', "searchCriteria 'ageAndGenderAppropriate' is required.");
  if (criteria.has('place')) return stu3Error(422, 'FIELD_NOT_PERMITTED', "Search by 'place' is not supported.");
  const priority = coding(criteria.get('priority'));
  if (priority?.system !== SYSTEM.priority || !['ROUTINE', 'URGENT', 'TWO_WEEK_WAIT'].includes(String(priority.code))) {
    return stu3Error(422, 'INVALID_CODE', "searchCriteria 'priority' must be ROUTINE, URGENT or TWO_WEEK_WAIT of eRS-Priority-1.");
  }
  if (typeof criteria.get('ageAndGenderAppropriate')!.valueBoolean !== 'boolean') {
    return stu3Error(422, 'INVALID_VALUE', "searchCriteria 'ageAndGenderAppropriate' needs a valueBoolean.");
  }
  const input: PatientServiceSearchRequest['input'] = {
    requestType: requestType.code as SearchRequestType,
    sortBy: sortBy.code as SearchSortBy,
    priority: priority.code as PriorityCode,
  };
  const code = (name: string): string | undefined | FhirResult => {
    const p = criteria.get(name);
    if (!p) return undefined;
    const c = coding(p);
    return typeof c?.code === 'string'
      ? c.code
      : stu3Error(422, 'INVALID_VALUE', `searchCriteria '${name}' needs a valueCoding with a code.`);
  };
  const unsigned = (name: string): number | undefined | FhirResult => {
    const p = criteria.get(name);
    if (!p) return undefined;
    return Number.isInteger(p.valueUnsignedInt) && (p.valueUnsignedInt as number) >= 0
      ? (p.valueUnsignedInt as number)
      : stu3Error(422, 'INVALID_VALUE', `searchCriteria '${name}' needs a non-negative valueUnsignedInt.`);
  };
  for (const [name, key] of [
    ['specialty', 'specialty'],
    ['clinicType', 'clinicType'],
    ['clinicalTerm', 'clinicalTermSnomedCode'],
  ] as const) {
    const value = code(name);
    if (typeof value === 'object') return value;
    if (value !== undefined) input[key] = value;
  }
  for (const [name, key] of [
    ['indicativeAppointmentWaitTimeLimit', 'waitTimeLimitDays'],
    ['distanceLimit', 'distanceLimitMiles'],
  ] as const) {
    const value = unsigned(name);
    if (typeof value === 'object') return value;
    if (value !== undefined) input[key] = value;
  }
  const postcode = criteria.get('postcode');
  if (postcode) {
    if (typeof postcode.valueString !== 'string' || !/^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/i.test(postcode.valueString)) {
      return stu3Error(422, 'INVALID_VALUE', "searchCriteria 'postcode' must be a UK postcode.");
    }
    input.postcode = postcode.valueString.toUpperCase();
  }
  if (criteria.has('namedClinician')) {
    const userId = identifier(criteria.get('namedClinician'), SYSTEM.sdsUserId);
    if (!userId)
      return stu3Error(422, 'INVALID_VALUE', `searchCriteria 'namedClinician' needs a valueIdentifier with system ${SYSTEM.sdsUserId}.`);
    input.namedClinicianUserId = userId;
  }
  const out: PatientServiceSearchRequest = { input, patientNhsNumber: nhsNumber };
  if (top.has('referringClinician')) {
    const userId = identifier(top.get('referringClinician'), SYSTEM.sdsUserId);
    if (!userId) return stu3Error(422, 'INVALID_VALUE', `'referringClinician' needs a valueIdentifier with system ${SYSTEM.sdsUserId}.`);
    out.referringClinicianUserId = userId;
  }
  if (top.has('commissioningRuleOrganisation')) {
    if (input.requestType === 'ADVICE_AND_GUIDANCE_REQUEST') {
      return stu3Error(
        422,
        'FIELD_NOT_PERMITTED',
        "'commissioningRuleOrganisation' is not supported with the ADVICE_AND_GUIDANCE_REQUEST request type.",
      );
    }
    const ods = identifier(top.get('commissioningRuleOrganisation'), SYSTEM.odsOrganisation);
    if (!ods)
      return stu3Error(
        422,
        'INVALID_VALUE',
        `'commissioningRuleOrganisation' needs a valueIdentifier with system ${SYSTEM.odsOrganisation}.`,
      );
    out.commissioningRuleOdsCode = ods;
  }
  return out;
}

const FLOW_CODE: Record<string, string> = {
  BOOKABLE: 'APPOINTMENT_REQUEST',
  REVIEW: 'TRIAGE_REQUEST',
  ADVICE_AND_GUIDANCE: 'ADVICE_AND_GUIDANCE_REQUEST',
};

function summaryView(world: World, service: HealthcareService, baseUrl: string): FhirJson {
  const site = world.provider.sites.find((s) => s.siteCode === service.siteCode);
  const ext: FhirJson[] = [];
  if (service.appointmentType) {
    ext.push({
      url: 'supportedAppointmentType',
      valueCodeableConcept: { coding: [{ system: `${STU3_CODE_SYSTEM}/eRS-AppointmentType-1`, code: service.appointmentType }] },
    });
  }
  ext.push({ url: 'serviceName', valueString: service.name });
  for (const flow of service.requestFlows) {
    ext.push({
      url: 'supportedRequestFlowType',
      valueCodeableConcept: { coding: [{ system: `${STU3_CODE_SYSTEM}/eRS-RequestFlowType-1`, code: FLOW_CODE[flow] }] },
    });
  }
  ext.push(
    {
      url: 'bookableType',
      valueCodeableConcept: { coding: [{ system: `${STU3_CODE_SYSTEM}/eRS-BookableType-1`, code: service.bookableType ?? 'UNSPECIFIED' }] },
    },
    {
      url: 'location',
      valueReference: {
        identifier: { system: SPINE_ORGANISATION_SYSTEM, value: service.siteCode },
        display: site?.name ?? service.siteCode,
      },
    },
  );
  if (service.instructions) ext.push({ url: 'referrerAlert', valueString: service.instructions });
  ext.push(
    {
      url: 'genderTreated',
      valueCodeableConcept: { coding: [{ system: `${STU3_CODE_SYSTEM}/eRS-GenderTreated-1`, code: 'MALE_AND_FEMALE' }] },
    },
    {
      url: 'referralLetterRequired',
      valueBoolean: service.requestFlows.includes('REVIEW') || /Referrals without clinical information/.test(service.instructions ?? ''),
    },
    {
      url: 'specialty',
      valueCodeableConcept: { coding: [{ system: referenceCodeSystemUrl(baseUrl, 'SPECIALTY'), code: service.specialty }] },
    },
  );
  return { url: `${STU3_STRUCTURE}/Extension-eRS-ServiceSummaryView-1`, extension: ext };
}

/** A010 response: the services found, best first, each with its search-specific details. */
export function renderFetchServicesList(world: World, hits: ServiceSearchHit[], baseUrl: string, withDistance: boolean): FhirJson {
  const out: FhirJson = { meta: { profile: [FETCH_SERVICES_PROFILE] }, resourceType: 'List', status: 'current', mode: 'snapshot' };
  if (hits.length === 0)
    out.emptyReason = { coding: [{ system: 'http://hl7.org/fhir/ValueSet/list-empty-reason', code: 'nilknown', display: 'Nil Known' }] };
  out.entry = hits.map((hit, i) => {
    const listItem: FhirJson[] = [{ url: 'displayProminently', valueBoolean: i === 0 }];
    if (withDistance) listItem.push({ url: 'distance', valueUnsignedInt: hit.distanceMiles });
    listItem.push({ url: 'indicativeAppointmentWaitTime', valueUnsignedInt: hit.waitDays });
    return {
      extension: [{ url: `${STU3_STRUCTURE}/Extension-eRS-ServiceSearch-ListItem-1`, extension: listItem }],
      item: { extension: [summaryView(world, hit.service, baseUrl)], identifier: { system: SYSTEM.ersService, value: hit.service.id } },
    };
  });
  return out;
}

/** A035: the services as an R4 searchset Bundle. */
export function renderHealthcareServiceBundle(
  services: HealthcareService[],
  baseUrl: string,
  selfUrl: string,
  now: Date = new Date(),
): FhirJson {
  return {
    id: randomUUID(),
    meta: { lastUpdated: now.toISOString() },
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: now.toISOString(),
    total: services.length,
    link: [{ relation: 'self', url: selfUrl }],
    entry: services.map((service) => ({
      fullUrl: `${baseUrl}/R4/HealthcareService/${service.id}`,
      resource: renderHealthcareService(service),
      search: { mode: 'match' },
    })),
  };
}
