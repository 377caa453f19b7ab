import { registerEnumType } from 'type-graphql';

/**
 * The e-RS reference data code systems served by A004 (`GET /STU3/CodeSystem/{type}`).
 * TS values are the e-RS path segments; GraphQL names use underscores.
 */
export enum CodeSystemType {
  SPECIALTY = 'SPECIALTY',
  CLINIC_TYPE = 'CLINIC-TYPE',
  PRIORITY = 'PRIORITY',
  APPOINTMENT_CANCELLATION_REASON = 'APPOINTMENT-CANCELLATION-REASON',
  REFERRAL_CANCELLATION_REASON = 'REFERRAL-CANCELLATION-REASON',
  APPOINTMENT_NON_ATTENDANCE_REASON = 'APPOINTMENT-NON-ATTENDANCE-REASON',
}

registerEnumType(CodeSystemType, {
  name: 'CodeSystemType',
  description: 'An e-RS reference data code system (A004).',
  valuesConfig: {
    SPECIALTY: { description: 'Clinical specialties, e.g. CARDIOLOGY.' },
    CLINIC_TYPE: { description: 'Clinic types, each within a specialty, e.g. HEART_FAILURE.' },
    PRIORITY: { description: 'Referral priorities: ROUTINE, URGENT, TWO_WEEK_WAIT.' },
    APPOINTMENT_CANCELLATION_REASON: {
      description: 'Reasons an appointment was cancelled or a referral rejected.',
    },
    REFERRAL_CANCELLATION_REASON: { description: 'Reasons a referral was cancelled.' },
    APPOINTMENT_NON_ATTENDANCE_REASON: {
      description: 'Reasons a patient did not attend an appointment.',
    },
  },
});
