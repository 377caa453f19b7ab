import { Field, Int, ObjectType } from 'type-graphql';
import { Code } from './code.type';
import { OdsCodeScalar, SdsUserIdScalar } from './scalars';
import { ReferralPriority } from './referral-priority.enum';

/** The criteria used to search for the shortlisted services (eRS-ServiceSearchCriteria-Parameters-1). */
@ObjectType('ServiceSearchCriteria', {
  description: 'The search that produced the referral shortlist.',
})
export class ServiceSearchCriteria {
  @Field((_type) => ReferralPriority, {
    nullable: true,
    description: 'The priority searched for (eRS-Priority-1).',
  })
  priority!: ReferralPriority | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'The specialty searched for.',
  })
  specialty!: Code | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'The clinic type searched for (eRS-ClinicType-1).',
  })
  clinicType!: Code | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'The clinical term searched for (SNOMED CT).',
  })
  clinicalTerm!: Code | null;

  @Field((_type) => Int, {
    nullable: true,
    description: 'The indicative appointment wait time limit searched with.',
  })
  indicativeAppointmentWaitTimeLimit!: number | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The postcode the search was centred on. Personal data: never logged.',
  })
  postcode!: string | null;

  @Field((_type) => Int, {
    nullable: true,
    description: 'The distance limit searched with (miles).',
  })
  distanceLimit!: number | null;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the named clinician searched for.',
  })
  namedClinicianUserId!: string | null;

  @Field((_type) => Boolean, {
    nullable: true,
    description: "Whether only services appropriate to the patient's age and sex were searched for.",
  })
  ageAndSexAppropriate!: boolean | null;

  @Field((_type) => Code, {
    nullable: true,
    description:
      'The commissioning provisioning filter (eRS-CommissioningProvisioning-1). Historical: e-RS now always uses ALL_AVAILABLE_FOR_BOOKING.',
  })
  commissioningProvisioning!: Code | null;

  @Field((_type) => OdsCodeScalar, {
    nullable: true,
    description: 'ODS code of the organisation searched for, if any.',
  })
  organisationOdsCode!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The place name searched for, e.g. "Leeds".',
  })
  place!: string | null;
}
