import { HealthcareService } from '../../schema/healthcare-service.type';
import { ServiceContact, ServiceContactPoint } from '../../schema/service-contact.type';
import { codingToCode, toCode } from './code.mapper';
import {
  FhirElement,
  asArray,
  build,
  elements,
  expectResource,
  findExtension,
  findExtensions,
  readBoolean,
  readCodings,
  readIdentifier,
  readString,
  resourceVersion,
  stringAt,
} from './fhir';

const SD = 'https://fhir.nhs.uk/StructureDefinition/';

/** The e-RS extensions of an R4 eRS-HealthcareService (matched without any version suffix). */
export const HEALTHCARE_SERVICE_EXTENSIONS = {
  hoursOfOperation: `${SD}Extension-eRS-HoursOfOperation`,
  contact: `${SD}Extension-eRS-HealthcareService-Contact`,
  serviceInstructions: `${SD}Extension-eRS-ServiceInstructions`,
} as const;

/**
 * Maps an e-RS R4 HealthcareService (A033, `GET /R4/HealthcareService/{id}`) to a
 * `HealthcareService`. `etag` supplies the version when meta.versionId is missing.
 */
export function mapHealthcareService(resource: unknown, etag?: string): HealthcareService {
  const service = expectResource(resource, 'HealthcareService');
  // characteristic and type are arrays of CodeableConcept; A033 sends `type` as one object (known issue).
  const characteristics = readCodings(service.characteristic);
  const bookableType = characteristics.find((coding) => systemMentions(coding.system, 'bookabletype')) ?? null;
  return build(HealthcareService, {
    id: readString(service.id) ?? '',
    version: resourceVersion(service, etag),
    name: readString(service.name),
    active: readBoolean(service.active),
    siteOdsCodes: elements(service.location)
      .map((location) => readIdentifier(location.identifier)?.value ?? null)
      .filter((code): code is string => code !== null),
    appointmentTypes: readCodings(service.type).map((coding) => codingToCode(coding)),
    requestFlowTypes: characteristics
      .filter((coding) => systemMentions(coding.system, 'requestflowtype'))
      .map((coding) => codingToCode(coding)),
    bookableType: bookableType ? codingToCode(bookableType) : null,
    directlyBookable: directlyBookable(bookableType?.code ?? null),
    hoursOfOperation: stringAt(findExtension(service, HEALTHCARE_SERVICE_EXTENSIONS.hoursOfOperation), 'valueString'),
    instructions: stringAt(findExtension(service, HEALTHCARE_SERVICE_EXTENSIONS.serviceInstructions), 'valueString'),
    contacts: findExtensions(service, HEALTHCARE_SERVICE_EXTENSIONS.contact).map(mapContact),
    fhir: service,
  });
}

function systemMentions(system: string | null, name: string): boolean {
  return system !== null && system.toLowerCase().includes(name);
}

function directlyBookable(code: string | null): boolean | null {
  if (code === 'DIRECTLY_BOOKABLE') return true;
  if (code === 'INDIRECTLY_BOOKABLE') return false;
  return null;
}

function mapContact(extension: FhirElement): ServiceContact {
  const contactPoints: ServiceContactPoint[] = [];
  for (const telecom of findExtensions(extension, 'telecom')) {
    for (const point of asArray(telecom.valueContactPoint)) {
      const value = stringAt(point, 'value');
      if (value) contactPoints.push(build(ServiceContactPoint, { channel: stringAt(point, 'system'), value }));
    }
  }
  return build(ServiceContact, { purpose: toCode(findExtension(extension, 'purpose')), contactPoints });
}
