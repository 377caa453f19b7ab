import { Field, ObjectType } from 'type-graphql';
import { JsonScalar, SdsUserIdScalar } from './scalars';

/** A clinician a SERVICE_PROVIDER_CLINICIAN_ADMIN may work on behalf of (A040, an R4 Practitioner). */
@ObjectType('OnBehalfOfUser', {
  description:
    'A service provider clinician the signed-in SERVICE_PROVIDER_CLINICIAN_ADMIN may work on behalf of. ' +
    'Send `userId` as the NHSD-eRS-On-Behalf-Of-User-ID header to act for them.',
})
export class OnBehalfOfUser {
  @Field((_type) => SdsUserIdScalar, {
    nullable: false,
    description: 'SDS user id of the clinician (https://fhir.nhs.uk/Id/sds-user-id), e.g. "999000000111".',
  })
  userId!: string;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of the clinician, when e-RS sends one (A040 usually sends only the user id).',
  })
  name!: string | null;

  @Field((_type) => JsonScalar, {
    nullable: false,
    description: 'The raw FHIR R4 Practitioner exactly as e-RS returned it.',
  })
  fhir!: Record<string, unknown>;
}
