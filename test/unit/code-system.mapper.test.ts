import { codeSystemTypeForSystem, mapCodeSystem } from '../../datasources/ers/code-system.mapper';
import { FhirMappingError } from '../../datasources/ers/fhir';
import { CodeSystem } from '../../schema/code-system.type';
import { CodeSystemConcept } from '../../schema/code-system-concept.type';
import { CodeSystemType } from '../../schema/code-system-type.enum';
import { deepFreeze, loadFhirFixture } from '../fixtures/fhir/load';

const BF = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-BusinessFunction-1';

/** Every property of a concept left at its empty value, to spread the expected ones over. */
const EMPTY_CONCEPT: Omit<CodeSystemConcept, 'code' | 'display'> = {
  effectiveFrom: null,
  effectiveTo: null,
  specialty: null,
  deferToProviderContactDays: null,
  triageContactDays: null,
  commentIsMandatory: null,
  willCancelWholeRequest: null,
  canCancelAppointment: null,
  appointmentBookingCancellationReasonType: null,
  appointmentRequestCancellationReasonType: null,
  businessFunctions: [],
  usages: [],
  referrerUsages: [],
};

describe('mapCodeSystem', () => {
  it.each([
    ['code-system.specialty.json', CodeSystemType.SPECIALTY],
    ['code-system.clinic-type.json', CodeSystemType.CLINIC_TYPE],
    ['code-system.priority.json', CodeSystemType.PRIORITY],
    ['code-system.appointment-cancellation-reason.json', CodeSystemType.APPOINTMENT_CANCELLATION_REASON],
    ['code-system.referral-cancellation-reason.json', CodeSystemType.REFERRAL_CANCELLATION_REASON],
    ['code-system.appointment-non-attendance-reason.json', CodeSystemType.APPOINTMENT_NON_ATTENDANCE_REASON],
  ])('maps %s as %s with its metadata and raw FHIR', (fixture, type) => {
    const resource = deepFreeze(loadFhirFixture(fixture));
    const codeSystem = mapCodeSystem(resource);
    expect(codeSystem).toBeInstanceOf(CodeSystem);
    expect(codeSystem.type).toBe(type);
    expect(codeSystem.url).toBe(`_baseUrl_/STU3/CodeSystem/${type}`);
    expect(codeSystem.version).toBe('3');
    expect(codeSystem.date).toBe('2030-01-01T00:00:00.000Z');
    expect(codeSystem.name).toMatch(/^e-RS /);
    expect(codeSystem.concepts.length).toBe((resource.concept as unknown[]).length);
    expect(codeSystem.fhir).toBe(resource);
  });

  it('maps SPECIALTY effective dates from properties, falling back to the date extensions', () => {
    const { concepts } = mapCodeSystem(loadFhirFixture('code-system.specialty.json'));
    expect(concepts).toEqual([
      {
        ...EMPTY_CONCEPT,
        code: 'OLD_SPECIALTY',
        display: 'Old Specialty',
        effectiveFrom: '2004-06-01',
        effectiveTo: '2009-01-01',
      },
      { ...EMPTY_CONCEPT, code: 'DERMATOLOGY', display: 'Dermatology', effectiveFrom: '2004-06-01' },
    ]);
  });

  it('maps the specialty of a CLINIC-TYPE concept', () => {
    const { concepts } = mapCodeSystem(loadFhirFixture('code-system.clinic-type.json'));
    expect(concepts).toEqual([
      {
        ...EMPTY_CONCEPT,
        code: 'SKIN_LESION',
        display: 'Skin Lesion',
        effectiveFrom: '2004-06-01',
        specialty: { system: '_baseUrl_/STU3/CodeSystem/SPECIALTY', code: 'DERMATOLOGY', display: null },
      },
    ]);
  });

  it('maps PRIORITY contact days', () => {
    const { concepts } = mapCodeSystem(loadFhirFixture('code-system.priority.json'));
    expect(concepts.map((c) => [c.code, c.deferToProviderContactDays, c.triageContactDays])).toEqual([
      ['ROUTINE', 40, 30],
      ['URGENT', 10, 4],
    ]);
  });

  it('maps every APPOINTMENT-CANCELLATION-REASON property', () => {
    const { concepts } = mapCodeSystem(loadFhirFixture('code-system.appointment-cancellation-reason.json'));
    expect(concepts).toEqual([
      {
        ...EMPTY_CONCEPT,
        code: 'SERVICE_INAPPROPRIATE',
        display: 'Inappropriate service',
        effectiveFrom: '2004-06-01',
        appointmentBookingCancellationReasonType: {
          system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AppointmentBookingCancellationReasonType-1',
          code: 'PROVIDER_REJECT',
          display: null,
        },
        willCancelWholeRequest: false,
        commentIsMandatory: true,
        businessFunctions: [
          { system: BF, code: 'SERVICE_PROVIDER_CLINICIAN', display: null },
          { system: BF, code: 'SERVICE_PROVIDER_CLINICIAN_ADMIN', display: null },
        ],
        usages: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AppointmentCancellationReasonUsage-1', code: 'REJECT', display: null }],
      },
    ]);
  });

  it('maps every REFERRAL-CANCELLATION-REASON property', () => {
    const { concepts } = mapCodeSystem(loadFhirFixture('code-system.referral-cancellation-reason.json'));
    expect(concepts).toEqual([
      {
        ...EMPTY_CONCEPT,
        code: 'RAISED_IN_ERROR',
        display: 'Referral created by mistake',
        effectiveFrom: '2019-07-23',
        appointmentRequestCancellationReasonType: {
          system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-AppointmentRequestCancellationReasonType-1',
          code: 'REFERRER',
          display: null,
        },
        commentIsMandatory: false,
        canCancelAppointment: true,
        businessFunctions: [{ system: BF, code: 'REFERRING_CLINICIAN', display: null }],
        referrerUsages: [
          {
            system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralRequestCancellationReasonUsage-1',
            code: 'CANCEL_REFERRAL',
            display: null,
          },
        ],
      },
    ]);
  });

  it('maps APPOINTMENT-NON-ATTENDANCE-REASON concepts', () => {
    const { concepts } = mapCodeSystem(loadFhirFixture('code-system.appointment-non-attendance-reason.json'));
    expect(concepts).toEqual([{ ...EMPTY_CONCEPT, code: 'PATIENT_ILL', display: 'Patient ill', effectiveFrom: '2004-06-01' }]);
  });

  describe('liberal property values', () => {
    const concept = (property: unknown[]): CodeSystemConcept =>
      mapCodeSystem({ resourceType: 'CodeSystem', id: 'PRIORITY', concept: [{ code: 'X', property }] }).concepts[0]!;

    it.each([
      ['integers sent as strings', [{ code: 'triageContactDays', valueInteger: '7' }], { triageContactDays: 7 }],
      ['booleans sent as strings', [{ code: 'commentIsMandatory', valueBoolean: 'true' }], { commentIsMandatory: true }],
      ['property codes in another case', [{ code: 'CommentIsMandatory', valueBoolean: false }], { commentIsMandatory: false }],
      ['a bare valueCode', [{ code: 'usage', valueCode: 'CANCEL' }], { usages: [{ system: '', code: 'CANCEL', display: null }] }],
      [
        'a valueCodeableConcept',
        [{ code: 'specialty', valueCodeableConcept: { coding: [{ system: 's', code: 'C' }] } }],
        { specialty: { system: 's', code: 'C', display: null } },
      ],
      ['an unknown property (ignored)', [{ code: 'somethingNew', valueString: 'x' }], {}],
      ['garbage values', [{ code: 'triageContactDays', valueInteger: 'soon' }, null, 'x', { code: 7 }], {}],
    ])('accepts %s', (_name, property, expected) => {
      expect(concept(property)).toEqual({ ...EMPTY_CONCEPT, code: 'X', display: null, ...expected });
    });

    it('maps a concept with no properties, and skips concepts without a code', () => {
      const codeSystem = mapCodeSystem({
        resourceType: 'CodeSystem',
        id: 'SPECIALTY',
        concept: [{ code: 'A' }, { display: 'no code' }, null, { code: 'B', concept: [{ code: 'B1' }] }],
      });
      expect(codeSystem.concepts.map((c) => c.code)).toEqual(['A', 'B', 'B1']);
    });

    it('maps effective-date extensions with a -2 version suffix', () => {
      const codeSystem = mapCodeSystem({
        resourceType: 'CodeSystem',
        concept: [
          {
            code: 'A',
            extension: [
              { url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-EffectivefromDate-2', valueDate: '2020-01-01' },
              { url: 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-EffectiveToDate-2', valueDate: '2021-01-01' },
            ],
          },
        ],
      });
      expect(codeSystem.concepts[0]).toMatchObject({ effectiveFrom: '2020-01-01', effectiveTo: '2021-01-01' });
    });

    it.each([
      ['concept is a string', { concept: 'x' }],
      ['concept is an object', { concept: { code: 'A' } }],
      ['property is an object', { concept: [{ code: 'A', property: { code: 'effectiveFrom', valueDateTime: '2020' } }] }],
      ['url is a number', { url: 5, concept: [] }],
    ])('does not crash when %s', (_name, body) => {
      expect(() => mapCodeSystem({ resourceType: 'CodeSystem', ...body })).not.toThrow();
    });

    it('takes the type from the id when the url is missing or unknown', () => {
      expect(mapCodeSystem({ resourceType: 'CodeSystem', id: 'CLINIC-TYPE' }).type).toBe(CodeSystemType.CLINIC_TYPE);
      expect(mapCodeSystem({ resourceType: 'CodeSystem', id: 'SOMETHING-ELSE' }).type).toBeNull();
    });
  });

  it.each([
    ['null', null],
    ['a string', 'CodeSystem'],
    ['another resource', { resourceType: 'ValueSet' }],
  ])('throws FhirMappingError for %s', (_name, input) => {
    expect(() => mapCodeSystem(input)).toThrow(FhirMappingError);
  });
});

describe('codeSystemTypeForSystem', () => {
  it.each([
    ['_baseUrl_/STU3/CodeSystem/SPECIALTY', CodeSystemType.SPECIALTY],
    ['_baseurl_/STU3/CodeSystem/SPECIALTY', CodeSystemType.SPECIALTY],
    ['_baseUrl_/STU3/v1/CodeSystem/SPECIALTY', CodeSystemType.SPECIALTY],
    ['https://api.service.nhs.uk/referrals/FHIR/STU3/CodeSystem/SPECIALTY', CodeSystemType.SPECIALTY],
    ['_baseUrl_/STU3/CodeSystem/CLINIC-TYPE', CodeSystemType.CLINIC_TYPE],
    ['https://fhir.nhs.uk/STU3/CodeSystem/eRS-ClinicType-1', CodeSystemType.CLINIC_TYPE],
    ['https://fhir.nhs.uk/STU3/CodeSystem/eRS-ClinicType-2', CodeSystemType.CLINIC_TYPE],
    ['_baseUrl_/STU3/CodeSystem/PRIORITY', CodeSystemType.PRIORITY],
    ['https://fhir.nhs.uk/STU3/CodeSystem/eRS-Priority-1', CodeSystemType.PRIORITY],
    ['https://fhir.nhs.uk/STU3/CodeSystem/eRS-Specialty-1', CodeSystemType.SPECIALTY],
    ['_baseUrl_/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON', CodeSystemType.APPOINTMENT_CANCELLATION_REASON],
    ['_baseurl_/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON', CodeSystemType.APPOINTMENT_CANCELLATION_REASON],
    ['_baseUrl_/STU3/CodeSystem/REFERRAL-CANCELLATION-REASON', CodeSystemType.REFERRAL_CANCELLATION_REASON],
    ['_baseurl_/STU3/CodeSystem/REFERRAL-CANCELLATION-REASON', CodeSystemType.REFERRAL_CANCELLATION_REASON],
    ['_baseUrl_/STU3/CodeSystem/REQUEST-CANCELLATION-REASON', CodeSystemType.REFERRAL_CANCELLATION_REASON],
    ['_baseUrl_/STU3/CodeSystem/APPOINTMENT-NON-ATTENDANCE-REASON', CodeSystemType.APPOINTMENT_NON_ATTENDANCE_REASON],
    ['CLINIC-TYPE', CodeSystemType.CLINIC_TYPE],
    ['https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralState-1', null],
    ['https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1', null],
    ['https://fhir.nhs.uk/STU3/CodeSystem/eRS-AppointmentBookingCancellationReasonType-1', null],
    ['https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReferralRequestCancellationReasonUsage-1', null],
    ['https://fhir.nhs.uk/STU3/CodeSystem/eRS-AdditionalRequirementType-1', null],
    ['http://snomed.info/sct', null],
    ['', null],
  ])('maps %s to %s', (system, expected) => {
    expect(codeSystemTypeForSystem(system)).toBe(expected);
  });
});
