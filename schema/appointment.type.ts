import { Field, ObjectType } from 'type-graphql';
import { AppointmentIdScalar, DateTimeScalar, JsonScalar, SdsUserIdScalar, SlotIdScalar } from './scalars';
import { AppointmentStatus } from './appointment-status.enum';
import { Code } from './code.type';
import { EntityKey } from './federation/keys';

/**
 * An e-RS appointment (STU3 eRS-Appointment-1, read by A038, current or versioned).
 * Links (referral, service) are added by field resolvers from the plain properties.
 */
@EntityKey('id')
@ObjectType('Appointment', {
  description:
    'The current appointment of a referral: booked to a slot, booked to an indirectly bookable service, deferred to ' +
    'the provider, sent for triage, reviewed or cancelled. The raw FHIR Appointment stays reachable in `fhir`.',
})
export class Appointment {
  @Field((_type) => AppointmentIdScalar, {
    nullable: false,
    description: 'The e-RS appointment id, e.g. "70000".',
  })
  id!: string;

  @Field((_type) => String, {
    nullable: false,
    description: 'The version of the appointment (meta.versionId, or the version in the e-RS ETag). Send it back when updating it.',
  })
  version!: string;

  @Field((_type) => AppointmentStatus, {
    nullable: true,
    description: 'The appointment status; null if e-RS sent a status this server does not know.',
  })
  status!: AppointmentStatus | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the appointment starts; null when not booked to a time (deferred, triage, cancelled).',
  })
  start!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the appointment ends; null when not booked to a time.',
  })
  end!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the appointment (or the deferral, triage request or cancellation) was recorded.',
  })
  created!: string | null;

  @Field((_type) => SlotIdScalar, {
    nullable: true,
    description: 'The e-RS id of the booked slot, e.g. "11002001"; null when not booked to a slot (indirectly bookable, deferred).',
  })
  slotId!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of the service the appointment is with, as recorded on the appointment.',
  })
  serviceName!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: "The patient's NHS number (10 digits). Patient data: never logged by this server.",
  })
  patientNhsNumber!: string | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the clinician allocated to the appointment, if any.',
  })
  allocatedClinicianUserId!: string | null;

  @Field((_type) => Code, {
    nullable: true,
    description:
      'Why the appointment is as it is, whatever its kind: a review reason, a review outcome or a cancellation reason. ' +
      'See `reviewReason`, `reviewOutcome` and `cancellationReason` for the same code by kind.',
  })
  reason!: Code | null;

  @Field((_type) => Code, {
    nullable: true,
    description:
      'Why the appointment awaits review by the provider: NO_SLOTS_AT_SERVICE, SLOT_NOT_AVAILABLE, ' +
      'BOOKING_ATTEMPT_PROBLEM or TRIAGE (eRS-ReviewReason-1).',
  })
  reviewReason!: Code | null;

  @Field((_type) => Code, {
    nullable: true,
    description:
      'The outcome of a provider review, e.g. RETURN_TO_REFERRER_WITH_ADVICE or CANCEL_APPOINTMENT_ACTION_LATER ' +
      '(eRS-ReviewOutcome-1).',
  })
  reviewOutcome!: Code | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'Why the appointment was cancelled, e.g. PATIENT_HOLIDAY (APPOINTMENT-CANCELLATION-REASON).',
  })
  cancellationReason!: Code | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'A comment recorded with the deferral, review outcome or cancellation.',
  })
  comment!: string | null;

  @Field((_type) => JsonScalar, {
    nullable: false,
    description: 'The raw FHIR STU3 Appointment exactly as e-RS returned it. Contains patient data.',
  })
  fhir!: Record<string, unknown>;

  /** UBRN of the referral the appointment belongs to (incomingReferral), for a `referral` field resolver. Not a GraphQL field. */
  referralUbrn!: string | null;

  /** Version of that referral as the appointment references it (for a versioned A005 read). Not a GraphQL field. */
  referralVersion!: string | null;

  /** e-RS id of the service the appointment is with, for a `service` field resolver (A033). Not a GraphQL field. */
  serviceId!: string | null;
}
