/**
 * The simulator's own e-RS reference data (A004 code systems) and the static e-RS code systems
 * used for state reasons. Realistic, English, e-RS-like — but invented, not the live e-RS lists.
 */
import type { BusinessFunction, PriorityCode } from './world';

export const CODE_SYSTEM_TYPES = [
  'SPECIALTY',
  'CLINIC-TYPE',
  'PRIORITY',
  'APPOINTMENT-CANCELLATION-REASON',
  'REFERRAL-CANCELLATION-REASON',
  'APPOINTMENT-NON-ATTENDANCE-REASON',
] as const;
export type CodeSystemType = (typeof CODE_SYSTEM_TYPES)[number];

export function isCodeSystemType(value: string): value is CodeSystemType {
  return (CODE_SYSTEM_TYPES as readonly string[]).includes(value);
}

export interface Concept {
  code: string;
  display: string;
  /** ISO date-time. */
  effectiveFrom: string;
  /** ISO date-time; absent while the code is open-ended. */
  effectiveTo?: string;
}

export interface ClinicTypeConcept extends Concept {
  specialty: string;
}

export interface PriorityConcept extends Concept {
  code: PriorityCode;
  /** Working days a deferred-to provider has to contact the patient. */
  deferToProviderContactDays: number;
  /** Working days a triage provider has to contact the patient. */
  triageContactDays: number;
}

export interface AppointmentCancellationReasonConcept extends Concept {
  /** Code of https://fhir.nhs.uk/STU3/CodeSystem/eRS-AppointmentBookingCancellationReasonType-1. */
  bookingCancellationReasonType: 'PATIENT_CANCEL' | 'PROVIDER_CANCEL' | 'PROVIDER_REJECT';
  usage: 'CANCEL' | 'REJECT';
  /** Deprecated in e-RS, still returned. */
  willCancelWholeRequest: boolean;
  commentIsMandatory: boolean;
  businessFunctions: BusinessFunction[];
}

export interface ReferralCancellationReasonConcept extends Concept {
  /** Code of https://fhir.nhs.uk/STU3/CodeSystem/eRS-AppointmentRequestCancellationReasonType-1. */
  requestCancellationReasonType: 'PATIENT' | 'PROVIDER' | 'REFERRER';
  canCancelAppointment: boolean;
  referrerUsage: 'CANCEL_REFERRAL';
  commentIsMandatory: boolean;
  businessFunctions: BusinessFunction[];
}

export interface ReferenceData {
  /** CodeSystem.date of every set. */
  publishedAt: string;
  specialties: Concept[];
  clinicTypes: ClinicTypeConcept[];
  priorities: PriorityConcept[];
  appointmentCancellationReasons: AppointmentCancellationReasonConcept[];
  referralCancellationReasons: ReferralCancellationReasonConcept[];
  nonAttendanceReasons: Concept[];
}

const SINCE = '2004-06-01T00:00:00.000Z';
const REFERRERS: BusinessFunction[] = ['REFERRING_CLINICIAN', 'REFERRING_CLINICIAN_ADMIN'];
const PROVIDERS: BusinessFunction[] = ['SERVICE_PROVIDER_CLINICIAN', 'SERVICE_PROVIDER_CLINICIAN_ADMIN'];

/** Specialties that have services in the world; the reference data lists a few more. */
export const SERVICE_SPECIALTIES = [
  'CARDIOLOGY',
  'DERMATOLOGY',
  'GASTROENTEROLOGY',
  'TRAUMA_AND_ORTHOPAEDICS',
  'UROLOGY',
  'ENT',
] as const;

/** Builds the reference data; static (not seeded) because real reference data does not vary per patient. */
export function buildReferenceData(): ReferenceData {
  const specialties: Concept[] = [
    { code: 'CARDIOLOGY', display: 'Cardiology', effectiveFrom: SINCE },
    { code: 'DERMATOLOGY', display: 'Dermatology', effectiveFrom: SINCE },
    { code: 'ENT', display: 'Ear, Nose and Throat', effectiveFrom: SINCE },
    { code: 'GASTROENTEROLOGY', display: 'Gastroenterology', effectiveFrom: SINCE },
    { code: 'NEUROLOGY', display: 'Neurology', effectiveFrom: SINCE },
    { code: 'RHEUMATOLOGY', display: 'Rheumatology', effectiveFrom: SINCE },
    { code: 'TRAUMA_AND_ORTHOPAEDICS', display: 'Trauma and Orthopaedics', effectiveFrom: SINCE },
    { code: 'UROLOGY', display: 'Urology', effectiveFrom: SINCE },
    // Retired codes stay in the set with an effectiveTo in the past, as e-RS does.
    { code: 'ORTHOPAEDICS_LEGACY', display: 'Orthopaedics (legacy)', effectiveFrom: SINCE, effectiveTo: '2011-03-31T00:00:00.000Z' },
    { code: 'CHILDRENS_ALLERGY', display: "Children's Allergy", effectiveFrom: '2009-10-01T00:00:00.000Z', effectiveTo: '2016-09-30T00:00:00.000Z' },
  ];

  const clinicTypes: ClinicTypeConcept[] = [
    ['CHEST_PAIN', 'Chest Pain', 'CARDIOLOGY'],
    ['PALPITATIONS', 'Palpitations and Arrhythmia', 'CARDIOLOGY'],
    ['SKIN_LESION', 'Suspected Skin Cancer', 'DERMATOLOGY'],
    ['ECZEMA_PSORIASIS', 'Eczema and Psoriasis', 'DERMATOLOGY'],
    ['LOWER_GI', 'Lower GI Symptoms', 'GASTROENTEROLOGY'],
    ['UPPER_GI', 'Upper GI Symptoms', 'GASTROENTEROLOGY'],
    ['KNEE', 'Knee', 'TRAUMA_AND_ORTHOPAEDICS'],
    ['HIP', 'Hip', 'TRAUMA_AND_ORTHOPAEDICS'],
    ['HAEMATURIA', 'Haematuria', 'UROLOGY'],
    ['PROSTATE', 'Prostate', 'UROLOGY'],
    ['HEARING_LOSS', 'Hearing Loss', 'ENT'],
    ['NOSE_AND_SINUS', 'Nose and Sinus', 'ENT'],
    ['HEADACHE', 'Headache', 'NEUROLOGY'],
    ['INFLAMMATORY_ARTHRITIS', 'Inflammatory Arthritis', 'RHEUMATOLOGY'],
  ].map(([code, display, specialty]) => ({ code, display, specialty, effectiveFrom: SINCE }));
  clinicTypes.push({
    code: 'GENERAL_SURGERY_LEGACY',
    display: 'General Surgery (legacy)',
    specialty: 'ORTHOPAEDICS_LEGACY',
    effectiveFrom: SINCE,
    effectiveTo: '2011-03-31T00:00:00.000Z',
  });

  const priorities: PriorityConcept[] = [
    { code: 'ROUTINE', display: 'Routine', effectiveFrom: SINCE, deferToProviderContactDays: 20, triageContactDays: 15 },
    { code: 'URGENT', display: 'Urgent', effectiveFrom: SINCE, deferToProviderContactDays: 7, triageContactDays: 3 },
    { code: 'TWO_WEEK_WAIT', display: 'Two Week Wait', effectiveFrom: SINCE, deferToProviderContactDays: 3, triageContactDays: 1 },
  ];

  const cancel = (
    code: string,
    display: string,
    bookingCancellationReasonType: AppointmentCancellationReasonConcept['bookingCancellationReasonType'],
    commentIsMandatory: boolean,
    effectiveTo?: string,
  ): AppointmentCancellationReasonConcept => {
    const concept: AppointmentCancellationReasonConcept = {
      code,
      display,
      effectiveFrom: SINCE,
      bookingCancellationReasonType,
      usage: bookingCancellationReasonType === 'PROVIDER_REJECT' ? 'REJECT' : 'CANCEL',
      willCancelWholeRequest: false,
      commentIsMandatory,
      businessFunctions: bookingCancellationReasonType === 'PATIENT_CANCEL' ? REFERRERS : PROVIDERS,
    };
    if (effectiveTo) concept.effectiveTo = effectiveTo;
    return concept;
  };
  const appointmentCancellationReasons = [
    cancel('PATIENT_UNWELL', 'Patient unwell', 'PATIENT_CANCEL', false),
    cancel('PATIENT_UNAVAILABLE', 'Patient unavailable on the appointment date', 'PATIENT_CANCEL', false),
    cancel('PATIENT_TRANSPORT', 'Patient unable to arrange transport', 'PATIENT_CANCEL', false),
    cancel('PATIENT_PREFERS_OTHER_SITE', 'Patient prefers a different site', 'PATIENT_CANCEL', true),
    cancel('CLINIC_CANCELLED', 'Clinic cancelled by the provider', 'PROVIDER_CANCEL', false),
    cancel('CLINICIAN_UNAVAILABLE', 'Clinician unavailable', 'PROVIDER_CANCEL', false),
    cancel('REFERRAL_NOT_APPROPRIATE', 'Referral not appropriate for this service', 'PROVIDER_REJECT', true),
    cancel('INSUFFICIENT_INFORMATION', 'Insufficient clinical information', 'PROVIDER_REJECT', true),
    cancel('MORE_SUITABLE_SERVICE', 'A more suitable service is available', 'PROVIDER_REJECT', true),
    cancel('APPOINTMENT_NOT_NEEDED', 'Appointment no longer needed', 'PATIENT_CANCEL', false, '2014-03-31T00:00:00.000Z'),
  ];

  const referralCancel = (
    code: string,
    display: string,
    requestCancellationReasonType: ReferralCancellationReasonConcept['requestCancellationReasonType'],
    canCancelAppointment: boolean,
    commentIsMandatory: boolean,
    businessFunctions: BusinessFunction[],
  ): ReferralCancellationReasonConcept => ({
    code,
    display,
    effectiveFrom: SINCE,
    requestCancellationReasonType,
    canCancelAppointment,
    referrerUsage: 'CANCEL_REFERRAL',
    commentIsMandatory,
    businessFunctions,
  });
  const referralCancellationReasons = [
    referralCancel('PATIENT_DECLINED', 'Patient no longer wishes to be referred', 'PATIENT', true, false, [...REFERRERS, ...PROVIDERS]),
    referralCancel('PRIVATE_TREATMENT', 'Patient has chosen private treatment', 'PATIENT', true, false, [...REFERRERS, ...PROVIDERS]),
    referralCancel('SYMPTOMS_RESOLVED', 'Symptoms have resolved', 'PATIENT', true, false, REFERRERS),
    referralCancel('REFERRED_IN_ERROR', 'Referral made in error', 'REFERRER', true, true, REFERRERS),
    referralCancel('DUPLICATE_REFERRAL', 'Duplicate referral', 'REFERRER', false, false, REFERRERS),
    referralCancel('TREATED_ELSEWHERE', 'Patient treated by another provider', 'PROVIDER', true, true, PROVIDERS),
  ];

  const nonAttendanceReasons: Concept[] = [
    { code: 'NO_REASON_GIVEN', display: 'No reason given', effectiveFrom: SINCE },
    { code: 'PATIENT_FORGOT', display: 'Patient forgot the appointment', effectiveFrom: SINCE },
    { code: 'TRANSPORT_FAILED', display: 'Patient transport did not arrive', effectiveFrom: SINCE },
    { code: 'PATIENT_IN_HOSPITAL', display: 'Patient admitted to hospital elsewhere', effectiveFrom: SINCE },
    { code: 'LETTER_NOT_RECEIVED', display: 'Patient did not receive the letter', effectiveFrom: SINCE, effectiveTo: '2015-12-31T00:00:00.000Z' },
  ];

  return {
    publishedAt: '2024-11-04T08:00:00.000Z',
    specialties,
    clinicTypes,
    priorities,
    appointmentCancellationReasons,
    referralCancellationReasons,
    nonAttendanceReasons,
  };
}

/** eRS-ReviewReason-1 codes (the Appointment.reason enum of eRS-Appointment). */
export const REVIEW_REASONS = {
  NO_SLOTS_AT_SERVICE: 'No slots available at the service',
  SLOT_NOT_AVAILABLE: 'Selected slot no longer available',
  BOOKING_ATTEMPT_PROBLEM: 'Problem during the booking attempt',
  TRIAGE: 'Referral sent for triage',
} as const;

/** eRS-ReviewOutcome-1 codes (eRS-Appointment and eRS-RecordReviewOutcome-Parameters enums). */
export const REVIEW_OUTCOMES = {
  PROVIDER_CONVERTED_ADVICE_AND_GUIDANCE_ADMIN_TO_REFER: 'Provider Converted Advice and Guidance, Admin to Refer',
  CANCEL_APPOINTMENT_ACTION_LATER: 'Cancel Appointment, Action Later',
  RETURN_TO_REFERRER_WITH_ADVICE: 'Return to Referrer with Advice',
  ACCEPT_REFER_BOOK_LATER: 'Accept, Refer and Book Later',
} as const;

/**
 * eRS-AssessmentOutcome-1 codes. The spec names the code system but lists no codes;
 * these are the simulator's own.
 */
export const ASSESSMENT_OUTCOMES = {
  ONWARD_REFERRAL: 'Onward referral to a specialist service',
  RETURN_TO_GP: 'Return to GP with a management plan',
  FURTHER_INVESTIGATION: 'Further investigation required',
} as const;
