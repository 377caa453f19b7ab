import { registerEnumType } from 'type-graphql';

/** How a referral on Referrals for Review reached the provider (eRS-ReferralType-1). */
export enum ReferralType {
  APPOINTMENT = 'APPOINTMENT',
  TRIAGE_DEFERRAL = 'TRIAGE_DEFERRAL',
}

registerEnumType(ReferralType, {
  name: 'ReferralType',
  description: 'How a referral on a provider worklist reached the provider (eRS-ReferralType-1).',
  valuesConfig: {
    APPOINTMENT: { description: 'Booked into an appointment.' },
    TRIAGE_DEFERRAL: { description: 'Sent for triage, or deferred to the provider.' },
  },
});

/** Where a referral's clinical information (the referral letter) is (eRS-ClinicalInformationStatus-1). */
export enum ClinicalInformationStatus {
  PRESENT = 'PRESENT',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
  NOT_DUE = 'NOT_DUE',
  OVERDUE = 'OVERDUE',
}

registerEnumType(ClinicalInformationStatus, {
  name: 'ClinicalInformationStatus',
  description: 'Whether the referral letter (clinical information) has arrived (eRS-ClinicalInformationStatus-1).',
  valuesConfig: {
    PRESENT: { description: 'Present.' },
    NOT_APPLICABLE: { description: 'Not applicable.' },
    NOT_DUE: { description: 'Not due yet.' },
    OVERDUE: { description: 'Overdue.' },
  },
});

/** What changed since the provider last reviewed a referral (eRS-RequestContextStatus-1). */
export enum ReviewStatus {
  LETTER_CHANGED = 'LETTER_CHANGED',
  PRIORITY_CHANGED = 'PRIORITY_CHANGED',
  PRIORITY_AND_LETTER_CHANGED = 'PRIORITY_AND_LETTER_CHANGED',
  NEVER_REVIEWED = 'NEVER_REVIEWED',
}

registerEnumType(ReviewStatus, {
  name: 'ReviewStatus',
  description: 'What changed since the provider last reviewed the referral (eRS-RequestContextStatus-1).',
  valuesConfig: {
    LETTER_CHANGED: { description: 'The referral letter changed.' },
    PRIORITY_CHANGED: { description: 'The priority changed.' },
    PRIORITY_AND_LETTER_CHANGED: { description: 'The priority and the referral letter changed.' },
    NEVER_REVIEWED: { description: 'Never reviewed.' },
  },
});

/** Why a service shows no indicative appointment wait time (eRS-IWT-1). */
export enum IndicativeWaitTimeStatus {
  LIMITED_AVAILABILITY = 'LIMITED_AVAILABILITY',
  NOT_APPLICABLE = 'NOT_APPLICABLE',
}

registerEnumType(IndicativeWaitTimeStatus, {
  name: 'IndicativeWaitTimeStatus',
  description: 'Why a service in a search result shows no indicative appointment wait time (eRS-IWT-1).',
  valuesConfig: {
    LIMITED_AVAILABILITY: { description: 'Limited availability.' },
    NOT_APPLICABLE: { description: 'Not applicable.' },
  },
});
