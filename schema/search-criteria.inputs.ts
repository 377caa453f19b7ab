import { type ClassType, Field, InputType, Int } from 'type-graphql';
import { OdsCodeScalar, SdsUserIdScalar } from './scalars';
import { ReferralPriority } from './referral-priority.enum';

/**
 * The criteria of a service search (A010). `serviceSearch` takes them, and every shortlist (A011,
 * A021, A031, A032, A044) records the search it came from with the same fields, so a client passes
 * its search on unchanged.
 */
export function withSearchCriteria<TBase extends ClassType>(Base: TBase) {
  // Decorated so its fields are inherited; never an input type of the schema on its own.
  @InputType()
  class SearchCriteria extends Base {
    @Field((_type) => ReferralPriority, { nullable: false, description: 'The referral priority.' })
    priority!: ReferralPriority;

    @Field((_type) => String, { nullable: true, description: 'SPECIALTY code, e.g. CARDIOLOGY.' })
    specialty?: string;

    @Field((_type) => String, { nullable: true, description: 'CLINIC-TYPE code (belongs to the specialty).' })
    clinicType?: string;

    @Field((_type) => String, { nullable: true, description: 'A SNOMED CT concept id to search by instead of specialty.' })
    clinicalTerm?: string;

    @Field((_type) => SdsUserIdScalar, { nullable: true, description: 'Only services of this named clinician (12-digit SDS user id).' })
    namedClinicianUserId?: string;

    @Field((_type) => String, { nullable: true, description: 'Search near this postcode instead of the patient’s.' })
    postcode?: string;

    @Field((_type) => Int, { nullable: true, description: 'Furthest distance, in miles.' })
    distanceLimit?: number;

    @Field((_type) => Int, { nullable: true, description: 'Longest indicative appointment wait, in days.' })
    waitTimeLimit?: number;

    @Field((_type) => OdsCodeScalar, { nullable: true, description: 'Only services of this organisation (ODS code).' })
    organisationOdsCode?: string;

    @Field((_type) => Boolean, {
      nullable: false,
      defaultValue: true,
      description: 'Only services appropriate to the patient’s age and sex.',
    })
    ageAndSexAppropriate!: boolean;
  }
  return SearchCriteria;
}

/** Who a new referral or A&G request is for, and the referring clinician an admin acts for. */
// Decorated so its fields are inherited; never an input type of the schema on its own.
@InputType()
export class PatientRequestInput {
  @Field((_type) => String, { nullable: false, description: 'The patient’s NHS number (10 digits). Never logged.' })
  patientNhsNumber!: string;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description:
      'The referring clinician a REFERRING_CLINICIAN_ADMIN acts for (12-digit SDS user id); not allowed for a REFERRING_CLINICIAN.',
  })
  referringClinicianUserId?: string;
}
