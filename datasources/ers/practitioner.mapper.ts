import { OnBehalfOfUser } from '../../schema/on-behalf-of-user.type';
import { FhirIdentifier, asArray, build, bundleResources, expectResource, readHumanName, readIdentifier, readString } from './fhir';

/**
 * Maps the A040 response (`GET /R4/Practitioner?_query=onBehalfOf`, an R4 Bundle of
 * Practitioner) to the users a SERVICE_PROVIDER_CLINICIAN_ADMIN may act on behalf of, in
 * bundle order. The user id is the SDS user id identifier, else the Practitioner id; entries
 * with neither are skipped. Throws FhirMappingError only when `bundle` is not a Bundle.
 */
export function mapOnBehalfOfUsers(bundle: unknown): OnBehalfOfUser[] {
  const resource = expectResource(bundle, 'Bundle');
  const users: OnBehalfOfUser[] = [];
  for (const practitioner of bundleResources(resource, 'Practitioner')) {
    const identifiers = asArray(practitioner.identifier)
      .map(readIdentifier)
      .filter((identifier): identifier is FhirIdentifier => identifier !== null);
    const sdsUserId =
      identifiers.find((identifier) => identifier.system?.toLowerCase().endsWith('sds-user-id'))?.value ??
      identifiers.find((identifier) => identifier.system === null)?.value ??
      null;
    const userId = sdsUserId ?? readString(practitioner.id);
    if (!userId) continue;
    users.push(build(OnBehalfOfUser, { userId, name: readHumanName(practitioner.name), fhir: practitioner }));
  }
  return users;
}
