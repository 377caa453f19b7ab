import { mapReferralRequest } from '../../datasources/ers/referral.mapper';
import { FhirMappingError } from '../../datasources/ers/fhir';
import { AppointmentStatus } from '../../schema/appointment-status.enum';
import { AttachmentAvailability } from '../../schema/attachment-availability.enum';
import { Referral } from '../../schema/referral.type';
import { ReferralState } from '../../schema/referral-state.enum';
import { ReferralStatus } from '../../schema/referral-status.enum';
import { deepFreeze, loadFhirFixture } from '../fixtures/fhir/load';

type Json = Record<string, any>;

const SD = 'https://fhir.nhs.uk/STU3/StructureDefinition/';
const booked = (): Json => loadFhirFixture('referral-request.booked.json');
const minimal = (): Json => loadFhirFixture('referral-request.minimal.json');

function withoutExtension(resource: Json, name: string): Json {
  resource.extension = resource.extension.filter((ext: Json) => !ext.url.includes(`/${name}-`));
  return resource;
}

function withoutContained(resource: Json, resourceType: string): Json {
  resource.contained = resource.contained.filter((item: Json) => item.resourceType !== resourceType);
  return resource;
}

function stateExtension(resource: Json): Json {
  return resource.extension.find((ext: Json) => ext.url.includes('ReferralState'));
}

function firstAttachment(resource: Json): Json {
  return resource.contained.find((item: Json) => item.resourceType === 'DocumentReference').content[0].attachment;
}

/** The mapped referral without its raw FHIR, for comparing two mappings. */
function domain(referral: Referral): Omit<Referral, 'fhir'> {
  const { fhir: _fhir, ...rest } = referral;
  return rest;
}

describe('mapReferralRequest', () => {
  it('maps a booked referral with every e-RS extension to typed fields', () => {
    const resource = booked();
    const referral = mapReferralRequest(resource);

    expect(referral).toBeInstanceOf(Referral);
    expect(referral.ubrn).toBe('999000000101');
    expect(referral.version).toBe('7');
    expect(referral.fhir).toBe(resource);
    expect(referral.status).toBe(ReferralStatus.ACTIVE);
    expect(referral.intent).toBe('plan');
    expect(referral.state).toEqual({
      state: ReferralState.BOOKED,
      reason: null,
      comment: null,
    });
    expect(referral.priority).toBe('URGENT');
    expect(referral.specialty).toEqual({
      system: '_baseUrl_/STU3/CodeSystem/SPECIALTY',
      code: 'DERMATOLOGY',
      display: 'Dermatology',
    });
    expect(referral.clinicTypes).toEqual([
      { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ClinicType-1', code: 'SKIN_LESION', display: null },
    ]);
    expect(referral.patientNhsNumber).toBe('9990000018');
    expect(referral.pathwayStart).toBe('2030-01-01T08:00:00.000Z');
    expect(referral.clinicalInfoFirstSubmitted).toBe('2030-01-02T09:00:00.000Z');
    expect(referral.clinicalInfoLastUpdated).toBe('2030-01-03T10:30:00.000Z');
    expect(referral.shortlistEntries).toEqual([
      { serviceId: '99001', serviceName: 'Synthetic Dermatology Service' },
      { serviceId: '99002', serviceName: 'Synthetic Skin Clinic' },
    ]);
    expect(referral.shortlistServiceIds).toEqual(['99001', '99002']);
    expect(referral.bookedServiceId).toBe('99002');
    expect(referral.searchCriteria).toEqual({
      priority: 'URGENT',
      specialty: { system: '_baseUrl_/STU3/CodeSystem/SPECIALTY', code: 'DERMATOLOGY', display: null },
      clinicType: { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ClinicType-1', code: 'SKIN_LESION', display: null },
      clinicalTerm: { system: 'http://snomed.info/sct', code: '999001', display: null },
      indicativeAppointmentWaitTimeLimit: 30,
      postcode: 'ZZ99 9ZZ',
      distanceLimit: 25,
      namedClinicianUserId: '999000000777',
      ageAndSexAppropriate: true,
      commissioningProvisioning: {
        system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-CommissioningProvisioning-1',
        code: 'ALL_AVAILABLE_FOR_BOOKING',
        display: null,
      },
      organisationOdsCode: 'X98',
      place: 'Testville',
    });
    expect(referral.appointmentSummary).toEqual({
      status: AppointmentStatus.BOOKED,
      start: '2030-02-01T09:30:00.000Z',
      end: '2030-02-01T09:45:00.000Z',
      created: '2030-01-03T10:31:00.000Z',
      reason: null,
      comment: 'Synthetic comment',
      slotReference: 'Slot/99001001',
      serviceId: '99002',
      serviceName: 'Synthetic Skin Clinic',
      allocatedClinicianUserId: '999000000888',
      version: '2',
    });
    expect(referral.appointmentId).toBe('99901');
    expect(referral.attachments).toEqual([
      {
        id: '99100',
        documentReferenceId: 'DocumentReference-99100',
        url: 'Binary/00000000-0000-4000-8000-000000000001',
        title: 'letter.pdf',
        contentType: 'application/pdf',
        size: 1234,
        description: 'synthetic letter',
        type: { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AttachmentType-1', code: 'REFERRER', display: 'Referrer' },
        created: '2030-01-02',
        attachedAt: '2030-01-02T09:05:00.000Z',
        availability: AttachmentAvailability.AVAILABLE,
        attachedByUserId: '999000000777',
        attachedByOdsCode: 'X99',
        attachedOnBehalfOfUserId: '999000000666',
      },
      {
        id: '99101',
        documentReferenceId: 'DocumentReference-99101',
        url: 'Binary/00000000-0000-4000-8000-000000000002',
        title: 'photo.png',
        contentType: 'image/png',
        size: 99,
        description: null,
        type: { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AttachmentType-1', code: 'PROVIDER', display: 'Provider' },
        created: '2030-01-04',
        attachedAt: '2030-01-04T11:00:00.000Z',
        availability: AttachmentAvailability.PENDING,
        attachedByUserId: '999000000888',
        attachedByOdsCode: null,
        attachedOnBehalfOfUserId: null,
      },
    ]);
    expect(referral.additionalRequirements.map((code) => code.code)).toEqual(['INTERPRETER', 'TRANSPORT']);
    expect(referral.commissioningRuleOrganisationOdsCode).toBe('X99');
    expect(referral.requestId).toBe('r.00000000-0000-4000-8000-00000000abcd');
    expect(referral.supportingInfoReferences).toEqual(['#DocumentReference-99100', '#DocumentReference-99101']);
    expect(referral.relatedReferralUbrns).toEqual([]);
    expect(referral.convertedFromAdviceAndGuidanceUbrn).toBeNull();
    expect(referral.requester).toBeNull();
  });

  it('maps a referral with no extensions or contained resources to nulls and empty lists', () => {
    const referral = mapReferralRequest(minimal());
    expect(domain(referral)).toEqual({
      ubrn: '999000000102',
      version: '1',
      status: ReferralStatus.ACTIVE,
      intent: 'plan',
      state: null,
      priority: null,
      specialty: null,
      clinicTypes: [],
      patientNhsNumber: '9990000026',
      pathwayStart: null,
      clinicalInfoFirstSubmitted: null,
      clinicalInfoLastUpdated: null,
      shortlistEntries: [],
      searchCriteria: null,
      appointmentSummary: null,
      appointmentId: null,
      attachments: [],
      additionalRequirements: [],
      commissioningRuleOrganisationOdsCode: null,
      requestId: null,
      supportingInfoReferences: [],
      relatedReferralUbrns: [],
      convertedFromAdviceAndGuidanceUbrn: null,
      requester: null,
      shortlistServiceIds: [],
      bookedServiceId: null,
    });
  });

  it('does not modify the resource it maps', () => {
    const resource = deepFreeze(booked());
    const before = JSON.stringify(resource);
    expect(() => mapReferralRequest(resource)).not.toThrow();
    expect(JSON.stringify(resource)).toBe(before);
  });

  describe('version', () => {
    it.each([
      ['meta.versionId wins over the ETag', '7', 'W/"9"', '7'],
      ['meta.versionId without an ETag', '7', undefined, '7'],
      ['a weak ETag when meta.versionId is missing', undefined, 'W/"12"', '12'],
      ['a strong ETag when meta.versionId is missing', undefined, '"3"', '3'],
      ['empty when neither is present', undefined, undefined, ''],
    ])('uses %s', (_name, versionId, etag, expected) => {
      const resource = booked();
      if (versionId === undefined) delete resource.meta.versionId;
      expect(mapReferralRequest(resource, etag).version).toBe(expected);
    });
  });

  describe('state', () => {
    it.each(Object.values(ReferralState))('maps the e-RS state %s', (code) => {
      const resource = booked();
      stateExtension(resource).extension = [
        {
          url: 'state',
          valueCoding: { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralState-1', code, display: `Label ${code}` },
        },
      ];
      expect(mapReferralRequest(resource).state).toEqual({
        state: code,
        reason: null,
        comment: null,
      });
    });

    it.each([
      ['a referral cancellation reason', '_baseUrl_/STU3/CodeSystem/REFERRAL-CANCELLATION-REASON', 'RAISED_IN_ERROR'],
      ['an appointment cancellation reason', '_baseurl_/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON', 'OTHER'],
      ['a review reason', 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1', 'NO_SLOTS_AT_SERVICE'],
      ['a review outcome', 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewOutcome-1', 'RETURN_TO_REFERRER_WITH_ADVICE'],
    ])('maps the state reason (%s) and comment', (_name, system, code) => {
      const resource = booked();
      stateExtension(resource).extension.push(
        { url: 'reason', valueCoding: { system, code } },
        { url: 'comments', valueString: 'Synthetic reason comment' },
      );
      const state = mapReferralRequest(resource).state;
      expect(state?.reason).toEqual({ system, code, display: null });
      expect(state?.comment).toBe('Synthetic reason comment');
    });

    it('keeps the code of a state this server does not know, with a null enum value', () => {
      const resource = booked();
      stateExtension(resource).extension[0].valueCoding = { code: 'A_FUTURE_STATE', display: 'Future' };
      expect(mapReferralRequest(resource).state).toMatchObject({ state: null });
    });

    it('is null when the state extension has no state', () => {
      const resource = booked();
      stateExtension(resource).extension = [{ url: 'comments', valueString: 'orphan comment' }];
      expect(mapReferralRequest(resource).state).toBeNull();
    });
  });

  describe('FHIR status', () => {
    it.each(Object.values(ReferralStatus))('maps status "%s"', (status) => {
      const resource = booked();
      resource.status = status;
      expect(mapReferralRequest(resource).status).toBe(status);
    });

    it('maps an unknown status to null', () => {
      const resource = booked();
      resource.status = 'on-hold';
      expect(mapReferralRequest(resource).status).toBeNull();
    });
  });

  describe('each optional e-RS element, present and absent', () => {
    type Row = {
      name: string;
      strip: (resource: Json) => void;
      read: (referral: Referral) => unknown;
      present: unknown;
      absent: unknown;
    };
    const rows: Row[] = [
      {
        name: 'Extension-eRS-ReferralShortlist (with its contained List)',
        strip: (r) => withoutContained(withoutExtension(r, 'Extension-eRS-ReferralShortlist'), 'List'),
        read: (referral) => [referral.shortlistEntries.length, referral.shortlistServiceIds],
        present: [2, ['99001', '99002']],
        absent: [0, []],
      },
      {
        name: 'Extension-eRS-Commissioning-Rule-Org',
        strip: (r) => withoutExtension(r, 'Extension-eRS-Commissioning-Rule-Org'),
        read: (referral) => referral.commissioningRuleOrganisationOdsCode,
        present: 'X99',
        absent: null,
      },
      {
        name: 'Extension-eRS-ReferralPriority (falls back to the search criteria priority)',
        strip: (r) => withoutExtension(r, 'Extension-eRS-ReferralPriority'),
        read: (referral) => referral.priority,
        present: 'URGENT',
        absent: 'URGENT',
      },
      {
        name: 'Extension-eRS-ReferralPriority and the search criteria',
        strip: (r) => withoutContained(withoutExtension(r, 'Extension-eRS-ReferralPriority'), 'Parameters'),
        read: (referral) => referral.priority ?? null,
        present: 'URGENT',
        absent: null,
      },
      {
        name: 'Extension-eRS-ReferralState',
        strip: (r) => withoutExtension(r, 'Extension-eRS-ReferralState'),
        read: (referral) => referral.state?.state ?? null,
        present: ReferralState.BOOKED,
        absent: null,
      },
      {
        name: 'Extension-eRS-Appointment (with its contained Appointment)',
        strip: (r) => withoutContained(withoutExtension(r, 'Extension-eRS-Appointment'), 'Appointment'),
        read: (referral) => [referral.appointmentSummary?.start ?? null, referral.bookedServiceId],
        present: ['2030-02-01T09:30:00.000Z', '99002'],
        absent: [null, null],
      },
      {
        name: 'Extension-eRS-ClinicalInfoFirstSubmitted',
        strip: (r) => withoutExtension(r, 'Extension-eRS-ClinicalInfoFirstSubmitted'),
        read: (referral) => referral.clinicalInfoFirstSubmitted,
        present: '2030-01-02T09:00:00.000Z',
        absent: null,
      },
      {
        name: 'Extension-eRS-ClinicalInfoLastUpdated',
        strip: (r) => withoutExtension(r, 'Extension-eRS-ClinicalInfoLastUpdated'),
        read: (referral) => referral.clinicalInfoLastUpdated,
        present: '2030-01-03T10:30:00.000Z',
        absent: null,
      },
      {
        name: 'Extension-eRS-Appointment-Reference',
        strip: (r) => withoutExtension(r, 'Extension-eRS-Appointment-Reference'),
        read: (referral) => referral.appointmentId,
        present: '99901',
        absent: null,
      },
      {
        name: 'Extension-eRS-PatientAdditionalRequirement',
        strip: (r) => withoutExtension(r, 'Extension-eRS-PatientAdditionalRequirement'),
        read: (referral) => referral.additionalRequirements.map((code) => code.code),
        present: ['INTERPRETER', 'TRANSPORT'],
        absent: [],
      },
      {
        name: 'Extension-eRS-eReferralPathwayStart',
        strip: (r) => withoutExtension(r, 'Extension-eRS-eReferralPathwayStart'),
        read: (referral) => referral.pathwayStart,
        present: '2030-01-01T08:00:00.000Z',
        absent: null,
      },
      {
        name: 'Extension-eRS-Shortlist-SearchCriteria (with its contained Parameters)',
        strip: (r) => {
          const list = r.contained.find((item: Json) => item.resourceType === 'List');
          delete list.extension;
          withoutContained(r, 'Parameters');
        },
        read: (referral) => [referral.searchCriteria?.postcode ?? null, referral.clinicTypes.length],
        present: ['ZZ99 9ZZ', 1],
        absent: [null, 0],
      },
      {
        name: 'Extension-eRS-AvailabilityStatus',
        strip: (r) => withoutExtension(firstAttachment(r), 'Extension-eRS-AvailabilityStatus'),
        read: (referral) => referral.attachments[0]?.availability,
        present: AttachmentAvailability.AVAILABLE,
        absent: null,
      },
      {
        name: 'Extension-eRS-AttachedBy',
        strip: (r) => withoutExtension(firstAttachment(r), 'Extension-eRS-AttachedBy'),
        read: (referral) => referral.attachments[0]?.attachedByUserId,
        present: '999000000777',
        absent: null,
      },
      {
        name: 'Extension-eRS-AttachedByOrganisation',
        strip: (r) => withoutExtension(firstAttachment(r), 'Extension-eRS-AttachedByOrganisation'),
        read: (referral) => referral.attachments[0]?.attachedByOdsCode,
        present: 'X99',
        absent: null,
      },
      {
        name: 'Extension-eRS-AttachedOnBehalfOf',
        strip: (r) => withoutExtension(firstAttachment(r), 'Extension-eRS-AttachedOnBehalfOf'),
        read: (referral) => referral.attachments[0]?.attachedOnBehalfOfUserId,
        present: '999000000666',
        absent: null,
      },
      {
        name: 'specialty (falls back to the search criteria specialty)',
        strip: (r) => delete r.specialty,
        read: (referral) => referral.specialty,
        present: { system: '_baseUrl_/STU3/CodeSystem/SPECIALTY', code: 'DERMATOLOGY', display: 'Dermatology' },
        absent: { system: '_baseUrl_/STU3/CodeSystem/SPECIALTY', code: 'DERMATOLOGY', display: null },
      },
      {
        name: 'contained DocumentReferences',
        strip: (r) => withoutContained(r, 'DocumentReference'),
        read: (referral) => referral.attachments.length,
        present: 2,
        absent: 0,
      },
      {
        name: 'subject',
        strip: (r) => delete r.subject,
        read: (referral) => referral.patientNhsNumber,
        present: '9990000018',
        absent: null,
      },
      {
        name: 'identifier (ers-request-id)',
        strip: (r) => delete r.identifier,
        read: (referral) => referral.requestId,
        present: 'r.00000000-0000-4000-8000-00000000abcd',
        absent: null,
      },
    ];

    it.each(rows)('$name: mapped when present', ({ read, present }) => {
      expect(read(mapReferralRequest(booked()))).toEqual(present);
    });

    it.each(rows)('$name: mapped to its empty value when absent', ({ strip, read, absent }) => {
      const resource = booked();
      strip(resource);
      expect(read(mapReferralRequest(resource))).toEqual(absent);
    });
  });

  describe('extension versions', () => {
    const reversion = (resource: Json, replacement: string): Json =>
      JSON.parse(JSON.stringify(resource).replace(/(StructureDefinition\/Extension-eRS-[A-Za-z-]+?)-1"/g, `$1${replacement}"`));

    it.each([
      ['a -2 version suffix', '-2'],
      ['a -10 version suffix', '-10'],
      ['no version suffix', ''],
    ])('maps extension URLs with %s exactly like -1', (_name, replacement) => {
      const original = booked();
      const changed = reversion(original, replacement);
      expect(JSON.stringify(changed)).not.toBe(JSON.stringify(original));
      expect(domain(mapReferralRequest(changed))).toEqual(domain(mapReferralRequest(original)));
    });

    it('maps extension URLs whatever their base (e.g. an R4-style URL)', () => {
      const original = booked();
      const changed = JSON.parse(
        JSON.stringify(original).replace(
          /https:\/\/fhir\.nhs\.uk\/STU3\/StructureDefinition\//g,
          'https://fhir.nhs.uk/StructureDefinition/',
        ),
      );
      expect(domain(mapReferralRequest(changed))).toEqual(domain(mapReferralRequest(original)));
    });
  });

  describe('unknown extensions', () => {
    it('ignores them wherever they appear and keeps them in fhir', () => {
      const unknown = { url: 'https://example.invalid/StructureDefinition/Extension-Unknown-1', valueString: 'ignored' };
      const original = booked();
      const resource = booked();
      resource.extension.push(unknown);
      stateExtension(resource).extension.push({ url: 'futureDetail', valueString: 'ignored' });
      firstAttachment(resource).extension.push(unknown);
      resource.contained[1].extension.push(unknown);

      const referral = mapReferralRequest(resource);
      expect(domain(referral)).toEqual(domain(mapReferralRequest(original)));
      expect(referral.fhir.extension).toContainEqual(unknown);
    });
  });

  describe('garbage in optional elements', () => {
    const mutations: Array<[string, (r: Json) => void]> = [
      ['extension is a string', (r) => (r.extension = 'nonsense')],
      ['extension holds nulls, numbers and strings', (r) => (r.extension = [null, 1, 'x', [], { url: 42 }])],
      ['extension is one object, not an array', (r) => (r.extension = r.extension[0])],
      ['contained is an object', (r) => (r.contained = { resourceType: 'List' })],
      ['contained holds nulls', (r) => (r.contained = [null, 'x', 3])],
      ['meta is a string', (r) => (r.meta = 'x')],
      ['subject is a string', (r) => (r.subject = '9990000018')],
      ['subject.identifier is an array', (r) => (r.subject.identifier = [r.subject.identifier])],
      ['specialty is an empty array', (r) => (r.specialty = [])],
      ['specialty.coding is a string', (r) => (r.specialty.coding = 'CARDIOLOGY')],
      ['supportingInfo is a string', (r) => (r.supportingInfo = '#x')],
      ['identifier is an object', (r) => (r.identifier = { system: 'x' })],
      ['state extension has a string extension', (r) => (stateExtension(r).extension = 'BOOKED')],
      ['state valueCoding is a string', (r) => (stateExtension(r).extension[0].valueCoding = 'BOOKED')],
      ['priority valueCodeableConcept is a string', (r) => (r.extension[2].valueCodeableConcept = 'URGENT')],
      ['a valueReference is null', (r) => (r.extension[0].valueReference = null)],
      ['an extension url is missing', (r) => delete r.extension[1].url],
      ['shortlist entries are strings', (r) => (r.contained[1].entry = ['99001', { item: 'x' }, { item: { identifier: 7 } }])],
      ['shortlist entry is an object', (r) => (r.contained[1].entry = r.contained[1].entry[0])],
      [
        'parameters are garbage',
        (r) => (r.contained[0].parameter = [null, { name: 5 }, { name: 'distanceLimit', valueUnsignedInt: 'far' }]),
      ],
      ['appointment participant is an object', (r) => (r.contained[2].participant = { actor: 'x' })],
      ['appointment participant.type is a single object', (r) => (r.contained[2].participant[2].type = { coding: { code: 'CON' } })],
      ['appointment slot is a string', (r) => (r.contained[2].slot = 'Slot/1')],
      ['document content is missing', (r) => delete r.contained[3].content],
      ['attachment is a string', (r) => (r.contained[3].content[0].attachment = 'x')],
      ['attachment size is text', (r) => (firstAttachment(r).size = 'big')],
      ['attachment extension is an object', (r) => (firstAttachment(r).extension = { url: 'x' })],
      ['requester is a string', (r) => (r.requester = 'someone')],
      ['basedOn is a number', (r) => (r.basedOn = 5)],
      ['relatedReferral holds garbage', (r) => (r.relatedReferral = [null, {}, { reference: 7 }])],
    ];

    it.each(mutations)('does not crash when %s', (_name, mutate) => {
      const resource = booked();
      mutate(resource);
      const referral = mapReferralRequest(resource);
      expect(referral.ubrn).toBe('999000000101');
      expect(Array.isArray(referral.attachments)).toBe(true);
      expect(Array.isArray(referral.shortlistServiceIds)).toBe(true);
      expect(referral.fhir).toBe(resource);
    });
  });

  describe('input that is not a ReferralRequest', () => {
    it.each([
      ['null', null],
      ['a string', '999000000101'],
      ['an array', [{ resourceType: 'ReferralRequest' }]],
      ['an object without resourceType', { id: '999000000101' }],
      ['another resource', { resourceType: 'OperationOutcome', issue: [] }],
    ])('throws FhirMappingError for %s', (_name, input) => {
      expect(() => mapReferralRequest(input)).toThrow(FhirMappingError);
    });

    it('does not echo data from the input in the error message', () => {
      const input = { resourceType: '9990000018 Jane Doe', subject: { identifier: { value: '9990000018' } } };
      expect(() => mapReferralRequest(input)).toThrow('Expected a FHIR ReferralRequest resource but got an unrecognised resourceType');
    });
  });

  describe('related referrals and the A&G request it was converted from (supportingInfo, where e-RS lists them)', () => {
    /** The booked fixture's letters, then `links` after them, as e-RS lists them together. */
    const withLinks =
      (...links: string[]) =>
      (r: Json) => {
        r.supportingInfo = [...r.supportingInfo, ...links.map((reference) => ({ reference }))];
      };
    const cases: Array<[string, (r: Json) => void, string[], string | null]> = [
      ['letters only', () => undefined, [], null],
      ['a related referral', withLinks('ReferralRequest/999000000201'), ['999000000201'], null],
      [
        'two related referrals, before the letters',
        (r) =>
          (r.supportingInfo = [
            { reference: 'ReferralRequest/999000000202' },
            { reference: 'ReferralRequest/999000000203' },
            ...r.supportingInfo,
          ]),
        ['999000000202', '999000000203'],
        null,
      ],
      [
        'an absolute, versioned related referral',
        withLinks('https://ers.invalid/STU3/ReferralRequest/999000000204/_history/3'),
        ['999000000204'],
        null,
      ],
      ['the A&G request it was converted from', withLinks('CommunicationRequest/999000000301'), [], '999000000301'],
      // A027's own answer (convertAdviceAndGuidanceToReferral/responses) links a referral to the A&G request of its own UBRN.
      ['an A&G request of its own UBRN', withLinks('CommunicationRequest/999000000101'), [], '999000000101'],
      [
        'both kinds at once',
        withLinks('CommunicationRequest/999000000302', 'ReferralRequest/999000000205'),
        ['999000000205'],
        '999000000302',
      ],
      [
        'duplicates and a reference to itself',
        withLinks('ReferralRequest/999000000210', 'ReferralRequest/999000000101', 'ReferralRequest/999000000210'),
        ['999000000210'],
        null,
      ],
      ['references without a 12-digit id', withLinks('ReferralRequest/123', 'CommunicationRequest/abc'), [], null],
      ['other resource types', withLinks('Appointment/999000000206', 'DocumentReference/999000000207'), [], null],
      // Places e-RS does not put them: read nowhere, so a look-alike elsewhere is no link.
      ['basedOn', (r) => (r.basedOn = [{ reference: 'ReferralRequest/999000000208' }]), [], null],
      [
        'relatedReferral and replaces',
        (r) => (
          (r.relatedReferral = [{ reference: 'ReferralRequest/999000000209' }]),
          (r.replaces = { reference: 'ReferralRequest/999000000211' })
        ),
        [],
        null,
      ],
      [
        'an extension',
        (r) =>
          r.extension.push({ url: `${SD}Extension-eRS-RelatedReferral-1`, valueReference: { reference: 'ReferralRequest/999000000212' } }),
        [],
        null,
      ],
    ];

    it.each(cases)('maps %s', (_name, mutate, related, convertedFrom) => {
      const resource = booked();
      mutate(resource);
      const referral = mapReferralRequest(resource);
      expect(referral.relatedReferralUbrns).toEqual(related);
      expect(referral.convertedFromAdviceAndGuidanceUbrn).toBe(convertedFrom);
      // Every reference stays readable as sent.
      expect(referral.supportingInfoReferences).toEqual(resource.supportingInfo.map((s: Json) => s.reference));
    });

    it('keeps the letters as attachments when links sit beside them', () => {
      const resource = booked();
      withLinks('ReferralRequest/999000000201', 'CommunicationRequest/999000000301')(resource);
      expect(mapReferralRequest(resource).attachments.map((a) => a.id)).toEqual(mapReferralRequest(booked()).attachments.map((a) => a.id));
    });
  });

  describe('requester', () => {
    it.each([
      ['absent', undefined, null],
      ['garbage', 42, null],
      [
        'agent (SDS user) and onBehalfOf (ODS organisation)',
        {
          agent: { identifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: '999000000555' }, display: 'Dr Synthetic' },
          onBehalfOf: { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'X97' } },
        },
        { userId: '999000000555', organisationOdsCode: 'X97', display: 'Dr Synthetic' },
      ],
      [
        'an agent that is an organisation',
        { agent: { identifier: { system: 'https://fhir.nhs.uk/Id/ods-organization-code', value: 'X96' } } },
        { userId: null, organisationOdsCode: 'X96', display: null },
      ],
      [
        'references instead of identifiers',
        { agent: { reference: 'Practitioner/999000000554' }, onBehalfOf: { reference: 'Organization/X95' } },
        { userId: '999000000554', organisationOdsCode: 'X95', display: null },
      ],
      [
        'a plain Reference (R4 style)',
        { identifier: { system: 'https://fhir.nhs.uk/Id/sds-user-id', value: '999000000553' } },
        { userId: '999000000553', organisationOdsCode: null, display: null },
      ],
    ])('maps a requester: %s', (_name, requester, expected) => {
      const resource = booked();
      if (requester !== undefined) resource.requester = requester;
      expect(mapReferralRequest(resource).requester).toEqual(expected);
    });
  });

  describe('attachment availability', () => {
    it.each([
      ['AVAILABLE', AttachmentAvailability.AVAILABLE],
      ['PENDING', AttachmentAvailability.PENDING],
      ['THREATS_FOUND', AttachmentAvailability.THREATS_FOUND],
      ['THREATS FOUND', AttachmentAvailability.THREATS_FOUND],
      ['VALIDATION_FAILED', AttachmentAvailability.VALIDATION_FAILED],
      ['SOMETHING_NEW', null],
    ])('maps availability code "%s"', (code, expected) => {
      const resource = booked();
      firstAttachment(resource).extension[0].valueCoding.code = code;
      expect(mapReferralRequest(resource).attachments[0]?.availability).toBe(expected);
    });
  });

  describe('shortlist and booked service links', () => {
    it('reads shortlist service ids from references when there is no identifier', () => {
      const resource = booked();
      resource.contained[1].entry = [{ item: { reference: 'HealthcareService/99003', display: 'By reference' } }];
      const referral = mapReferralRequest(resource);
      expect(referral.shortlistEntries).toEqual([{ serviceId: '99003', serviceName: 'By reference' }]);
      expect(referral.shortlistServiceIds).toEqual(['99003']);
    });

    it('finds the shortlist and appointment when the extensions are missing', () => {
      const resource = booked();
      withoutExtension(resource, 'Extension-eRS-ReferralShortlist');
      withoutExtension(resource, 'Extension-eRS-Appointment');
      const referral = mapReferralRequest(resource);
      expect(referral.shortlistServiceIds).toEqual(['99001', '99002']);
      expect(referral.bookedServiceId).toBe('99002');
    });

    it('has no booked service when the appointment has no service participant', () => {
      const resource = booked();
      resource.contained[2].participant = resource.contained[2].participant.filter(
        (p: Json) => p.actor.identifier.system !== 'http://fhir.nhs.net/Id/ers-service',
      );
      const referral = mapReferralRequest(resource);
      expect(referral.bookedServiceId).toBeNull();
      expect(referral.appointmentSummary?.allocatedClinicianUserId).toBe('999000000888');
    });

    it('maps a proposed (deferred) appointment with a review reason and no slot', () => {
      const resource = booked();
      Object.assign(resource.contained[2], {
        status: 'proposed',
        reason: [{ coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1', code: 'NO_SLOTS_AT_SERVICE' }] }],
      });
      delete resource.contained[2].start;
      delete resource.contained[2].end;
      delete resource.contained[2].slot;
      expect(mapReferralRequest(resource).appointmentSummary).toMatchObject({
        status: AppointmentStatus.PROPOSED,
        start: null,
        end: null,
        slotReference: null,
        reason: { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1', code: 'NO_SLOTS_AT_SERVICE', display: null },
        serviceId: '99002',
      });
    });
  });
});
