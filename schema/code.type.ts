import { Field, ObjectType } from 'type-graphql';

/** A coded value from an e-RS or FHIR code system (a FHIR Coding, flattened). */
@ObjectType('Code', {
  description:
    'A coded value: the code system it comes from, the code, and a human-readable label. ' + 'Compare `system` + `code`; show `display`.',
})
export class Code {
  @Field((_type) => String, {
    nullable: false,
    description:
      'The code system URL exactly as e-RS sent it, e.g. "https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1". ' +
      'Empty when e-RS did not say.',
  })
  system!: string;

  @Field((_type) => String, {
    nullable: false,
    description: 'The code within its system, e.g. "URGENT" or "CARDIOLOGY".',
  })
  code!: string;

  @Field((_type) => String, {
    nullable: true,
    description: 'A human-readable label for the code, e.g. "Urgent"; null when unknown.',
  })
  display!: string | null;
}
