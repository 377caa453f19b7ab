import { FhirMappingError } from '../../datasources/ers/fhir';
import { mapAppointmentSlots } from '../../datasources/ers/slot.mapper';
import { Slot } from '../../schema/slot.type';
import { SlotStatus } from '../../schema/slot-status.enum';
import { deepFreeze, loadFhirFixture } from '../fixtures/fhir/load';

type Json = Record<string, any>;

const page = (): Json => loadFhirFixture('slot.bundle.json');
const ACNE = { system: '_baseUrl_/STU3/CodeSystem/CLINIC-TYPE', code: 'ACNE', display: 'Acne' };

/** A slot without its raw FHIR, for comparing. */
function domain(slot: Slot | undefined): Record<string, unknown> {
  const { fhir: _fhir, ...rest } = slot as Slot;
  return { ...rest };
}

/** The Slot resources / the Schedule resources of the fixture bundle. */
const slotsOf = (bundle: Json): Json[] => bundle.entry.filter((e: Json) => e.resource.resourceType === 'Slot').map((e: Json) => e.resource);
const scheduleOf = (bundle: Json, id: string): Json => bundle.entry.find((e: Json) => e.resource.id === id).resource;

describe('mapAppointmentSlots', () => {
  it('maps a page of slots with their schedules, the total and the next page link', () => {
    const bundle = deepFreeze(page());
    const result = mapAppointmentSlots(bundle);
    expect(result.total).toBe(12);
    expect(result.nextPageUrl).toBe(
      'https://ers.invalid/STU3/Slot?schedule.actor%3AHealthcareService=99001&appointmentType=ROUTINE&_count=3&status=free&_include=Slot%3Aschedule&page=2',
    );
    expect(result.slots.map((slot) => slot.id)).toEqual(['99000012', '99000013', '99000014']);
    expect(result.slots[0]).toBeInstanceOf(Slot);
    expect(result.slots[0]!.fhir).toBe(slotsOf(bundle)[0]);
    expect(domain(result.slots[0])).toEqual({
      id: '99000012',
      alternativeId: 'USRN-99000012',
      start: '2030-05-22T20:59:43.956Z',
      end: '2030-05-22T21:59:43.956Z',
      status: SlotStatus.FREE,
      serviceId: '99001',
      serviceName: 'Synthetic Dermatology Service',
      clinicianUserId: '999000000777',
      clinicianName: 'Dr Synthetic Clinician',
      appointmentType: { system: 'http://hl7.org/fhir/v2/0276', code: 'ROUTINE', display: 'Routine appointment' },
      clinicTypes: [ACNE],
      specialty: { system: '_baseUrl_/STU3/CodeSystem/SPECIALTY', code: 'DERMATOLOGY', display: 'Dermatology' },
      locationOdsCode: 'X9901',
      locationName: 'Synthetic Hospital Site',
      comment: 'Synthetic slot comment',
    });
    expect(domain(result.slots[1])).toEqual({
      id: '99000013',
      alternativeId: 'USRN-99000013',
      start: '2030-05-22T21:59:43.956Z',
      end: '2030-05-22T22:59:43.956Z',
      status: SlotStatus.FREE,
      serviceId: '99001',
      serviceName: null,
      clinicianUserId: null,
      clinicianName: null,
      appointmentType: null,
      clinicTypes: [],
      specialty: null,
      locationOdsCode: null,
      locationName: null,
      comment: null,
    });
    // The third slot shares the first one's schedule (clinician, clinic type) but has no own extras.
    expect(result.slots[2]).toMatchObject({ clinicianUserId: '999000000777', clinicTypes: [ACNE], specialty: null, comment: null });
  });

  it('maps an empty page', () => {
    const bundle = page();
    bundle.total = 0;
    bundle.entry = [];
    bundle.link = bundle.link.slice(0, 1);
    expect(mapAppointmentSlots(bundle)).toEqual({ slots: [], total: 0, nextPageUrl: null });
  });

  describe('each optional element, present and absent', () => {
    const rows: Array<{
      element: string;
      on: 'slot' | 'schedule' | 'bundle';
      remove: (b: Json) => void;
      read: (r: ReturnType<typeof mapAppointmentSlots>) => unknown;
      present: unknown;
      absent: unknown;
    }> = [
      {
        element: 'Slot.identifier',
        on: 'slot',
        remove: (b) => delete slotsOf(b)[0].identifier,
        read: (r) => r.slots[0]!.alternativeId,
        present: 'USRN-99000012',
        absent: null,
      },
      {
        element: 'Slot.start',
        on: 'slot',
        remove: (b) => delete slotsOf(b)[0].start,
        read: (r) => r.slots[0]!.start,
        present: '2030-05-22T20:59:43.956Z',
        absent: null,
      },
      {
        element: 'Slot.end',
        on: 'slot',
        remove: (b) => delete slotsOf(b)[0].end,
        read: (r) => r.slots[0]!.end,
        present: '2030-05-22T21:59:43.956Z',
        absent: null,
      },
      {
        element: 'Slot.status',
        on: 'slot',
        remove: (b) => delete slotsOf(b)[0].status,
        read: (r) => r.slots[0]!.status,
        present: SlotStatus.FREE,
        absent: null,
      },
      {
        element: 'Slot.appointmentType',
        on: 'slot',
        remove: (b) => delete slotsOf(b)[0].appointmentType,
        read: (r) => r.slots[0]!.appointmentType?.code ?? null,
        present: 'ROUTINE',
        absent: null,
      },
      {
        element: 'Slot.specialty',
        on: 'slot',
        remove: (b) => delete slotsOf(b)[0].specialty,
        read: (r) => r.slots[0]!.specialty?.code ?? null,
        present: 'DERMATOLOGY',
        absent: null,
      },
      {
        element: 'Slot.comment',
        on: 'slot',
        remove: (b) => delete slotsOf(b)[0].comment,
        read: (r) => r.slots[0]!.comment,
        present: 'Synthetic slot comment',
        absent: null,
      },
      {
        element: 'Slot.serviceType and Schedule.serviceType',
        on: 'schedule',
        remove: (b) => {
          delete slotsOf(b)[0].serviceType;
          delete scheduleOf(b, '99001-999000000777').serviceType;
        },
        read: (r) => r.slots[0]!.clinicTypes,
        present: [ACNE],
        absent: [],
      },
      {
        element: 'Slot.schedule',
        on: 'slot',
        remove: (b) => delete slotsOf(b)[0].schedule,
        read: (r) => [r.slots[0]!.serviceId, r.slots[0]!.clinicianUserId],
        present: ['99001', '999000000777'],
        absent: [null, null],
      },
      {
        element: 'the clinician actor of the Schedule',
        on: 'schedule',
        remove: (b) => scheduleOf(b, '99001-999000000777').actor.splice(1, 1),
        read: (r) => [r.slots[0]!.clinicianUserId, r.slots[0]!.clinicianName],
        present: ['999000000777', 'Dr Synthetic Clinician'],
        absent: [null, null],
      },
      {
        element: 'the location actor of the Schedule',
        on: 'schedule',
        remove: (b) => scheduleOf(b, '99001-999000000777').actor.splice(2, 1),
        read: (r) => [r.slots[0]!.locationOdsCode, r.slots[0]!.locationName],
        present: ['X9901', 'Synthetic Hospital Site'],
        absent: [null, null],
      },
      {
        element: 'the included Schedule',
        on: 'schedule',
        remove: (b) => (b.entry = b.entry.filter((e: Json) => e.resource.id !== '99001-999000000777')),
        read: (r) => [r.slots[0]!.serviceId, r.slots[0]!.clinicianUserId],
        present: ['99001', '999000000777'],
        absent: [null, null],
      },
      { element: 'Bundle.total', on: 'bundle', remove: (b) => delete b.total, read: (r) => r.total, present: 12, absent: null },
      {
        element: 'the next link',
        on: 'bundle',
        remove: (b) => (b.link = b.link.slice(0, 1)),
        read: (r) => r.nextPageUrl !== null,
        present: true,
        absent: false,
      },
    ];
    it.each(rows)('$element: mapped when present', ({ read, present }) => {
      expect(read(mapAppointmentSlots(page()))).toEqual(present);
    });
    it.each(rows)('$element: empty when absent', ({ remove, read, absent }) => {
      const bundle = page();
      remove(bundle);
      expect(read(mapAppointmentSlots(bundle))).toEqual(absent);
    });
  });

  it('uses the only Schedule of the bundle for a slot that names none', () => {
    const bundle = page();
    bundle.entry = bundle.entry.filter((e: Json) => e.resource.id !== '99001');
    slotsOf(bundle).forEach((slot) => delete slot.schedule);
    expect(mapAppointmentSlots(bundle).slots.map((slot) => slot.clinicianUserId)).toEqual(['999000000777', '999000000777', '999000000777']);
  });

  it('matches a schedule by its ers-schedule identifier and actors by reference', () => {
    const bundle = page();
    const schedule = scheduleOf(bundle, '99001-999000000777');
    schedule.id = 'other';
    schedule.actor = [
      { reference: 'HealthcareService/99005', display: 'Synthetic Ref Service' },
      { reference: 'Practitioner/999000000555' },
    ];
    expect(mapAppointmentSlots(bundle).slots[0]).toMatchObject({
      serviceId: '99005',
      serviceName: 'Synthetic Ref Service',
      clinicianUserId: '999000000555',
    });
  });

  it('takes a slot id from fullUrl when the resource has none, and skips slots with neither', () => {
    const bundle = page();
    delete bundle.entry[0].resource.id;
    delete bundle.entry[1].resource.id;
    delete bundle.entry[1].fullUrl;
    expect(mapAppointmentSlots(bundle).slots.map((slot) => slot.id)).toEqual(['99000012', '99000014']);
  });

  it.each(Object.entries(SlotStatus))('maps status %s', (name, code) => {
    const bundle = page();
    slotsOf(bundle)[0].status = code;
    expect(mapAppointmentSlots(bundle).slots[0]!.status).toBe(SlotStatus[name as keyof typeof SlotStatus]);
  });

  it('ignores unknown extensions, elements and entries', () => {
    const unknown = { url: 'https://example.invalid/Extension-Unknown', valueString: 'x' };
    const bundle = page();
    slotsOf(bundle)[0].extension = [unknown];
    scheduleOf(bundle, '99001').extension = [unknown];
    bundle.entry.push({ resource: { resourceType: 'OperationOutcome', issue: [] } });
    bundle.extension = [unknown];
    const result = mapAppointmentSlots(bundle);
    expect(result.slots.map(domain)).toEqual(mapAppointmentSlots(page()).slots.map(domain));
    expect(result.slots[0]!.fhir.extension).toEqual([unknown]);
  });

  it.each<[string, (b: Json) => void]>([
    ['entry is an object', (b) => (b.entry = { resource: slotsOf(b)[0] })],
    ['entry holds garbage', (b) => b.entry.push(null, 'x', { resource: 'x' }, {})],
    ['a schedule has string actors', (b) => (scheduleOf(b, '99001-999000000777').actor = 'x')],
    ['actors hold garbage', (b) => (scheduleOf(b, '99001-999000000777').actor = [null, {}, { identifier: 7 }])],
    ['a slot start is not a date', (b) => (slotsOf(b)[0].start = 'soon')],
    ['a slot status is unknown', (b) => (slotsOf(b)[0].status = 'maybe')],
    ['a slot schedule is a string', (b) => (slotsOf(b)[0].schedule = 'Schedule/99001')],
    ['serviceType is garbage', (b) => (slotsOf(b)[0].serviceType = [{ coding: 'x' }, 7])],
    ['total is negative', (b) => (b.total = -1)],
    ['total is a string', (b) => (b.total = 'many')],
    ['link is an object', (b) => (b.link = { relation: 'next', url: 'https://ers.invalid/next' })],
    ['link holds garbage', (b) => (b.link = [null, { relation: 7 }])],
  ])('does not crash when %s', (_name, mutate) => {
    const bundle = page();
    mutate(bundle);
    const result = mapAppointmentSlots(bundle);
    expect(Array.isArray(result.slots)).toBe(true);
    expect(result.total === null || result.total >= 0).toBe(true);
    result.slots.forEach((slot) => {
      expect(slot.start === null || /^\d{4}-/.test(slot.start)).toBe(true);
    });
  });

  it.each([
    ['null', null],
    ['an array', []],
    ['a Slot rather than a Bundle', { resourceType: 'Slot', id: '1' }],
  ])('throws FhirMappingError for %s', (_name, input) => {
    expect(() => mapAppointmentSlots(input)).toThrow(FhirMappingError);
  });
});
