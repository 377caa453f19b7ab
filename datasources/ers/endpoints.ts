/**
 * The e-RS endpoints (A004..A044) and who may call each: the "Supported security patterns" and
 * "Pre-requisites" sections of every endpoint page of the e-RS specification. The server gates
 * fields with it before any upstream call; the simulator enforces the same rules as e-RS does.
 */

import { BusinessFunction as BusinessFunctionValue } from '../../schema/business-function.enum';

/** Every e-RS business function the API acts in (NHSD-eRS-Business-Function values), from the schema's one enum. */
export type BusinessFunction = `${BusinessFunctionValue}`;
export const BUSINESS_FUNCTIONS: readonly BusinessFunction[] = Object.values(BusinessFunctionValue);

export type EndpointId =
  | 'A004'
  | 'A005'
  | 'A006'
  | 'A007'
  | 'A008'
  | 'A010'
  | 'A011'
  | 'A012'
  | 'A013'
  | 'A014'
  | 'A015'
  | 'A016'
  | 'A019'
  | 'A020'
  | 'A021'
  | 'A022'
  | 'A023'
  | 'A024'
  | 'A025'
  | 'A026'
  | 'A027'
  | 'A028'
  | 'A029'
  | 'A030'
  | 'A031'
  | 'A032'
  | 'A033'
  | 'A034'
  | 'A035'
  | 'A036'
  | 'A037'
  | 'A038'
  | 'A040'
  | 'A041'
  | 'A042'
  | 'A043'
  | 'A044';

export interface EndpointAccess {
  summary: string;
  fhirVersion: 'STU3' | 'R4';
  /** Whether application-restricted (no end user, no role headers) access is supported. */
  applicationRestricted: boolean;
  /** The organisation context an application-restricted caller works in, per the endpoint page. */
  applicationContext?: 'SERVICE_PROVIDER' | 'REFERRING' | 'ANY';
  /** e-RS roles allowed for user-restricted access; null = any authenticated user, no role headers (A030). */
  businessFunctions: readonly BusinessFunction[] | null;
}

const RC: BusinessFunction[] = ['REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN'];
const SP: BusinessFunction[] = ['SERVICE_PROVIDER_CLINICIAN', 'SERVICE_PROVIDER_CLINICIAN_ADMIN'];
const CLINICAL: BusinessFunction[] = [...RC, ...SP];

/** Every endpoint page in the spec (A004..A044; there is no A009, A017, A018 or A039). */
export const ENDPOINT_ACCESS: Record<EndpointId, EndpointAccess> = {
  A004: {
    summary: 'Retrieve reference data',
    fhirVersion: 'STU3',
    applicationRestricted: true,
    applicationContext: 'ANY',
    businessFunctions: CLINICAL,
  },
  A005: {
    summary: 'Retrieve referral request',
    fhirVersion: 'STU3',
    applicationRestricted: true,
    applicationContext: 'SERVICE_PROVIDER',
    businessFunctions: CLINICAL,
  },
  A006: {
    summary: 'Retrieve attachment [deprecated]',
    fhirVersion: 'STU3',
    applicationRestricted: true,
    applicationContext: 'ANY',
    businessFunctions: CLINICAL,
  },
  A007: {
    summary: 'Retrieve clinical information',
    fhirVersion: 'STU3',
    applicationRestricted: true,
    applicationContext: 'SERVICE_PROVIDER',
    businessFunctions: CLINICAL,
  },
  // A008 lists referrer worklist roles and provider worklist roles; the union is allowed here, the worklist type narrows it later.
  A008: {
    summary: 'Retrieve referral worklist',
    fhirVersion: 'STU3',
    applicationRestricted: true,
    applicationContext: 'SERVICE_PROVIDER',
    businessFunctions: [
      'REFERRING_CLINICIAN',
      'REFERRING_CLINICIAN_ADMIN',
      'REFERRING_ADMIN',
      'SERVICE_PROVIDER_CLINICIAN',
      'SERVICE_PROVIDER_ADMIN',
      'SERVICE_PROVIDER_CLINICIAN_ADMIN',
    ],
  },
  A010: { summary: 'Patient service search', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A011: { summary: 'Create referral', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A012: { summary: 'Maintain referral letter', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A013: {
    summary: 'Accept referral',
    fhirVersion: 'STU3',
    applicationRestricted: true,
    applicationContext: 'SERVICE_PROVIDER',
    businessFunctions: SP,
  },
  A014: { summary: 'Reject referral', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: SP },
  A015: { summary: 'Retrieve appointment slots', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A016: { summary: 'Book or defer appointment', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A019: { summary: 'Generate patient letter', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A020: { summary: 'Upload file to document store', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: CLINICAL },
  A021: {
    summary: 'Create referral and send for triage [deprecated]',
    fhirVersion: 'STU3',
    applicationRestricted: false,
    businessFunctions: RC,
  },
  A022: { summary: 'Cancel appointment, action later', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: SP },
  A023: {
    summary: 'Retrieve advice and guidance worklist',
    fhirVersion: 'STU3',
    applicationRestricted: false,
    businessFunctions: ['SERVICE_PROVIDER_CLINICIAN', 'SERVICE_PROVIDER_ADMIN', 'SERVICE_PROVIDER_CLINICIAN_ADMIN'],
  },
  A024: {
    summary: 'Retrieve advice and guidance request',
    fhirVersion: 'STU3',
    applicationRestricted: true,
    applicationContext: 'SERVICE_PROVIDER',
    businessFunctions: CLINICAL,
  },
  A025: {
    summary: 'Retrieve advice and guidance conversation',
    fhirVersion: 'STU3',
    applicationRestricted: true,
    applicationContext: 'SERVICE_PROVIDER',
    businessFunctions: CLINICAL,
  },
  A026: { summary: 'Send advice and guidance response', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: SP },
  A027: { summary: 'Convert advice and guidance to referral', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: SP },
  A028: {
    summary: 'Record triage outcome',
    fhirVersion: 'STU3',
    applicationRestricted: true,
    applicationContext: 'SERVICE_PROVIDER',
    businessFunctions: SP,
  },
  A029: {
    summary: 'Available actions for user',
    fhirVersion: 'STU3',
    applicationRestricted: true,
    applicationContext: 'SERVICE_PROVIDER',
    businessFunctions: CLINICAL,
  },
  A030: { summary: 'Retrieve user business functions', fhirVersion: 'R4', applicationRestricted: false, businessFunctions: null },
  A031: { summary: 'Change shortlist', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A032: {
    summary: 'Change shortlist and send for triage [deprecated]',
    fhirVersion: 'STU3',
    applicationRestricted: false,
    businessFunctions: RC,
  },
  A033: {
    summary: 'Retrieve healthcare service',
    fhirVersion: 'R4',
    applicationRestricted: true,
    applicationContext: 'REFERRING',
    businessFunctions: RC,
  },
  A034: { summary: 'Update appointment', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
  A035: {
    summary: 'Search for healthcare services',
    fhirVersion: 'R4',
    applicationRestricted: true,
    applicationContext: 'REFERRING',
    businessFunctions: RC,
  },
  A036: {
    summary: 'Cancel referral',
    fhirVersion: 'STU3',
    applicationRestricted: true,
    applicationContext: 'SERVICE_PROVIDER',
    businessFunctions: CLINICAL,
  },
  A037: {
    summary: 'Retrieve healthcare service version',
    fhirVersion: 'R4',
    applicationRestricted: true,
    applicationContext: 'REFERRING',
    businessFunctions: RC,
  },
  A038: { summary: 'Retrieve appointment', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: CLINICAL },
  A040: {
    summary: 'Retrieve "on-behalf-of" practitioner user information',
    fhirVersion: 'R4',
    applicationRestricted: false,
    businessFunctions: ['SERVICE_PROVIDER_CLINICIAN_ADMIN'],
  },
  A041: { summary: 'Search for service requests', fhirVersion: 'R4', applicationRestricted: false, businessFunctions: CLINICAL },
  A042: {
    summary: 'Retrieve attachment',
    fhirVersion: 'R4',
    applicationRestricted: true,
    applicationContext: 'SERVICE_PROVIDER',
    businessFunctions: CLINICAL,
  },
  A043: {
    summary: 'Retrieve advice and guidance overview PDF',
    fhirVersion: 'STU3',
    applicationRestricted: true,
    applicationContext: 'SERVICE_PROVIDER',
    businessFunctions: CLINICAL,
  },
  A044: { summary: 'Create advice and guidance request', fhirVersion: 'STU3', applicationRestricted: false, businessFunctions: RC },
};
