import { Field, ObjectType } from 'type-graphql';
import { ServiceIdScalar } from './scalars';

/** One service on a referral's shortlist (an entry of the contained eRS-Shortlist-List). */
@ObjectType('ShortlistEntry', {
  description: 'A service on the referral shortlist, as the referral records it (id and name only).',
})
export class ShortlistEntry {
  @Field((_type) => ServiceIdScalar, {
    nullable: false,
    description: 'The e-RS service id (http://fhir.nhs.net/Id/ers-service), e.g. "11002".',
  })
  serviceId!: string;

  @Field((_type) => String, {
    nullable: true,
    description: 'The service name as recorded on the shortlist.',
  })
  serviceName!: string | null;
}
