/**
 * Renders a service as an R4 eRS-HealthcareService (A033; components/r4/schemas/eRS-HealthcareService.yaml).
 * Only the elements the schema defines: specialty, clinic types and provider stay in the domain model.
 */
import type { HealthcareService, ServiceContact } from '../data/world';
import { EXTENSION, type FhirJson, SYSTEM } from './systems';

const APPOINTMENT_TYPE_DISPLAY: Record<string, string> = {
  DAY_CASE: 'Day Case',
  FIRST_OUTPATIENT: 'First Outpatient',
  ASSESSMENT_SERVICE: 'Assessment Service',
  GPSI: 'GPSI',
  AHP_CLINIC: 'AHP Clinic',
  DIAGNOSTIC: 'Diagnostic',
  NURSE_CLINIC: 'Nurse Clinic',
  OPHTHALMOLOGIST: 'Ophthalmologist',
  TELEPHONE_ASSESSMENT: 'Telephone Assessment',
};

const REQUEST_FLOW_DISPLAY: Record<string, string> = {
  BOOKABLE: 'A service which supports a patient appointment',
  REVIEW: 'A service that reviews referrals, without the support or need for any appointment with the patient to be made',
  ADVICE_AND_GUIDANCE: 'A service which can discuss the patient and receive guidance rather than a patient attending an appointment',
};

const BOOKABLE_TYPE_DISPLAY: Record<string, string> = {
  DIRECTLY_BOOKABLE: 'Directly Bookable',
  INDIRECTLY_BOOKABLE: 'Indirectly Bookable',
};

const PURPOSE: Record<ServiceContact['purpose'], { system: string; display: string }> = {
  PATINF: { system: SYSTEM.contactEntityType, display: 'Patient' },
  ADMIN: { system: SYSTEM.contactEntityType, display: 'Administrative' },
  HEALTHCARE_PROFESSIONALS: { system: SYSTEM.ersPurpose, display: 'Healthcare Professionals' },
};

/** A033: the current version of a healthcare service. */
export function renderHealthcareService(service: HealthcareService): FhirJson {
  const extension: FhirJson[] = [];
  if (service.hoursOfOperation) extension.push({ url: EXTENSION.hoursOfOperation, valueString: service.hoursOfOperation });
  if (service.instructions) extension.push({ url: EXTENSION.serviceInstructions, valueString: service.instructions });
  for (const contact of service.contacts) {
    const purpose = PURPOSE[contact.purpose];
    extension.push({
      url: EXTENSION.serviceContact,
      extension: [
        { url: 'purpose', valueCodeableConcept: { coding: [{ system: purpose.system, code: contact.purpose, display: purpose.display }] } },
        ...contact.telecom.map((t) => ({ url: 'telecom', valueContactPoint: { system: t.system, value: t.value } })),
      ],
    });
  }

  const out: FhirJson = {
    id: service.id,
    meta: { versionId: String(service.versionId) },
    language: 'en',
    resourceType: 'HealthcareService',
    extension,
    location: [{ identifier: { system: SYSTEM.odsSite, value: service.siteCode } }],
    name: service.name,
  };
  if (service.appointmentType) {
    out.type = [
      {
        coding: [
          { system: SYSTEM.appointmentType, code: service.appointmentType, display: APPOINTMENT_TYPE_DISPLAY[service.appointmentType] },
        ],
      },
    ];
  }
  const characteristic: FhirJson[] = service.requestFlows.map((flow) => ({
    coding: [{ system: SYSTEM.requestFlowType, code: flow, display: REQUEST_FLOW_DISPLAY[flow] }],
  }));
  if (service.bookableType) {
    characteristic.push({
      coding: [{ system: SYSTEM.bookableType, code: service.bookableType, display: BOOKABLE_TYPE_DISPLAY[service.bookableType] }],
    });
  }
  out.characteristic = characteristic;
  return out;
}
