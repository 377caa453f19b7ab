import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar, JsonScalar, OdsCodeScalar, ServiceIdScalar, UbrnScalar } from './scalars';
import { ActingUser } from './acting-user.type';
import { Attachment } from './attachment.type';
import { Code } from './code.type';
import { ServiceSearchCriteria } from './service-search-criteria.type';
import { ShortlistEntry } from './shortlist-entry.type';
import { ReferralPriority } from './referral-priority.enum';
import {
  AdviceAndGuidanceConversationStatus,
  AdviceAndGuidanceRequestStatus,
  CommunicationSentBy,
} from './advice-and-guidance-status.enum';
import { EntityKey } from './federation/keys';

/**
 * An e-RS Advice and Guidance request (STU3 eRS-CommunicationRequest-1, read by A024).
 * Links (service, conversation, referral) are added by field resolvers from the plain properties.
 */
@EntityKey('ubrn')
@ObjectType('AdviceAndGuidanceRequest', {
  description:
    'An Advice and Guidance (A&G) request: a referrer asking a service for advice about a patient, identified by its UBRN. ' +
    'The raw FHIR CommunicationRequest stays reachable in `fhir`.',
})
export class AdviceAndGuidanceRequest {
  @Field((_type) => UbrnScalar, {
    nullable: false,
    description: 'The UBRN of the A&G request (12 digits).',
  })
  ubrn!: string;

  @Field((_type) => String, {
    nullable: false,
    description: 'The version of the request (meta.versionId, or the version in the e-RS ETag). Send it back when responding.',
  })
  version!: string;

  @Field((_type) => JsonScalar, {
    nullable: false,
    description: 'The raw FHIR STU3 CommunicationRequest exactly as e-RS returned it. Contains patient data.',
  })
  fhir!: Record<string, unknown>;

  @Field((_type) => AdviceAndGuidanceRequestStatus, {
    nullable: true,
    description: 'Whether the request is "active", "cancelled" or "completed" (FHIR status, as sent).',
  })
  status!: AdviceAndGuidanceRequestStatus | null;

  @Field((_type) => AdviceAndGuidanceConversationStatus, {
    nullable: true,
    description:
      'Where the conversation is: PROVIDER_RESPONSE_REQUIRED, REFERRER_TO_SUBMIT_FURTHER_INFORMATION, REFERRER_TO_REVIEW_RESPONSE, ' +
      'CONVERSATION_ENDED_CANCELLED, CONVERSATION_ENDED_CLOSED or ADVICE_CONVERTED (eRS-AdviceAndGuidanceStatus-1).',
  })
  conversationStatus!: AdviceAndGuidanceConversationStatus | null;

  @Field((_type) => ReferralPriority, {
    nullable: true,
    description: 'The priority: ROUTINE, URGENT or TWO_WEEK_WAIT (eRS-Priority-1).',
  })
  priority!: ReferralPriority | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'The specialty advice is sought in (SPECIALTY code system).',
  })
  specialty!: Code | null;

  @Field((_type) => [Code], {
    nullable: false,
    description: 'The clinic types the advice service was searched for; empty when none.',
  })
  clinicTypes!: Code[];

  @Field((_type) => Boolean, {
    nullable: true,
    description: 'Whether the referrer allows the provider to convert this request into a referral; null if e-RS did not say.',
  })
  conversionAuthorised!: boolean | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'The conversion authorisation as sent: AUTHORISED_TO_CONVERT or NOT_AUTHORISED_TO_CONVERT, with its label.',
  })
  conversionAuthorisation!: Code | null;

  @Field((_type) => String, {
    nullable: true,
    description: "The patient's NHS number (10 digits). Patient data: never logged by this server.",
  })
  patientNhsNumber!: string | null;

  @Field((_type) => ServiceIdScalar, {
    nullable: true,
    description: 'The e-RS id of the advice service the request was sent to; also links `service`.',
  })
  serviceId!: string | null;

  @Field((_type) => [ShortlistEntry], {
    nullable: false,
    description: 'The advice service(s) as the request records them (id and name).',
  })
  shortlistEntries!: ShortlistEntry[];

  @Field((_type) => ServiceSearchCriteria, {
    nullable: true,
    description: 'The search that found the advice service.',
  })
  searchCriteria!: ServiceSearchCriteria | null;

  @Field((_type) => ActingUser, {
    nullable: true,
    description: 'Who asked for advice: user, organisation and e-RS role.',
  })
  requester!: ActingUser | null;

  @Field((_type) => ActingUser, {
    nullable: true,
    description: 'Who sent the request, when recorded apart from the requester (e.g. an admin on behalf of a clinician).',
  })
  sender!: ActingUser | null;

  @Field((_type) => [Attachment], {
    nullable: false,
    description: 'Files attached to the request, each with its download availability.',
  })
  attachments!: Attachment[];

  @Field((_type) => ID, {
    nullable: true,
    description: 'The e-RS request id (https://fhir.nhs.uk/Id/ers-request-id).',
  })
  requestId!: string | null;

  /** Service ids on the request's shortlist, in order (for a `shortlist` field resolver). Not a GraphQL field. */
  shortlistServiceIds!: string[];
}

/** One message of an A&G conversation (an STU3 eRS-Communication-1 in the A025 bundle). */
@ObjectType('AdviceAndGuidanceMessage', {
  description: 'One message in an Advice and Guidance conversation, with who sent it and any files sent with it.',
})
export class AdviceAndGuidanceMessage {
  @Field((_type) => ID, {
    nullable: false,
    description: 'The e-RS id of the message, e.g. "70000".',
  })
  id!: string;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the message was sent. Messages are listed oldest first.',
  })
  sentAt!: string | null;

  @Field((_type) => CommunicationSentBy, {
    nullable: true,
    description:
      'Which side sent it: REQUESTER (the referrer), RESPONDER (the provider) or REFERRER_CLINICAL_INFORMATION_UPDATED (eRS-CommunicationSentBy-1).',
  })
  sentBy!: CommunicationSentBy | null;

  @Field((_type) => ActingUser, {
    nullable: true,
    description: 'Who wrote the message: user, organisation and e-RS role.',
  })
  author!: ActingUser | null;

  @Field((_type) => ActingUser, {
    nullable: true,
    description: 'The user on whose request the message was sent, when e-RS records one.',
  })
  requester!: ActingUser | null;

  @Field((_type) => OdsCodeScalar, {
    nullable: true,
    description: 'ODS code of the organisation the author wrote for.',
  })
  organisationOdsCode!: string | null;

  @Field((_type) => ServiceIdScalar, {
    nullable: true,
    description: 'The e-RS id of the service the message was sent to (messages from the referrer).',
  })
  recipientServiceId!: string | null;

  @Field((_type) => OdsCodeScalar, {
    nullable: true,
    description: 'ODS code of the organisation the message was sent to (messages from the provider).',
  })
  recipientOdsCode!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The message text (up to 8000 characters). Clinical data.',
  })
  text!: string | null;

  @Field((_type) => [Attachment], {
    nullable: false,
    description: 'Files sent with the message; empty when none.',
  })
  attachments!: Attachment[];

  @Field((_type) => JsonScalar, {
    nullable: false,
    description: 'The raw FHIR STU3 Communication exactly as e-RS returned it.',
  })
  fhir!: Record<string, unknown>;

  /** UBRN of the A&G request the message belongs to (basedOn), for an `adviceAndGuidanceRequest` resolver. Not a GraphQL field. */
  adviceAndGuidanceUbrn!: string | null;

  /** Version of that request the message was based on, when the reference carries one. Not a GraphQL field. */
  adviceAndGuidanceVersion!: string | null;
}
