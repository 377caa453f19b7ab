import { Field, Int, ObjectType } from 'type-graphql';
import { JsonScalar, OdsCodeScalar, ServiceIdScalar } from './scalars';
import { Code } from './code.type';
import { IndicativeWaitTimeStatus } from './closed-codes.enum';

/** The ages a service treats (the `ageTreated` part of Extension-eRS-ServiceSummaryView-1). */
@ObjectType('AgeRange', {
  description: 'The range of patient ages a service treats, each bound with its unit (YEARS or MONTHS).',
})
export class AgeRange {
  @Field((_type) => Int, {
    nullable: true,
    description: 'The youngest age treated, in `minimumAgeUnit`; null when there is no lower bound.',
  })
  minimumAge!: number | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The unit of `minimumAge`: YEARS or MONTHS.',
  })
  minimumAgeUnit!: string | null;

  @Field((_type) => Int, {
    nullable: true,
    description: 'The oldest age treated, in `maximumAgeUnit`; null when there is no upper bound.',
  })
  maximumAge!: number | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The unit of `maximumAge`: YEARS or MONTHS.',
  })
  maximumAgeUnit!: string | null;
}

/**
 * A service found by a patient service search (A010: an entry of an eRS-FetchServices-List-1,
 * with its Extension-eRS-ServiceSummaryView-1 and Extension-eRS-ServiceSearch-ListItem-1).
 */
@ObjectType('ServiceSearchResult', {
  description:
    'A service that meets the referral needs of a patient, as a service search returns it: a summary of the service ' +
    'and how it matched (distance, indicative wait). The full service is in `service`; the raw FHIR List entry in `fhir`.',
})
export class ServiceSearchResult {
  @Field((_type) => ServiceIdScalar, {
    nullable: false,
    description: 'The e-RS service id, e.g. "11002"; shortlist the service with it. Also links `service`.',
  })
  serviceId!: string;

  @Field((_type) => String, {
    nullable: true,
    description: 'The service name, e.g. "Cardiology Outpatients".',
  })
  name!: string | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'The specialty the service supports (SPECIALTY code system).',
  })
  specialty!: Code | null;

  @Field((_type) => [Code], {
    nullable: false,
    description: 'The kinds of appointment the service offers, e.g. FIRST_OUTPATIENT or DIAGNOSTIC (eRS-AppointmentType-1).',
  })
  appointmentTypes!: Code[];

  @Field((_type) => [Code], {
    nullable: false,
    description:
      'The requests the service accepts: APPOINTMENT_REQUEST, TRIAGE_REQUEST, ADVICE_AND_GUIDANCE_REQUEST (eRS-RequestFlowType-1).',
  })
  requestFlowTypes!: Code[];

  @Field((_type) => Code, {
    nullable: true,
    description: 'How appointments are booked: DIRECTLY_BOOKABLE, INDIRECTLY_BOOKABLE or UNSPECIFIED (eRS-BookableType-1).',
  })
  bookableType!: Code | null;

  @Field((_type) => Boolean, {
    nullable: true,
    description: 'True if slots can be booked directly in e-RS, false if the provider books; null if unspecified.',
  })
  directlyBookable!: boolean | null;

  @Field((_type) => OdsCodeScalar, {
    nullable: true,
    description: 'ODS code of the organisation or site the service is located at.',
  })
  locationOdsCode!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of the organisation or site the service is located at.',
  })
  locationName!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'A link to the service on the NHS website (contact details, map, facilities, reviews).',
  })
  nhsWebsiteUrl!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'An alert from the service for referrers.',
  })
  referrerAlert!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'Who or what the service does not accept, as free text.',
  })
  exclusions!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'Investigations the service suggests before referral, as free text.',
  })
  suggestedInvestigations!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The conditions the service treats, as free text.',
  })
  conditionsTreated!: string | null;

  @Field((_type) => AgeRange, {
    nullable: true,
    description: 'The range of ages the service treats, when it says.',
  })
  ageTreated!: AgeRange | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'The sex of patients the service treats: MALE, FEMALE or MALE_AND_FEMALE (eRS-GenderTreated-1).',
  })
  sexTreated!: Code | null;

  @Field((_type) => [Code], {
    nullable: false,
    description:
      'Additional patient requirements the organisation supports: TRANSPORT, INTERPRETER, ADVOCACY (eRS-AdditionalRequirementType-1).',
  })
  additionalRequirementsSupported!: Code[];

  @Field((_type) => Boolean, {
    nullable: true,
    description: 'Whether the service needs a referral letter before it considers a referral valid.',
  })
  referralLetterRequired!: boolean | null;

  @Field((_type) => Boolean, {
    nullable: true,
    description: 'Whether the service should be displayed prominently in the search results.',
  })
  displayProminently!: boolean | null;

  @Field((_type) => Int, {
    nullable: true,
    description: 'The distance from the patient to the service (miles), when the search was by postcode.',
  })
  distance!: number | null;

  @Field((_type) => Int, {
    nullable: true,
    description: 'The indicative appointment wait time (days), when the service publishes one.',
  })
  indicativeAppointmentWaitTime!: number | null;

  @Field((_type) => IndicativeWaitTimeStatus, {
    nullable: true,
    description: 'Why there is no indicative appointment wait time: LIMITED_AVAILABILITY or NOT_APPLICABLE (eRS-IWT-1).',
  })
  indicativeAppointmentWaitTimeStatus!: IndicativeWaitTimeStatus | null;

  @Field((_type) => Int, {
    nullable: true,
    description: 'The indicative treatment wait time: how long patients have waited before treatment, as e-RS reports it.',
  })
  indicativeTreatmentWaitTime!: number | null;

  @Field((_type) => Code, {
    nullable: true,
    description: 'A capacity alert given instead of a treatment wait time, e.g. LOW (eRS-CapacityAlert-1).',
  })
  capacityAlert!: Code | null;

  @Field((_type) => JsonScalar, {
    nullable: false,
    description: 'The raw FHIR STU3 List entry the result was read from.',
  })
  fhir!: Record<string, unknown>;
}
