import {
  BookOrDeferAppointmentInput,
  buildBookOrDeferAppointment,
  buildCancelAppointment,
  CancelAppointmentInput,
} from '../../datasources/ers/appointment.builder';

const BASE = 'https://sandbox.api.service.nhs.uk/referrals/FHIR';
const PROFILE = [
  'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Appointment-1',
  'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1',
];
const context = { ubrn: '999000070001', referralVersion: '4', patientNhsNumber: '9990000001', serviceId: '99201' };
const service = { actor: { identifier: { system: 'http://fhir.nhs.net/Id/ers-service', value: '99201' } }, status: 'accepted' };
const patient = { actor: { identifier: { system: 'http://fhir.nhs.net/Id/nhs-number', value: '9990000001' } }, status: 'accepted' };
const clinician = {
  type: { coding: [{ system: 'http://hl7.org/fhir/ValueSet/encounter-participant-type', code: 'CON' }] },
  actor: { identifier: { system: 'http://fhir.nhs.net/Id/sds-user-id', value: '999000000003' } },
  status: 'accepted',
};
const common = {
  id: 'appointment',
  meta: { profile: PROFILE },
  language: 'en',
  resourceType: 'Appointment',
  description: 'e-Referral Appointment',
  incomingReferral: [{ reference: 'ReferralRequest/999000070001/_history/4' }],
};
const reason = (code: string) => [{ coding: [{ system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1', code }] }];
const booking = { slotId: '99201001', start: '2025-04-01T09:00:00+00:00', end: '2025-04-01T09:30:00+00:00' };

describe('buildBookOrDeferAppointment (A016)', () => {
  it.each<[string, BookOrDeferAppointmentInput, unknown]>([
    [
      'a booking: booked, slot and times, service and patient',
      { ...context, book: booking },
      {
        ...common,
        status: 'booked',
        start: booking.start,
        end: booking.end,
        slot: [{ reference: 'Slot/99201001' }],
        participant: [service, patient],
      },
    ],
    [
      'a booking with the slot’s named clinician as a CON participant',
      { ...context, book: { ...booking, namedClinicianUserId: '999000000003' } },
      {
        ...common,
        status: 'booked',
        start: booking.start,
        end: booking.end,
        slot: [{ reference: 'Slot/99201001' }],
        participant: [service, patient, clinician],
      },
    ],
    [
      'a triage referral: proposed, reason TRIAGE, nothing else',
      { ...context, defer: { reason: 'TRIAGE' } },
      { ...common, status: 'proposed', reason: reason('TRIAGE'), participant: [service, patient] },
    ],
    [
      'a deferral with a comment',
      { ...context, defer: { reason: 'NO_SLOTS_AT_SERVICE', comment: 'None this month' } },
      { ...common, status: 'proposed', reason: reason('NO_SLOTS_AT_SERVICE'), comment: 'None this month', participant: [service, patient] },
    ],
    [
      'a deferral naming the slot that was gone',
      { ...context, defer: { reason: 'SLOT_NOT_AVAILABLE', slotId: '99201002' } },
      {
        ...common,
        status: 'proposed',
        reason: reason('SLOT_NOT_AVAILABLE'),
        slot: [{ reference: 'Slot/99201002' }],
        participant: [service, patient],
      },
    ],
  ])('builds %s', (_name, input, expected) => {
    expect(buildBookOrDeferAppointment(input)).toStrictEqual(expected);
  });
});

describe('buildCancelAppointment (A034)', () => {
  const input: CancelAppointmentInput = {
    appointmentId: '99070',
    appointmentVersion: '2',
    ubrn: '999000070001',
    referralVersion: '4',
    patientNhsNumber: '9990000001',
    serviceId: '99201',
    reason: 'PATIENT_ILL',
  };
  const cancelled = {
    id: '99070',
    meta: { versionId: '2', profile: PROFILE },
    language: 'en',
    resourceType: 'Appointment',
    status: 'cancelled',
    reason: [{ coding: [{ system: `${BASE}/STU3/CodeSystem/APPOINTMENT-CANCELLATION-REASON`, code: 'PATIENT_ILL' }] }],
    description: 'e-Referral Appointment',
    incomingReferral: [{ reference: 'ReferralRequest/999000070001/_history/4' }],
    participant: [service, patient],
  };

  it('builds the cancelled appointment with its version and the reason under the e-RS base URL', () => {
    expect(buildCancelAppointment(input, BASE)).toStrictEqual(cancelled);
  });

  it('adds the comment and the service name when given', () => {
    expect(buildCancelAppointment({ ...input, comment: 'Unwell', serviceName: 'Synthetic Dermatology' }, `${BASE}/`)).toStrictEqual({
      ...cancelled,
      comment: 'Unwell',
      participant: [{ ...service, actor: { ...service.actor, display: 'Synthetic Dermatology' } }, patient],
    });
  });
});
