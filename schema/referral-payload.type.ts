import { Field, ObjectType } from 'type-graphql';
import { Appointment } from './appointment.type';
import { Referral } from './referral.type';

@ObjectType('ReferralPayload', { description: 'The referral as e-RS has it after the action (re-read, with its new available actions).' })
export class ReferralPayload {
  @Field(_type => Referral, { nullable: false, description: 'The referral, re-read from e-RS after the action.' })
  referral!: Referral;
}

@ObjectType('AppointmentPayload', { description: 'The appointment an action created or changed (booked, deferred, sent for triage, cancelled), and the referral after it.' })
export class AppointmentPayload extends ReferralPayload {
  @Field(_type => Appointment, { nullable: true, description: 'The appointment as e-RS answered the action; null if e-RS sent none.' })
  appointment!: Appointment | null;
}
