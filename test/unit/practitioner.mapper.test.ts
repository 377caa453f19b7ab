import { FhirMappingError } from '../../datasources/ers/fhir';
import { mapOnBehalfOfUsers } from '../../datasources/ers/practitioner.mapper';
import { OnBehalfOfUser } from '../../schema/on-behalf-of-user.type';
import { deepFreeze, loadFhirFixture } from '../fixtures/fhir/load';

type Json = Record<string, any>;

const oboUsers = (): Json => loadFhirFixture('practitioner.on-behalf-of.bundle.json');

describe('mapOnBehalfOfUsers (A040)', () => {
  it('maps every practitioner to a user id and name', () => {
    const bundle = deepFreeze(oboUsers());
    const mapped = mapOnBehalfOfUsers(bundle);
    mapped.forEach((user) => expect(user).toBeInstanceOf(OnBehalfOfUser));
    expect(mapped.map(({ fhir: _fhir, ...rest }) => rest)).toEqual([
      { userId: '999000000111', name: null },
      { userId: '999000000112', name: 'Dr Synthetic Clinician' },
    ]);
    expect(mapped[0]!.fhir).toBe(bundle.entry[0].resource);
  });

  it.each<[string, (practitioner: Json) => void, unknown]>([
    [
      'a name with text',
      (p) => (p.name = [{ text: 'Synthetic Person', family: 'Ignored' }]),
      { userId: '999000000111', name: 'Synthetic Person' },
    ],
    [
      'a name sent as one object',
      (p) => (p.name = { given: ['Ann', 'B'], family: 'Synthetic' }),
      { userId: '999000000111', name: 'Ann B Synthetic' },
    ],
    ['garbage in name', (p) => (p.name = [42, { given: 'x' }]), { userId: '999000000111', name: 'x' }],
    ['no identifier (falls back to the id)', (p) => delete p.identifier, { userId: '999000000111', name: null }],
    [
      'an identifier of another system before the SDS one',
      (p) =>
        (p.identifier = [
          { system: 'https://fhir.nhs.uk/Id/gmp-number', value: 'G9999999' },
          { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '999000000119' },
        ]),
      { userId: '999000000119', name: null },
    ],
    [
      'an unknown extension',
      (p) => (p.extension = [{ url: 'https://example.invalid/Extension-X', valueBoolean: true }]),
      { userId: '999000000111', name: null },
    ],
  ])('maps %s', (_name, change, expected) => {
    const bundle = oboUsers();
    change(bundle.entry[0].resource);
    const { fhir: _fhir, ...first } = mapOnBehalfOfUsers(bundle)[0]!;
    expect(first).toEqual(expected);
  });

  it('skips practitioners with no user id at all, and entries without a Practitioner', () => {
    const bundle = oboUsers();
    delete bundle.entry[0].resource.identifier;
    delete bundle.entry[0].resource.id;
    bundle.entry.push({ resource: { resourceType: 'OperationOutcome' } }, {});
    expect(mapOnBehalfOfUsers(bundle).map((user) => user.userId)).toEqual(['999000000112']);
  });

  it('maps a bundle with no entries to an empty list', () => {
    expect(mapOnBehalfOfUsers({ resourceType: 'Bundle', type: 'searchset', total: 0 })).toEqual([]);
  });

  it.each([
    ['undefined', undefined],
    ['a Practitioner', { resourceType: 'Practitioner', id: '999000000111' }],
  ])('throws FhirMappingError for %s', (_name, input) => {
    expect(() => mapOnBehalfOfUsers(input)).toThrow(FhirMappingError);
  });
});
