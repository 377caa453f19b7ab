export { EntityKey, StubKey, KEY_DIRECTIVE } from './keys';
export { Patient, patientOf } from './patient.type';
export { Organisation, organisationOf } from './organisation.type';
export { withFederation, type ReferenceResolver, type SubgraphOptions } from './subgraph';
