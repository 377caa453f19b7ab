import { buildSearchCriteria, shortlistParameter, ShortlistSearchCriteria } from '../../datasources/ers/shortlist.builder';

const BASE = 'https://sandbox.api.service.nhs.uk/referrals/FHIR';
const CRITERIA_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-ServiceSearchCriteria-Parameters-1';
const priority = { name: 'priority', valueCoding: { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1', code: 'TWO_WEEK_WAIT' } };
const ageAndSex = (value: boolean) => ({ name: 'ageAndGenderAppropriate', valueBoolean: value });
const criteria = (...parameter: unknown[]) => ({
  resourceType: 'Parameters',
  meta: { profile: [CRITERIA_PROFILE] },
  id: 'ServiceSearchCriteria-1',
  parameter,
});

describe('buildSearchCriteria (eRS-ServiceSearchCriteria-Parameters-1 in a shortlist)', () => {
  it.each<[string, ShortlistSearchCriteria, unknown]>([
    [
      'only the mandatory priority and age/sex flag',
      { priority: 'TWO_WEEK_WAIT', ageAndSexAppropriate: true },
      criteria(priority, ageAndSex(true)),
    ],
    [
      'every criterion, in the profile order (organisation last)',
      {
        organisationOdsCode: 'RX1',
        ageAndSexAppropriate: false,
        namedClinicianUserId: '999000000001',
        clinicalTerm: '22298006',
        distanceLimit: 0,
        postcode: 'ZZ99 3VZ',
        waitTimeLimit: 0,
        clinicType: 'CHEST_PAIN',
        specialty: 'CARDIOLOGY',
        priority: 'TWO_WEEK_WAIT',
      },
      criteria(
        priority,
        { name: 'specialty', valueCoding: { system: `${BASE}/STU3/CodeSystem/SPECIALTY`, code: 'CARDIOLOGY' } },
        { name: 'clinicType', valueCoding: { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ClinicType-1', code: 'CHEST_PAIN' } },
        { name: 'indicativeAppointmentWaitTimeLimit', valueUnsignedInt: 0 },
        { name: 'postcode', valueString: 'ZZ99 3VZ' },
        { name: 'distanceLimit', valueUnsignedInt: 0 },
        { name: 'clinicalTerm', valueCoding: { system: 'http://snomed.info/sct', code: '22298006' } },
        { name: 'namedClinician', valueIdentifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: '999000000001' } },
        ageAndSex(false),
        { name: 'organisation', valueIdentifier: { system: 'https://directory.spineservices.nhs.uk/STU3/Organization', value: 'RX1' } },
      ),
    ],
  ])('builds %s', (_name, input, expected) => {
    expect(buildSearchCriteria(input, BASE)).toStrictEqual(expected);
  });

  it('puts the SPECIALTY code system under the e-RS base URL, without a doubled slash', () => {
    const built = buildSearchCriteria({ priority: 'ROUTINE', specialty: 'ENT', ageAndSexAppropriate: true }, `${BASE}/`);
    expect(JSON.stringify(built)).toContain(`"system":"${BASE}/STU3/CodeSystem/SPECIALTY"`);
  });
});

describe('shortlistParameter (eRS-Shortlist-List-1)', () => {
  it('lists the services in order and references the contained criteria', () => {
    const built = shortlistParameter(
      { priority: 'TWO_WEEK_WAIT', ageAndSexAppropriate: true },
      [{ serviceId: '99001' }, { serviceId: '99002' }],
      BASE,
    );
    expect(built).toStrictEqual({
      name: 'shortlist',
      resource: {
        meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Shortlist-List-1'] },
        resourceType: 'List',
        status: 'current',
        mode: 'snapshot',
        contained: [criteria(priority, ageAndSex(true))],
        entry: [
          { item: { identifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: '99001' } } },
          { item: { identifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: '99002' } } },
        ],
        extension: [
          {
            url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-Shortlist-SearchCriteria-1',
            valueReference: { reference: '#ServiceSearchCriteria-1' },
          },
        ],
      },
    });
  });
});
