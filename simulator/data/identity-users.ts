/**
 * The identity side of the simulator's users: which (organisation, business functions) pairs each
 * user holds in e-RS (what A030 reports) and the CIS2 assurance levels their ID tokens carry.
 * Seeded practitioners get their primary role; a few named fixtures below cover the shapes a
 * client must handle (several organisations, a single pair, an unknown code, low assurance).
 */
import { BUSINESS_FUNCTIONS, type BusinessFunction, type Practitioner, type PractitionerRoleGrant } from './world';

/** The organisations of the world, passed in to avoid an import cycle with seed.ts. */
export interface IdentityOrganisations {
  referrer: string;
  provider: string;
  commissioner: string;
}

type IdentityFields = Pick<Practitioner, 'roles' | 'idAssuranceLevel' | 'authenticationAssuranceLevel'>;

/** What a realistic CIS2 healthcare worker has: identity verified face to face (IAL3), smartcard-class authenticator (AAL3). */
export const DEFAULT_ASSURANCE = { idAssuranceLevel: 3, authenticationAssuranceLevel: 3 } as const;

interface IdentityFixture {
  note: string;
  roles?: (orgs: IdentityOrganisations) => PractitionerRoleGrant[];
  idAssuranceLevel?: number;
  authenticationAssuranceLevel?: number;
}

/** Named identity fixtures over seeded practitioners, by SDS user id. */
const FIXTURES: Record<string, IdentityFixture> = {
  '555010000001': {
    note: 'GP who also runs clinics at the trust: roles at two organisations',
    roles: (o) => [
      { odsCode: o.referrer, businessFunctions: ['REFERRING_CLINICIAN'] },
      { odsCode: o.provider, businessFunctions: ['SERVICE_PROVIDER_CLINICIAN'] },
    ],
  },
  '555010000004': {
    note: 'practice admin who also works for the ICB: roles at two organisations',
    roles: (o) => [
      { odsCode: o.referrer, businessFunctions: ['REFERRING_CLINICIAN_ADMIN'] },
      { odsCode: o.commissioner, businessFunctions: ['COMMISSIONER'] },
    ],
  },
  '555020000001': {
    note: 'holds SERVICE_DEFINER (not a valid header value) alongside real roles',
    roles: (o) => [{ odsCode: o.provider, businessFunctions: ['SERVICE_DEFINER', 'SERVICE_PROVIDER_CLINICIAN', 'SERVICE_PROVIDER_ADMIN'] }],
  },
  '555020000009': { note: 'Service Provider Clinician Admin at the trust (acts on behalf of a clinician; A040)' },
  '555020000011': { note: 'exactly one (business function, organisation) pair' },
};

/** Identity fields of a seeded practitioner: its fixture, else its primary role with IAL3/AAL3. */
export function identityOf(
  userId: string,
  odsCode: string,
  businessFunctions: readonly string[],
  orgs: IdentityOrganisations,
): IdentityFields {
  const fixture = FIXTURES[userId];
  return {
    roles: fixture?.roles ? fixture.roles(orgs) : [{ odsCode, businessFunctions: [...businessFunctions] }],
    idAssuranceLevel: fixture?.idAssuranceLevel ?? DEFAULT_ASSURANCE.idAssuranceLevel,
    authenticationAssuranceLevel: fixture?.authenticationAssuranceLevel ?? DEFAULT_ASSURANCE.authenticationAssuranceLevel,
  };
}

/** A user added through SimulatorOptions.users (tests) or the fixed extra users below. */
export interface SimulatorUser {
  /** SDS user id, 12 digits. */
  userId: string;
  givenName: string;
  familyName: string;
  title?: string;
  /** At least one; the first is the primary organisation. */
  roles: PractitionerRoleGrant[];
  /** Default 3. */
  idAssuranceLevel?: number;
  /** Default 3. */
  authenticationAssuranceLevel?: number;
}

/** A practitioner record for a user given by identity alone. Throws on a malformed user. */
export function practitionerFromUser(user: SimulatorUser): Practitioner {
  if (!/^\d{12}$/.test(user.userId)) throw new Error(`User id ${user.userId} must be a 12-digit SDS user id`);
  if (user.roles.length === 0 || user.roles.some((r) => r.businessFunctions.length === 0 || r.odsCode.trim() === '')) {
    throw new Error(`User ${user.userId} needs at least one organisation with at least one business function`);
  }
  const primary = user.roles[0];
  return {
    userId: user.userId,
    title: user.title ?? 'Dr',
    givenName: user.givenName,
    familyName: user.familyName,
    odsCode: primary.odsCode,
    businessFunctions: primary.businessFunctions.filter(isBusinessFunction),
    roles: user.roles.map((r) => ({ odsCode: r.odsCode, businessFunctions: [...r.businessFunctions] })),
    idAssuranceLevel: user.idAssuranceLevel ?? DEFAULT_ASSURANCE.idAssuranceLevel,
    authenticationAssuranceLevel: user.authenticationAssuranceLevel ?? DEFAULT_ASSURANCE.authenticationAssuranceLevel,
  };
}

const EXTRA_USER_NOTES: Record<string, string> = {
  '555010000006': 'locum GP whose identity is verified only to IAL2',
  '555020000012': 'trust clinician signed in with an AAL1 authenticator',
};

/**
 * Users with fixed names, appended after the seeded ones so they consume no random numbers
 * (the seeded world stays byte-for-byte the same). They exist to exercise low assurance levels.
 */
export function extraUsers(orgs: IdentityOrganisations): Practitioner[] {
  return [
    practitionerFromUser({
      userId: '555010000006',
      givenName: 'Robin',
      familyName: 'Ashdown',
      roles: [{ odsCode: orgs.referrer, businessFunctions: ['REFERRING_CLINICIAN'] }],
      idAssuranceLevel: 2,
    }),
    practitionerFromUser({
      userId: '555020000012',
      givenName: 'Morgan',
      familyName: 'Tillery',
      roles: [{ odsCode: orgs.provider, businessFunctions: ['SERVICE_PROVIDER_CLINICIAN'] }],
      authenticationAssuranceLevel: 1,
    }),
  ];
}

export function isBusinessFunction(code: string): code is BusinessFunction {
  return (BUSINESS_FUNCTIONS as readonly string[]).includes(code);
}

/** The business functions a user holds at an organisation (codes as held, unknown ones included). */
export function businessFunctionsAt(practitioner: Practitioner, odsCode: string): string[] {
  return practitioner.roles.filter((r) => r.odsCode === odsCode).flatMap((r) => r.businessFunctions);
}

/** Whether the user holds the business function at the organisation. */
export function holdsRole(practitioner: Practitioner, businessFunction: string, odsCode: string): boolean {
  return businessFunctionsAt(practitioner, odsCode).includes(businessFunction);
}

/** One line of the development user list (docs, `npm start` banner, `GET /oidc/dev/users`). */
export interface DevUserSummary {
  userId: string;
  name: string;
  roles: PractitionerRoleGrant[];
  idAssuranceLevel: number;
  authenticationAssuranceLevel: number;
  note?: string;
}

/** Every user of the world with the roles they can sign in with. */
export function devUsers(practitioners: readonly Practitioner[]): DevUserSummary[] {
  return practitioners.map((p) => {
    const note = FIXTURES[p.userId]?.note ?? EXTRA_USER_NOTES[p.userId];
    const summary: DevUserSummary = {
      userId: p.userId,
      name: `${p.title} ${p.givenName} ${p.familyName}`,
      roles: p.roles.map((r) => ({ odsCode: r.odsCode, businessFunctions: [...r.businessFunctions] })),
      idAssuranceLevel: p.idAssuranceLevel,
      authenticationAssuranceLevel: p.authenticationAssuranceLevel,
    };
    if (note) summary.note = note;
    return summary;
  });
}

/** The user list as printable lines: id, name, roles as BUSINESS_FUNCTION@ODS, assurance levels when not 3/3. */
export function formatDevUsers(users: readonly DevUserSummary[]): string[] {
  return users.map((u) => {
    const roles = u.roles.flatMap((r) => r.businessFunctions.map((bf) => `${bf}@${r.odsCode}`)).join(' ');
    const assurance =
      u.idAssuranceLevel !== 3 || u.authenticationAssuranceLevel !== 3
        ? `  [IAL${u.idAssuranceLevel} AAL${u.authenticationAssuranceLevel}]`
        : '';
    return `${u.userId}  ${u.name.padEnd(24)} ${roles}${assurance}${u.note ? `  (${u.note})` : ''}`;
  });
}
