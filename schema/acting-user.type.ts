import { Field, ObjectType } from 'type-graphql';
import { OdsCodeScalar, SdsUserIdScalar } from './scalars';
import { BusinessFunction } from './business-function.enum';

/** A user acting in an e-RS role at an organisation (an STU3 CareConnect-PractitionerRole). */
@ObjectType('ActingUser', {
  description: 'A person as e-RS recorded them acting: who they are, the organisation and the e-RS role they acted in.',
})
export class ActingUser {
  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the person (http://fhir.nhs.net/Id/sds-user-id), e.g. "999000000777".',
  })
  userId!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of the person, when e-RS sends one (it usually sends only the user id).',
  })
  name!: string | null;

  @Field((_type) => OdsCodeScalar, {
    nullable: true,
    description: 'ODS code of the organisation they acted for, e.g. "X99".',
  })
  odsCode!: string | null;

  @Field((_type) => BusinessFunction, {
    nullable: true,
    description:
      'The e-RS role (business function) they acted in, e.g. REFERRING_CLINICIAN; null for a role the e-RS API does not act in (see `fhir`).',
  })
  businessFunction!: BusinessFunction | null;
}
