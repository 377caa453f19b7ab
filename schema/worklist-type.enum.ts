import { registerEnumType } from 'type-graphql';

/**
 * The e-RS worklists (A008 eRS-ReferralListSelector-1 codes, A023 eRS-CommunicationListSelector-1
 * ADVICE_AND_GUIDANCE_REQUESTS). TS values are the e-RS codes.
 */
export enum WorklistType {
  REFERRALS_FOR_REVIEW = 'REFERRALS_FOR_REVIEW',
  APPOINTMENT_SLOT_ISSUES = 'APPOINTMENT_SLOT_ISSUES',
  ADVICE_AND_GUIDANCE_REQUESTS = 'ADVICE_AND_GUIDANCE_REQUESTS',
  REJECTED_TRIAGE_RESPONSE = 'REJECTED_TRIAGE_RESPONSE',
  ASSESSMENT_RETURNED_CANCELLED_DNA = 'ASSESSMENT_RETURNED_CANCELLED_DNA',
  AWAITING_BOOKING = 'AWAITING_BOOKING',
  LETTERS_OUTSTANDING = 'LETTERS_OUTSTANDING',
}

registerEnumType(WorklistType, {
  name: 'WorklistType',
  description: 'An e-RS worklist: referrals (or advice and guidance requests) that need someone to act on them.',
  valuesConfig: {
    REFERRALS_FOR_REVIEW: { description: 'Provider: booked and triage referrals that need review.' },
    APPOINTMENT_SLOT_ISSUES: {
      description: 'Provider: referrals deferred to the provider for lack of appointment slots, to review and book.',
    },
    ADVICE_AND_GUIDANCE_REQUESTS: { description: 'Provider: advice and guidance requests that need actioning (A023).' },
    REJECTED_TRIAGE_RESPONSE: {
      description: 'Referrer: referrals whose appointment was rejected, or returned with a triage response.',
    },
    ASSESSMENT_RETURNED_CANCELLED_DNA: {
      description:
        'Referrer: referrals returned after assessment, cancelled outside the referring organisation, or returned after the patient did not attend.',
    },
    AWAITING_BOOKING: {
      description: 'Referrer: referrals that could be booked but have no appointment (awaiting triage, deferred, or cancelled).',
    },
    LETTERS_OUTSTANDING: { description: 'Referrer: referrals that still need a referral letter.' },
  },
});
