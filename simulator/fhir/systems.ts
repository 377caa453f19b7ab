/** FHIR canonical URLs and identifier systems the e-RS API uses (values as the spec enumerates them). */

export const STU3_STRUCTURE = 'https://fhir.nhs.uk/STU3/StructureDefinition';
export const STU3_CODE_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem';

export const PROFILE = {
  referralRequest: `${STU3_STRUCTURE}/eRS-ReferralRequest-1`,
  shortlist: `${STU3_STRUCTURE}/eRS-Shortlist-List-1`,
  searchCriteria: `${STU3_STRUCTURE}/eRS-ServiceSearchCriteria-Parameters-1`,
  appointment: `${STU3_STRUCTURE}/eRS-Appointment-1`,
  careConnectAppointment: 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1',
  documentReference: `${STU3_STRUCTURE}/eRS-DocumentReference-1`,
  operationOutcome: `${STU3_STRUCTURE}/eRS-OperationOutcome-1`,
  specialtyCodeSystem: `${STU3_STRUCTURE}/eRS-Specialty-CodeSystem-1`,
  shareableCodeSystem: 'http://hl7.org/fhir/StructureDefinition/shareablecodesystem',
} as const;

export const EXTENSION = {
  referralShortlist: `${STU3_STRUCTURE}/Extension-eRS-ReferralShortlist-1`,
  commissioningRuleOrg: `${STU3_STRUCTURE}/Extension-eRS-Commissioning-Rule-Org-1`,
  referralPriority: `${STU3_STRUCTURE}/Extension-eRS-ReferralPriority-1`,
  referralState: `${STU3_STRUCTURE}/Extension-eRS-ReferralState-1`,
  appointment: `${STU3_STRUCTURE}/Extension-eRS-Appointment-1`,
  appointmentReference: `${STU3_STRUCTURE}/Extension-eRS-Appointment-Reference-1`,
  clinicalInfoFirstSubmitted: `${STU3_STRUCTURE}/Extension-eRS-ClinicalInfoFirstSubmitted-1`,
  clinicalInfoLastUpdated: `${STU3_STRUCTURE}/Extension-eRS-ClinicalInfoLastUpdated-1`,
  additionalRequirement: `${STU3_STRUCTURE}/Extension-eRS-PatientAdditionalRequirement-1`,
  pathwayStart: `${STU3_STRUCTURE}/Extension-eRS-eReferralPathwayStart-1`,
  shortlistSearchCriteria: `${STU3_STRUCTURE}/Extension-eRS-Shortlist-SearchCriteria-1`,
  availabilityStatus: `${STU3_STRUCTURE}/Extension-eRS-AvailabilityStatus-1`,
  attachedBy: `${STU3_STRUCTURE}/Extension-eRS-AttachedBy-1`,
  attachedByOrganisation: `${STU3_STRUCTURE}/Extension-eRS-AttachedByOrganisation-1`,
  attachedOnBehalfOf: `${STU3_STRUCTURE}/Extension-eRS-AttachedOnBehalfOf-1`,
  effectiveFromDate: `${STU3_STRUCTURE}/Extension-eRS-EffectivefromDate-1`,
  effectiveToDate: `${STU3_STRUCTURE}/Extension-eRS-EffectivetoDate-1`,
  hoursOfOperation: 'https://fhir.nhs.uk/StructureDefinition/Extension-eRS-HoursOfOperation',
  serviceInstructions: 'https://fhir.nhs.uk/StructureDefinition/Extension-eRS-ServiceInstructions',
  serviceContact: 'https://fhir.nhs.uk/StructureDefinition/Extension-eRS-HealthcareService-Contact',
} as const;

export const SYSTEM = {
  nhsNumber: 'http://fhir.nhs.net/Id/nhs-number',
  ersService: 'http://fhir.nhs.net/Id/ers-service',
  sdsUserId: 'http://fhir.nhs.net/Id/sds-user-id',
  odsOrganisation: 'https://fhir.nhs.uk/Id/ods-organization-code',
  odsSite: 'https://fhir.nhs.uk/Id/ods-site-code',
  ersRequestId: 'https://fhir.nhs.uk/Id/ers-request-id',
  referralState: `${STU3_CODE_SYSTEM}/eRS-ReferralState-1`,
  priority: `${STU3_CODE_SYSTEM}/eRS-Priority-1`,
  clinicType: `${STU3_CODE_SYSTEM}/eRS-ClinicType-1`,
  commissioningProvisioning: `${STU3_CODE_SYSTEM}/eRS-CommissioningProvisioning-1`,
  additionalRequirementType: `${STU3_CODE_SYSTEM}/eRS-AdditionalRequirementType-1`,
  attachmentType: `${STU3_CODE_SYSTEM}/eRS-AttachmentType-1`,
  availabilityStatus: `${STU3_CODE_SYSTEM}/eRS-AvailabilityStatus-1`,
  apiErrorCode: `${STU3_CODE_SYSTEM}/eRS-APIErrorCode-1`,
  conceptProperties: `${STU3_CODE_SYSTEM}/eRS-Concept-Properties-1`,
  businessFunction: `${STU3_CODE_SYSTEM}/eRS-BusinessFunction-1`,
  bookingCancellationReasonType: `${STU3_CODE_SYSTEM}/eRS-AppointmentBookingCancellationReasonType-1`,
  appointmentCancellationUsage: `${STU3_CODE_SYSTEM}/eRS-AppointmentCancellationReasonUsage-1`,
  requestCancellationReasonType: `${STU3_CODE_SYSTEM}/eRS-AppointmentRequestCancellationReasonType-1`,
  requestCancellationReferrerUsage: `${STU3_CODE_SYSTEM}/eRS-ReferralRequestCancellationReasonUsage-1`,
  encounterParticipantType: 'http://hl7.org/fhir/ValueSet/encounter-participant-type',
  snomed: 'http://snomed.info/sct',
  appointmentType: 'https://fhir.nhs.uk/CodeSystem/eRS-AppointmentType',
  requestFlowType: 'https://fhir.nhs.uk/CodeSystem/eRS-RequestFlowType',
  bookableType: 'https://fhir.nhs.uk/CodeSystem/eRS-BookableType',
  contactEntityType: 'http://terminology.hl7.org/CodeSystem/contactentity-type',
  ersPurpose: 'https://fhir.nhs.uk/CodeSystem/eRS-Purpose',
  r4HttpErrorCodes: 'https://fhir.nhs.uk/CodeSystem/http-error-codes',
  r4ApimErrorCodes: 'https://fhir.nhs.uk/CodeSystem/NHSD-API-ErrorOrWarningCode',
  r4ErsErrorCodes: 'https://fhir.nhs.uk/CodeSystem/ers-error-codes',
} as const;

/**
 * The URL of an A004 code system. e-RS publishes these under its own base URL (the spec writes
 * `_baseUrl_/STU3/CodeSystem/SPECIALTY`), so clients should match them by suffix.
 */
export function referenceCodeSystemUrl(baseUrl: string, type: string): string {
  return `${baseUrl}/STU3/CodeSystem/${type}`;
}

/** A loose FHIR resource: the simulator builds plain JSON objects that follow the spec's schemas. */
export type FhirJson = Record<string, unknown>;
