/**
 * Reads an eRS-FetchWorklist-Parameters-1 request body (A008, A023) into a list type and filters,
 * answering malformed bodies with the 422 codes of the endpoints' error tables.
 */
import type { WorklistFilters } from '../data/worklists';
import type { FhirResult } from '../http/fhir-route';
import { stu3Error } from './outcomes';
import { STU3_CODE_SYSTEM, STU3_STRUCTURE, SYSTEM } from './systems';

export const FETCH_WORKLIST_PARAMETERS_PROFILE = `${STU3_STRUCTURE}/eRS-FetchWorklist-Parameters-1`;
const REFERRAL_LIST_SYSTEM = `${STU3_CODE_SYSTEM}/eRS-ReferralListSelector-1`;
const COMMUNICATION_LIST_SYSTEM = `${STU3_CODE_SYSTEM}/eRS-CommunicationListSelector-1`;
const ASSIGNED_INDICATOR_SYSTEM = `${STU3_CODE_SYSTEM}/eRS-AssignedIndicator-1`;
/** The STU3_Organisation identifier system the location filter uses. */
export const SPINE_ORGANISATION_SYSTEM = 'https://directory.spineservices.nhs.uk/STU3/Organization';

const KNOWN = ['listType', 'service', 'specialtyAssignedIndicator', 'specialty', 'location', 'clinicianAssignedIndicator', 'clinician'];

export interface WorklistRequest {
  listType: { system: 'REFERRAL' | 'COMMUNICATION'; code: string };
  filters: WorklistFilters;
  /** Names of the filter parameters supplied (everything but listType). */
  filterNames: string[];
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function singleCoding(parameter: Json): Json | undefined {
  const concept = parameter.valueCodeableConcept;
  if (!isObject(concept) || !Array.isArray(concept.coding) || concept.coding.length !== 1 || !isObject(concept.coding[0])) return undefined;
  return concept.coding[0];
}

function identifierValue(parameter: Json, system: string): string | undefined {
  const identifier = parameter.valueIdentifier;
  if (!isObject(identifier) || identifier.system !== system || typeof identifier.value !== 'string' || identifier.value === '')
    return undefined;
  return identifier.value;
}

/** Parses and validates the body; returns the request or the error result to send. */
export function parseWorklistParameters(body: unknown): WorklistRequest | FhirResult {
  if (!isObject(body) || body.resourceType !== 'Parameters' || !Array.isArray(body.parameter)) {
    return stu3Error(422, 'INVALID_FHIR_STRUCTURE', 'The request body must be a Parameters resource with a parameter array.');
  }
  const meta = body.meta;
  if (!isObject(meta) || !Array.isArray(meta.profile) || !meta.profile.includes(FETCH_WORKLIST_PARAMETERS_PROFILE)) {
    return stu3Error(422, 'INVALID_VALUE', `meta.profile must be ${FETCH_WORKLIST_PARAMETERS_PROFILE}.`);
  }
  const byName = new Map<string, Json>();
  for (const parameter of body.parameter) {
    if (!isObject(parameter) || typeof parameter.name !== 'string')
      return stu3Error(422, 'INVALID_FHIR_STRUCTURE', 'Every parameter needs a name.');
    if (!KNOWN.includes(parameter.name)) return stu3Error(422, 'UNEXPECTED_FIELD', `Unexpected parameter '${parameter.name}'.`);
    if (byName.has(parameter.name))
      return stu3Error(422, 'INVALID_FHIR_STRUCTURE', `Parameter '${parameter.name}' may appear at most once.`);
    byName.set(parameter.name, parameter);
  }

  const listParameter = byName.get('listType');
  if (!listParameter) return stu3Error(422, 'MISSING_VALUE', "The 'listType' parameter is required.");
  const listCoding = singleCoding(listParameter);
  if (!listCoding || typeof listCoding.code !== 'string')
    return stu3Error(422, 'INVALID_FHIR_STRUCTURE', "'listType' needs a valueCodeableConcept with one coding.");
  let listSystem: WorklistRequest['listType']['system'];
  if (listCoding.system === REFERRAL_LIST_SYSTEM) listSystem = 'REFERRAL';
  else if (listCoding.system === COMMUNICATION_LIST_SYSTEM) listSystem = 'COMMUNICATION';
  else return stu3Error(422, 'INVALID_CODE', `'listType' system must be ${REFERRAL_LIST_SYSTEM} or ${COMMUNICATION_LIST_SYSTEM}.`);

  const filters: WorklistFilters = {};
  const service = byName.get('service');
  if (service) {
    const value = identifierValue(service, SYSTEM.ersService);
    if (!value) return stu3Error(422, 'INVALID_VALUE', `'service' needs a valueIdentifier with system ${SYSTEM.ersService}.`);
    filters.serviceId = value;
  }
  for (const [name, key] of [
    ['specialtyAssignedIndicator', 'specialtyAssigned'],
    ['clinicianAssignedIndicator', 'clinicianAssigned'],
  ] as const) {
    const parameter = byName.get(name);
    if (!parameter) continue;
    const coding = singleCoding(parameter);
    if (!coding || coding.system !== ASSIGNED_INDICATOR_SYSTEM || (coding.code !== 'ASSIGNED' && coding.code !== 'NOT_ASSIGNED')) {
      return stu3Error(422, 'INVALID_CODE', `'${name}' must be ASSIGNED or NOT_ASSIGNED of ${ASSIGNED_INDICATOR_SYSTEM}.`);
    }
    filters[key] = coding.code;
  }
  const specialty = byName.get('specialty');
  if (specialty) {
    const coding = singleCoding(specialty);
    if (
      !coding ||
      typeof coding.code !== 'string' ||
      typeof coding.system !== 'string' ||
      !coding.system.endsWith('/CodeSystem/SPECIALTY')
    ) {
      return stu3Error(422, 'INVALID_VALUE', "'specialty' needs one coding of the SPECIALTY code system.");
    }
    if (filters.specialtyAssigned !== 'ASSIGNED')
      return stu3Error(422, 'INVALID_VALUE', "'specialty' requires 'specialtyAssignedIndicator' ASSIGNED.");
    filters.specialty = coding.code;
  }
  const location = byName.get('location');
  if (location) {
    const value = identifierValue(location, SPINE_ORGANISATION_SYSTEM);
    if (!value) return stu3Error(422, 'INVALID_VALUE', `'location' needs a valueIdentifier with system ${SPINE_ORGANISATION_SYSTEM}.`);
    filters.siteCode = value;
  }
  const clinician = byName.get('clinician');
  if (clinician) {
    const value = identifierValue(clinician, SYSTEM.sdsUserId);
    if (!value) return stu3Error(422, 'INVALID_VALUE', `'clinician' needs a valueIdentifier with system ${SYSTEM.sdsUserId}.`);
    if (filters.clinicianAssigned !== 'ASSIGNED')
      return stu3Error(422, 'INVALID_VALUE', "'clinician' requires 'clinicianAssignedIndicator' ASSIGNED.");
    filters.clinicianUserId = value;
  }
  return {
    listType: { system: listSystem, code: listCoding.code },
    filters,
    filterNames: [...byName.keys()].filter((n) => n !== 'listType'),
  };
}

/** Whether the parse produced an error result rather than a request. */
export function isFhirResult(value: WorklistRequest | FhirResult): value is FhirResult {
  return 'kind' in value;
}
