import type { ServiceSearchCriteria } from '../datasources/directory.datasource';
import { badInput, CODE } from './mutation.support';
import { assertIdentifier, ODS_CODE, SDS_USER_ID } from '../schema/scalars';

const POSTCODE = /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/i;
// SNOMED CT ids are 6 to 18 digits, but e-RS's own examples record short test ids (e.g. "1003"):
// digits are checked here, and e-RS answers SNOMED_NOT_FOUND for ids it does not know.
const SNOMED = /^\d{1,18}$/;

/** The criteria fields of a service search, as `serviceSearch` and every shortlist input carry them. */
export interface SearchCriteriaInput {
  priority: ServiceSearchCriteria['priority'];
  specialty?: string | null;
  clinicType?: string | null;
  clinicalTerm?: string | null;
  namedClinicianUserId?: string | null;
  postcode?: string | null;
  distanceLimit?: number | null;
  waitTimeLimit?: number | null;
  organisationOdsCode?: string | null;
  ageAndSexAppropriate: boolean;
}

/**
 * The criteria, checked (BAD_USER_INPUT before any e-RS call; messages never echo a value) and in
 * the builders' shape: absent fields dropped, the postcode in capitals.
 */
export function searchCriteriaOf(input: SearchCriteriaInput): ServiceSearchCriteria {
  if (input.specialty && !CODE.test(input.specialty)) throw badInput('specialty must be a SPECIALTY code');
  if (input.clinicType && !CODE.test(input.clinicType)) throw badInput('clinicType must be a CLINIC-TYPE code');
  if (input.clinicType && !input.specialty) throw badInput('clinicType needs its specialty');
  if (input.clinicalTerm && !SNOMED.test(input.clinicalTerm)) throw badInput('clinicalTerm must be a SNOMED CT concept id');
  if (!input.specialty && !input.clinicalTerm && !input.namedClinicianUserId) {
    throw badInput('give a specialty, a clinicalTerm or a namedClinicianUserId to search by');
  }
  if (input.namedClinicianUserId) assertIdentifier(SDS_USER_ID, input.namedClinicianUserId, 'namedClinicianUserId');
  if (input.organisationOdsCode) assertIdentifier(ODS_CODE, input.organisationOdsCode, 'organisationOdsCode');
  if (input.postcode && !POSTCODE.test(input.postcode.trim())) throw badInput('postcode is not a UK postcode');
  for (const [name, value] of [
    ['distanceLimit', input.distanceLimit],
    ['waitTimeLimit', input.waitTimeLimit],
  ] as const) {
    if (value !== undefined && value !== null && (value < 1 || value > 1000)) throw badInput(`${name} must be between 1 and 1000`);
  }
  return {
    priority: input.priority,
    specialty: input.specialty ?? undefined,
    clinicType: input.clinicType ?? undefined,
    waitTimeLimit: input.waitTimeLimit ?? undefined,
    postcode: input.postcode?.trim().toUpperCase(),
    distanceLimit: input.distanceLimit ?? undefined,
    clinicalTerm: input.clinicalTerm ?? undefined,
    namedClinicianUserId: input.namedClinicianUserId ?? undefined,
    ageAndSexAppropriate: input.ageAndSexAppropriate,
    organisationOdsCode: input.organisationOdsCode ?? undefined,
  };
}

/** The referring clinician an admin acts for, when given: a 12-digit SDS user id. */
export function referringClinicianOf(userId: string | null | undefined): string | undefined {
  if (userId) assertIdentifier(SDS_USER_ID, userId, 'referringClinicianUserId');
  return userId ?? undefined;
}

/** An ODS code, when given. */
export function odsCodeOf(name: string, value: string | null | undefined): string | undefined {
  if (value) assertIdentifier(ODS_CODE, value, name);
  return value ?? undefined;
}
