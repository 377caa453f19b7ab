import { Field, ObjectType } from 'type-graphql';
import { DateTimeScalar, JsonScalar } from './scalars';
import { CodeSystemConcept } from './code-system-concept.type';
import { CodeSystemType } from './code-system-type.enum';

export { CodeSystemType } from './code-system-type.enum';

/** An e-RS reference data code system (STU3 CodeSystem, read by A004). */
@ObjectType('CodeSystem', {
  description: 'An e-RS reference data code system (e.g. SPECIALTY) with all its codes and their properties.',
})
export class CodeSystem {
  @Field((_type) => CodeSystemType, {
    nullable: true,
    description: 'Which e-RS code system this is; null if e-RS returned one this server does not know.',
  })
  type!: CodeSystemType | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The canonical URL of the code system; codings from it use this as their `system`.',
  })
  url!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of the code system, e.g. "e-RS Specialty".',
  })
  name!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'A description of the code system.',
  })
  description!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The version of the code system.',
  })
  version!: string | null;

  @Field((_type) => DateTimeScalar, {
    nullable: true,
    description: 'When the code system was last published.',
  })
  date!: string | null;

  @Field((_type) => [CodeSystemConcept], {
    nullable: false,
    description: 'Every code in the code system, including ones no longer effective (check effectiveFrom/effectiveTo).',
  })
  concepts!: CodeSystemConcept[];

  @Field((_type) => JsonScalar, {
    nullable: false,
    description: 'The raw FHIR STU3 CodeSystem exactly as e-RS returned it.',
  })
  fhir!: Record<string, unknown>;
}
