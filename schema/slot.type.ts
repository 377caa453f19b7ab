import { Field, ID, ObjectType } from 'type-graphql';
import { DateTimeScalar, JsonScalar, OdsCodeScalar, SdsUserIdScalar, ServiceIdScalar, SlotIdScalar } from './scalars';
import { Code } from './code.type';
import { SlotStatus } from './slot-status.enum';

/**
 * An appointment slot of a directly bookable service (A015: a CareConnect-Slot-1 with the
 * CareConnect-Schedule-1 it belongs to, which names the service and any clinician).
 */
@ObjectType('Slot', {
  description:
    'An appointment slot at a directly bookable service that a referral can be booked into: when it is, and with ' +
    'which service and clinician. The raw FHIR Slot stays reachable in `fhir`.',
})
export class Slot {
  @Field((_type) => SlotIdScalar, {
    nullable: false,
    description: 'The e-RS slot id, e.g. "11000009"; book the slot with it.',
  })
  id!: string;

  @Field((_type) => ID, {
    nullable: true,
    description: 'The alternative slot identifier e-RS gives the slot, e.g. "USRN-11000009".',
  })
  alternativeId!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the slot starts.',
  })
  start!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the slot ends.',
  })
  end!: string | null;

  @Field((_type) => SlotStatus, {
    nullable: true,
    description: 'Whether the slot is free; null if e-RS sent a status this server does not know.',
  })
  status!: SlotStatus | null;

  @Field((_type) => ServiceIdScalar, {
    nullable: true,
    description: 'The e-RS id of the service the slot is at (from its schedule); also links `service`.',
  })
  serviceId!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of the service the slot is at, when e-RS gives it.',
  })
  serviceName!: string | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the named clinician the slot is with; null for a slot without a named clinician.',
  })
  clinicianUserId!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of that clinician, when e-RS gives it.',
  })
  clinicianName!: string | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'The kind of appointment the slot is for, when e-RS says.',
  })
  appointmentType!: Code | null;

  @Field((_type) => [Code], {
    nullable: false,
    description: 'The clinic (service) types the slot is for, e.g. from the CLINIC-TYPE code system; empty when e-RS does not say.',
  })
  clinicTypes!: Code[];

  @Field((_type) => Code, {
    nullable: true,
    description: 'The specialty of the slot (SPECIALTY code system), when e-RS says.',
  })
  specialty!: Code | null;

  @Field((_type) => OdsCodeScalar, {
    nullable: true,
    description: 'ODS code of the site the slot is at, when e-RS says.',
  })
  locationOdsCode!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of the site the slot is at, when e-RS says.',
  })
  locationName!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'A comment on the slot (or its schedule).',
  })
  comment!: string | null;

  @Field((_type) => JsonScalar, {
    nullable: false,
    description: 'The raw FHIR STU3 Slot exactly as e-RS returned it.',
  })
  fhir!: Record<string, unknown>;
}
