import { Field, ObjectType } from 'type-graphql';
import { OdsCodeScalar, SdsUserIdScalar } from './scalars';

/** Who made the referral (STU3 ReferralRequest.requester.agent / onBehalfOf). */
@ObjectType('ReferralRequester', {
  description: 'The person and organisation that made the referral, as e-RS identifies them.',
})
export class ReferralRequester {
  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the referring user (http://fhir.nhs.net/Id/sds-user-id).',
  })
  userId!: string | null;

  @Field((_type) => OdsCodeScalar, {
    nullable: true,
    description: 'ODS code of the referring organisation (https://fhir.nhs.uk/Id/ods-organization-code).',
  })
  organisationOdsCode!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'A display name for the requester, if e-RS sent one.',
  })
  display!: string | null;
}
