import { Field, ID, ObjectType } from 'type-graphql';
import { AppointmentIdScalar, DateTimeScalar, JsonScalar, OdsCodeScalar, UbrnScalar } from './scalars';
import { AppointmentSummary } from './appointment-summary.type';
import { Attachment } from './attachment.type';
import { Code } from './code.type';
import { ReferralRequester } from './referral-requester.type';
import { ReferralStateInfo } from './referral-state-info.type';
import { ReferralStatus } from './referral-status.enum';
import { ServiceSearchCriteria } from './service-search-criteria.type';
import { ShortlistEntry } from './shortlist-entry.type';
import { ReferralPriority } from './referral-priority.enum';
import { EntityKey } from './federation/keys';

/**
 * An e-RS referral (STU3 eRS-ReferralRequest-1, read by A005).
 * Links (shortlist, bookedService, ...) are added by field resolvers from the plain properties.
 */
@EntityKey('ubrn')
@ObjectType('Referral', {
  description:
    'An e-RS referral, identified by its UBRN: its state, priority, specialty, shortlist, appointment and attachments. ' +
    'The raw FHIR ReferralRequest stays reachable in `fhir`.',
})
export class Referral {
  @Field((_type) => UbrnScalar, {
    nullable: false,
    description: 'The Unique Booking Reference Number of the referral (12 digits).',
  })
  ubrn!: string;

  @Field((_type) => String, {
    nullable: false,
    description: 'The version of the referral (meta.versionId, or the version in the e-RS ETag). Send it back when updating.',
  })
  version!: string;

  @Field((_type) => JsonScalar, {
    nullable: false,
    description: 'The raw FHIR STU3 ReferralRequest exactly as e-RS returned it. Contains patient data.',
  })
  fhir!: Record<string, unknown>;

  @Field((_type) => ReferralStatus, {
    nullable: true,
    description: 'The FHIR lifecycle status (ACTIVE, CANCELLED, COMPLETED); null if missing or unknown.',
  })
  status!: ReferralStatus | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The FHIR intent of the request; e-RS always sends "plan".',
  })
  intent!: string | null;

  @Field((_type) => ReferralStateInfo, {
    nullable: true,
    description: 'The e-RS state of the referral with its reason and comment.',
  })
  state!: ReferralStateInfo | null;

  @Field((_type) => ReferralPriority, {
    nullable: true,
    description: 'The referral priority: ROUTINE, URGENT or TWO_WEEK_WAIT (eRS-Priority-1).',
  })
  priority!: ReferralPriority | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'The specialty the patient is referred to (SPECIALTY code system).',
  })
  specialty!: Code | null;

  @Field((_type) => [Code], {
    nullable: false,
    description: 'The clinic types the services were searched for (CLINIC-TYPE code system); empty when none.',
  })
  clinicTypes!: Code[];

  @Field((_type) => String, {
    nullable: true,
    description: "The patient's NHS number (10 digits). Patient data: never logged or put in error messages by this server.",
  })
  patientNhsNumber!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the e-Referral pathway (the Referral To Treatment clock) started.',
  })
  pathwayStart!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the clinical information (referral letter) was first submitted.',
  })
  clinicalInfoFirstSubmitted!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the clinical information was last updated.',
  })
  clinicalInfoLastUpdated!: string | null;

  @Field((_type) => [ShortlistEntry], {
    nullable: false,
    description: 'The shortlisted services as the referral records them (id and name). Empty when there is no shortlist.',
  })
  shortlistEntries!: ShortlistEntry[];

  @Field((_type) => ServiceSearchCriteria, {
    nullable: true,
    description: 'The search that produced the shortlist.',
  })
  searchCriteria!: ServiceSearchCriteria | null;

  @Field((_type) => AppointmentSummary, {
    nullable: true,
    description:
      'The current appointment as the referral itself carries it (booked, or proposed when deferred), at no extra ' +
      'e-RS call; null when none. `appointment` reads the full record (A038).',
  })
  appointmentSummary!: AppointmentSummary | null;

  @Field((_type) => AppointmentIdScalar, {
    nullable: true,
    description: 'The e-RS id of the current appointment (Extension-eRS-Appointment-Reference), e.g. "70009".',
  })
  appointmentId!: string | null;

  @Field((_type) => [Attachment], {
    nullable: false,
    description: 'Files attached to the referral, each with its download availability.',
  })
  attachments!: Attachment[];

  @Field((_type) => [Code], {
    nullable: false,
    description: "The patient's additional requirements: ADVOCACY, INTERPRETER, TRANSPORT (eRS-AdditionalRequirementType-1).",
  })
  additionalRequirements!: Code[];

  @Field((_type) => OdsCodeScalar, {
    nullable: true,
    description: 'ODS code of the organisation whose commissioning rules apply to the referral.',
  })
  commissioningRuleOrganisationOdsCode!: string | null;

  @Field((_type) => ID, {
    nullable: true,
    description: 'The e-RS request id (https://fhir.nhs.uk/Id/ers-request-id), e.g. "r.832db7fa-...".',
  })
  requestId!: string | null;

  @Field((_type) => [String], {
    nullable: false,
    description: 'References to supporting information as sent, e.g. "#DocumentReference-70000".',
  })
  supportingInfoReferences!: string[];

  @Field((_type) => [UbrnScalar], {
    nullable: false,
    description: 'UBRNs of other referrals on the same pathway (related referrals); empty when none.',
  })
  relatedReferralUbrns!: string[];

  @Field((_type) => UbrnScalar, {
    nullable: true,
    description: 'UBRN of the Advice and Guidance request this referral was converted from; null if it was not converted.',
  })
  convertedFromAdviceAndGuidanceUbrn!: string | null;

  @Field((_type) => ReferralRequester, {
    nullable: true,
    description: 'Who made the referral, when e-RS says.',
  })
  requester!: ReferralRequester | null;

  /** Service ids on the shortlist, in order (for the `shortlist` field resolver). Not a GraphQL field. */
  shortlistServiceIds!: string[];

  /** Service id of the contained appointment's service participant (for `bookedService`). Not a GraphQL field. */
  bookedServiceId!: string | null;
}
