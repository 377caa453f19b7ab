import { GraphQLJSON } from 'graphql-scalars';

export { UbrnScalar } from './ubrn.scalar';
export { DateTimeScalar } from './date-time.scalar';

/** Arbitrary JSON, used for the raw FHIR resource behind a typed object (`fhir` fields). */
export const JsonScalar = GraphQLJSON;
export { UploadScalar } from './upload.scalar';
