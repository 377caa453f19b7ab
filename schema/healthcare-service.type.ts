import { Field, ObjectType } from 'type-graphql';
import { JsonScalar, OdsCodeScalar, ServiceIdScalar } from './scalars';
import { Code } from './code.type';
import { ServiceContact } from './service-contact.type';
import { EntityKey } from './federation/keys';

/** An e-RS service (R4 eRS-HealthcareService, read by A033). */
@EntityKey('id')
@ObjectType('HealthcareService', {
  description:
    'An e-RS service a patient can be referred to or advice sought from: its name, location, how it can be booked ' +
    'and how to contact it. The raw FHIR R4 HealthcareService stays reachable in `fhir`.',
})
export class HealthcareService {
  @Field((_type) => ServiceIdScalar, {
    nullable: false,
    description: 'The e-RS service id, e.g. "11002".',
  })
  id!: string;

  @Field((_type) => String, {
    nullable: false,
    description: 'The version of the service record (meta.versionId, or the version in the e-RS ETag).',
  })
  version!: string;

  @Field((_type) => String, {
    nullable: true,
    description: 'The service name, e.g. "Cardiology Outpatients".',
  })
  name!: string | null;

  @Field((_type) => Boolean, {
    nullable: true,
    description: 'Whether the service is active, when e-RS says.',
  })
  active!: boolean | null;

  @Field((_type) => [OdsCodeScalar], {
    nullable: false,
    description: 'ODS site codes of the locations the service runs at (https://fhir.nhs.uk/Id/ods-site-code).',
  })
  siteOdsCodes!: string[];

  @Field((_type) => [Code], {
    nullable: false,
    description: 'The kinds of appointment the service offers, e.g. FIRST_OUTPATIENT or DAY_CASE (eRS-AppointmentType).',
  })
  appointmentTypes!: Code[];

  @Field((_type) => [Code], {
    nullable: false,
    description: 'The request flows the service supports: BOOKABLE, REVIEW, ADVICE_AND_GUIDANCE (eRS-RequestFlowType).',
  })
  requestFlowTypes!: Code[];

  @Field((_type) => Code, {
    nullable: true,
    description: 'How appointments are booked: DIRECTLY_BOOKABLE or INDIRECTLY_BOOKABLE (eRS-BookableType).',
  })
  bookableType!: Code | null;

  @Field((_type) => Boolean, {
    nullable: true,
    description: 'True if slots can be booked directly in e-RS, false if the provider books (indirectly bookable); null if unknown.',
  })
  directlyBookable!: boolean | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'When the service operates, as free text, e.g. "9-5 Monday to Friday".',
  })
  hoursOfOperation!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'Instructions from the service for referrers.',
  })
  instructions!: string | null;

  @Field((_type) => [ServiceContact], {
    nullable: false,
    description: 'How to contact the service, per audience.',
  })
  contacts!: ServiceContact[];

  @Field((_type) => JsonScalar, {
    nullable: false,
    description: 'The raw FHIR R4 HealthcareService exactly as e-RS returned it.',
  })
  fhir!: Record<string, unknown>;
}
