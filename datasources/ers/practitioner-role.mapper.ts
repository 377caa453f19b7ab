import { ActingUser } from '../../schema/acting-user.type';
import { UserRole } from '../../schema/user-role.type';
import { BUSINESS_FUNCTIONS } from './endpoints';
import {
  FhirElement,
  FhirIdentifier,
  asArray,
  build,
  bundleResources,
  child,
  expectResource,
  isElement,
  readCodings,
  readHumanName,
  readIdentifier,
  readReference,
  readString,
  referenceId,
} from './fhir';
import { toEnum } from './code.mapper';
import { BusinessFunction } from '../../schema/business-function.enum';

const KNOWN_BUSINESS_FUNCTIONS: ReadonlySet<string> = new Set(BUSINESS_FUNCTIONS);

/**
 * Maps the A030 response (`GET /R4/PractitionerRole`, an R4 Bundle of PractitionerRole) to one
 * `UserRole` per business function per organisation, in bundle order. Unknown business
 * functions (e.g. SERVICE_DEFINER) are kept with `known: false`; entries without an
 * organisation are skipped (no role headers could be sent for them). Organisation and user
 * names come from `display` or from Organization / Practitioner resources in the bundle.
 * Throws FhirMappingError only when `bundle` is not a Bundle.
 */
export function mapBusinessFunctions(bundle: unknown): UserRole[] {
  const resource = expectResource(bundle, 'Bundle');
  const organisations = bundleResources(resource, 'Organization');
  const practitioners = bundleResources(resource, 'Practitioner');
  const roles: UserRole[] = [];
  const seen = new Set<string>();

  for (const practitionerRole of bundleResources(resource, 'PractitionerRole')) {
    const organisation = child(practitionerRole, 'organization');
    const odsCode = referencedId(organisation, 'ods-organization-code', /^Organi[sz]ation\//);
    if (!odsCode) continue;
    const practitioner = child(practitionerRole, 'practitioner');
    const userId = referencedId(practitioner, 'sds-user-id', /^Practitioner\//);
    const organisationName = readString(organisation?.display) ?? readString(included(organisations, odsCode)?.name);
    const userName = readString(practitioner?.display) ?? (userId ? readHumanName(included(practitioners, userId)?.name) : null);

    for (const coding of readCodings(practitionerRole.code)) {
      if (coding.system !== null && !/businessfunction/i.test(coding.system)) continue;
      const key = `${odsCode}\u0000${coding.code}`;
      if (seen.has(key)) continue;
      seen.add(key);
      roles.push(
        build(UserRole, {
          odsCode,
          organisationName,
          businessFunction: toEnum(BusinessFunction, coding),
          businessFunctionCode: coding.code,
          businessFunctionDisplay: coding.display,
          known: KNOWN_BUSINESS_FUNCTIONS.has(coding.code),
          userId,
          userName,
          fhir: practitionerRole,
        }),
      );
    }
  }
  return roles;
}

/**
 * The id a Reference carries: its identifier with a system ending in `systemName` (or with no
 * system), else the id of a `reference` matching `referencePattern`, else any identifier value.
 */
export function referencedId(reference: FhirElement | null, systemName: string, referencePattern: RegExp): string | null {
  if (!reference) return null;
  const identifiers = asArray(reference.identifier)
    .map(readIdentifier)
    .filter((identifier): identifier is FhirIdentifier => identifier !== null);
  const bySystem = identifiers.find((identifier) => identifier.system === null || identifier.system.toLowerCase().endsWith(systemName));
  if (bySystem) return bySystem.value;
  const text = readReference(reference);
  if (text && referencePattern.test(text)) return referenceId(text);
  return identifiers[0]?.value ?? (text ? referenceId(text) : null);
}

/** The resource in `resources` whose id or any identifier value is `id`. */
function included(resources: FhirElement[], id: string): FhirElement | null {
  return (
    resources.find(
      (resource) =>
        readString(resource.id) === id || asArray(resource.identifier).some((identifier) => readIdentifier(identifier)?.value === id),
    ) ?? null
  );
}

/**
 * An e-RS STU3 CareConnect-PractitionerRole (contained in an A&G request, or included in the
 * A025 conversation bundle) as the `ActingUser` it names. Never throws: a non-object gives null.
 */
export function mapActingUser(practitionerRole: unknown): ActingUser | null {
  if (!isElement(practitionerRole)) return null;
  const practitioner = child(practitionerRole, 'practitioner');
  const organisation = child(practitionerRole, 'organization');
  const businessFunction = toEnum(
    BusinessFunction,
    readCodings(practitionerRole.code).find((coding) => coding.system === null || /businessfunction/i.test(coding.system)),
  );
  const user = build(ActingUser, {
    userId: referencedId(practitioner, 'sds-user-id', /^Practitioner\//),
    name: readString(practitioner?.display),
    odsCode: referencedId(organisation, 'ods-organization-code', /^Organi[sz]ation\//),
    businessFunction,
  });
  return (user.userId ?? user.odsCode ?? user.businessFunction) ? user : null;
}
