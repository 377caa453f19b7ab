import { Code } from '../../schema/code.type';
import { HealthcareService } from '../../schema/healthcare-service.type';
import { AgeRange, ServiceSearchResult } from '../../schema/service-search-result.type';
import { toCode } from './code.mapper';
import {
  FhirElement,
  build,
  bundleResources,
  child,
  elements,
  expectResource,
  findExtension,
  readBoolean,
  readIdentifier,
  readInteger,
  readReference,
  readString,
  referenceId,
} from './fhir';
import { mapHealthcareService } from './healthcare-service.mapper';
import { toEnumValue } from './code.mapper';
import { IndicativeWaitTimeStatus } from '../../schema/closed-codes.enum';

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';

/** The e-RS extensions of an eRS-FetchServices-List-1 entry (matched without their version suffix). */
export const SERVICE_SEARCH_EXTENSIONS = {
  /** On the entry: how the service matched the search (display prominently, distance, indicative wait). */
  listItem: `${SD}Extension-eRS-ServiceSearch-ListItem-1`,
  /** On the entry's item: a summary of the service. */
  serviceSummaryView: `${SD}Extension-eRS-ServiceSummaryView-1`,
} as const;

/** Every part (sub-extension `url`) of the two extensions, as the spec names them. */
export const SERVICE_SEARCH_PARTS = [
  'displayProminently',
  'distance',
  'indicativeAppointmentWaitTime',
  'supportedAppointmentType',
  'serviceName',
  'supportedRequestFlowType',
  'indicativeTreatmentWaitTime',
  'bookableType',
  'linkToNHSWebsite',
  'location',
  'referrerAlert',
  'exclusions',
  'suggestedInvestigations',
  'conditionsTreated',
  'ageTreated',
  'genderTreated',
  'additionalRequirementSupported',
  'referralLetterRequired',
  'specialty',
] as const;

type PartName = (typeof SERVICE_SEARCH_PARTS)[number];

/**
 * Maps the A010 response (`POST /STU3/HealthcareService/$ers.searchHealthcareServicesForPatient`,
 * an eRS-FetchServices-List-1) to one `ServiceSearchResult` per entry, in list order. Entries
 * without a service id are skipped; an empty list (with its emptyReason) gives []. Throws
 * FhirMappingError only when `resource` is not a List.
 */
export function mapServiceSearchResults(resource: unknown): ServiceSearchResult[] {
  const list = expectResource(resource, 'List');
  const results: ServiceSearchResult[] = [];
  for (const entry of elements(list.entry)) {
    const result = mapEntry(entry);
    if (result) results.push(result);
  }
  return results;
}

/**
 * Maps the A035 response (`GET /R4/HealthcareService?_id=1,2`, an R4 searchset Bundle of
 * eRS-HealthcareService) to `HealthcareService`s in bundle order, each read as A033 reads one.
 * Entries that are not HealthcareServices or have no id are skipped. Throws FhirMappingError
 * only when `bundle` is not a Bundle.
 */
export function mapHealthcareServiceBundle(bundle: unknown): HealthcareService[] {
  const resource = expectResource(bundle, 'Bundle');
  return bundleResources(resource, 'HealthcareService')
    .filter((service) => readString(service.id) !== null)
    .map((service) => mapHealthcareService(service));
}

function mapEntry(entry: FhirElement): ServiceSearchResult | null {
  const item = child(entry, 'item');
  const serviceId = readIdentifier(item?.identifier)?.value ?? referenceId(readReference(item));
  if (!serviceId) return null;

  const parts = partsOf(
    findExtension(entry, SERVICE_SEARCH_EXTENSIONS.listItem),
    findExtension(item, SERVICE_SEARCH_EXTENSIONS.serviceSummaryView),
  );
  const part = (name: PartName): FhirElement | null => parts.get(name.toLowerCase())?.[0] ?? null;
  const all = (name: PartName): FhirElement[] => parts.get(name.toLowerCase()) ?? [];
  const text = (name: PartName): string | null => readString(part(name)?.valueString);
  const codes = (name: PartName): Code[] =>
    all(name)
      .map((found) => toCode(found))
      .filter((found): found is Code => found !== null);
  const code = (name: PartName): Code | null => codes(name)[0] ?? null;
  // A wait time is a number or a code (two shapes of one part): the first number wins.
  const integer = (name: PartName): number | null =>
    all(name)
      .map((found) => readInteger(found.valueUnsignedInt ?? found.valueInteger ?? found.valuePositiveInt))
      .find((value) => value !== null) ?? null;
  const location = child(part('location'), 'valueReference');
  const bookableType = code('bookableType');

  return build(ServiceSearchResult, {
    serviceId,
    name: text('serviceName') ?? readString(item?.display),
    specialty: code('specialty'),
    appointmentTypes: codes('supportedAppointmentType'),
    requestFlowTypes: codes('supportedRequestFlowType'),
    bookableType,
    directlyBookable: directlyBookable(bookableType?.code ?? null),
    locationOdsCode: readIdentifier(location?.identifier)?.value ?? referenceId(readReference(location)),
    locationName: readString(location?.display),
    nhsWebsiteUrl: text('linkToNHSWebsite'),
    referrerAlert: text('referrerAlert'),
    exclusions: text('exclusions'),
    suggestedInvestigations: text('suggestedInvestigations'),
    conditionsTreated: text('conditionsTreated'),
    ageTreated: ageRange(child(part('ageTreated'), 'valueRange')),
    sexTreated: code('genderTreated'),
    additionalRequirementsSupported: codes('additionalRequirementSupported'),
    referralLetterRequired: readBoolean(part('referralLetterRequired')?.valueBoolean),
    displayProminently: readBoolean(part('displayProminently')?.valueBoolean),
    distance: integer('distance'),
    indicativeAppointmentWaitTime: integer('indicativeAppointmentWaitTime'),
    indicativeAppointmentWaitTimeStatus: toEnumValue(IndicativeWaitTimeStatus, code('indicativeAppointmentWaitTime')?.code),
    indicativeTreatmentWaitTime: integer('indicativeTreatmentWaitTime'),
    capacityAlert: code('indicativeTreatmentWaitTime'),
    fhir: entry,
  });
}

/**
 * The parts of the entry's list-item and summary-view extensions by lower-cased name, list-item
 * parts first. Each part is read from either extension: e-RS keeps the indicative waits apart
 * from the summary, and a part in the other one is still the same fact.
 */
function partsOf(...extensions: Array<FhirElement | null>): Map<string, FhirElement[]> {
  const parts = new Map<string, FhirElement[]>();
  for (const extension of extensions) {
    for (const part of elements(extension?.extension)) {
      const name = readString(part.url)?.toLowerCase();
      if (!name) continue;
      parts.set(name, [...(parts.get(name) ?? []), part]);
    }
  }
  return parts;
}

function directlyBookable(code: string | null): boolean | null {
  if (code === 'DIRECTLY_BOOKABLE') return true;
  if (code === 'INDIRECTLY_BOOKABLE') return false;
  return null;
}

function ageRange(range: FhirElement | null): AgeRange | null {
  if (!range) return null;
  const low = child(range, 'low');
  const high = child(range, 'high');
  const age = build(AgeRange, {
    minimumAge: readInteger(low?.value),
    minimumAgeUnit: readString(low?.unit) ?? readString(low?.code),
    maximumAge: readInteger(high?.value),
    maximumAgeUnit: readString(high?.unit) ?? readString(high?.code),
  });
  return age.minimumAge === null && age.maximumAge === null ? null : age;
}
