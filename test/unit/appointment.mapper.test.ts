import { mapAppointment } from '../../datasources/ers/appointment.mapper';
import { FhirMappingError } from '../../datasources/ers/fhir';
import { Appointment } from '../../schema/appointment.type';
import { AppointmentStatus } from '../../schema/appointment-status.enum';
import { deepFreeze, loadFhirFixture } from '../fixtures/fhir/load';

type Json = Record<string, any>;

const booked = (): Json => loadFhirFixture('appointment.booked.json');
const cancelled = (): Json => loadFhirFixture('appointment.cancelled.json');

/** The mapped appointment without its raw FHIR, for comparing. */
function domain(appointment: Appointment): Omit<Appointment, 'fhir'> {
  const { fhir: _fhir, ...rest } = appointment;
  return { ...rest };
}

const reviewReason = (code: string) => ({
  coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1', code }],
});
const reviewOutcome = (code: string) => ({
  coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewOutcome-1', code, display: 'Synthetic outcome' }],
});

describe('mapAppointment', () => {
  it('maps a booked appointment with every element to typed fields and link properties', () => {
    const resource = deepFreeze(booked());
    const appointment = mapAppointment(resource);
    expect(appointment).toBeInstanceOf(Appointment);
    expect(appointment.fhir).toBe(resource);
    expect(domain(appointment)).toEqual({
      id: '99700',
      version: '3',
      status: AppointmentStatus.BOOKED,
      start: '2030-03-01T08:00:00.000Z',
      end: '2030-03-01T09:00:00.000Z',
      created: '2030-02-24T14:02:37.672Z',
      slotId: '99410241',
      serviceName: 'Synthetic Dermatology Service',
      patientNhsNumber: '9990000018',
      allocatedClinicianUserId: '999000000777',
      reason: null,
      reviewReason: null,
      reviewOutcome: null,
      cancellationReason: null,
      comment: null,
      referralUbrn: '999000000101',
      referralVersion: '6',
      serviceId: '99001',
    });
  });

  it('maps a cancelled appointment: reason, cancellation reason and comment, no time or slot', () => {
    const cancellation = {
      system: '_baseUrl_/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON',
      code: 'PATIENT_HOLIDAY',
      display: 'Patient on holiday',
    };
    expect(domain(mapAppointment(cancelled()))).toEqual({
      id: '99706',
      version: '5',
      status: AppointmentStatus.CANCELLED,
      start: null,
      end: null,
      created: '2030-02-24T14:21:12.927Z',
      slotId: null,
      serviceName: 'Synthetic Minimal Service',
      patientNhsNumber: '9990000026',
      allocatedClinicianUserId: null,
      reason: cancellation,
      reviewReason: null,
      reviewOutcome: null,
      cancellationReason: cancellation,
      comment: 'Synthetic comment: patient away',
      referralUbrn: '999000000107',
      referralVersion: '7',
      serviceId: '99002',
    });
  });

  describe('each optional element, present and absent', () => {
    const rows: Array<{ element: string; read: (a: Appointment) => unknown; present: unknown }> = [
      { element: 'start', read: (a) => a.start, present: '2030-03-01T08:00:00.000Z' },
      { element: 'end', read: (a) => a.end, present: '2030-03-01T09:00:00.000Z' },
      { element: 'created', read: (a) => a.created, present: '2030-02-24T14:02:37.672Z' },
      { element: 'slot', read: (a) => a.slotId, present: '99410241' },
      { element: 'incomingReferral', read: (a) => [a.referralUbrn, a.referralVersion], present: ['999000000101', '6'] },
      {
        element: 'participant',
        read: (a) => [a.serviceId, a.patientNhsNumber, a.allocatedClinicianUserId],
        present: ['99001', '9990000018', '999000000777'],
      },
    ];
    it.each(rows)('$element: mapped when present', ({ read, present }) => {
      expect(read(mapAppointment(booked()))).toEqual(present);
    });
    it.each(rows)('$element: null when absent', ({ element, read }) => {
      const resource = booked();
      delete resource[element];
      const value = read(mapAppointment(resource));
      expect(Array.isArray(value) ? value : [value]).toEqual(Array.isArray(value) ? value.map(() => null) : [null]);
    });
  });

  it.each<[string, Json, Partial<Record<'reviewReason' | 'reviewOutcome' | 'cancellationReason', string>>]>([
    ['a review reason (deferral)', reviewReason('NO_SLOTS_AT_SERVICE'), { reviewReason: 'NO_SLOTS_AT_SERVICE' }],
    ['a review reason (triage)', reviewReason('TRIAGE'), { reviewReason: 'TRIAGE' }],
    ['a review outcome', reviewOutcome('RETURN_TO_REFERRER_WITH_ADVICE'), { reviewOutcome: 'RETURN_TO_REFERRER_WITH_ADVICE' }],
    [
      'a cancellation reason (https system)',
      { coding: [{ system: 'https://ers.invalid/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON', code: 'X' }] },
      { cancellationReason: 'X' },
    ],
    ['a reason without system', { coding: [{ code: 'UNCLASSIFIED' }] }, {}],
    ['a reason of another system', { coding: [{ system: 'https://example.invalid/Other', code: 'OTHER' }] }, {}],
  ])('classifies %s', (_name, concept, expected) => {
    const resource = booked();
    resource.reason = [concept];
    const appointment = mapAppointment(resource);
    expect(appointment.reason?.code).toBe(concept.coding[0].code);
    expect({
      reviewReason: appointment.reviewReason?.code,
      reviewOutcome: appointment.reviewOutcome?.code,
      cancellationReason: appointment.cancellationReason?.code,
    }).toEqual({ reviewReason: undefined, reviewOutcome: undefined, cancellationReason: undefined, ...expected });
  });

  it.each(Object.entries(AppointmentStatus))('maps status %s', (name, code) => {
    const resource = booked();
    resource.status = code;
    expect(mapAppointment(resource).status).toBe(AppointmentStatus[name as keyof typeof AppointmentStatus]);
  });

  it.each<[string, (participant: Json) => void]>([
    ['a single object (A038 known issue)', () => undefined],
    ['an array', (p) => (p.type = [p.type])],
  ])('reads the clinician participant when type is %s', (_name, mutate) => {
    const resource = booked();
    mutate(resource.participant[2]);
    expect(mapAppointment(resource).allocatedClinicianUserId).toBe('999000000777');
  });

  it('reads a CON participant without an identifier system as the clinician', () => {
    const resource = booked();
    resource.participant[2].actor.identifier = { value: '999000000888' };
    expect(mapAppointment(resource).allocatedClinicianUserId).toBe('999000000888');
  });

  it('reads participants given as references', () => {
    const resource = booked();
    resource.participant = [
      { actor: { reference: 'HealthcareService/99003', display: 'Synthetic Ref Service' } },
      { actor: { reference: 'Patient/9990000034' } },
      { actor: { reference: 'Practitioner/999000000999' } },
    ];
    const appointment = mapAppointment(resource);
    expect([appointment.serviceId, appointment.serviceName, appointment.patientNhsNumber, appointment.allocatedClinicianUserId]).toEqual([
      '99003',
      'Synthetic Ref Service',
      '9990000034',
      '999000000999',
    ]);
  });

  it('maps https nhs.uk identifier systems like the fhir.nhs.net ones', () => {
    const original = booked();
    const changed = JSON.parse(JSON.stringify(original).replace(/http:\/\/fhir\.nhs\.net\/Id\//g, 'https://fhir.nhs.uk/Id/'));
    expect(domain(mapAppointment(changed))).toEqual(domain(mapAppointment(original)));
  });

  it('takes the referral version as absent when incomingReferral is not versioned', () => {
    const resource = booked();
    resource.incomingReferral = [{ reference: 'ReferralRequest/999000000101' }];
    const appointment = mapAppointment(resource);
    expect([appointment.referralUbrn, appointment.referralVersion]).toEqual(['999000000101', null]);
  });

  it('ignores unknown extensions and elements and keeps them in fhir', () => {
    const unknown = { url: 'https://example.invalid/Extension-Unknown', valueString: 'x' };
    const resource = booked();
    resource.extension = [unknown];
    resource.participant[0].extension = [unknown];
    resource.futureElement = { anything: true };
    const appointment = mapAppointment(resource);
    expect(domain(appointment)).toEqual(domain(mapAppointment(booked())));
    expect(appointment.fhir.extension).toEqual([unknown]);
  });

  it('takes the version from the ETag when meta.versionId is missing (versioned read)', () => {
    const resource = booked();
    delete resource.meta;
    expect(mapAppointment(resource, 'W/"9"').version).toBe('9');
    expect(mapAppointment(resource).version).toBe('');
  });

  it.each<[string, (r: Json) => void, Partial<Omit<Appointment, 'fhir'>>]>([
    ['status is unknown', (r) => (r.status = 'waitlisted'), { status: null }],
    ['status is a number', (r) => (r.status = 7), { status: null }],
    ['start is not a date', (r) => (r.start = 'next Tuesday'), { start: null }],
    ['end is an object', (r) => (r.end = { value: '2030' }), { end: null }],
    ['created is a number', (r) => (r.created = 20300224), { created: null }],
    ['slot is a string', (r) => (r.slot = 'Slot/1'), { slotId: '1' }],
    ['slot holds garbage', (r) => (r.slot = [null, 7, {}]), { slotId: null }],
    [
      'incomingReferral is not a referral UBRN',
      (r) => (r.incomingReferral = [{ reference: 'ReferralRequest/abc' }]),
      { referralUbrn: null, referralVersion: null },
    ],
    [
      'incomingReferral is an object',
      (r) => (r.incomingReferral = { reference: 'ReferralRequest/999000000101/_history/6' }),
      { referralUbrn: '999000000101', referralVersion: '6' },
    ],
    [
      'participant is a string',
      (r) => (r.participant = 'x'),
      { serviceId: null, patientNhsNumber: null, allocatedClinicianUserId: null, serviceName: null },
    ],
    [
      'participants hold garbage',
      (r) => (r.participant = [null, {}, { actor: 'x' }, { actor: { identifier: 'x' } }]),
      { serviceId: null, patientNhsNumber: null },
    ],
    ['reason is garbage', (r) => (r.reason = [{ coding: 'x' }, null]), { reason: null, cancellationReason: null }],
    ['comment is an object', (r) => (r.comment = { text: 'x' }), { comment: null }],
    ['meta is a string', (r) => (r.meta = 'x'), { version: '' }],
    ['id is missing', (r) => delete r.id, { id: '' }],
  ])('does not crash when %s', (_name, mutate, expected) => {
    const resource = booked();
    mutate(resource);
    expect(mapAppointment(resource)).toMatchObject(expected);
  });

  it('does not mutate its input', () => {
    const resource = deepFreeze(cancelled());
    expect(() => mapAppointment(resource)).not.toThrow();
  });

  it.each([
    ['null', null],
    ['a string', 'Appointment'],
    ['an array', [booked()]],
    ['another resource', { resourceType: 'ReferralRequest' }],
    ['no resourceType', { id: '1' }],
  ])('throws FhirMappingError for %s', (_name, input) => {
    expect(() => mapAppointment(input)).toThrow(FhirMappingError);
  });
});
