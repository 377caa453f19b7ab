import { FhirMappingError } from '../../datasources/ers/fhir';
import { mapServiceRequest, mapServiceRequests } from '../../datasources/ers/service-request.mapper';
import { ServiceRequest } from '../../schema/service-request.type';
import { ServiceRequestKind } from '../../schema/service-request-kind.enum';
import { ServiceRequestStatus } from '../../schema/service-request-status.enum';
import { deepFreeze, loadFhirFixture } from '../fixtures/fhir/load';

type Json = Record<string, any>;

const bundle = (): Json => loadFhirFixture('service-request.bundle.json');
const referral = (): Json => bundle().entry[0].resource;
const CATEGORY = 'https://fhir.nhs.uk/CodeSystem/message-category-servicerequest';

/** A request without its raw FHIR, for comparing. */
function domain(request: ServiceRequest | undefined): Record<string, unknown> {
  const { fhir: _fhir, ...rest } = request as ServiceRequest;
  return { ...rest };
}

describe('mapServiceRequests', () => {
  it('maps a referral and an A&G request with the same UBRN, with link properties', () => {
    const resource = deepFreeze(bundle());
    const requests = mapServiceRequests(resource);
    expect(requests).toHaveLength(2);
    expect(requests[0]).toBeInstanceOf(ServiceRequest);
    expect(requests[0]!.fhir).toBe(resource.entry[0].resource);
    expect(domain(requests[0])).toEqual({
      id: 'r.99db7fa-ebdd-44b6-ab3b-8329c2d43149',
      version: '5',
      ubrn: '999000000102',
      kind: ServiceRequestKind.REFERRAL,
      category: { system: CATEGORY, code: 'referral', display: null },
      status: ServiceRequestStatus.ACTIVE,
      patientNhsNumber: '9990000018',
      referralUbrn: '999000000102',
      adviceAndGuidanceUbrn: null,
    });
    expect(domain(requests[1])).toEqual({
      id: 'a.99db7fa-ebdd-44b6-ab3b-8329c2d43149',
      version: '2',
      ubrn: '999000000102',
      kind: ServiceRequestKind.ADVICE_AND_GUIDANCE,
      category: { system: CATEGORY, code: 'request', display: null },
      status: ServiceRequestStatus.COMPLETED,
      patientNhsNumber: '9990000018',
      referralUbrn: null,
      adviceAndGuidanceUbrn: '999000000102',
    });
  });

  it('maps an empty bundle (no entry) to []', () => {
    const resource = bundle();
    delete resource.entry;
    resource.total = 0;
    expect(mapServiceRequests(resource)).toEqual([]);
  });

  it('skips entries that are not ServiceRequests or have no id', () => {
    const resource = bundle();
    delete resource.entry[1].resource.id;
    resource.entry.push({ resource: { resourceType: 'OperationOutcome' } }, null, { resource: 'x' });
    expect(mapServiceRequests(resource).map((request) => request.id)).toEqual(['r.99db7fa-ebdd-44b6-ab3b-8329c2d43149']);
  });
});

describe('mapServiceRequest', () => {
  describe('each element, present and absent', () => {
    const rows: Array<{ element: string; read: (r: ServiceRequest) => unknown; present: unknown; absent: unknown }> = [
      { element: 'identifier', read: (r) => [r.ubrn, r.referralUbrn], present: ['999000000102', '999000000102'], absent: [null, null] },
      { element: 'status', read: (r) => r.status, present: ServiceRequestStatus.ACTIVE, absent: null },
      {
        element: 'category',
        read: (r) => [r.kind, r.category?.code ?? null],
        present: [ServiceRequestKind.REFERRAL, 'referral'],
        absent: [null, null],
      },
      { element: 'subject', read: (r) => r.patientNhsNumber, present: '9990000018', absent: null },
      { element: 'meta', read: (r) => r.version, present: '5', absent: '' },
    ];
    it.each(rows)('$element: mapped when present', ({ read, present }) => {
      expect(read(mapServiceRequest(referral()))).toEqual(present);
    });
    it.each(rows)('$element: empty when absent', ({ element, read, absent }) => {
      const resource = referral();
      delete resource[element];
      expect(read(mapServiceRequest(resource))).toEqual(absent);
    });
  });

  it.each<[string, (r: Json) => void, ServiceRequestKind | null]>([
    ['category "request"', (r) => (r.category[0].coding[0].code = 'request'), ServiceRequestKind.ADVICE_AND_GUIDANCE],
    [
      'code "advice-and-guidance" without category',
      (r) => {
        delete r.category;
        r.code = { coding: [{ system: 'https://fhir.nhs.uk/CodeSystem/servicerequest-code', code: 'advice-and-guidance' }] };
      },
      ServiceRequestKind.ADVICE_AND_GUIDANCE,
    ],
    ['an unknown category', (r) => (r.category[0].coding[0].code = 'proposal'), null],
    ['category as a single object', (r) => (r.category = r.category[0]), ServiceRequestKind.REFERRAL],
  ])('maps the kind of %s', (_name, mutate, expected) => {
    const resource = referral();
    mutate(resource);
    const request = mapServiceRequest(resource);
    expect(request.kind).toBe(expected);
    expect(request.adviceAndGuidanceUbrn).toBe(expected === ServiceRequestKind.ADVICE_AND_GUIDANCE ? '999000000102' : null);
    expect(request.referralUbrn).toBe(expected === ServiceRequestKind.REFERRAL ? '999000000102' : null);
  });

  it.each(Object.entries(ServiceRequestStatus))('maps status %s', (name, code) => {
    const resource = referral();
    resource.status = code;
    expect(mapServiceRequest(resource).status).toBe(ServiceRequestStatus[name as keyof typeof ServiceRequestStatus]);
  });

  it('takes the version from the ETag when meta.versionId is missing', () => {
    const resource = referral();
    delete resource.meta;
    expect(mapServiceRequest(resource, 'W/"7"').version).toBe('7');
  });

  it('ignores unknown extensions and elements and keeps them in fhir', () => {
    const unknown = { url: 'https://example.invalid/Extension-Unknown', valueString: 'x' };
    const resource = referral();
    resource.extension = [unknown];
    resource.identifier.push({ system: 'https://example.invalid/other-id', value: '123' });
    resource.futureElement = 1;
    const request = mapServiceRequest(resource);
    expect(domain(request)).toEqual(domain(mapServiceRequest(referral())));
    expect(request.fhir.extension).toEqual([unknown]);
  });

  it.each<[string, (r: Json) => void, Record<string, unknown>]>([
    ['the UBRN is not 12 digits', (r) => (r.identifier[0].value = '99900000010'), { ubrn: null, referralUbrn: null }],
    ['the UBRN is of another system', (r) => (r.identifier[0].system = 'https://example.invalid/Id/other'), { ubrn: null }],
    ['the UBRN has no system', (r) => delete r.identifier[0].system, { ubrn: '999000000102' }],
    ['identifier is an object', (r) => (r.identifier = r.identifier[0]), { ubrn: '999000000102' }],
    ['identifier holds garbage', (r) => (r.identifier = [null, 7, { value: { x: 1 } }]), { ubrn: null }],
    ['status is unknown', (r) => (r.status = 'on-hold'), { status: null }],
    ['category is a string', (r) => (r.category = 'referral'), { kind: null, category: null }],
    ['subject is a Patient reference', (r) => (r.subject = { reference: 'Patient/9990000026' }), { patientNhsNumber: '9990000026' }],
    ['subject is a string', (r) => (r.subject = '9990000018'), { patientNhsNumber: null }],
    [
      'subject has another identifier system',
      (r) => (r.subject.identifier.system = 'https://example.invalid/local'),
      { patientNhsNumber: null },
    ],
    ['id is missing', (r) => delete r.id, { id: '' }],
  ])('does not crash when %s', (_name, mutate, expected) => {
    const resource = referral();
    mutate(resource);
    expect(mapServiceRequest(resource)).toMatchObject(expected);
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a ReferralRequest', { resourceType: 'ReferralRequest' }],
  ])('throws FhirMappingError for %s', (_name, input) => {
    expect(() => mapServiceRequest(input)).toThrow(FhirMappingError);
    expect(() => mapServiceRequests(input)).toThrow(FhirMappingError);
  });
});
