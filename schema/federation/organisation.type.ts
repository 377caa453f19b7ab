import { Field, ObjectType } from 'type-graphql';
import { OdsCodeScalar } from '../scalars';
import { StubKey } from './keys';

/**
 * An organisation or site, by ODS code: an entity another subgraph owns (e.g. an ODS subgraph
 * adds its name and address). ers-graph knows the code only.
 */
@StubKey('odsCode')
@ObjectType('Organisation', {
  description:
    'An organisation or site by its ODS code. ers-graph knows only the code; in a federated supergraph another subgraph ' +
    '(e.g. a trust’s ODS subgraph) owns this entity and adds its name and address.',
})
export class Organisation {
  @Field((_type) => OdsCodeScalar, {
    nullable: false,
    description: 'ODS code of the organisation or site, e.g. "R69".',
  })
  odsCode!: string;
}

/** The organisation stub of an ODS code; no call, nothing read. */
export function organisationOf(odsCode: string | null | undefined): Organisation | null {
  return odsCode ? Object.assign(new Organisation(), { odsCode }) : null;
}
