import { registerEnumType } from 'type-graphql';

/** FHIR STU3 request status of a ReferralRequest. TS values are the FHIR codes. */
export enum ReferralStatus {
  DRAFT = 'draft',
  ACTIVE = 'active',
  SUSPENDED = 'suspended',
  CANCELLED = 'cancelled',
  COMPLETED = 'completed',
  ENTERED_IN_ERROR = 'entered-in-error',
  UNKNOWN = 'unknown',
}

registerEnumType(ReferralStatus, {
  name: 'ReferralStatus',
  description:
    'The FHIR lifecycle status of the referral request. e-RS uses ACTIVE, CANCELLED and ' +
    'COMPLETED; see `state` for the e-RS business state.',
  valuesConfig: {
    DRAFT: { description: 'The request is still being prepared (not used by e-RS today).' },
    ACTIVE: { description: 'The referral is in progress.' },
    SUSPENDED: { description: 'The referral is on hold (not used by e-RS today).' },
    CANCELLED: { description: 'The referral was cancelled before it completed.' },
    COMPLETED: { description: 'The referral has finished.' },
    ENTERED_IN_ERROR: { description: 'The referral was created by mistake (not used by e-RS today).' },
    UNKNOWN: { description: 'e-RS did not say what the status is.' },
  },
});
