import { Field, InputType, Int, registerEnumType } from 'type-graphql';
import { ReferralPriority } from './slot.args';

export enum ServiceSearchRequestType {
  APPOINTMENT_REQUEST = 'APPOINTMENT_REQUEST',
  ADVICE_AND_GUIDANCE_REQUEST = 'ADVICE_AND_GUIDANCE_REQUEST',
}

registerEnumType(ServiceSearchRequestType, {
  name: 'ServiceSearchRequestType',
  description: 'What the services are searched for (eRS-RequestType-1).',
  valuesConfig: {
    APPOINTMENT_REQUEST: { description: 'Services a patient can be referred to.' },
    ADVICE_AND_GUIDANCE_REQUEST: { description: 'Services that give advice and guidance.' },
  },
});

export enum ServiceSearchSort {
  DISTANCE = 'DISTANCE',
  IWT = 'IWT',
}

registerEnumType(ServiceSearchSort, {
  name: 'ServiceSearchSort',
  description: 'How e-RS orders the results (eRS-SortBy-1).',
  valuesConfig: {
    DISTANCE: { description: 'Nearest first.' },
    IWT: { description: 'Shortest indicative appointment wait time first.' },
  },
});

/** A patient service search (A010). */
@InputType('ServiceSearchInput', { description: 'A search for services that meet a patient’s referral needs (e-RS A010).' })
export class ServiceSearchInput {
  @Field(_type => String, { nullable: false, description: 'The patient’s NHS number (10 digits). Never logged.' })
  patientNhsNumber!: string;

  @Field(_type => ServiceSearchRequestType, { nullable: false, defaultValue: ServiceSearchRequestType.APPOINTMENT_REQUEST, description: 'Referral or advice and guidance.' })
  requestType!: ServiceSearchRequestType;

  @Field(_type => ServiceSearchSort, { nullable: false, defaultValue: ServiceSearchSort.DISTANCE, description: 'Result order.' })
  sortBy!: ServiceSearchSort;

  @Field(_type => ReferralPriority, { nullable: false, description: 'The referral priority.' })
  priority!: ReferralPriority;

  @Field(_type => String, { nullable: true, description: 'SPECIALTY code, e.g. CARDIOLOGY.' })
  specialty?: string;

  @Field(_type => String, { nullable: true, description: 'CLINIC-TYPE code (belongs to the specialty).' })
  clinicType?: string;

  @Field(_type => String, { nullable: true, description: 'A SNOMED CT concept id to search by instead of specialty.' })
  clinicalTerm?: string;

  @Field(_type => String, { nullable: true, description: 'Only services of this named clinician (12-digit SDS user id).' })
  namedClinicianUserId?: string;

  @Field(_type => String, { nullable: true, description: 'Search near this postcode instead of the patient’s.' })
  postcode?: string;

  @Field(_type => Int, { nullable: true, description: 'Furthest distance, in miles.' })
  distanceLimit?: number;

  @Field(_type => Int, { nullable: true, description: 'Longest indicative appointment wait, in days.' })
  waitTimeLimit?: number;

  @Field(_type => String, { nullable: true, description: 'Only services of this organisation (ODS code).' })
  organisationOdsCode?: string;

  @Field(_type => Boolean, { nullable: false, defaultValue: true, description: 'Only services appropriate to the patient’s age and sex.' })
  ageAndSexAppropriate!: boolean;

  @Field(_type => String, { nullable: true, description: 'The referring clinician (SDS user id), for admins searching for a clinician.' })
  referringClinicianUserId?: string;

  @Field(_type => String, { nullable: true, description: 'The commissioning rule organisation (ODS code) to apply.' })
  commissioningRuleOrgOdsCode?: string;
}
