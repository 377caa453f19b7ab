import { registerEnumType } from 'type-graphql';

/*
 * The reasons a user gives when rejecting or cancelling, from e-RS's reference data (A004
 * APPOINTMENT-CANCELLATION-REASON and REFERRAL-CANCELLATION-REASON): for each action, the current
 * codes e-RS lets a user give there (by usage and business function). Enum values are the e-RS
 * codes. e-RS still has the last word (`UNPROCESSABLE` with its `ersCode`), e.g. for a reason that
 * needs a comment. `codeSystem(type: ...)` reads the full sets with their properties.
 */

/** APPOINTMENT-CANCELLATION-REASON codes with usage REJECT (service provider roles): A014. */
export enum RejectionReason {
  FURTHER_INFORMATION_REQUIRED = 'FURTHER_INFORMATION_REQUIRED',
  OTHER = 'OTHER',
  OUTPATIENT_APPT_NOT_REQUIRED = 'OUTPATIENT_APPT_NOT_REQUIRED',
  SERVICE_INAPPROPRIATE = 'SERVICE_INAPPROPRIATE',
  SERVICE_PREREQUISITES_NOT_COMPLETE = 'SERVICE_PREREQUISITES_NOT_COMPLETE',
}

registerEnumType(RejectionReason, {
  name: 'RejectionReason',
  description: 'Why a provider rejects a booked referral (APPOINTMENT-CANCELLATION-REASON codes with usage REJECT).',
  valuesConfig: {
    FURTHER_INFORMATION_REQUIRED: { description: 'Further information required.' },
    OTHER: { description: 'Other reason.' },
    OUTPATIENT_APPT_NOT_REQUIRED: { description: 'Outpatient appointment not required.' },
    SERVICE_INAPPROPRIATE: { description: 'Inappropriate service.' },
    SERVICE_PREREQUISITES_NOT_COMPLETE: { description: 'Pre-requisites for service not complete.' },
  },
});

/** APPOINTMENT-CANCELLATION-REASON codes with usage CANCEL (referring roles): A034. */
export enum AppointmentCancellationReason {
  PATIENT_APPOINTMENT_CANCELLATION_OTHER = 'PATIENT_APPOINTMENT_CANCELLATION_OTHER',
  PATIENT_HOLIDAY = 'PATIENT_HOLIDAY',
  PATIENT_ILL = 'PATIENT_ILL',
  PATIENT_OTHER_ENGAGEMENT = 'PATIENT_OTHER_ENGAGEMENT',
}

registerEnumType(AppointmentCancellationReason, {
  name: 'AppointmentCancellationReason',
  description: 'Why a referrer cancels the patient’s appointment (APPOINTMENT-CANCELLATION-REASON codes with usage CANCEL).',
  valuesConfig: {
    PATIENT_APPOINTMENT_CANCELLATION_OTHER: { description: 'Other (a comment is required).' },
    PATIENT_HOLIDAY: { description: 'Patient on holiday.' },
    PATIENT_ILL: { description: 'Patient is sick.' },
    PATIENT_OTHER_ENGAGEMENT: { description: 'Patient has another, more pressing engagement (a comment is required).' },
  },
});

/** REFERRAL-CANCELLATION-REASON codes with referrer usage CANCEL_REFERRAL: A036. */
export enum ReferralCancellationReason {
  BOOKED_CLINICAL_NEED = 'BOOKED_CLINICAL_NEED',
  BOOKED_OUTSIDE_CAB = 'BOOKED_OUTSIDE_CAB',
  COMMUNITY_SERVICE_NA = 'COMMUNITY_SERVICE_NA',
  COMPLEX_PATHWAY = 'COMPLEX_PATHWAY',
  INTEND_PRIVATE = 'INTEND_PRIVATE',
  NO_LONGER_REQUIRED = 'NO_LONGER_REQUIRED',
  OTHER_OTHER = 'OTHER_OTHER',
  OUTPATIENT_CLINICIAN_NA = 'OUTPATIENT_CLINICIAN_NA',
  OUTPATIENT_SERVICE_NA = 'OUTPATIENT_SERVICE_NA',
  PATIENT_DIED = 'PATIENT_DIED',
  PATIENT_REQUEST_CANCELLATION_OTHER = 'PATIENT_REQUEST_CANCELLATION_OTHER',
  RAISED_IN_ERROR = 'RAISED_IN_ERROR',
  REFERRER_CANCELLATION = 'REFERRER_CANCELLATION',
  STRAIGHT_TO_TEST = 'STRAIGHT_TO_TEST',
  TREATMENT_NO_LONGER_REQUIRED = 'TREATMENT_NO_LONGER_REQUIRED',
  TRIAGE_ENDED = 'TRIAGE_ENDED',
}

const PROVIDERS_ONLY = 'service provider roles only';
const EVERYONE = 'referring and service provider roles';
const REFERRERS_ONLY = 'referring roles only';

registerEnumType(ReferralCancellationReason, {
  name: 'ReferralCancellationReason',
  description: 'Why a referral is cancelled (REFERRAL-CANCELLATION-REASON codes e-RS lets users give), with who may give each.',
  valuesConfig: {
    BOOKED_CLINICAL_NEED: { description: `Booked more urgently due to clinical need (${PROVIDERS_ONLY}; a comment is required).` },
    BOOKED_OUTSIDE_CAB: { description: `Patient booked outside NHS e-Referral Service (${PROVIDERS_ONLY}).` },
    COMMUNITY_SERVICE_NA: { description: `Sent to a community service not available in e-RS (${PROVIDERS_ONLY}; a comment is required).` },
    COMPLEX_PATHWAY: { description: `Complex pathway, multiple appointments needed (${PROVIDERS_ONLY}; a comment is required).` },
    INTEND_PRIVATE: { description: `Patient will go to a private clinic (${EVERYONE}).` },
    NO_LONGER_REQUIRED: { description: `Referral is no longer required (${PROVIDERS_ONLY}; a comment is required).` },
    OTHER_OTHER: { description: `Other reason (${PROVIDERS_ONLY}; a comment is required).` },
    OUTPATIENT_CLINICIAN_NA: {
      description: `Sent to an outpatient service as the named clinician is not available in e-RS (${PROVIDERS_ONLY}; a comment is required).`,
    },
    OUTPATIENT_SERVICE_NA: {
      description: `Sent to an outpatient service not available in e-RS (${PROVIDERS_ONLY}; a comment is required).`,
    },
    PATIENT_DIED: { description: `Patient died (${EVERYONE}).` },
    PATIENT_REQUEST_CANCELLATION_OTHER: { description: `Other patient request (${EVERYONE}; a comment is required).` },
    RAISED_IN_ERROR: { description: `Referral created by mistake (${REFERRERS_ONLY}).` },
    REFERRER_CANCELLATION: { description: `Other: referrer request cancellation (${REFERRERS_ONLY}).` },
    STRAIGHT_TO_TEST: { description: `Sent straight to test or procedure (${PROVIDERS_ONLY}; a comment is required).` },
    TREATMENT_NO_LONGER_REQUIRED: { description: `Referral no longer needed (${EVERYONE}).` },
    TRIAGE_ENDED: { description: `Triage ended (${PROVIDERS_ONLY}).` },
  },
});
