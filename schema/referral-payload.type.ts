import { Field, ObjectType } from 'type-graphql';
import { Appointment } from './appointment.type';
import { Referral } from './referral.type';

@ObjectType('ReferralPayload', {
  description:
    'The referral as e-RS has it after the action (as e-RS answered the action, or re-read where e-RS answers without it; its available actions are asked afresh).',
})
export class ReferralPayload {
  @Field((_type) => Referral, {
    nullable: false,
    description:
      'The referral as e-RS has it after the action: from e-RS’s answer to the action where it carries the referral, else re-read.',
  })
  referral!: Referral;
}

@ObjectType('AppointmentPayload', {
  description: 'The appointment an action created or changed (booked, deferred, sent for triage, cancelled), and the referral after it.',
})
export class AppointmentPayload extends ReferralPayload {
  @Field((_type) => Appointment, { nullable: true, description: 'The appointment as e-RS answered the action; null if e-RS sent none.' })
  appointment!: Appointment | null;
}
