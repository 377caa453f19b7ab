import { registerEnumType } from 'type-graphql';

/** Referral priority, as e-RS codes it (eRS-Priority-1): the same enum in and out. */
export enum ReferralPriority {
  ROUTINE = 'ROUTINE',
  URGENT = 'URGENT',
  TWO_WEEK_WAIT = 'TWO_WEEK_WAIT',
}

registerEnumType(ReferralPriority, {
  name: 'ReferralPriority',
  description: 'The priority of a referral or A&G request (eRS-Priority-1; the PRIORITY code system of A004 has the same codes).',
  valuesConfig: {
    ROUTINE: { description: 'Routine.' },
    URGENT: { description: 'Urgent.' },
    TWO_WEEK_WAIT: { description: '2 Week Wait (suspected cancer).' },
  },
});
