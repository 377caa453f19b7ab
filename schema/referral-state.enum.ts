import { registerEnumType } from 'type-graphql';

/**
 * The e-RS "at a glance" state of a referral (Extension-eRS-ReferralState-1, code system
 * https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralState-1). TS values are the e-RS codes.
 */
export enum ReferralState {
  APPT_CANCELLED_BY_PATIENT = 'APPT_CANCELLED_BY_PATIENT',
  APPT_CANCELLED_BY_PROVIDER = 'APPT_CANCELLED_BY_PROVIDER',
  ASSESSMENT_RESULT = 'ASSESSMENT_RESULT',
  AWAITING_TRIAGE = 'AWAITING_TRIAGE',
  BOOKED = 'BOOKED',
  CANCELLED_REFERRAL = 'CANCELLED_REFERRAL',
  DEFERRED_TO_PROVIDER = 'DEFERRED_TO_PROVIDER',
  DID_NOT_ATTEND = 'DID_NOT_ATTEND',
  NOT_BOOKED = 'NOT_BOOKED',
  REJECTED = 'REJECTED',
  TRIAGE_RESPONSE = 'TRIAGE_RESPONSE',
  TRIAGED_PROVIDER_TO_ACTION = 'TRIAGED_PROVIDER_TO_ACTION',
}

registerEnumType(ReferralState, {
  name: 'ReferralState',
  description: 'The e-RS "at a glance" state of a referral.',
  valuesConfig: {
    APPT_CANCELLED_BY_PATIENT: {
      description: "The referral's most recent appointment was cancelled at the request of, or directly by, the patient.",
    },
    APPT_CANCELLED_BY_PROVIDER: {
      description: "The referral's most recent appointment was cancelled by the service provider.",
    },
    ASSESSMENT_RESULT: {
      description: 'A service provider has reviewed and drafted, or submitted, a clinical assessment for the referral.',
    },
    AWAITING_TRIAGE: {
      description: 'The triage referral is pending review with a service provider.',
    },
    BOOKED: {
      description: "The referral's appointment has a date and time with a service.",
    },
    CANCELLED_REFERRAL: {
      description: 'The referral has been cancelled and cannot be progressed any further.',
    },
    DEFERRED_TO_PROVIDER: {
      description: "The service provider will arrange the patient's appointment.",
    },
    DID_NOT_ATTEND: {
      description: 'The patient did not attend their last appointment.',
    },
    NOT_BOOKED: {
      description: 'The referral is not booked: there is no planned patient encounter.',
    },
    REJECTED: {
      description: 'The referral was rejected by a provider at their service.',
    },
    TRIAGE_RESPONSE: {
      description: 'A service has passed the referral back to the referrer, with advice.',
    },
    TRIAGED_PROVIDER_TO_ACTION: {
      description: 'The service provider has recorded a review decision, intending to process this referral.',
    },
  },
});
