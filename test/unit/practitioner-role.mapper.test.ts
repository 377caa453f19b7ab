import { FhirMappingError } from '../../datasources/ers/fhir';
import { mapBusinessFunctions } from '../../datasources/ers/practitioner-role.mapper';
import { UserRole } from '../../schema/user-role.type';
import { deepFreeze, loadFhirFixture } from '../fixtures/fhir/load';

type Json = Record<string, any>;

const roles = (): Json => loadFhirFixture('practitioner-role.bundle.json');
const BF = 'https://fhir.nhs.uk/CodeSystem/eRS-BusinessFunction-1';

/** The mapped roles without their raw FHIR, for comparing. */
const summary = (mapped: UserRole[]) => mapped.map(({ fhir: _fhir, ...rest }) => rest);

function firstRole(bundle: Json): Json {
  return bundle.entry[0].resource;
}

describe('mapBusinessFunctions (A030)', () => {
  it('maps every business function at every organisation, keeping unknown ones flagged', () => {
    const bundle = deepFreeze(roles());
    const mapped = mapBusinessFunctions(bundle);
    mapped.forEach((role) => expect(role).toBeInstanceOf(UserRole));
    expect(summary(mapped)).toEqual([
      {
        odsCode: 'X99',
        organisationName: null,
        businessFunction: null,
        businessFunctionCode: 'SERVICE_DEFINER',
        businessFunctionDisplay: null,
        known: false,
        userId: '999000000101',
        userName: null,
      },
      {
        odsCode: 'X99',
        organisationName: null,
        businessFunction: 'SERVICE_PROVIDER_CLINICIAN',
        businessFunctionCode: 'SERVICE_PROVIDER_CLINICIAN',
        businessFunctionDisplay: null,
        known: true,
        userId: '999000000101',
        userName: null,
      },
      {
        odsCode: 'X99',
        organisationName: null,
        businessFunction: 'SERVICE_PROVIDER_ADMIN',
        businessFunctionCode: 'SERVICE_PROVIDER_ADMIN',
        businessFunctionDisplay: null,
        known: true,
        userId: '999000000101',
        userName: null,
      },
      {
        odsCode: 'X98',
        organisationName: null,
        businessFunction: 'REFERRING_CLINICIAN',
        businessFunctionCode: 'REFERRING_CLINICIAN',
        businessFunctionDisplay: null,
        known: true,
        userId: '999000000101',
        userName: null,
      },
    ]);
    expect(mapped[0]!.fhir).toBe(bundle.entry[0].resource);
    expect(mapped[3]!.fhir).toBe(bundle.entry[1].resource);
  });

  it('maps an empty bundle (no entry) to no roles', () => {
    const bundle = roles();
    delete bundle.entry;
    expect(mapBusinessFunctions(bundle)).toEqual([]);
  });

  it.each<[string, (bundle: Json) => void, (mapped: UserRole[]) => unknown, unknown]>([
    [
      'organisation and practitioner display names',
      (b) => {
        firstRole(b).organization.display = 'Synthetic Hospital';
        firstRole(b).practitioner.display = 'Dr Synthetic';
      },
      (m) => [m[0]!.organisationName, m[0]!.userName, m[3]!.organisationName],
      ['Synthetic Hospital', 'Dr Synthetic', null],
    ],
    [
      'names from Organization and Practitioner resources included in the bundle',
      (b) =>
        b.entry.push(
          { resource: { resourceType: 'Organization', id: 'X98', name: 'Synthetic Practice' }, search: { mode: 'include' } },
          {
            resource: {
              resourceType: 'Practitioner',
              id: 'p1',
              identifier: [{ system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '999000000101' }],
              name: [{ given: ['Sam'], family: 'Synthetic' }],
            },
          },
        ),
      (m) => [m[3]!.organisationName, m[3]!.userName, m[0]!.organisationName],
      ['Synthetic Practice', 'Sam Synthetic', null],
    ],
    [
      'a coding display',
      (b) => (firstRole(b).code[1].coding[0].display = 'Service Provider Clinician'),
      (m) => m[1]!.businessFunctionDisplay,
      'Service Provider Clinician',
    ],
    [
      'an organisation given only as a reference',
      (b) => (firstRole(b).organization = { reference: 'Organization/X97' }),
      (m) => m[0]!.odsCode,
      'X97',
    ],
    [
      'identifiers sent as arrays',
      (b) => {
        firstRole(b).organization.identifier = [firstRole(b).organization.identifier];
        firstRole(b).practitioner.identifier = [firstRole(b).practitioner.identifier];
      },
      (m) => [m[0]!.odsCode, m[0]!.userId],
      ['X99', '999000000101'],
    ],
    ['no practitioner', (b) => delete firstRole(b).practitioner, (m) => [m[0]!.userId, m[0]!.userName, m.length], [null, null, 4]],
    ['no organisation (the entry is skipped)', (b) => delete firstRole(b).organization, (m) => m.map((role) => role.odsCode), ['X98']],
    ['no code', (b) => delete firstRole(b).code, (m) => m.map((role) => role.businessFunctionCode), ['REFERRING_CLINICIAN']],
    [
      'a coding from another code system (ignored)',
      (b) => firstRole(b).code.push({ coding: [{ system: 'https://fhir.nhs.uk/CodeSystem/job-role', code: 'R8000' }] }),
      (m) => m.map((role) => role.businessFunctionCode),
      ['SERVICE_DEFINER', 'SERVICE_PROVIDER_CLINICIAN', 'SERVICE_PROVIDER_ADMIN', 'REFERRING_CLINICIAN'],
    ],
    [
      'a coding without a system and a duplicate code',
      (b) => firstRole(b).code.push({ coding: [{ code: 'BOOKING_MANAGER' }] }, { coding: [{ system: BF, code: 'SERVICE_DEFINER' }] }),
      (m) => m.filter((role) => role.odsCode === 'X99').map((role) => [role.businessFunctionCode, role.known]),
      [
        ['SERVICE_DEFINER', false],
        ['SERVICE_PROVIDER_CLINICIAN', true],
        ['SERVICE_PROVIDER_ADMIN', true],
        ['BOOKING_MANAGER', true],
      ],
    ],
    [
      'unknown extensions and garbage in optional elements',
      (b) => {
        firstRole(b).extension = [{ url: 'https://example.invalid/Extension-Future-1', valueString: 'x' }];
        firstRole(b).practitioner = 42;
        firstRole(b).code = [null, 'REFERRING_ADMIN', { coding: 'nonsense' }, { coding: [{ system: BF, code: 'REFERRING_ADMIN' }] }];
        b.entry.push(null, { resource: 'nonsense' }, { resource: { resourceType: 'OperationOutcome' } });
      },
      (m) => summary(m).map((role) => [role.odsCode, role.businessFunction, role.userId]),
      [
        ['X99', 'REFERRING_ADMIN', null],
        ['X98', 'REFERRING_CLINICIAN', '999000000101'],
      ],
    ],
  ])('maps %s', (_name, change, read, expected) => {
    const bundle = roles();
    change(bundle);
    expect(read(mapBusinessFunctions(deepFreeze(bundle)))).toEqual(expected);
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a string', 'Bundle'],
    ['another resource', { resourceType: 'PractitionerRole' }],
  ])('throws FhirMappingError for %s', (_name, input) => {
    expect(() => mapBusinessFunctions(input)).toThrow(FhirMappingError);
  });
});
