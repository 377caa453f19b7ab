import { Field, InterfaceType, ObjectType } from 'type-graphql';
import { DateScalar, DateTimeScalar, JsonScalar, SdsUserIdScalar, ServiceIdScalar, UbrnScalar } from './scalars';
import { Code } from './code.type';
import { ReferralStateInfo } from './referral-state-info.type';
import { WorklistType } from './worklist-type.enum';
import { ReferralPriority } from './referral-priority.enum';
import { ClinicalInformationStatus, ReferralType, ReviewStatus } from './closed-codes.enum';
import { AdviceAndGuidanceConversationStatus } from './advice-and-guidance-status.enum';

/*
 * Worklist items (A008, A023: entries of an eRS-FetchWorklist-List-1). Each worklist carries its
 * own set of item extensions (Extension-eRS-<Worklist>-WorkListItem-1), and the sets differ a
 * lot: provider worklists carry specialty, service and pathway dates, referrer worklists carry
 * referrer, clinical context and referral state, A&G carries its own status and dates. So the
 * common part is an interface and each distinct extension set is an object type. The three
 * referrer worklists with the same extension set (Rejected/Triage response, Assessment
 * returned/Cancelled/DNA, Awaiting booking) share one type, told apart by `worklistType`.
 */

/** What every worklist item has. */
@InterfaceType('WorklistItem', {
  description:
    'An item on an e-RS worklist: a referral (`ReferralWorklistItem`) or an advice and guidance request ' +
    '(`AdviceAndGuidanceWorklistItem`) someone needs to act on. Query the fields of a worklist with ' +
    '`... on ReferralForReviewWorklistItem { ... }` and so on.',
})
export abstract class WorklistItem {
  @Field((_type) => UbrnScalar, {
    nullable: false,
    description: 'The UBRN of the referral, or of the advice and guidance request on the A&G worklist.',
  })
  ubrn!: string;

  @Field((_type) => String, {
    nullable: true,
    description:
      'The version of the referral (or A&G request) when the worklist returns one (Referrals for Review, A&G requests). ' +
      'It can change through admin, clinical and internal e-RS processes.',
  })
  version!: string | null;

  @Field((_type) => WorklistType, {
    nullable: true,
    description: 'The worklist the item is on; null for a worklist this server does not know yet.',
  })
  worklistType!: WorklistType | null;

  @Field((_type) => ReferralPriority, {
    nullable: true,
    description: 'The referral priority: ROUTINE, URGENT or TWO_WEEK_WAIT (eRS-Priority-1).',
  })
  priority!: ReferralPriority | null;

  @Field((_type) => String, {
    nullable: true,
    description: "The patient's NHS number (10 digits). Patient data: never logged by this server.",
  })
  patientNhsNumber!: string | null;

  @Field((_type) => JsonScalar, {
    nullable: false,
    description: 'The raw FHIR STU3 List entry the item was read from.',
  })
  fhir!: Record<string, unknown>;

  /** UBRN of the referral the item is about (for a `referral` field resolver); null on the A&G worklist. Not a GraphQL field. */
  referralUbrn!: string | null;

  /** Version of that referral when the worklist gives one (for a versioned A005 read). Not a GraphQL field. */
  referralVersion!: string | null;

  /** UBRN of the A&G request the item is about (for an `adviceAndGuidanceRequest` field resolver); null on referral worklists. Not a GraphQL field. */
  adviceAndGuidanceUbrn!: string | null;

  /** Version of that A&G request (for a versioned A024 read). Not a GraphQL field. */
  adviceAndGuidanceVersion!: string | null;
}

/** What every item of a referral worklist (A008) has: the referral behind it. */
@InterfaceType('ReferralWorklistItem', {
  implements: WorklistItem,
  description:
    'An item of an e-RS referral worklist (A008): a referral someone needs to act on; `referral` reads it. ' +
    'Advice and guidance worklist items (A023) are `AdviceAndGuidanceWorklistItem`s, linked to their request instead.',
})
export abstract class ReferralWorklistItem extends WorklistItem {}

/** An item of the provider "Referrals for Review" worklist (Extension-eRS-ReferralsforReview-WorkListItem-1). */
@ObjectType('ReferralForReviewWorklistItem', {
  implements: [ReferralWorklistItem, WorklistItem],
  description: 'A booked or triage referral that the service provider needs to review.',
})
export class ReferralForReviewWorklistItem extends ReferralWorklistItem {
  @Field((_type) => Code, {
    nullable: true,
    description: 'The specialty of the referral (SPECIALTY code system).',
  })
  specialty!: Code | null;

  @Field((_type) => ServiceIdScalar, {
    nullable: true,
    description: 'The e-RS id of the service the referral is with (read it with `healthcareService(id:)`, referrer roles only).',
  })
  serviceId!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of the service the referral is with.',
  })
  serviceName!: string | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the clinician the referral was made to by name, if any.',
  })
  namedClinicianUserId!: string | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the clinician the referral is allocated to for review, if any.',
  })
  allocatedClinicianUserId!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the e-Referral pathway (the Referral To Treatment clock) started.',
  })
  pathwayStart!: string | null;

  @Field((_type) => Boolean, {
    nullable: true,
    description: 'Whether the clinical information has been printed.',
  })
  clinicalInfoPrinted!: boolean | null;

  @Field((_type) => ReviewStatus, {
    nullable: true,
    description:
      'What changed since the referral was last reviewed: NEVER_REVIEWED, LETTER_CHANGED, PRIORITY_CHANGED or ' +
      'PRIORITY_AND_LETTER_CHANGED (eRS-RequestContextStatus-1).',
  })
  reviewStatus!: ReviewStatus | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the clinical information was first submitted.',
  })
  clinicalInfoFirstSubmitted!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the clinical information was last updated.',
  })
  clinicalInfoLastUpdated!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the booked appointment starts; null for a triage referral or when not booked.',
  })
  appointmentStart!: string | null;

  @Field((_type) => ReferralType, {
    nullable: true,
    description: 'Whether the referral is for an APPOINTMENT or a TRIAGE_DEFERRAL (eRS-ReferralType-1).',
  })
  referralType!: ReferralType | null;
}

/** An item of the provider "Appointment Slot Issues" worklist (Extension-eRS-AppointmentSlotIssues-WorkListItem-1). */
@ObjectType('AppointmentSlotIssueWorklistItem', {
  implements: [ReferralWorklistItem, WorklistItem],
  description: 'A referral deferred to the service provider because no suitable appointment slot was available, to review and book.',
})
export class AppointmentSlotIssueWorklistItem extends ReferralWorklistItem {
  @Field((_type) => Code, {
    nullable: true,
    description: 'The specialty of the referral (SPECIALTY code system).',
  })
  specialty!: Code | null;

  @Field((_type) => ServiceIdScalar, {
    nullable: true,
    description: 'The e-RS id of the service the referral was deferred to.',
  })
  serviceId!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of the service the referral was deferred to.',
  })
  serviceName!: string | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the clinician the referral was made to by name, if any.',
  })
  namedClinicianUserId!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the e-Referral pathway (the Referral To Treatment clock) started.',
  })
  pathwayStart!: string | null;

  @Field((_type) => Boolean, {
    nullable: true,
    description: 'Whether the clinical information has been printed.',
  })
  clinicalInfoPrinted!: boolean | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the provider received the UBRN (the deferral).',
  })
  ubrnReceived!: string | null;

  @Field((_type) => DateScalar, {
    nullable: true,
    description: 'The day by which the patient expects to be contacted.',
  })
  patientContactExpected!: string | null;

  @Field((_type) => ClinicalInformationStatus, {
    nullable: true,
    description: 'Whether the clinical information is PRESENT, NOT_APPLICABLE, NOT_DUE or OVERDUE (eRS-ClinicalInformationStatus-1).',
  })
  clinicalInformationStatus!: ClinicalInformationStatus | null;

  @Field((_type) => Code, {
    nullable: true,
    description:
      'Why the referral is on this worklist: NO_SLOTS_AT_SERVICE, SLOT_NOT_AVAILABLE, BOOKING_ATTEMPT_PROBLEM or TRIAGE (eRS-ReviewReason-1).',
  })
  reason!: Code | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the patient was last contacted, if recorded.',
  })
  lastContact!: string | null;
}

/** An item of the provider "Advice and Guidance Requests" worklist (A023, Extension-eRS-AdviceAndGuidanceRequests-WorkListItem-1). */
@ObjectType('AdviceAndGuidanceWorklistItem', {
  implements: WorklistItem,
  description: 'An advice and guidance request the service provider has received and needs to action.',
})
export class AdviceAndGuidanceWorklistItem extends WorklistItem {
  @Field((_type) => Code, {
    nullable: true,
    description: 'The specialty advice is sought in (SPECIALTY code system).',
  })
  specialty!: Code | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'The clinic type advice is sought for, if any (CLINIC-TYPE code system).',
  })
  clinicType!: Code | null;

  @Field((_type) => ServiceIdScalar, {
    nullable: true,
    description: 'The e-RS id of the advice service (`adviceAndGuidance { service }` links it).',
  })
  serviceId!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of the advice service.',
  })
  serviceName!: string | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the clinician advice was requested from by name, if any.',
  })
  namedClinicianUserId!: string | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the referrer who asked for advice.',
  })
  referrerUserId!: string | null;

  @Field((_type) => AdviceAndGuidanceConversationStatus, {
    nullable: true,
    description:
      'Where the conversation is: PROVIDER_RESPONSE_REQUIRED, REFERRER_TO_SUBMIT_FURTHER_INFORMATION, REFERRER_TO_REVIEW_RESPONSE, ' +
      'CONVERSATION_ENDED_CANCELLED, CONVERSATION_ENDED_CLOSED or ADVICE_CONVERTED (eRS-AdviceAndGuidanceStatus-1).',
  })
  conversationStatus!: AdviceAndGuidanceConversationStatus | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When advice was first requested.',
  })
  firstRequested!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the request was last updated.',
  })
  lastUpdated!: string | null;
}

/**
 * An item of a referrer worklist that tracks the referral state: Rejected / Triage Response,
 * Assessment Returned / Cancelled / DNA, Awaiting Booking (same extension set).
 */
@ObjectType('ReferralStatusWorklistItem', {
  implements: [ReferralWorklistItem, WorklistItem],
  description:
    'A referral on a referrer worklist because of its state: rejected or returned from triage, assessment returned / ' +
    'cancelled / did not attend, or awaiting booking (see `worklistType`).',
})
export class ReferralStatusWorklistItem extends ReferralWorklistItem {
  @Field((_type) => ReferralStateInfo, {
    nullable: true,
    description: 'The e-RS state of the referral and, for a triage response, a cancellation or a cancelled appointment, the reason.',
  })
  state!: ReferralStateInfo | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the referral was created.',
  })
  referralCreated!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the referral was last updated.',
  })
  referralLastUpdated!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The clinical context the referral was made in, e.g. "ORTHOPAEDICS/KNEE" (specialty / clinic type).',
  })
  clinicalContext!: string | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the person who created the referral.',
  })
  referrerUserId!: string | null;
}

/** An item of the referrer "Letters Outstanding" worklist (Extension-eRS-LettersOutstanding-WorkListItem-1). */
@ObjectType('LettersOutstandingWorklistItem', {
  implements: [ReferralWorklistItem, WorklistItem],
  description: 'A referral that still needs a referral letter (clinical information) to be added.',
})
export class LettersOutstandingWorklistItem extends ReferralWorklistItem {
  @Field((_type) => DateScalar, {
    nullable: true,
    description: 'The day the referral letter is due.',
  })
  letterDue!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the referral was created.',
  })
  referralCreated!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The clinical context the referral was made in, e.g. "ORTHOPAEDICS/KNEE" (specialty / clinic type).',
  })
  clinicalContext!: string | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the person who created the referral.',
  })
  referrerUserId!: string | null;
}

/** An item of a worklist this server does not know yet: only the common fields are read. */
@ObjectType('OtherWorklistItem', {
  implements: [ReferralWorklistItem, WorklistItem],
  description:
    'An item of a worklist this server does not recognise yet: the common fields are filled when e-RS sends them; ' +
    'everything else is in `fhir`.',
})
export class OtherWorklistItem extends ReferralWorklistItem {}

/** A worklist as returned by A008 / A023 (an eRS-FetchWorklist-List-1). */
@ObjectType('Worklist', {
  description: 'An e-RS worklist: the referrals or advice and guidance requests someone needs to act on, in e-RS order.',
})
export class Worklist {
  @Field((_type) => WorklistType, {
    nullable: true,
    description:
      'Which worklist this is, read from its items; null when it is empty or its items are of a worklist this server does not know.',
  })
  worklistType!: WorklistType | null;

  @Field((_type) => [WorklistItem], {
    nullable: false,
    description: 'The items, in the order e-RS returned them; empty when there is nothing to act on.',
  })
  items!: WorklistItem[];

  @Field((_type) => JsonScalar, {
    nullable: false,
    description: 'The raw FHIR STU3 List exactly as e-RS returned it. Contains patient data.',
  })
  fhir!: Record<string, unknown>;
}
