import { mapCommunicationRequest } from '../../datasources/ers/communication-request.mapper';
import { FhirMappingError } from '../../datasources/ers/fhir';
import { AdviceAndGuidanceRequest } from '../../schema/advice-and-guidance.type';
import { AttachmentAvailability } from '../../schema/attachment-availability.enum';
import { deepFreeze, loadFhirFixture } from '../fixtures/fhir/load';

type Json = Record<string, any>;

const request = (): Json => loadFhirFixture('communication-request.advice-and-guidance.json');

function withoutExtension(resource: Json, name: string): Json {
  resource.extension = resource.extension.filter((ext: Json) => !ext.url.includes(`/${name}-`));
  return resource;
}

describe('mapCommunicationRequest (A024)', () => {
  it('maps an A&G request with every e-RS extension and contained resource', () => {
    const resource = deepFreeze(request());
    const mapped = mapCommunicationRequest(resource);
    expect(mapped).toBeInstanceOf(AdviceAndGuidanceRequest);
    expect(mapped.fhir).toBe(resource);
    const { fhir: _fhir, attachments, ...rest } = mapped;
    expect(rest).toEqual({
      ubrn: '999000000201',
      version: '4',
      status: 'active',
      conversationStatus: 'PROVIDER_RESPONSE_REQUIRED',
      priority: 'URGENT',
      specialty: { system: '_baseUrl_/STU3/CodeSystem/SPECIALTY', code: 'DERMATOLOGY', display: 'Dermatology' },
      clinicTypes: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ClinicType-1', code: 'SKIN_LESION', display: null }],
      conversionAuthorised: true,
      conversionAuthorisation: {
        system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ProviderConversionAuthorisation-1',
        code: 'AUTHORISED_TO_CONVERT',
        display: 'Referrer has allowed the Service Provider to convert the Advice and Guidance to a Referral',
      },
      patientNhsNumber: '9990000042',
      serviceId: '99003',
      shortlistEntries: [{ serviceId: '99003', serviceName: 'Synthetic Advice Service' }],
      searchCriteria: expect.objectContaining({ specialty: expect.objectContaining({ code: 'DERMATOLOGY' }), ageAndSexAppropriate: true }),
      requester: { userId: '999000000666', name: null, odsCode: 'X98', businessFunction: 'REFERRING_CLINICIAN' },
      sender: { userId: '999000000665', name: null, odsCode: 'X98', businessFunction: 'REFERRING_CLINICIAN_ADMIN' },
      requestId: 'a.00000000-0000-4000-8000-00000000a024',
      shortlistServiceIds: ['99003'],
    });
    expect(attachments).toEqual([
      expect.objectContaining({
        id: '99200',
        documentReferenceId: 'DocumentReference-99200',
        type: expect.objectContaining({ code: 'ADVICE_REQUEST' }),
        availability: AttachmentAvailability.AVAILABLE,
        attachedByUserId: '999000000666',
        attachedByOdsCode: 'X98',
        attachedOnBehalfOfUserId: null,
        size: 2048,
      }),
    ]);
  });

  describe('each optional element, present and absent', () => {
    it.each<[string, (r: Json) => void, (m: AdviceAndGuidanceRequest) => unknown, unknown, unknown]>([
      [
        'Extension-eRS-ReferralPriority',
        (r) => withoutExtension(r, 'Extension-eRS-ReferralPriority'),
        (m) => m.priority ?? null,
        'URGENT',
        null,
      ],
      [
        'Extension-eRS-ProviderConversionAuthorisation',
        (r) => withoutExtension(r, 'Extension-eRS-ProviderConversionAuthorisation'),
        (m) => [m.conversionAuthorised, m.conversionAuthorisation],
        [true, expect.anything()],
        [null, null],
      ],
      [
        'Extension-eRS-Specialty (falls back to the search criteria)',
        (r) => withoutExtension(r, 'Extension-eRS-Specialty'),
        (m) => m.specialty,
        { system: '_baseUrl_/STU3/CodeSystem/SPECIALTY', code: 'DERMATOLOGY', display: 'Dermatology' },
        { system: '_baseUrl_/STU3/CodeSystem/SPECIALTY', code: 'DERMATOLOGY', display: null },
      ],
      [
        'Extension-eRS-ReferralShortlist (with the contained List and Parameters)',
        (r) =>
          withoutExtension(r, 'Extension-eRS-ReferralShortlist') &&
          (r.contained = r.contained.filter((c: Json) => !['List', 'Parameters'].includes(c.resourceType))),
        (m) => [m.shortlistEntries.length, m.shortlistServiceIds, m.searchCriteria],
        [1, ['99003'], expect.anything()],
        [0, [], null],
      ],
      ['category', (r) => delete r.category, (m) => m.conversationStatus ?? null, 'PROVIDER_RESPONSE_REQUIRED', null],
      ['recipient (falls back to the shortlist)', (r) => delete r.recipient, (m) => m.serviceId, '99003', '99003'],
      ['sender', (r) => delete r.sender, (m) => m.sender?.userId ?? null, '999000000665', null],
      ['requester', (r) => delete r.requester, (m) => m.requester?.userId ?? null, '999000000666', null],
      [
        'contained DocumentReference',
        (r) => (r.contained = r.contained.filter((c: Json) => c.resourceType !== 'DocumentReference')),
        (m) => m.attachments.length,
        1,
        0,
      ],
      ['identifier', (r) => delete r.identifier, (m) => m.requestId, 'a.00000000-0000-4000-8000-00000000a024', null],
      ['subject', (r) => delete r.subject, (m) => m.patientNhsNumber, '9990000042', null],
      ['meta.versionId (the ETag is used)', (r) => delete r.meta.versionId, (m) => m.version, '4', ''],
    ])('%s', (_name, strip, read, present, absent) => {
      expect(read(mapCommunicationRequest(deepFreeze(request())))).toEqual(present);
      const resource = request();
      strip(resource);
      expect(read(mapCommunicationRequest(deepFreeze(resource)))).toEqual(absent);
    });
  });

  it.each<[string, (r: Json) => void, (m: AdviceAndGuidanceRequest) => unknown, unknown]>([
    [
      'NOT_AUTHORISED_TO_CONVERT',
      (r) => (r.extension[1].valueCoding.code = 'NOT_AUTHORISED_TO_CONVERT'),
      (m) => m.conversionAuthorised,
      false,
    ],
    [
      'an unknown conversion code (kept, flag null)',
      (r) => (r.extension[1].valueCoding.code = 'FUTURE'),
      (m) => [m.conversionAuthorised, m.conversionAuthorisation?.code],
      [null, 'FUTURE'],
    ],
    [
      'an unknown extension',
      (r) => r.extension.push({ url: 'https://example.invalid/Extension-X-1', valueString: 'x' }),
      (m) => m.priority,
      'URGENT',
    ],
    ['a sender pointing at no contained role', (r) => (r.sender.extension[0].valueReference.reference = '#nobody'), (m) => m.sender, null],
    [
      'garbage in optional elements',
      (r) => Object.assign(r, { sender: 'x', requester: [1], recipient: {}, category: 'x', subject: 9 }),
      (m) => [m.sender, m.requester, m.conversationStatus, m.patientNhsNumber, m.serviceId],
      [null, null, null, null, '99003'],
    ],
    ['an ETag when meta.versionId is missing', (r) => delete r.meta.versionId, (m) => m.version, '4'],
  ])('maps %s', (name, change, read, expected) => {
    const resource = request();
    change(resource);
    const etag = name.startsWith('an ETag') ? 'W/"4"' : undefined;
    expect(read(mapCommunicationRequest(deepFreeze(resource), etag))).toEqual(expected);
  });

  it.each([
    ['null', null],
    ['a ReferralRequest', { resourceType: 'ReferralRequest', id: '999000000101' }],
  ])('throws FhirMappingError for %s', (_name, input) => {
    expect(() => mapCommunicationRequest(input)).toThrow(FhirMappingError);
  });
});
