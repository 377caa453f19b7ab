import { registerEnumType } from 'type-graphql';

/**
 * What the current user may do to a referral now (A029: the codes of
 * https://fhir.nhs.uk/STU3/CodeSystem/eRS-AvailableActionsForUser-1). TS values are the e-RS codes.
 */
export enum ReferralAction {
  RECORD_REVIEW_OUTCOME = 'RECORD_REVIEW_OUTCOME',
  CREATE_APPOINTMENT = 'CREATE_APPOINTMENT',
  CHANGE_SHORTLIST = 'CHANGE_SHORTLIST',
  CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE = 'CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE',
  CANCEL_REFERRAL = 'CANCEL_REFERRAL',
  CANCEL_DIRECTLY_BOOKED_APPOINTMENT = 'CANCEL_DIRECTLY_BOOKED_APPOINTMENT',
}

registerEnumType(ReferralAction, {
  name: 'ReferralAction',
  description:
    'An action the current user may perform on a referral right now, as e-RS reports it. The list is transient: ' +
    'it depends on the user, their role and the referral version, so it is never cached.',
  valuesConfig: {
    RECORD_REVIEW_OUTCOME: {
      description: 'Provider: record the outcome of reviewing (triaging) the referral (A028).',
    },
    CREATE_APPOINTMENT: {
      description: 'Referrer: book an appointment at a shortlisted service, defer booking to the service, or send for triage (A016).',
    },
    CHANGE_SHORTLIST: { description: 'Referrer: change the shortlist of services (A031).' },
    CHANGE_SHORTLIST_AND_SEND_FOR_TRIAGE: {
      description: 'Referrer: change the shortlist and send the referral to a triage service (A032).',
    },
    CANCEL_REFERRAL: { description: 'Referrer or provider: cancel the referral (A036).' },
    CANCEL_DIRECTLY_BOOKED_APPOINTMENT: {
      description: 'Referrer: cancel the appointment booked at a directly bookable service.',
    },
  },
});
