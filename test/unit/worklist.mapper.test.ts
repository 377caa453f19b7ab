import { FhirMappingError } from '../../datasources/ers/fhir';
import { mapWorklist } from '../../datasources/ers/worklist.mapper';
import { ReferralState } from '../../schema/referral-state.enum';
import {
  AdviceAndGuidanceWorklistItem,
  AppointmentSlotIssueWorklistItem,
  LettersOutstandingWorklistItem,
  OtherWorklistItem,
  ReferralForReviewWorklistItem,
  ReferralStatusWorklistItem,
  Worklist,
  WorklistItem,
} from '../../schema/worklist-item.type';
import { WorklistType } from '../../schema/worklist-type.enum';
import { deepFreeze, loadFhirFixture } from '../fixtures/fhir/load';

type Json = Record<string, any>;

const fixture = (name: string): Json => loadFhirFixture(`worklist.${name}.json`);
const PRIORITY = 'URGENT';
const SPECIALTY = { system: '_baseUrl_/STU3/CodeSystem/SPECIALTY', code: 'DERMATOLOGY', display: null };

/** An item without its raw FHIR entry, for comparing. */
function domain(item: WorklistItem | undefined): Record<string, unknown> {
  const { fhir: _fhir, ...rest } = item as WorklistItem;
  return { ...rest };
}

/** The item extension parts of entry `index`. */
function parts(list: Json, index = 0): any[] {
  return list.entry[index].extension[0].extension;
}

function withoutPart(list: Json, name: string, index = 0): Json {
  list.entry[index].extension[0].extension = parts(list, index).filter((part: Json) => part.url !== name);
  return list;
}

describe('mapWorklist (A008 / A023)', () => {
  it('maps a Referrals for Review worklist with every item extension, resolving contained patients and practitioners', () => {
    const list = deepFreeze(fixture('referrals-for-review'));
    const worklist = mapWorklist(list);
    expect(worklist).toBeInstanceOf(Worklist);
    expect(worklist.fhir).toBe(list);
    expect(worklist.worklistType).toBe(WorklistType.REFERRALS_FOR_REVIEW);
    expect(worklist.items[0]).toBeInstanceOf(ReferralForReviewWorklistItem);
    expect(worklist.items[0]!.fhir).toBe(list.entry[0]);
    expect(domain(worklist.items[0])).toEqual({
      ubrn: '999000000101',
      version: '7',
      worklistType: WorklistType.REFERRALS_FOR_REVIEW,
      priority: PRIORITY,
      patientNhsNumber: '9990000018',
      referralUbrn: '999000000101',
      referralVersion: '7',
      adviceAndGuidanceUbrn: null,
      adviceAndGuidanceVersion: null,
      specialty: SPECIALTY,
      serviceId: '99002',
      serviceName: 'Synthetic Skin Clinic',
      namedClinicianUserId: '999000000777',
      allocatedClinicianUserId: '999000000888',
      pathwayStart: '2030-01-01T08:00:00.000Z',
      clinicalInfoPrinted: true,
      reviewStatus: 'LETTER_CHANGED',
      clinicalInfoFirstSubmitted: '2030-01-02T09:00:00.000Z',
      clinicalInfoLastUpdated: '2030-01-03T10:30:00.000Z',
      appointmentStart: '2030-02-01T09:30:00.000Z',
      referralType: 'APPOINTMENT',
    });
    expect(domain(worklist.items[1])).toMatchObject({
      ubrn: '999000000102',
      version: '2',
      patientNhsNumber: '9990000026',
      namedClinicianUserId: null,
      allocatedClinicianUserId: null,
      clinicalInfoLastUpdated: null,
      appointmentStart: null,
      referralType: 'TRIAGE_DEFERRAL',
    });
  });

  it('maps an Appointment Slot Issues worklist', () => {
    const worklist = mapWorklist(deepFreeze(fixture('appointment-slot-issues')));
    expect(worklist.worklistType).toBe(WorklistType.APPOINTMENT_SLOT_ISSUES);
    expect(worklist.items[0]).toBeInstanceOf(AppointmentSlotIssueWorklistItem);
    expect(domain(worklist.items[0])).toEqual({
      ubrn: '999000000103',
      version: null,
      worklistType: WorklistType.APPOINTMENT_SLOT_ISSUES,
      priority: PRIORITY,
      patientNhsNumber: '9990000034',
      referralUbrn: '999000000103',
      referralVersion: null,
      adviceAndGuidanceUbrn: null,
      adviceAndGuidanceVersion: null,
      specialty: SPECIALTY,
      serviceId: '99001',
      serviceName: 'Synthetic Dermatology Service',
      namedClinicianUserId: '999000000777',
      pathwayStart: '2030-01-01T08:00:00.000Z',
      clinicalInfoPrinted: false,
      ubrnReceived: '2030-01-04T08:00:00.000Z',
      patientContactExpected: '2030-01-08',
      clinicalInformationStatus: 'OVERDUE',
      reason: { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1', code: 'NO_SLOTS_AT_SERVICE', display: null },
      lastContact: '2030-01-06T12:00:00.000Z',
    });
  });

  it('maps an Advice and Guidance Requests worklist (A023), linking the A&G request rather than a referral', () => {
    const worklist = mapWorklist(deepFreeze(fixture('advice-and-guidance')));
    expect(worklist.worklistType).toBe(WorklistType.ADVICE_AND_GUIDANCE_REQUESTS);
    expect(worklist.items[0]).toBeInstanceOf(AdviceAndGuidanceWorklistItem);
    expect(domain(worklist.items[0])).toEqual({
      ubrn: '999000000201',
      version: '4',
      worklistType: WorklistType.ADVICE_AND_GUIDANCE_REQUESTS,
      priority: PRIORITY,
      patientNhsNumber: '9990000042',
      referralUbrn: null,
      referralVersion: null,
      adviceAndGuidanceUbrn: '999000000201',
      adviceAndGuidanceVersion: '4',
      specialty: SPECIALTY,
      clinicType: { system: '_baseUrl_/STU3/CodeSystem/CLINIC-TYPE', code: 'SKIN_LESION', display: null },
      serviceId: '99003',
      serviceName: 'Synthetic Advice Service',
      namedClinicianUserId: '999000000777',
      referrerUserId: '999000000666',
      conversationStatus: 'PROVIDER_RESPONSE_REQUIRED',
      firstRequested: '2030-01-01T10:00:00.000Z',
      lastUpdated: '2030-01-02T11:00:00.000Z',
    });
  });

  it('maps an Awaiting Booking worklist with the state and its reason, accepting the worklist spelling of states', () => {
    const worklist = mapWorklist(deepFreeze(fixture('awaiting-booking')));
    expect(worklist.worklistType).toBe(WorklistType.AWAITING_BOOKING);
    expect(worklist.items[0]).toBeInstanceOf(ReferralStatusWorklistItem);
    expect(domain(worklist.items[0])).toEqual({
      ubrn: '999000000104',
      version: null,
      worklistType: WorklistType.AWAITING_BOOKING,
      priority: PRIORITY,
      patientNhsNumber: '9990000018',
      referralUbrn: '999000000104',
      referralVersion: null,
      adviceAndGuidanceUbrn: null,
      adviceAndGuidanceVersion: null,
      state: {
        state: ReferralState.APPT_CANCELLED_BY_PATIENT,
        reason: {
          system: '_baseurl_/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON',
          code: 'PATIENT_HOLIDAY',
          display: 'Patient on holiday',
        },
        comment: null,
      },
      referralCreated: '2030-01-01T08:00:00.000Z',
      referralLastUpdated: '2030-01-03T08:00:00.000Z',
      clinicalContext: 'DERMATOLOGY/SKIN_LESION',
      referrerUserId: '999000000666',
    });
    expect((worklist.items[1] as ReferralStatusWorklistItem).state).toMatchObject({
      state: ReferralState.NOT_BOOKED,
      reason: null,
    });
  });

  it.each([
    ['Extension-eRS-RejectedTriageResponse-WorkListItem-1', WorklistType.REJECTED_TRIAGE_RESPONSE],
    ['Extension-eRS-AssessmentReturnedCancelledDna-WorkListItem-1', WorklistType.ASSESSMENT_RETURNED_CANCELLED_DNA],
    ['Extension-eRS-AssessmentReturnedCancelledDna-WorklistItem-2', WorklistType.ASSESSMENT_RETURNED_CANCELLED_DNA],
    ['Extension-eRS-AwaitingBooking-WorkListItem-1', WorklistType.AWAITING_BOOKING],
  ])('maps an item with %s as a ReferralStatusWorklistItem of %s', (name, type) => {
    const list = fixture('awaiting-booking');
    list.entry.forEach((entry: Json) => (entry.extension[0].url = `https://fhir.nhs.uk/STU3/StructureDefinition/${name}`));
    const worklist = mapWorklist(list);
    expect(worklist.worklistType).toBe(type);
    worklist.items.forEach((item) => {
      expect(item).toBeInstanceOf(ReferralStatusWorklistItem);
      expect(item.worklistType).toBe(type);
    });
  });

  it('maps a Letters Outstanding worklist', () => {
    const worklist = mapWorklist(deepFreeze(fixture('letters-outstanding')));
    expect(worklist.worklistType).toBe(WorklistType.LETTERS_OUTSTANDING);
    expect(worklist.items[0]).toBeInstanceOf(LettersOutstandingWorklistItem);
    expect(domain(worklist.items[0])).toMatchObject({
      ubrn: '999000000106',
      patientNhsNumber: '9990000034',
      letterDue: '2030-01-10',
      referralCreated: '2030-01-01T08:00:00.000Z',
      clinicalContext: 'DERMATOLOGY/SKIN_LESION',
      referrerUserId: '999000000666',
    });
  });

  it('maps an empty worklist', () => {
    const list = fixture('letters-outstanding');
    delete list.entry;
    expect(mapWorklist(list)).toMatchObject({ worklistType: null, items: [] });
  });

  describe('each item extension part of Referrals for Review, present and absent', () => {
    it.each<[string, (item: ReferralForReviewWorklistItem) => unknown, unknown]>([
      ['priority', (i) => i.priority, null],
      ['specialty', (i) => i.specialty, null],
      ['patient', (i) => i.patientNhsNumber, null],
      ['namedClinician', (i) => i.namedClinicianUserId, null],
      ['allocatedClinician', (i) => i.allocatedClinicianUserId, null],
      ['eReferralPathwayStart', (i) => i.pathwayStart, null],
      ['clinicalInfoPrinted', (i) => i.clinicalInfoPrinted, null],
      ['requestContextStatus', (i) => i.reviewStatus, null],
      ['clinicalInfoFirstSubmitted', (i) => i.clinicalInfoFirstSubmitted, null],
      ['clinicalInfoLastUpdated', (i) => i.clinicalInfoLastUpdated, null],
      ['appointmentStart', (i) => i.appointmentStart, null],
      ['referralType', (i) => i.referralType, null],
      ['service', (i) => [i.serviceId, i.serviceName], [null, null]],
      ['referralRequestVersion', (i) => [i.version, i.referralVersion], [null, null]],
    ])('%s', (name, read, absent) => {
      const present = read(mapWorklist(fixture('referrals-for-review')).items[0] as ReferralForReviewWorklistItem);
      expect(present).not.toEqual(absent);
      expect(present).not.toBeNull();
      const item = mapWorklist(withoutPart(fixture('referrals-for-review'), name)).items[0] as ReferralForReviewWorklistItem;
      expect(item).toBeInstanceOf(ReferralForReviewWorklistItem);
      expect(read(item)).toEqual(absent);
    });
  });

  describe('liberal reading', () => {
    it.each<[string, (list: Json) => void, (worklist: Worklist) => unknown, unknown]>([
      [
        'unknown extensions on the entry and unknown parts in the item',
        (l) => {
          l.entry[0].extension.push({ url: 'https://example.invalid/Extension-Future-1', valueString: 'x' });
          parts(l).push({ url: 'futurePart', valueString: 'x' }, { valueString: 'no url' }, 'garbage');
        },
        (w) => [w.items.length, w.items[0]?.ubrn, (w.items[0] as ReferralForReviewWorklistItem).serviceId],
        [2, '999000000101', '99002'],
      ],
      [
        'an item of a worklist this server does not know (common fields kept)',
        (l) => (l.entry[0].extension[0].url = 'https://fhir.nhs.uk/STU3/StructureDefinition/Extension-eRS-FutureList-WorkListItem-1'),
        (w) => [w.worklistType, w.items[0] instanceof OtherWorklistItem, domain(w.items[0])],
        [
          null,
          true,
          {
            ubrn: '999000000101',
            version: '7',
            worklistType: null,
            priority: PRIORITY,
            patientNhsNumber: '9990000018',
            referralUbrn: '999000000101',
            referralVersion: '7',
            adviceAndGuidanceUbrn: null,
            adviceAndGuidanceVersion: null,
          },
        ],
      ],
      [
        'an entry with no worklist extension at all',
        (l) => delete l.entry[0].extension,
        (w) => [w.items[0] instanceof OtherWorklistItem, w.items[0]?.ubrn, w.items[0]?.patientNhsNumber],
        [true, '999000000101', null],
      ],
      [
        'entries without a UBRN (skipped)',
        (l) => {
          l.entry[0].item = { reference: 'ReferralRequest/not-a-ubrn' };
          l.entry.push(null, 'garbage', {});
        },
        (w) => w.items.map((item) => item.ubrn),
        ['999000000102'],
      ],
      [
        'a dangling contained patient reference (the id still names the NHS number)',
        (l) => (l.contained = []),
        (w) => [w.items[0]?.patientNhsNumber, (w.items[0] as ReferralForReviewWorklistItem).allocatedClinicianUserId],
        ['9990000018', '999000000888'],
      ],
      [
        'garbage values in optional parts',
        (l) => {
          const all = parts(l);
          all.find((p: Json) => p.url === 'clinicalInfoPrinted').valueBoolean = 'maybe';
          all.find((p: Json) => p.url === 'referralRequestVersion').valueInteger = { nonsense: true };
          all.find((p: Json) => p.url === 'service').valueReference = 'nonsense';
          all.find((p: Json) => p.url === 'specialty').valueCodeableConcept = [];
          all.find((p: Json) => p.url === 'appointmentStart').valueDateTime = 42;
        },
        (w) => {
          const item = w.items[0] as ReferralForReviewWorklistItem;
          return [item.clinicalInfoPrinted, item.version, item.serviceId, item.specialty, item.appointmentStart];
        },
        [null, null, null, null, null],
      ],
      [
        'a version sent as a string',
        (l) => (parts(l).find((p: Json) => p.url === 'referralRequestVersion').valueInteger = '11'),
        (w) => w.items[0]?.version,
        '11',
      ],
      [
        'a worklist with items of two worklists (no single worklistType)',
        (l) => l.entry.push(fixture('letters-outstanding').entry[0]),
        (w) => [w.worklistType, w.items.length],
        [null, 3],
      ],
    ])('maps %s', (_name, change, read, expected) => {
      const list = fixture('referrals-for-review');
      change(list);
      expect(read(mapWorklist(deepFreeze(list)))).toEqual(expected);
    });
  });

  it.each([
    ['null', null],
    ['a number', 7],
    ['a Bundle', { resourceType: 'Bundle' }],
  ])('throws FhirMappingError for %s', (_name, input) => {
    expect(() => mapWorklist(input)).toThrow(FhirMappingError);
  });
});
