import { Field, ObjectType } from 'type-graphql';
import { Code } from './code.type';

/** One way to reach a service (a FHIR ContactPoint). */
@ObjectType('ServiceContactPoint', {
  description: 'A phone number or email address for a service.',
})
export class ServiceContactPoint {
  @Field((_type) => String, {
    nullable: true,
    description: 'How to use `value`: "phone" or "email" (as e-RS sent it).',
  })
  channel!: string | null;

  @Field((_type) => String, {
    nullable: false,
    description: 'The phone number or email address.',
  })
  value!: string;
}

/** Contact details of a service for one audience (Extension-eRS-HealthcareService-Contact). */
@ObjectType('ServiceContact', {
  description: 'Contact details of a service for one audience, e.g. patients or healthcare professionals.',
})
export class ServiceContact {
  @Field((_type) => Code, {
    nullable: true,
    description: 'Who should use these details, e.g. PATINF (patients) or HEALTHCARE_PROFESSIONALS.',
  })
  purpose!: Code | null;

  @Field((_type) => [ServiceContactPoint], {
    nullable: false,
    description: 'The phone numbers and email addresses for this audience.',
  })
  contactPoints!: ServiceContactPoint[];
}
