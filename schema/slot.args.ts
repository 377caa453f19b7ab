import { Field, InputType, registerEnumType } from 'type-graphql';
import { OdsCodeScalar, SdsUserIdScalar, ServiceIdScalar } from './scalars';

/** Referral priority, as e-RS codes it (eRS-Priority-1). */
export enum ReferralPriority {
  ROUTINE = 'ROUTINE',
  URGENT = 'URGENT',
  TWO_WEEK_WAIT = 'TWO_WEEK_WAIT',
}

registerEnumType(ReferralPriority, {
  name: 'ReferralPriority',
  description: 'The priority of a referral (eRS-Priority-1).',
  valuesConfig: {
    ROUTINE: { description: 'Routine.' },
    URGENT: { description: 'Urgent.' },
    TWO_WEEK_WAIT: { description: 'Two week wait (suspected cancer).' },
  },
});

/** What to search free slots by (A015). */
@InputType('SlotSearchInput', { description: 'A search for free appointment slots of a directly bookable service (e-RS A015).' })
export class SlotSearchInput {
  @Field((_type) => ServiceIdScalar, { nullable: false, description: 'The service, a directly bookable one on the referral shortlist.' })
  serviceId!: string;

  @Field((_type) => ReferralPriority, { nullable: false, description: 'The referral priority; only slots for it are returned.' })
  priority!: ReferralPriority;

  @Field((_type) => OdsCodeScalar, {
    nullable: false,
    description: 'The referral’s commissioning rule organisation (Referral.commissioningRuleOrganisationOdsCode).',
  })
  commissioningRuleOrgOdsCode!: string;

  @Field((_type) => SdsUserIdScalar, { nullable: true, description: 'Only slots with this named clinician (12-digit SDS user id).' })
  clinicianUserId?: string;
}
