import { GraphQLJSON } from 'graphql-scalars';

export { UbrnScalar, UBRN } from './ubrn.scalar';
export { DateScalar, DateTimeScalar } from './date-time.scalar';
export { ServiceIdScalar, SERVICE_ID } from './service-id.scalar';
export { OdsCodeScalar, ODS_CODE } from './ods-code.scalar';
export { SdsUserIdScalar, SDS_USER_ID } from './sds-user-id.scalar';
export { VersionScalar, VERSION } from './version.scalar';
export { AppointmentIdScalar, APPOINTMENT_ID } from './appointment-id.scalar';
export { SlotIdScalar, SLOT_ID } from './slot-id.scalar';
export { BinaryUrlScalar, BINARY_URL, BINARY_ID, binaryIdOf } from './binary-url.scalar';
export { assertIdentifier, isIdentifier, invalidIdentifier, type IdentifierFormat } from './identifier';

/** Arbitrary JSON, used for the raw FHIR resource behind a typed object (`fhir` fields). */
export const JsonScalar = GraphQLJSON;
export { UploadScalar } from './upload.scalar';
