import { Field, ID, ObjectType } from 'type-graphql';
import { JsonScalar, UbrnScalar } from './scalars';
import { Code } from './code.type';
import { ServiceRequestKind } from './service-request-kind.enum';
import { ServiceRequestStatus } from './service-request-status.enum';

/**
 * A referral or advice and guidance request as the e-RS R4 API identifies it (A041: an entry
 * of the eRS-ServiceRequest search Bundle for a UBRN). Its `id` is what R4 endpoints (A012,
 * A042) need instead of the UBRN. Links (referral, adviceAndGuidanceRequest) are added by field
 * resolvers from the plain properties.
 */
@ObjectType('ServiceRequest', {
  description:
    'A referral or an advice and guidance request, with the request id the e-RS FHIR R4 endpoints use for it instead ' +
    'of the UBRN. One UBRN can have both. The raw FHIR R4 ServiceRequest stays reachable in `fhir`.',
})
export class ServiceRequest {
  @Field((_type) => ID, {
    nullable: false,
    description: 'The e-RS request id, e.g. "r.832db7fa-ebdd-44b6-ab3b-8329c2d43149"; R4 endpoints take it instead of the UBRN.',
  })
  id!: string;

  @Field((_type) => String, {
    nullable: false,
    description: 'The version of the request (meta.versionId); empty when e-RS did not send one.',
  })
  version!: string;

  @Field((_type) => UbrnScalar, {
    nullable: true,
    description: 'The UBRN of the referral or advice and guidance request; null if e-RS sent none (or not 12 digits).',
  })
  ubrn!: string | null;

  @Field((_type) => ServiceRequestKind, {
    nullable: true,
    description: 'Whether this is a referral or an advice and guidance request; null if e-RS sent a category this server does not know.',
  })
  kind!: ServiceRequestKind | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'The category as sent: "referral" or "request" (message-category-servicerequest).',
  })
  category!: Code | null;

  @Field((_type) => ServiceRequestStatus, {
    nullable: true,
    description: 'The status of the request; null if e-RS sent a status this server does not know.',
  })
  status!: ServiceRequestStatus | null;

  @Field((_type) => String, {
    nullable: true,
    description: "The patient's NHS number (10 digits). Patient data: never logged by this server.",
  })
  patientNhsNumber!: string | null;

  @Field((_type) => JsonScalar, {
    nullable: false,
    description: 'The raw FHIR R4 ServiceRequest exactly as e-RS returned it. Contains patient data.',
  })
  fhir!: Record<string, unknown>;

  /** UBRN of the referral, when this is a referral (for a `referral` field resolver, A005). Not a GraphQL field. */
  referralUbrn!: string | null;

  /** UBRN of the A&G request, when this is one (for an `adviceAndGuidanceRequest` field resolver, A024). Not a GraphQL field. */
  adviceAndGuidanceUbrn!: string | null;
}
