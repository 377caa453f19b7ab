import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from './scalars';
import { Code } from './code.type';

/** One code of an e-RS code system with its e-RS concept properties (eRS-Concept-Properties-1). */
@ObjectType('CodeSystemConcept', {
  description:
    'One code in an e-RS code system with its label and the properties e-RS defines for it. ' +
    'Properties that do not apply to a code system are null (or empty lists).',
})
export class CodeSystemConcept {
  @Field((_type) => String, {
    nullable: false,
    description: 'The code, e.g. "CARDIOLOGY".',
  })
  code!: string;

  @Field((_type) => String, {
    nullable: true,
    description: 'The label to show, e.g. "Cardiology".',
  })
  display!: string | null;

  @Field((_type) => DateScalar, {
    nullable: true,
    description: 'The day the code became usable (all code systems; the day e-RS names, whether it sent a date or a date-time).',
  })
  effectiveFrom!: string | null;

  @Field((_type) => DateScalar, {
    nullable: true,
    description: 'The day the code stopped being usable; null if it still is (all code systems).',
  })
  effectiveTo!: string | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'The specialty a clinic type belongs to (CLINIC-TYPE only).',
  })
  specialty!: Code | null;

  @Field((_type) => Int, {
    nullable: true,
    description: 'Days within which a provider must contact the patient when booking is deferred to them (PRIORITY only).',
  })
  deferToProviderContactDays!: number | null;

  @Field((_type) => Int, {
    nullable: true,
    description: 'Days within which a triage service must respond (PRIORITY only).',
  })
  triageContactDays!: number | null;

  @Field((_type) => Boolean, {
    nullable: true,
    description: 'Whether a comment must be given with this reason (cancellation reason code systems).',
  })
  commentIsMandatory!: boolean | null;

  @Field((_type) => Boolean, {
    nullable: true,
    description:
      'Deprecated by e-RS: whether this appointment cancellation reason cancels the whole referral (APPOINTMENT-CANCELLATION-REASON only).',
  })
  willCancelWholeRequest!: boolean | null;

  @Field((_type) => Boolean, {
    nullable: true,
    description: 'Whether cancelling the referral with this reason also cancels its appointment (REFERRAL-CANCELLATION-REASON only).',
  })
  canCancelAppointment!: boolean | null;

  @Field((_type) => Code, {
    nullable: true,
    description:
      'Who the appointment cancellation reason is for, e.g. PROVIDER or PATIENT (eRS-AppointmentBookingCancellationReasonType-1; APPOINTMENT-CANCELLATION-REASON only).',
  })
  appointmentBookingCancellationReasonType!: Code | null;

  @Field((_type) => Code, {
    nullable: true,
    description:
      'Who the referral cancellation reason is for, e.g. PROVIDER_TRIAGE (eRS-AppointmentRequestCancellationReasonType-1; REFERRAL-CANCELLATION-REASON only).',
  })
  appointmentRequestCancellationReasonType!: Code | null;

  @Field((_type) => [Code], {
    nullable: false,
    description:
      'The e-RS business functions (roles) that may use this reason (eRS-BusinessFunction-1); empty when unrestricted or not applicable.',
  })
  businessFunctions!: Code[];

  @Field((_type) => [Code], {
    nullable: false,
    description: 'What this appointment cancellation reason is used for: REJECT and/or CANCEL (APPOINTMENT-CANCELLATION-REASON only).',
  })
  usages!: Code[];

  @Field((_type) => [Code], {
    nullable: false,
    description: 'What a referrer may use this referral cancellation reason for, e.g. CANCEL_REFERRAL (REFERRAL-CANCELLATION-REASON only).',
  })
  referrerUsages!: Code[];
}
