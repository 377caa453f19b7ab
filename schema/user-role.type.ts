import { Field, ObjectType } from 'type-graphql';
import { JsonScalar, OdsCodeScalar, SdsUserIdScalar } from './scalars';
import { BusinessFunction } from './business-function.enum';

/** One e-RS role (business function) a user holds at one organisation (A030, an R4 PractitionerRole code). */
@ObjectType('UserRole', {
  description:
    'An e-RS role (business function) the signed-in user holds at one organisation. Work as this role by sending ' +
    '`businessFunction` and `odsCode` as the e-RS role headers. A user with three roles at one organisation has three entries.',
})
export class UserRole {
  @Field((_type) => OdsCodeScalar, {
    nullable: false,
    description: 'ODS code of the organisation the role is held at, e.g. "R69" (the NHSD-End-User-Organisation-ODS header value).',
  })
  odsCode!: string;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of the organisation, when e-RS sends one (A030 usually does not: look it up by `odsCode`).',
  })
  organisationName!: string | null;

  @Field((_type) => BusinessFunction, {
    nullable: true,
    description:
      'The e-RS role (business function), e.g. SERVICE_PROVIDER_CLINICIAN: the NHSD-eRS-Business-Function header value. ' +
      'Null for a role the e-RS API does not act in (e.g. SERVICE_DEFINER): `businessFunctionCode` has its code.',
  })
  businessFunction!: BusinessFunction | null;

  @Field((_type) => String, {
    nullable: false,
    description: 'The business function code exactly as e-RS sent it, known to this server or not (e.g. "SERVICE_DEFINER").',
  })
  businessFunctionCode!: string;

  @Field((_type) => String, {
    nullable: true,
    description: 'A label for the business function, when e-RS sends one.',
  })
  businessFunctionDisplay!: string | null;

  @Field((_type) => Boolean, {
    nullable: false,
    description:
      'Whether the role is one the e-RS API acts in (`businessFunction` is set), e.g. REFERRING_CLINICIAN. ' +
      'False for roles such as SERVICE_DEFINER that the e-RS API does not accept: hide or disable them in a role picker.',
  })
  known!: boolean;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the user holding the role (https://fhir.nhs.uk/Id/sds-user-id), e.g. "999000000101".',
  })
  userId!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The name of the user holding the role, when e-RS sends one.',
  })
  userName!: string | null;

  @Field((_type) => JsonScalar, {
    nullable: false,
    description: 'The raw FHIR R4 PractitionerRole the role was read from (shared by every role at that organisation).',
  })
  fhir!: Record<string, unknown>;
}
