import { Field, InputType } from 'type-graphql';
import { ReferralPriority } from './referral-priority.enum';
import { OdsCodeScalar, SdsUserIdScalar, ServiceIdScalar } from './scalars';

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
