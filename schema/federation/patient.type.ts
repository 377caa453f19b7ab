import { Field, ObjectType } from 'type-graphql';
import { StubKey } from './keys';

/**
 * A patient, by NHS number: an entity another subgraph owns (e.g. a PDS subgraph adds name and
 * date of birth). ers-graph knows the NHS number only, from the referral or A&G request.
 */
@StubKey('nhsNumber')
@ObjectType('Patient', {
  description:
    'The patient, by NHS number. ers-graph knows only the NHS number; in a federated supergraph another subgraph ' +
    '(e.g. a trust’s PDS subgraph) owns this entity and adds demographics. Patient data.',
})
export class Patient {
  @Field((_type) => String, {
    nullable: false,
    description: "The patient's NHS number (10 digits). Patient data: never logged or put in error messages by this server.",
  })
  nhsNumber!: string;
}

/** The patient stub of an NHS number; no e-RS call, nothing read. */
export function patientOf(nhsNumber: string | null | undefined): Patient | null {
  return nhsNumber ? Object.assign(new Patient(), { nhsNumber }) : null;
}
