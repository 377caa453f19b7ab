/**
 * The simulator's A004 reference data and the static e-RS code systems used for state reasons.
 * Specialties, clinic types and priorities are the simulator's own (realistic, e-RS-like); the
 * three reason sets (appointment cancellation, referral cancellation, non-attendance) are e-RS's
 * published ones, transcribed from the A004 examples (examples/getCodeSystem/responses/) with
 * every property exactly as e-RS gives it.
 */
import { CODE_SYSTEM_TYPES, type BusinessFunction, type CodeSystemType, type PriorityCode } from './codes';

export { CODE_SYSTEM_TYPES, type CodeSystemType };

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

/** Whether a concept is in force at an ISO instant: effectiveFrom not in the future, effectiveTo (if any) not in the past. */
export function isCurrent(concept: Concept, at: string): boolean {
  return concept.effectiveFrom <= at && (concept.effectiveTo === undefined || concept.effectiveTo >= at);
}

/** Whether a reason lists the business function (the `businessFunction` filter of A014, A034 and A036). */
export function isOfferedTo(concept: { businessFunctions?: readonly string[] }, businessFunction: string): boolean {
  return concept.businessFunctions?.includes(businessFunction) ?? false;
}

/** Business functions a reason is offered to: e-RS roles plus the application-restricted caller. */
export type ReasonBusinessFunction = BusinessFunction | 'PROVIDER_AUTHORISED_APPLICATION';

export interface AppointmentCancellationReasonConcept extends Concept {
  /** Code of https://fhir.nhs.uk/STU3/CodeSystem/eRS-AppointmentBookingCancellationReasonType-1. */
  bookingCancellationReasonType: 'PATIENT' | 'PROVIDER' | 'PROVIDER_REJECT' | 'UNKNOWN';
  /** Deprecated in e-RS, still returned. */
  willCancelWholeRequest: boolean;
  commentIsMandatory: boolean;
  /** Who may give the reason; absent where e-RS lists no business function. */
  businessFunctions?: ReasonBusinessFunction[];
  /** CANCEL (A034) or REJECT (A014); absent where e-RS gives none: no endpoint then takes the reason. */
  usage?: 'CANCEL' | 'REJECT';
}

export interface ReferralCancellationReasonConcept extends Concept {
  /** Code of https://fhir.nhs.uk/STU3/CodeSystem/eRS-AppointmentRequestCancellationReasonType-1. */
  requestCancellationReasonType: 'PATIENT' | 'PROVIDER' | 'PROVIDER_TRIAGE' | 'UNKNOWN';
  commentIsMandatory: boolean;
  canCancelAppointment: boolean;
  /** Who may give the reason; absent where e-RS lists no business function. */
  businessFunctions?: ReasonBusinessFunction[];
  /** Present on the reasons A036 takes; absent where e-RS gives none. */
  referrerUsage?: 'CANCEL_REFERRAL';
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
/** effectiveFrom of BOOKED_OUTSIDE_CAB, RAISED_IN_ERROR and REFERRER_CANCELLATION. */
const CAB_2007 = '2007-09-14T00:00:00.000Z';
/** effectiveFrom of the PROVIDER_TRIAGE referral cancellation reasons. */
const TRIAGE_SINCE = '2019-07-23T17:09:56.000Z';
// The business-function lists in the order e-RS lists them on each concept.
const REFERRER_ROLES = ['REFERRING_CLINICIAN_ADMIN', 'REFERRING_CLINICIAN'] as const;
const PROVIDER_ROLES = ['SERVICE_PROVIDER_CLINICIAN_ADMIN', 'SERVICE_PROVIDER_CLINICIAN'] as const;
const PROVIDERS_AND_APPLICATIONS = [
  'SERVICE_PROVIDER_CLINICIAN',
  'SERVICE_PROVIDER_CLINICIAN_ADMIN',
  'PROVIDER_AUTHORISED_APPLICATION',
] as const;
const REFERRERS_PROVIDERS_AND_APPLICATIONS = [
  'REFERRING_CLINICIAN_ADMIN',
  'REFERRING_CLINICIAN',
  'SERVICE_PROVIDER_CLINICIAN',
  'SERVICE_PROVIDER_CLINICIAN_ADMIN',
  'PROVIDER_AUTHORISED_APPLICATION',
] as const;

/** Optional fields of a reason concept; business functions are copied so no two concepts share a list. */
type ReasonOptions<C extends Concept> = Partial<Omit<C, 'code' | 'display' | 'businessFunctions'>> & {
  businessFunctions?: readonly ReasonBusinessFunction[];
};

/** An APPOINTMENT-CANCELLATION-REASON concept; e-RS gives willCancelWholeRequest false and, unless stated, no comment. */
function appointmentReason(
  code: string,
  display: string,
  bookingCancellationReasonType: AppointmentCancellationReasonConcept['bookingCancellationReasonType'],
  options: ReasonOptions<AppointmentCancellationReasonConcept> = {},
): AppointmentCancellationReasonConcept {
  const { businessFunctions, ...rest } = options;
  return {
    code,
    display,
    effectiveFrom: SINCE,
    bookingCancellationReasonType,
    willCancelWholeRequest: false,
    commentIsMandatory: false,
    ...rest,
    ...(businessFunctions ? { businessFunctions: [...businessFunctions] } : {}),
  };
}

/** A REFERRAL-CANCELLATION-REASON concept; unless stated, no comment is needed and no appointment can be cancelled. */
function referralReason(
  code: string,
  display: string,
  requestCancellationReasonType: ReferralCancellationReasonConcept['requestCancellationReasonType'],
  options: ReasonOptions<ReferralCancellationReasonConcept> = {},
): ReferralCancellationReasonConcept {
  const { businessFunctions, ...rest } = options;
  return {
    code,
    display,
    effectiveFrom: SINCE,
    requestCancellationReasonType,
    commentIsMandatory: false,
    canCancelAppointment: false,
    ...rest,
    ...(businessFunctions ? { businessFunctions: [...businessFunctions] } : {}),
  };
}

function nonAttendanceReason(code: string, display: string, options: Partial<Omit<Concept, 'code' | 'display'>> = {}): Concept {
  return { code, display, effectiveFrom: SINCE, ...options };
}

/** Specialties that have services in the world; the reference data lists a few more. */
export const SERVICE_SPECIALTIES = ['CARDIOLOGY', 'DERMATOLOGY', 'GASTROENTEROLOGY', 'TRAUMA_AND_ORTHOPAEDICS', 'UROLOGY', 'ENT'] as const;

/** Builds the reference data; static (not seeded) because real reference data does not vary per patient. */
/**
 * The reference data of a world anchored at `anchor`: the concepts keep e-RS's own effective dates;
 * the sets were last published four weeks before the anchor (at 08:00 UTC), so never in its future.
 */
export function buildReferenceData(anchor: string): ReferenceData {
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
    {
      code: 'CHILDRENS_ALLERGY',
      display: "Children's Allergy",
      effectiveFrom: '2009-10-01T00:00:00.000Z',
      effectiveTo: '2016-09-30T00:00:00.000Z',
    },
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

  // e-RS's APPOINTMENT-CANCELLATION-REASON (A004 example), in its order. Only the PATIENT (usage CANCEL,
  // referrers: A034) and PROVIDER_REJECT (usage REJECT, providers: A014) reasons carry a usage.
  const appointmentCancellationReasons: AppointmentCancellationReasonConcept[] = [
    appointmentReason('ADDITIONAL_REQ_NOT_AVAILABLE', 'Additional requirement not available', 'PROVIDER', {
      effectiveTo: '2007-06-25T00:00:00.000Z',
    }),
    appointmentReason('ADDITIONAL_REQ_NOT_ELIGIBLE', 'Not eligible for additional requirement', 'PROVIDER'),
    appointmentReason('ADDITIONAL_REQ_NOT_PROVIDED', 'Additional req not provided at location', 'PROVIDER'),
    appointmentReason('ADDITIONAL_REQ_UNAVAILABLE', 'Additional req unavailable for this appt', 'PROVIDER'),
    appointmentReason('APPT_MADE_FOR_WRONG_PATIENT', 'Appt. made for wrong patient', 'UNKNOWN', {
      effectiveFrom: '2004-06-13T00:00:00.000Z',
      effectiveTo: '2014-10-01T00:00:00.000Z',
    }),
    appointmentReason('CLINIC_CANCELLED', 'Clinic cancelled', 'PROVIDER'),
    appointmentReason('CLINIC_CANCELLED_ALTERNATIVE', 'Clinic cancelled', 'PROVIDER'),
    appointmentReason('CLINIC_OVERRUN', 'Clinic overrun', 'PROVIDER'),
    appointmentReason('CLINIC_OVERRUN_ALTERNATIVE', 'Clinic overrun', 'PROVIDER'),
    appointmentReason('FURTHER_INFORMATION_REQUIRED', 'Further information required', 'PROVIDER_REJECT', {
      businessFunctions: PROVIDER_ROLES,
      usage: 'REJECT',
    }),
    appointmentReason('NOT_SPECIFIED', 'Not Specified', 'PROVIDER', { effectiveFrom: '2000-06-01T00:00:00.000Z' }),
    appointmentReason('OTHER', 'Other reason', 'PROVIDER_REJECT', { businessFunctions: PROVIDER_ROLES, usage: 'REJECT' }),
    appointmentReason('OTHER_MIGRATION_FROM_CAB', 'Other', 'UNKNOWN', {
      effectiveFrom: '2014-10-01T00:00:00.000Z',
      effectiveTo: '2014-10-01T00:00:00.000Z',
    }),
    appointmentReason('OUTPATIENT_APPT_NOT_REQUIRED', 'Outpatient appointment not required', 'PROVIDER_REJECT', {
      businessFunctions: PROVIDER_ROLES,
      usage: 'REJECT',
    }),
    appointmentReason('PATIENT_APPOINTMENT_CANCELLATION_OTHER', 'Other', 'PATIENT', {
      commentIsMandatory: true,
      businessFunctions: REFERRER_ROLES,
      usage: 'CANCEL',
    }),
    appointmentReason('PATIENT_APPOINTMENT_CLASH', 'Patient - Clashes with another appointment', 'UNKNOWN', {
      effectiveTo: '2007-06-01T00:00:00.000Z',
    }),
    appointmentReason('PATIENT_HOLIDAY', 'Patient on holiday', 'PATIENT', { businessFunctions: REFERRER_ROLES, usage: 'CANCEL' }),
    appointmentReason('PATIENT_ILL', 'Patient is sick', 'PATIENT', { businessFunctions: REFERRER_ROLES, usage: 'CANCEL' }),
    appointmentReason('PATIENT_OTHER_ENGAGEMENT', 'Patient - Other more pressing engagement', 'PATIENT', {
      commentIsMandatory: true,
      businessFunctions: REFERRER_ROLES,
      usage: 'CANCEL',
    }),
    appointmentReason('PRIORITY_CHANGE', 'Priority change for other reasons', 'PROVIDER', { commentIsMandatory: true }),
    appointmentReason('PRIORITY_INAPPROPRIATE', 'Inappropriate priority', 'PROVIDER', { commentIsMandatory: true }),
    appointmentReason('PROVIDER_CANCELLATION', 'Other - Provider cancellation', 'PROVIDER', { commentIsMandatory: true }),
    appointmentReason('REDIRECTED_AGE', 'Redirected due to patient age', 'UNKNOWN', { commentIsMandatory: true }),
    appointmentReason('REDIRECTED_APPROPRIATE_CLINIC', 'Redirected to more appropriate clinic', 'UNKNOWN', { commentIsMandatory: true }),
    appointmentReason('REDIRECTED_APPROPRIATE_SPECIALTY', 'Redirected to more appropriate specialty', 'UNKNOWN', {
      commentIsMandatory: true,
    }),
    appointmentReason('REDIRECTED_CONFIDENTIALITY', 'Redirected due to confidentiality', 'UNKNOWN', { commentIsMandatory: true }),
    appointmentReason('REDIRECTED_GENDER', 'Redirected due to patient gender', 'UNKNOWN', { commentIsMandatory: true }),
    appointmentReason('REDIRECTED_OTHER', 'Redirected due to other reason', 'UNKNOWN', { commentIsMandatory: true }),
    appointmentReason('REDIRECTED_PRIORITY', 'Redirected due to priority', 'UNKNOWN', { commentIsMandatory: true }),
    appointmentReason('REDIRECTED_STAFF_VACATION', 'Redirected due to staff vacation', 'UNKNOWN', { commentIsMandatory: true }),
    appointmentReason('REDIRECTED_TEMPORARILY', 'A Temporary Redirected Reason', 'UNKNOWN', { effectiveTo: '2014-10-01T00:00:00.000Z' }),
    appointmentReason('SERVICE_INAPPROPRIATE', 'Inappropriate service', 'PROVIDER_REJECT', {
      businessFunctions: PROVIDER_ROLES,
      usage: 'REJECT',
    }),
    appointmentReason('SERVICE_PREREQUISITES_NOT_COMPLETE', 'Pre-requisites for service not complete', 'PROVIDER_REJECT', {
      businessFunctions: PROVIDER_ROLES,
      usage: 'REJECT',
    }),
    appointmentReason('SLOT_CANCELLED', 'Slot cancelled', 'PROVIDER'),
    appointmentReason('SLOT_CANCELLED_ALTERNATIVE', 'Slot cancelled', 'PROVIDER'),
    appointmentReason('WRONG_PROVIDER', 'Appt. made with wrong provider', 'UNKNOWN', {
      effectiveFrom: '2004-02-13T00:00:00.000Z',
      effectiveTo: '2004-06-13T00:00:00.000Z',
    }),
  ];

  // e-RS's REFERRAL-CANCELLATION-REASON (A004 example), in its order; A036 takes those with referrerUsage CANCEL_REFERRAL.
  const referralCancellationReasons: ReferralCancellationReasonConcept[] = [
    referralReason('BOOKED_CLINICAL_NEED', 'Booked more urgently due to clinical need', 'PROVIDER_TRIAGE', {
      effectiveFrom: TRIAGE_SINCE,
      commentIsMandatory: true,
      businessFunctions: PROVIDERS_AND_APPLICATIONS,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('BOOKED_OUTSIDE_CAB', 'Patient booked outside NHS e-Referral Service', 'PROVIDER', {
      effectiveFrom: CAB_2007,
      canCancelAppointment: true,
      businessFunctions: PROVIDERS_AND_APPLICATIONS,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('COMMUNITY_SERVICE_NA', 'Sent to community service not available in this system', 'PROVIDER_TRIAGE', {
      effectiveFrom: TRIAGE_SINCE,
      commentIsMandatory: true,
      businessFunctions: PROVIDERS_AND_APPLICATIONS,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('COMPLEX_PATHWAY', 'Complex pathway, multiple appointments needed', 'PROVIDER_TRIAGE', {
      effectiveFrom: TRIAGE_SINCE,
      commentIsMandatory: true,
      businessFunctions: PROVIDERS_AND_APPLICATIONS,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('INTEND_PRIVATE', 'Patient will go to a private clinic', 'PATIENT', {
      canCancelAppointment: true,
      businessFunctions: REFERRERS_PROVIDERS_AND_APPLICATIONS,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('NO_LONGER_REQUIRED', 'Referral is no longer required', 'PROVIDER_TRIAGE', {
      effectiveFrom: TRIAGE_SINCE,
      commentIsMandatory: true,
      businessFunctions: PROVIDERS_AND_APPLICATIONS,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('OTHER_OTHER', 'Other reason', 'PROVIDER_TRIAGE', {
      effectiveFrom: TRIAGE_SINCE,
      commentIsMandatory: true,
      businessFunctions: PROVIDERS_AND_APPLICATIONS,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason(
      'OUTPATIENT_CLINICIAN_NA',
      'Sent to outpatient service as named clinician is not available in this system',
      'PROVIDER_TRIAGE',
      {
        effectiveFrom: TRIAGE_SINCE,
        commentIsMandatory: true,
        businessFunctions: PROVIDERS_AND_APPLICATIONS,
        referrerUsage: 'CANCEL_REFERRAL',
      },
    ),
    referralReason('OUTPATIENT_SERVICE_NA', 'Sent to outpatient service not available in this system', 'PROVIDER_TRIAGE', {
      effectiveFrom: TRIAGE_SINCE,
      commentIsMandatory: true,
      businessFunctions: PROVIDERS_AND_APPLICATIONS,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('PATIENT_DIED', 'Patient died', 'PATIENT', {
      canCancelAppointment: true,
      businessFunctions: REFERRERS_PROVIDERS_AND_APPLICATIONS,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('PATIENT_REQUEST_CANCELLATION_OTHER', 'Other', 'PATIENT', {
      commentIsMandatory: true,
      canCancelAppointment: true,
      businessFunctions: REFERRERS_PROVIDERS_AND_APPLICATIONS,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('RAISED_IN_ERROR', 'Referral created by mistake', 'UNKNOWN', {
      effectiveFrom: CAB_2007,
      canCancelAppointment: true,
      businessFunctions: REFERRER_ROLES,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('REFERRER_CANCELLATION', 'Other - Referrer request cancellation', 'UNKNOWN', {
      effectiveFrom: CAB_2007,
      canCancelAppointment: true,
      businessFunctions: REFERRER_ROLES,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('STRAIGHT_TO_TEST', 'Sent straight to test / procedure', 'PROVIDER_TRIAGE', {
      effectiveFrom: TRIAGE_SINCE,
      commentIsMandatory: true,
      businessFunctions: PROVIDERS_AND_APPLICATIONS,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('TREATMENT_NO_LONGER_REQUIRED', 'Referral no longer needed', 'PATIENT', {
      canCancelAppointment: true,
      businessFunctions: REFERRERS_PROVIDERS_AND_APPLICATIONS,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('TRIAGE_ENDED', 'Triage Ended', 'PROVIDER_TRIAGE', {
      effectiveFrom: TRIAGE_SINCE,
      businessFunctions: PROVIDERS_AND_APPLICATIONS,
      referrerUsage: 'CANCEL_REFERRAL',
    }),
    referralReason('PATIENT_APPOINTMENT_CANCELLATION_OTHER', 'Other', 'PATIENT', { canCancelAppointment: true }),
    referralReason('PROVIDER_CANCELLATION', 'Other - Provider Cancellation', 'UNKNOWN', { canCancelAppointment: true }),
  ];

  // e-RS's APPOINTMENT-NON-ATTENDANCE-REASON (A004 example), in its order.
  const nonAttendanceReasons: Concept[] = [
    nonAttendanceReason('CANCELLED_TOO_LATE', 'Cancelled too late'),
    nonAttendanceReason('ARRIVED_TOO_LATE', 'Patient arrived too late to be seen'),
    nonAttendanceReason('PATIENT_FORGOT', 'Patient forgot about appointment'),
    nonAttendanceReason('PATIENT_DIED', 'Patient died'),
    nonAttendanceReason('PATIENT_ILL', 'Patient ill'),
    nonAttendanceReason('UNKNOWN', 'Reason not known'),
    nonAttendanceReason('NOT_SPECIFIED', 'Not specified'),
    nonAttendanceReason('OTHER_MIGRATION_FROM_CAB', 'Other (Migration from CAB)', { effectiveTo: '2012-01-31T00:00:00.000Z' }),
  ];

  return {
    publishedAt: publishedBefore(anchor),
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

/** 08:00 UTC on the day four weeks before the anchor. */
function publishedBefore(anchor: string): string {
  const day = new Date(Date.parse(anchor) - 28 * 86_400_000);
  day.setUTCHours(8, 0, 0, 0);
  return day.toISOString();
}
