import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { DateTimeScalar } from './scalars';
import { AppointmentCancellationReason, ReferralCancellationReason, RejectionReason } from './reason.enums';
import { PatientRequestInput, withSearchCriteria } from './search-criteria.inputs';
import { ServiceIdScalar, SlotIdScalar, UbrnScalar, VersionScalar } from './scalars';
import { ReferralPriority } from './referral-priority.enum';
import { AttachmentReferenceInput } from './advice-and-guidance.inputs';

/** The triage outcomes e-RS A028 supports. */
export enum TriageOutcomeValue {
  RETURN_TO_REFERRER_WITH_ADVICE = 'RETURN_TO_REFERRER_WITH_ADVICE',
  ACCEPT_REFER_BOOK_LATER = 'ACCEPT_REFER_BOOK_LATER',
}

registerEnumType(TriageOutcomeValue, {
  name: 'TriageOutcome',
  description: 'The outcome of triaging a referral (eRS-ReviewOutcome-1, as A028 supports it).',
  valuesConfig: {
    RETURN_TO_REFERRER_WITH_ADVICE: { description: 'Return the referral to the referrer with advice (state TRIAGE_RESPONSE).' },
    ACCEPT_REFER_BOOK_LATER: { description: 'Accept; the provider’s admin team books later (state TRIAGED_PROVIDER_TO_ACTION).' },
  },
});

export enum ReferralLetterIntentionValue {
  NEED_TO_ADD_LATER = 'NEED_TO_ADD_LATER',
  NOT_INTENDING_TO_ADD = 'NOT_INTENDING_TO_ADD',
}

registerEnumType(ReferralLetterIntentionValue, {
  name: 'ReferralLetterIntention',
  description: 'Whether the referrer will add a referral letter (eRS-ReferralLetterIntention-1).',
  valuesConfig: {
    NEED_TO_ADD_LATER: { description: 'A letter will be added later (the referral appears on Letters Outstanding until then).' },
    NOT_INTENDING_TO_ADD: { description: 'No letter will be added.' },
  },
});

/** Common to every action on an existing referral. */
@InputType('ReferralVersionInput', { description: 'The referral an action is for, at the version the user saw.' })
export class ReferralVersionInput {
  @Field((_type) => UbrnScalar, { nullable: false, description: 'The referral.' })
  ubrn!: string;

  @Field((_type) => VersionScalar, {
    nullable: false,
    description: 'Referral.version as the user saw it; a stale one fails with CONFLICT and the current version.',
  })
  version!: string;

  @Field((_type) => String, {
    nullable: true,
    description:
      'Retry safety: the same key with the same input within 24 h returns the first result without acting again (or send the Idempotency-Key header).',
  })
  idempotencyKey?: string;
}

@InputType('AcceptReferralInput', { description: 'Accept a booked referral into the service (e-RS A013).' })
export class AcceptReferralInput extends ReferralVersionInput {}

@InputType('RejectReferralInput', { description: 'Reject a booked referral back to the referrer (e-RS A014).' })
export class RejectReferralInput extends ReferralVersionInput {
  @Field((_type) => RejectionReason, { nullable: false, description: 'Why (an APPOINTMENT-CANCELLATION-REASON code with usage REJECT).' })
  reason!: RejectionReason;

  @Field((_type) => String, { nullable: true, description: 'Why (up to 2000 characters); required by some reasons.' })
  comment?: string;

  @Field((_type) => Boolean, {
    nullable: true,
    description: 'Whether the appointment was cancelled in the provider’s PAS (required for indirectly bookable services).',
  })
  appointmentCancelledInPas?: boolean;
}

@InputType('RecordTriageOutcomeInput', { description: 'Record the outcome of triaging a referral (e-RS A028).' })
export class RecordTriageOutcomeInput extends ReferralVersionInput {
  @Field((_type) => TriageOutcomeValue, { nullable: false, description: 'The outcome.' })
  outcome!: TriageOutcomeValue;

  @Field((_type) => String, {
    nullable: false,
    description: 'Advice to the referrer, or instructions to the admin team (up to 2000 characters).',
  })
  comment!: string;

  @Field((_type) => ReferralPriority, {
    nullable: true,
    description: 'A new priority for the referral (not with RETURN_TO_REFERRER_WITH_ADVICE).',
  })
  priority?: ReferralPriority;

  @Field((_type) => [AttachmentReferenceInput], {
    nullable: true,
    description: 'Files for the referrer or the admin team, uploaded with POST /attachments (with this UBRN as referralId).',
  })
  attachments?: AttachmentReferenceInput[];
}

@InputType('CancelReferralInput', { description: 'Cancel a referral (e-RS A036).' })
export class CancelReferralInput extends ReferralVersionInput {
  @Field((_type) => ReferralCancellationReason, {
    nullable: false,
    description: 'Why (a REFERRAL-CANCELLATION-REASON code; each value says who may give it).',
  })
  reason!: ReferralCancellationReason;

  @Field((_type) => String, { nullable: true, description: 'Why (required by some reasons).' })
  comment?: string;
}

@InputType('BookAppointmentInput', { description: 'Book a free slot for a referral (e-RS A016).' })
export class BookAppointmentInput extends ReferralVersionInput {
  @Field((_type) => ServiceIdScalar, { nullable: false, description: 'The shortlisted, directly bookable service of the slot.' })
  serviceId!: string;

  @Field((_type) => SlotIdScalar, { nullable: false, description: 'A free slot from Referral.slots.' })
  slotId!: string;
}

/** A new referral: its patient, referring clinician and retry safety. */
// Decorated so its fields are inherited; never an input type of the schema on its own.
@InputType()
class NewReferralInput extends PatientRequestInput {
  @Field((_type) => String, { nullable: true, description: 'Retry safety (see ReferralVersionInput.idempotencyKey).' })
  idempotencyKey?: string;
}

@InputType('CreateReferralInput', { description: 'Create a referral with a shortlist of services (e-RS A011).' })
export class CreateReferralInput extends withSearchCriteria(NewReferralInput) {
  @Field((_type) => [ServiceIdScalar], {
    nullable: false,
    description: '1 to 20 services from serviceSearch, in the order the patient should see them.',
  })
  shortlist!: string[];

  @Field((_type) => ReferralLetterIntentionValue, {
    nullable: false,
    defaultValue: ReferralLetterIntentionValue.NEED_TO_ADD_LATER,
    description: 'Whether a referral letter will be added.',
  })
  referralLetter!: ReferralLetterIntentionValue;

  @Field((_type) => Int, {
    nullable: false,
    defaultValue: 0,
    description: 'Days before e-RS sends the patient a first reminder letter; 0 for none.',
  })
  firstReminderLetterFollowUpDays!: number;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the patient’s referral-to-treatment clock started, if earlier than now (within the last 365 days).',
  })
  pathwayStart?: string;
}

@InputType('CreateReferralAndSendForTriageInput', {
  description: 'Create a referral and send it straight to one triage service (e-RS A021, deprecated by e-RS).',
})
export class CreateReferralAndSendForTriageInput extends withSearchCriteria(NewReferralInput) {
  @Field((_type) => ServiceIdScalar, {
    nullable: false,
    description: 'The triage service (from serviceSearch; it must accept referrals for triage).',
  })
  triageServiceId!: string;
}

@InputType('ChangeShortlistInput', { description: 'Replace the shortlist of an unbooked referral (e-RS A031).' })
export class ChangeShortlistInput extends withSearchCriteria(ReferralVersionInput) {
  @Field((_type) => [ServiceIdScalar], {
    nullable: false,
    description: '1 to 20 services from serviceSearch, replacing the current shortlist.',
  })
  shortlist!: string[];

  @Field((_type) => ReferralLetterIntentionValue, {
    nullable: false,
    defaultValue: ReferralLetterIntentionValue.NEED_TO_ADD_LATER,
    description: 'Whether a referral letter will be added.',
  })
  referralLetter!: ReferralLetterIntentionValue;

  @Field((_type) => Int, {
    nullable: false,
    defaultValue: 0,
    description: 'Days before e-RS sends the patient a first reminder letter; 0 for none.',
  })
  firstReminderLetterFollowUpDays!: number;
}

@InputType('ChangeShortlistAndSendForTriageInput', {
  description: 'Replace the shortlist with one triage service and send the referral to it (e-RS A032, deprecated by e-RS).',
})
export class ChangeShortlistAndSendForTriageInput extends withSearchCriteria(ReferralVersionInput) {
  @Field((_type) => ServiceIdScalar, { nullable: false, description: 'The triage service (from serviceSearch).' })
  triageServiceId!: string;

  @Field((_type) => ReferralLetterIntentionValue, {
    nullable: false,
    defaultValue: ReferralLetterIntentionValue.NEED_TO_ADD_LATER,
    description: 'Whether a referral letter will be added.',
  })
  referralLetter!: ReferralLetterIntentionValue;
}

@InputType('SendReferralForTriageInput', { description: 'Send a referral to a shortlisted triage service (e-RS A016 with reason TRIAGE).' })
export class SendReferralForTriageInput extends ReferralVersionInput {
  @Field((_type) => ServiceIdScalar, { nullable: false, description: 'A triage service on the referral’s shortlist.' })
  serviceId!: string;

  @Field((_type) => String, { nullable: true, description: 'A note for the triage service (up to 2000 characters).' })
  comment?: string;
}

@InputType('CancelAppointmentInput', {
  description: 'Cancel the referral’s current appointment at a directly bookable service (e-RS A034).',
})
export class CancelAppointmentInput extends ReferralVersionInput {
  @Field((_type) => AppointmentCancellationReason, {
    nullable: false,
    description: 'Why (an APPOINTMENT-CANCELLATION-REASON code with usage CANCEL).',
  })
  reason!: AppointmentCancellationReason;

  @Field((_type) => String, { nullable: true, description: 'Why (up to 2000 characters); required by some reasons.' })
  comment?: string;
}

@InputType('CancelAppointmentActionLaterInput', {
  description: 'Cancel the appointment of a booked referral under review and task the admin team to rebook or redirect it (e-RS A022).',
})
export class CancelAppointmentActionLaterInput extends ReferralVersionInput {
  @Field((_type) => String, { nullable: false, description: 'What the admin team should do (up to 2000 characters).' })
  comment!: string;

  @Field((_type) => ReferralPriority, { nullable: true, description: 'A new priority for the referral.' })
  priority?: ReferralPriority;

  @Field((_type) => Boolean, {
    nullable: true,
    description:
      'Whether the appointment was cancelled in the provider’s PAS: required for indirectly bookable services, not allowed otherwise.',
  })
  appointmentCancelledInPas?: boolean;

  @Field((_type) => [AttachmentReferenceInput], {
    nullable: true,
    description: 'Files for the admin team, uploaded with POST /attachments (with this UBRN as referralId).',
  })
  attachments?: AttachmentReferenceInput[];
}

@InputType('AttachReferralLettersInput', { description: 'Set the referral letters and attachments of a referral (e-RS A012).' })
export class AttachReferralLettersInput extends ReferralVersionInput {
  @Field((_type) => [AttachmentReferenceInput], {
    nullable: false,
    description:
      'Every letter the referral should have: files uploaded with POST /attachments (with this UBRN as referralId) and ones it already has; files left out are removed.',
  })
  letters!: AttachmentReferenceInput[];
}

export enum DeferralReasonValue {
  NO_SLOTS_AT_SERVICE = 'NO_SLOTS_AT_SERVICE',
  SLOT_NOT_AVAILABLE = 'SLOT_NOT_AVAILABLE',
  BOOKING_ATTEMPT_PROBLEM = 'BOOKING_ATTEMPT_PROBLEM',
}

registerEnumType(DeferralReasonValue, {
  name: 'DeferralReason',
  description: 'Why booking is handed over to the service (the A016 deferral reasons e-RS allows a referrer to give).',
  valuesConfig: {
    NO_SLOTS_AT_SERVICE: { description: 'The service has no free slots.' },
    SLOT_NOT_AVAILABLE: { description: 'The slot offered was taken before it could be booked.' },
    BOOKING_ATTEMPT_PROBLEM: { description: 'Booking failed (e.g. no answer within the message timeout).' },
  },
});

@InputType('DeferAppointmentInput', { description: 'Hand booking over to a shortlisted, directly bookable service (e-RS A016 deferral).' })
export class DeferAppointmentInput extends ReferralVersionInput {
  @Field((_type) => ServiceIdScalar, { nullable: false, description: 'The shortlisted service to defer to.' })
  serviceId!: string;

  @Field((_type) => DeferralReasonValue, { nullable: false, description: 'Why.' })
  reason!: DeferralReasonValue;

  @Field((_type) => String, { nullable: true, description: 'A note for the service (up to 2000 characters).' })
  comment?: string;

  @Field((_type) => SlotIdScalar, { nullable: true, description: 'The slot that could not be booked (SLOT_NOT_AVAILABLE).' })
  slotId?: string;
}
