import type { FhirResource } from './fhir';

/** What a referrer searches services by (A010). */
export interface ServiceSearchRequest {
  requestType: 'APPOINTMENT_REQUEST' | 'ADVICE_AND_GUIDANCE_REQUEST';
  sortBy: 'DISTANCE' | 'IWT';
  patientNhsNumber: string;
  referringClinicianUserId?: string;
  priority: 'ROUTINE' | 'URGENT' | 'TWO_WEEK_WAIT';
  specialty?: string;
  clinicType?: string;
  /** Days. */
  waitTimeLimit?: number;
  postcode?: string;
  /** Miles. */
  distanceLimit?: number;
  /** SNOMED CT concept id. */
  clinicalTerm?: string;
  namedClinicianUserId?: string;
  /** ODS code of an organisation to search within. */
  organisationOdsCode?: string;
  ageAndSexAppropriate: boolean;
  commissioningRuleOrgOdsCode?: string;
}

const SYSTEM = {
  requestType: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-RequestType-1',
  sortBy: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-SortBy-1',
  priority: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1',
  clinicType: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ClinicType-1',
  nhsNumber: 'http://fhir.nhs.net/Id/nhs-number',
  sdsUserId: 'http://fhir.nhs.net/Id/sds-user-id',
  snomed: 'http://snomed.info/sct',
  spineOrganisation: 'https://directory.spineservices.nhs.uk/STU3/Organization',
  odsOrganisation: 'https://fhir.nhs.uk/Id/ods-organization-code',
};

/**
 * A010 request body (eRS-PatientServiceSearch-Parameters-1 with a nested
 * eRS-ServiceSearchCriteria-Parameters-1), parameters in the order of the e-RS examples.
 * `ersBaseUrl` is the spec's `_baseUrl_` of the SPECIALTY code system.
 */
export function buildPatientServiceSearch(request: ServiceSearchRequest, ersBaseUrl: string): FhirResource {
  const criteria: Array<Record<string, unknown>> = [{ name: 'priority', valueCoding: { system: SYSTEM.priority, code: request.priority } }];
  if (request.specialty)
    criteria.push({ name: 'specialty', valueCoding: { system: `${ersBaseUrl}/STU3/CodeSystem/SPECIALTY`, code: request.specialty } });
  if (request.clinicType) criteria.push({ name: 'clinicType', valueCoding: { system: SYSTEM.clinicType, code: request.clinicType } });
  if (request.waitTimeLimit !== undefined)
    criteria.push({ name: 'indicativeAppointmentWaitTimeLimit', valueUnsignedInt: request.waitTimeLimit });
  if (request.postcode) criteria.push({ name: 'postcode', valueString: request.postcode });
  if (request.distanceLimit !== undefined) criteria.push({ name: 'distanceLimit', valueUnsignedInt: request.distanceLimit });
  if (request.clinicalTerm) criteria.push({ name: 'clinicalTerm', valueCoding: { system: SYSTEM.snomed, code: request.clinicalTerm } });
  if (request.namedClinicianUserId)
    criteria.push({ name: 'namedClinician', valueIdentifier: { system: SYSTEM.sdsUserId, value: request.namedClinicianUserId } });
  if (request.organisationOdsCode)
    criteria.push({ name: 'organisation', valueIdentifier: { system: SYSTEM.spineOrganisation, value: request.organisationOdsCode } });
  criteria.push({ name: 'ageAndGenderAppropriate', valueBoolean: request.ageAndSexAppropriate });

  const parameter: Array<Record<string, unknown>> = [
    { name: 'requestType', valueCoding: { system: SYSTEM.requestType, code: request.requestType } },
    { name: 'sortBy', valueCoding: { system: SYSTEM.sortBy, code: request.sortBy } },
    { name: 'patient', valueIdentifier: { system: SYSTEM.nhsNumber, value: request.patientNhsNumber } },
  ];
  if (request.referringClinicianUserId) {
    parameter.push({ name: 'referringClinician', valueIdentifier: { system: SYSTEM.sdsUserId, value: request.referringClinicianUserId } });
  }
  parameter.push({
    name: 'searchCriteria',
    resource: {
      resourceType: 'Parameters',
      meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ServiceSearchCriteria-Parameters-1'] },
      id: 'ServiceSearchCriteria-1',
      parameter: criteria,
    },
  });
  if (request.commissioningRuleOrgOdsCode) {
    parameter.push({
      name: 'commissioningRuleOrganisation',
      valueIdentifier: { system: SYSTEM.odsOrganisation, value: request.commissioningRuleOrgOdsCode },
    });
  }
  return {
    resourceType: 'Parameters',
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-PatientServiceSearch-Parameters-1'] },
    parameter,
  };
}
