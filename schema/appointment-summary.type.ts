import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar, SdsUserIdScalar, ServiceIdScalar } from './scalars';
import { AppointmentStatus } from './appointment-status.enum';
import { Code } from './code.type';

/** The referral's current appointment, as contained in the ReferralRequest (eRS-Appointment-1). */
@ObjectType('AppointmentSummary', {
  description:
    "A summary of the referral's current appointment, as the referral itself carries it. " +
    'For a proposed appointment (deferred to provider) there is no start or end yet.',
})
export class AppointmentSummary {
  @Field((_type) => AppointmentStatus, {
    nullable: true,
    description: 'The appointment status; null if e-RS sent a status this server does not know.',
  })
  status!: AppointmentStatus | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the appointment starts; null if not booked to a slot.',
  })
  start!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the appointment ends; null if not booked to a slot.',
  })
  end!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the appointment (or the deferral) was created.',
  })
  created!: string | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'Why the appointment is as it is, e.g. NO_SLOTS_AT_SERVICE (review reason) or a cancellation reason.',
  })
  reason!: Code | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'A comment recorded with the appointment.',
  })
  comment!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The booked slot reference as sent, e.g. "Slot/11002001".',
  })
  slotReference!: string | null;

  @Field((_type) => ServiceIdScalar, {
    nullable: true,
    description: 'The e-RS service id the appointment is with.',
  })
  serviceId!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of the service the appointment is with, as recorded on the appointment.',
  })
  serviceName!: string | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the clinician allocated to the appointment, if any.',
  })
  allocatedClinicianUserId!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The version of the appointment (meta.versionId).',
  })
  version!: string | null;
}
