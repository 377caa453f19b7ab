import { FhirMappingError } from '../../datasources/ers/fhir';
import { mapHealthcareService } from '../../datasources/ers/healthcare-service.mapper';
import { SERVICE_SEARCH_PARTS, mapHealthcareServiceBundle, mapServiceSearchResults } from '../../datasources/ers/service-search.mapper';
import { HealthcareService } from '../../schema/healthcare-service.type';
import { ServiceSearchResult } from '../../schema/service-search-result.type';
import { deepFreeze, loadFhirFixture } from '../fixtures/fhir/load';

type Json = Record<string, any>;

const list = (): Json => loadFhirFixture('service-search.list.json');
const STU3 = 'https://fhir.nhs.uk/STU3/CodeSystem/';

/** A result without its raw FHIR, for comparing. */
function domain(result: ServiceSearchResult | undefined): Record<string, unknown> {
  const { fhir: _fhir, ...rest } = result as ServiceSearchResult;
  return { ...rest };
}

/** The parts of the summary view / list item extension of entry `index`. */
const summaryParts = (resource: Json, index = 0): Json[] => resource.entry[index].item.extension[0].extension;
const listItemParts = (resource: Json, index = 0): Json[] => resource.entry[index].extension[0].extension;

function withoutPart(resource: Json, name: string, index = 0): Json {
  for (const parts of [summaryParts(resource, index), listItemParts(resource, index)]) {
    for (let i = parts.length - 1; i >= 0; i -= 1) if (parts[i].url === name) parts.splice(i, 1);
  }
  return resource;
}

describe('mapServiceSearchResults', () => {
  it('maps a service with every summary and list item part', () => {
    const resource = deepFreeze(list());
    const results = mapServiceSearchResults(resource);
    expect(results).toHaveLength(2);
    expect(results[0]).toBeInstanceOf(ServiceSearchResult);
    expect(results[0]!.fhir).toBe(resource.entry[0]);
    expect(domain(results[0])).toEqual({
      serviceId: '99001',
      name: 'Synthetic Dermatology Service',
      specialty: { system: '_baseUrl_/STU3/CodeSystem/SPECIALTY', code: 'DERMATOLOGY', display: null },
      appointmentTypes: [{ system: `${STU3}eRS-AppointmentType-1`, code: 'FIRST_OUTPATIENT', display: null }],
      requestFlowTypes: [
        { system: `${STU3}eRS-RequestFlowType-1`, code: 'APPOINTMENT_REQUEST', display: null },
        { system: `${STU3}eRS-RequestFlowType-1`, code: 'ADVICE_AND_GUIDANCE_REQUEST', display: null },
      ],
      bookableType: { system: `${STU3}eRS-BookableType-1`, code: 'DIRECTLY_BOOKABLE', display: null },
      directlyBookable: true,
      locationOdsCode: 'X99',
      locationName: 'Synthetic Hospital',
      nhsWebsiteUrl: 'https://www.nhs.invalid/service-search?serviceId=99001',
      referrerAlert: 'Synthetic referrer alert',
      exclusions: 'Synthetic exclusions',
      suggestedInvestigations: 'Synthetic investigations',
      conditionsTreated: 'Synthetic conditions',
      ageTreated: { minimumAge: 18, minimumAgeUnit: 'YEARS', maximumAge: 100, maximumAgeUnit: 'YEARS' },
      sexTreated: { system: `${STU3}eRS-GenderTreated-1`, code: 'MALE_AND_FEMALE', display: null },
      additionalRequirementsSupported: [
        { system: `${STU3}eRS-AdditionalRequirementType-1`, code: 'INTERPRETER', display: null },
        { system: `${STU3}eRS-AdditionalRequirementType-1`, code: 'TRANSPORT', display: null },
      ],
      referralLetterRequired: true,
      displayProminently: true,
      distance: 12,
      indicativeAppointmentWaitTime: 21,
      indicativeAppointmentWaitTimeStatus: null,
      indicativeTreatmentWaitTime: 15,
      capacityAlert: null,
    });
  });

  it('maps coded wait times and a minimal summary', () => {
    expect(domain(mapServiceSearchResults(list())[1])).toEqual({
      serviceId: '99002',
      name: 'Synthetic Minimal Service',
      specialty: { system: '_baseUrl_/STU3/CodeSystem/SPECIALTY', code: 'GYNAECOLOGY', display: null },
      appointmentTypes: [],
      requestFlowTypes: [{ system: `${STU3}eRS-RequestFlowType-1`, code: 'TRIAGE_REQUEST', display: null }],
      bookableType: { system: `${STU3}eRS-BookableType-1`, code: 'INDIRECTLY_BOOKABLE', display: null },
      directlyBookable: false,
      locationOdsCode: 'X98',
      locationName: 'Synthetic Clinic',
      nhsWebsiteUrl: null,
      referrerAlert: null,
      exclusions: null,
      suggestedInvestigations: null,
      conditionsTreated: null,
      ageTreated: null,
      sexTreated: { system: `${STU3}eRS-GenderTreated-1`, code: 'FEMALE', display: null },
      additionalRequirementsSupported: [],
      referralLetterRequired: false,
      displayProminently: false,
      distance: null,
      indicativeAppointmentWaitTime: null,
      indicativeAppointmentWaitTimeStatus: 'LIMITED_AVAILABILITY',
      indicativeTreatmentWaitTime: null,
      capacityAlert: { system: `${STU3}eRS-CapacityAlert-1`, code: 'LOW', display: null },
    });
  });

  it('maps an empty result (emptyReason) to []', () => {
    const resource = list();
    resource.entry = [];
    resource.emptyReason = { coding: [{ system: 'http://hl7.org/fhir/ValueSet/list-empty-reason', code: 'nilknown' }] };
    expect(mapServiceSearchResults(resource)).toEqual([]);
    delete resource.entry;
    expect(mapServiceSearchResults(resource)).toEqual([]);
  });

  describe('each part, present and absent', () => {
    const empty: Record<string, unknown> = {
      serviceName: null,
      specialty: null,
      supportedAppointmentType: [],
      supportedRequestFlowType: [],
      bookableType: null,
      linkToNHSWebsite: null,
      location: null,
      referrerAlert: null,
      exclusions: null,
      suggestedInvestigations: null,
      conditionsTreated: null,
      ageTreated: null,
      genderTreated: null,
      additionalRequirementSupported: [],
      referralLetterRequired: null,
      displayProminently: null,
      distance: null,
      indicativeAppointmentWaitTime: null,
      indicativeTreatmentWaitTime: null,
    };
    const read: Record<string, (r: ServiceSearchResult) => unknown> = {
      serviceName: (r) => r.name,
      specialty: (r) => r.specialty,
      supportedAppointmentType: (r) => r.appointmentTypes,
      supportedRequestFlowType: (r) => r.requestFlowTypes,
      bookableType: (r) => r.bookableType ?? r.directlyBookable,
      linkToNHSWebsite: (r) => r.nhsWebsiteUrl,
      location: (r) => r.locationOdsCode ?? r.locationName,
      referrerAlert: (r) => r.referrerAlert,
      exclusions: (r) => r.exclusions,
      suggestedInvestigations: (r) => r.suggestedInvestigations,
      conditionsTreated: (r) => r.conditionsTreated,
      ageTreated: (r) => r.ageTreated,
      genderTreated: (r) => r.sexTreated,
      additionalRequirementSupported: (r) => r.additionalRequirementsSupported,
      referralLetterRequired: (r) => r.referralLetterRequired,
      displayProminently: (r) => r.displayProminently,
      distance: (r) => r.distance,
      indicativeAppointmentWaitTime: (r) => r.indicativeAppointmentWaitTime ?? r.indicativeAppointmentWaitTimeStatus,
      indicativeTreatmentWaitTime: (r) => r.indicativeTreatmentWaitTime ?? r.capacityAlert,
    };

    it('covers every part the spec defines', () => {
      expect(Object.keys(read).sort()).toEqual([...SERVICE_SEARCH_PARTS].sort());
    });

    it.each(SERVICE_SEARCH_PARTS.map((name) => [name]))('%s: mapped when present', (name) => {
      const value = read[name]!(mapServiceSearchResults(list())[0]!);
      expect(value).not.toEqual(empty[name]);
      expect(value).not.toBeUndefined();
    });

    it.each(SERVICE_SEARCH_PARTS.map((name) => [name]))('%s: empty when absent', (name) => {
      const result = mapServiceSearchResults(withoutPart(list(), name))[0]!;
      expect(read[name]!(result)).toEqual(empty[name]);
    });
  });

  it('reads a part from either extension (e.g. a wait time in the summary view)', () => {
    const resource = list();
    const waitTime = listItemParts(resource).find((part) => part.url === 'indicativeAppointmentWaitTime');
    withoutPart(resource, 'indicativeAppointmentWaitTime');
    summaryParts(resource).push(waitTime!);
    expect(mapServiceSearchResults(resource)[0]!.indicativeAppointmentWaitTime).toBe(21);
  });

  it('reads a numeric and a coded wait time side by side', () => {
    const resource = list();
    listItemParts(resource).unshift({
      url: 'indicativeAppointmentWaitTime',
      valueCodeableConcept: { coding: [{ system: `${STU3}eRS-IWT-1`, code: 'NOT_APPLICABLE' }] },
    });
    const result = mapServiceSearchResults(resource)[0]!;
    expect([result.indicativeAppointmentWaitTime, result.indicativeAppointmentWaitTimeStatus]).toEqual([21, 'NOT_APPLICABLE']);
  });

  it.each([
    ['UNSPECIFIED', null],
    ['DIRECTLY_BOOKABLE', true],
    ['INDIRECTLY_BOOKABLE', false],
  ])('maps bookable type %s to directlyBookable %s', (code, expected) => {
    const resource = list();
    summaryParts(resource).find((part) => part.url === 'bookableType')!.valueCodeableConcept.coding[0].code = code;
    expect(mapServiceSearchResults(resource)[0]!.directlyBookable).toBe(expected);
  });

  it('maps an age range with one bound', () => {
    const resource = list();
    summaryParts(resource).find((part) => part.url === 'ageTreated')!.valueRange = { high: { value: 16, unit: 'YEARS' } };
    expect(mapServiceSearchResults(resource)[0]!.ageTreated).toEqual({
      minimumAge: null,
      minimumAgeUnit: null,
      maximumAge: 16,
      maximumAgeUnit: 'YEARS',
    });
  });

  it('maps extension URLs with a -2 version suffix', () => {
    const changed = JSON.parse(JSON.stringify(list()).replace(/(StructureDefinition\/Extension-eRS-[A-Za-z-]+)-1"/g, '$1-2"'));
    expect(mapServiceSearchResults(changed).map(domain)).toEqual(mapServiceSearchResults(list()).map(domain));
  });

  it('ignores unknown extensions and parts and keeps them in fhir', () => {
    const unknown = { url: 'https://example.invalid/Extension-Unknown', valueString: 'x' };
    const resource = list();
    resource.entry[0].extension.push(unknown);
    resource.entry[0].item.extension.push(unknown);
    summaryParts(resource).push({ url: 'futurePart', valueString: 'x' });
    listItemParts(resource).push({ url: 'futurePart', valueBoolean: true });
    const results = mapServiceSearchResults(resource);
    expect(results.map(domain)).toEqual(mapServiceSearchResults(list()).map(domain));
    expect(results[0]!.fhir.extension).toContainEqual(unknown);
  });

  it('skips entries without a service id and reads a service reference', () => {
    const resource = list();
    delete resource.entry[0].item.identifier;
    resource.entry[1].item.identifier = undefined;
    resource.entry[1].item.reference = 'HealthcareService/99009';
    expect(mapServiceSearchResults(resource).map((result) => result.serviceId)).toEqual(['99009']);
  });

  it.each<[string, (r: Json) => void]>([
    ['entry is an object', (r) => (r.entry = r.entry[0])],
    ['entry holds garbage', (r) => r.entry.push(null, 'x', {}, { item: 'x' })],
    ['the summary extension is a string', (r) => (r.entry[0].item.extension = 'x')],
    ['parts hold garbage', (r) => (summaryParts(r) as unknown[]).push(null, 7, { url: 7 }, { url: 'serviceName' })],
    ['distance is a string', (r) => (listItemParts(r).find((p) => p.url === 'distance')!.valueUnsignedInt = 'far')],
    ['a boolean is a number', (r) => (listItemParts(r).find((p) => p.url === 'displayProminently')!.valueBoolean = 1)],
    [
      'ageTreated is garbage',
      (r) => (summaryParts(r).find((p) => p.url === 'ageTreated')!.valueRange = { low: 'x', high: { value: 'old' } }),
    ],
    ['location has no reference', (r) => (summaryParts(r).find((p) => p.url === 'location')!.valueReference = 'X99')],
    ['a code part has no coding', (r) => (summaryParts(r).find((p) => p.url === 'specialty')!.valueCodeableConcept = {})],
  ])('does not crash when %s', (_name, mutate) => {
    const resource = list();
    mutate(resource);
    const results = mapServiceSearchResults(resource);
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]!.serviceId).toBe('99001');
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a Bundle', { resourceType: 'Bundle' }],
  ])('throws FhirMappingError for %s', (_name, input) => {
    expect(() => mapServiceSearchResults(input)).toThrow(FhirMappingError);
  });
});

describe('mapHealthcareServiceBundle', () => {
  const bundle = (): Json => loadFhirFixture('healthcare-service.bundle.json');

  it('maps every service of the A035 bundle as A033 maps one', () => {
    const resource = deepFreeze(bundle());
    const services = mapHealthcareServiceBundle(resource);
    expect(services.map((service) => service.id)).toEqual(['99001', '99002']);
    services.forEach((service, index) => {
      expect(service).toBeInstanceOf(HealthcareService);
      expect(service).toEqual(mapHealthcareService(resource.entry[index].resource));
      expect(service.fhir).toBe(resource.entry[index].resource);
    });
    expect(services[0]).toMatchObject({ version: '4', name: 'Synthetic Dermatology Service', active: true, siteOdsCodes: ['X9901'] });
  });

  it('maps an empty bundle (no entry) to []', () => {
    const resource = bundle();
    delete resource.entry;
    resource.total = 0;
    expect(mapHealthcareServiceBundle(resource)).toEqual([]);
  });

  it('accepts `type` as a single object (A035 known issue)', () => {
    const resource = bundle();
    resource.entry[0].resource.type = {
      coding: [{ system: 'https://fhir.nhs.uk/CodeSystem/eRS-AppointmentType', code: 'FIRST_OUTPATIENT' }],
    };
    expect(mapHealthcareServiceBundle(resource)[0]!.appointmentTypes.map((code) => code.code)).toEqual(['FIRST_OUTPATIENT']);
  });

  it.each<[string, (b: Json) => void]>([
    ['an entry is an OperationOutcome', (b) => b.entry.push({ resource: { resourceType: 'OperationOutcome', issue: [] } })],
    ['an entry holds garbage', (b) => b.entry.push(null, 'x', { resource: 'x' }, {})],
    ['a service has no id', (b) => b.entry.push({ resource: { resourceType: 'HealthcareService', name: 'x' } })],
    [
      'a service has an unknown extension',
      (b) => (b.entry[0].resource.extension = [{ url: 'https://example.invalid/X', valueString: 'x' }]),
    ],
  ])('skips or ignores what it cannot use when %s', (_name, mutate) => {
    const resource = bundle();
    mutate(resource);
    expect(mapHealthcareServiceBundle(resource).map((service) => service.id)).toEqual(['99001', '99002']);
  });

  it.each([
    ['null', null],
    ['a HealthcareService rather than a Bundle', { resourceType: 'HealthcareService', id: '1' }],
  ])('throws FhirMappingError for %s', (_name, input) => {
    expect(() => mapHealthcareServiceBundle(input)).toThrow(FhirMappingError);
  });
});
