import { mapHealthcareService } from '../../datasources/ers/healthcare-service.mapper';
import { FhirMappingError } from '../../datasources/ers/fhir';
import { HealthcareService } from '../../schema/healthcare-service.type';
import { deepFreeze, loadFhirFixture } from '../fixtures/fhir/load';

type Json = Record<string, any>;

const full = (): Json => loadFhirFixture('healthcare-service.full.json');
const minimal = (): Json => loadFhirFixture('healthcare-service.minimal.json');

function domain(service: HealthcareService): Omit<HealthcareService, 'fhir'> {
  const { fhir: _fhir, ...rest } = service;
  return rest;
}

describe('mapHealthcareService', () => {
  it('maps a service with every e-RS extension', () => {
    const resource = deepFreeze(full());
    const service = mapHealthcareService(resource);
    expect(service).toBeInstanceOf(HealthcareService);
    expect(service.fhir).toBe(resource);
    expect(domain(service)).toEqual({
      id: '99001',
      version: '4',
      name: 'Synthetic Dermatology Service',
      active: true,
      siteOdsCodes: ['X9901'],
      appointmentTypes: [
        { system: 'https://fhir.nhs.uk/CodeSystem/eRS-AppointmentType', code: 'FIRST_OUTPATIENT', display: 'First Outpatient' },
      ],
      requestFlowTypes: [
        {
          system: 'https://fhir.nhs.uk/CodeSystem/eRS-RequestFlowType',
          code: 'BOOKABLE',
          display: 'A service which supports a patient appointment',
        },
        {
          system: 'https://fhir.nhs.uk/CodeSystem/eRS-RequestFlowType',
          code: 'ADVICE_AND_GUIDANCE',
          display: 'A service which can discuss the patient and receive guidance rather than a patient attending an appointment',
        },
      ],
      bookableType: {
        system: 'https://fhir.nhs.uk/CodeSystem/eRS-BookableType',
        code: 'INDIRECTLY_BOOKABLE',
        display: 'Indirectly Bookable',
      },
      directlyBookable: false,
      hoursOfOperation: '8-6 weekdays',
      instructions: 'Synthetic instructions',
      contacts: [
        {
          purpose: { system: 'http://terminology.hl7.org/CodeSystem/contactentity-type', code: 'PATINF', display: 'Patient' },
          contactPoints: [
            { channel: 'phone', value: '09990 000001' },
            { channel: 'email', value: 'patients@synthetic.invalid' },
          ],
        },
        {
          purpose: {
            system: 'https://fhir.nhs.uk/CodeSystem/eRS-Purpose',
            code: 'HEALTHCARE_PROFESSIONALS',
            display: 'Healthcare Professionals',
          },
          contactPoints: [{ channel: 'email', value: 'clinicians@synthetic.invalid' }],
        },
      ],
    });
  });

  it('maps a minimal service to nulls and empty lists', () => {
    expect(domain(mapHealthcareService(minimal()))).toEqual({
      id: '99002',
      version: '1',
      name: 'Synthetic Minimal Service',
      active: null,
      siteOdsCodes: ['X9902'],
      appointmentTypes: [],
      requestFlowTypes: [],
      bookableType: null,
      directlyBookable: null,
      hoursOfOperation: null,
      instructions: null,
      contacts: [],
    });
  });

  describe('each optional e-RS extension, present and absent', () => {
    const rows: Array<{ name: string; read: (s: HealthcareService) => unknown; present: unknown; absent: unknown }> = [
      { name: 'Extension-eRS-HoursOfOperation', read: (s) => s.hoursOfOperation, present: '8-6 weekdays', absent: null },
      { name: 'Extension-eRS-ServiceInstructions', read: (s) => s.instructions, present: 'Synthetic instructions', absent: null },
      { name: 'Extension-eRS-HealthcareService-Contact', read: (s) => s.contacts.length, present: 2, absent: 0 },
    ];
    it.each(rows)('$name: mapped when present', ({ read, present }) => {
      expect(read(mapHealthcareService(full()))).toEqual(present);
    });
    it.each(rows)('$name: empty when absent', ({ name, read, absent }) => {
      const resource = full();
      resource.extension = resource.extension.filter((ext: Json) => !ext.url.endsWith(`/${name}`));
      expect(read(mapHealthcareService(resource))).toEqual(absent);
    });
  });

  it.each([
    ['-1', '-1'],
    ['-2', '-2'],
  ])('maps extension URLs with a %s version suffix', (_name, suffix) => {
    const original = full();
    const changed = JSON.parse(JSON.stringify(original).replace(/(StructureDefinition\/Extension-eRS-[A-Za-z-]+)"/g, `$1${suffix}"`));
    expect(domain(mapHealthcareService(changed))).toEqual(domain(mapHealthcareService(original)));
  });

  it('ignores unknown extensions and keeps them in fhir', () => {
    const unknown = { url: 'https://example.invalid/Extension-Unknown', valueString: 'x' };
    const resource = full();
    resource.extension.push(unknown);
    resource.extension[2].extension.push({ url: 'futurePart', valueString: 'x' });
    const service = mapHealthcareService(resource);
    expect(domain(service)).toEqual(domain(mapHealthcareService(full())));
    expect(service.fhir.extension).toContainEqual(unknown);
  });

  it('accepts `type` as a single object (A033 known issue)', () => {
    const resource = full();
    resource.type = resource.type[0];
    expect(mapHealthcareService(resource).appointmentTypes.map((code) => code.code)).toEqual(['FIRST_OUTPATIENT']);
  });

  it.each([
    ['DIRECTLY_BOOKABLE', true],
    ['INDIRECTLY_BOOKABLE', false],
    ['SOMETHING_NEW', null],
  ])('maps bookable type %s to directlyBookable %s', (code, expected) => {
    const resource = full();
    resource.characteristic[2].coding[0].code = code;
    expect(mapHealthcareService(resource).directlyBookable).toBe(expected);
  });

  it('takes the version from the ETag when meta.versionId is missing', () => {
    const resource = full();
    delete resource.meta;
    expect(mapHealthcareService(resource, 'W/"8"').version).toBe('8');
  });

  it.each<[string, (r: Json) => void]>([
    ['extension is a string', (r) => (r.extension = 'x')],
    ['a contact has a string extension', (r) => (r.extension[2].extension = 'x')],
    ['a telecom has no value', (r) => (r.extension[2].extension[1].valueContactPoint = { system: 'phone' })],
    ['location is an object', (r) => (r.location = { identifier: { value: 'X1' } })],
    ['location holds garbage', (r) => (r.location = [null, 'x', { identifier: 'x' }])],
    ['characteristic is a string', (r) => (r.characteristic = 'BOOKABLE')],
    ['type is garbage', (r) => (r.type = [null, { coding: 'x' }])],
    ['active is a string', (r) => (r.active = 'true')],
    ['name is missing', (r) => delete r.name],
  ])('does not crash when %s', (_name, mutate) => {
    const resource = full();
    mutate(resource);
    const service = mapHealthcareService(resource);
    expect(service.id).toBe('99001');
    expect(Array.isArray(service.contacts)).toBe(true);
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['another resource', { resourceType: 'Location' }],
  ])('throws FhirMappingError for %s', (_name, input) => {
    expect(() => mapHealthcareService(input)).toThrow(FhirMappingError);
  });
});
