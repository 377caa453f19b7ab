import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserRole } from './user-role.type';
import { OdsCodeScalar, SdsUserIdScalar } from './scalars';
import { BusinessFunction } from './business-function.enum';

/** How ers-graph authenticates callers (AUTH_MODE). */
export enum AuthModeValue {
  CIS2 = 'cis2',
  APIM = 'apim',
  APPLICATION = 'application',
  DEVELOPMENT = 'development',
}

registerEnumType(AuthModeValue, {
  name: 'AuthMode',
  description: 'How this ers-graph authenticates callers and obtains e-RS access tokens.',
  valuesConfig: {
    CIS2: { description: 'Callers send an NHS CIS2 ID token; ers-graph exchanges it at the NHS API Platform.' },
    APIM: { description: 'Callers send an NHS API Platform access token they obtained themselves (combined authentication).' },
    APPLICATION: { description: 'Internal callers; ers-graph uses its own application-restricted access (read-only subset of e-RS).' },
    DEVELOPMENT: { description: 'CIS2 flow against the local identity world of the embedded simulator. Never in production.' },
  },
});

/** Whether the caller is a person or an application. */
export enum CallerKind {
  USER = 'USER',
  APPLICATION = 'APPLICATION',
}

registerEnumType(CallerKind, {
  name: 'CallerKind',
  description: 'Whether the caller is a healthcare worker or an internal application.',
  valuesConfig: {
    USER: { description: 'A healthcare worker authenticated with NHS CIS2.' },
    APPLICATION: { description: 'An internal application using ers-graph’s application-restricted access.' },
  },
});

/** The e-RS role a request acts in. */
@ObjectType('ActiveRole', {
  description: 'The e-RS role this request acts in, from the NHSD-* request headers or the only role the user holds.',
})
export class ActiveRoleType {
  @Field((_type) => BusinessFunction, { nullable: false, description: 'The e-RS business function, e.g. REFERRING_CLINICIAN.' })
  businessFunction!: BusinessFunction;

  @Field((_type) => OdsCodeScalar, { nullable: false, description: 'ODS code of the organisation the role is used at.' })
  odsCode!: string;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'SDS user id of the clinician a SERVICE_PROVIDER_CLINICIAN_ADMIN acts for.',
  })
  onBehalfOfUserId!: string | null;
}

/** Who is calling ers-graph. */
@ObjectType('Me', { description: 'The caller: identity, assurance, e-RS roles and the role in use.' })
export class Me {
  @Field((_type) => CallerKind, { nullable: false, description: 'A healthcare worker or an application.' })
  kind!: CallerKind;

  @Field((_type) => AuthModeValue, { nullable: false, description: 'How this server authenticates callers.' })
  mode!: AuthModeValue;

  @Field((_type) => SdsUserIdScalar, {
    nullable: true,
    description: 'The user’s 12-digit SDS user id (CIS2 `sub`, or learned from A030 in apim mode); null for an application.',
  })
  userId!: string | null;

  @Field((_type) => ID, {
    nullable: true,
    description: 'The application’s subject (its client id at the NHS API Platform); null for a user.',
  })
  applicationId!: string | null;

  @Field((_type) => String, { nullable: true, description: 'The user’s name, when the identity provider sent one.' })
  displayName!: string | null;

  @Field((_type) => Int, { nullable: true, description: 'CIS2 identity assurance level (3 or higher for e-RS).' })
  identityAssuranceLevel!: number | null;

  @Field((_type) => Int, { nullable: true, description: 'CIS2 authentication assurance level (2 or 3).' })
  authenticationAssuranceLevel!: number | null;

  /** Filled by the resolver (A030); application callers have none. */
  roles?: UserRole[];
}
