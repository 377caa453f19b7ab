import type { FhirResource } from './fhir';
import { ersCodeSystem, SYSTEM } from './shortlist.builder';

/** Why a referral is deferred to the provider rather than booked (eRS-ReviewReason-1). */
export type DeferralReason = 'NO_SLOTS_AT_SERVICE' | 'SLOT_NOT_AVAILABLE' | 'BOOKING_ATTEMPT_PROBLEM' | 'TRIAGE';

/** Which referral an appointment request is for, and at which service. */
interface AppointmentContext {
  /** The referral's UBRN. */
  ubrn: string;
  /** The referral's current version (A005 meta.versionId). */
  referralVersion: string;
  patientNhsNumber: string;
  /** A service on the referral's shortlist. */
  serviceId: string;
}

/** Book a slot (A015) at a directly bookable service. */
export interface AppointmentBooking {
  slotId: string;
  /** The slot's start and end (FHIR instants, as A015 returned them). */
  start: string;
  end: string;
  /** The slot's named clinician, when it has one (SDS user id). */
  namedClinicianUserId?: string;
}

/** Hand booking over to the service (no slots, slot gone, booking failed) or refer into triage. */
export interface AppointmentDeferral {
  reason: DeferralReason;
  comment?: string;
  /** The slot that could not be booked (SLOT_NOT_AVAILABLE). */
  slotId?: string;
}

/** A016: either a booking or a deferral. */
export type BookOrDeferAppointmentInput = AppointmentContext &
  ({ book: AppointmentBooking; defer?: never } | { defer: AppointmentDeferral; book?: never });

/** A034: cancel the referral's current appointment, as A038 returned it. */
export interface CancelAppointmentInput {
  appointmentId: string;
  /** The appointment's current version (A038 meta.versionId; also the If-Match). */
  appointmentVersion: string;
  ubrn: string;
  /** The referral version the appointment refers to (its incomingReferral). */
  referralVersion: string;
  patientNhsNumber: string;
  serviceId: string;
  /** The service's name, as the appointment shows it. */
  serviceName?: string;
  /** An APPOINTMENT-CANCELLATION-REASON code (A004) with usage CANCEL. */
  reason: string;
  /** Mandatory when the reason's commentIsMandatory is set. */
  comment?: string;
}

const META_PROFILE = [
  'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Appointment-1',
  'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Appointment-1',
];
const REVIEW_REASON = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1';
const DESCRIPTION = 'e-Referral Appointment';

const referralReference = (ubrn: string, version: string) => [{ reference: `ReferralRequest/${ubrn}/_history/${version}` }];
const serviceParticipant = (serviceId: string, serviceName?: string) => ({
  actor: {
    identifier: { system: SYSTEM.ersService, value: serviceId },
    ...(serviceName !== undefined ? { display: serviceName } : {}),
  },
  status: 'accepted',
});
const patientParticipant = (nhsNumber: string) => ({
  actor: { identifier: { system: SYSTEM.nhsNumber, value: nhsNumber } },
  status: 'accepted',
});

/**
 * A016 request body (`POST /STU3/Appointment`, no If-Match): an eRS-Appointment-1 with id
 * `appointment`; `booked` with the slot, its times and the named clinician for a booking,
 * `proposed` with an eRS-ReviewReason-1 reason for a deferral or triage referral.
 */
export function buildBookOrDeferAppointment(input: BookOrDeferAppointmentInput): FhirResource {
  const participant: Array<Record<string, unknown>> = [serviceParticipant(input.serviceId), patientParticipant(input.patientNhsNumber)];
  const appointment: FhirResource = { id: 'appointment', meta: { profile: META_PROFILE }, language: 'en', resourceType: 'Appointment' };
  if (input.book) {
    Object.assign(appointment, {
      status: 'booked',
      description: DESCRIPTION,
      start: input.book.start,
      end: input.book.end,
      slot: [{ reference: `Slot/${input.book.slotId}` }],
    });
    if (input.book.namedClinicianUserId !== undefined) {
      participant.push({
        type: { coding: [{ system: 'http://hl7.org/fhir/ValueSet/encounter-participant-type', code: 'CON' }] },
        actor: { identifier: { system: SYSTEM.sdsUserId, value: input.book.namedClinicianUserId } },
        status: 'accepted',
      });
    }
  } else {
    appointment.status = 'proposed';
    appointment.reason = [{ coding: [{ system: REVIEW_REASON, code: input.defer.reason }] }];
    appointment.description = DESCRIPTION;
    if (input.defer.slotId !== undefined) appointment.slot = [{ reference: `Slot/${input.defer.slotId}` }];
    if (input.defer.comment !== undefined) appointment.comment = input.defer.comment;
  }
  appointment.incomingReferral = referralReference(input.ubrn, input.referralVersion);
  appointment.participant = participant;
  return appointment;
}

/**
 * A034 request body (`PUT /STU3/Appointment/{appointmentId}`, If-Match the appointment's
 * version): the current appointment with status `cancelled`, an APPOINTMENT-CANCELLATION-REASON
 * reason under the e-RS base URL and the optional comment. Cancelling is the only update e-RS allows.
 */
export function buildCancelAppointment(input: CancelAppointmentInput, ersBaseUrl: string): FhirResource {
  const appointment: FhirResource = {
    id: input.appointmentId,
    meta: { versionId: input.appointmentVersion, profile: META_PROFILE },
    language: 'en',
    resourceType: 'Appointment',
    status: 'cancelled',
    reason: [{ coding: [{ system: ersCodeSystem(ersBaseUrl, 'APPOINTMENT-CANCELLATION-REASON'), code: input.reason }] }],
  };
  if (input.comment !== undefined) appointment.comment = input.comment;
  appointment.description = DESCRIPTION;
  appointment.incomingReferral = referralReference(input.ubrn, input.referralVersion);
  appointment.participant = [serviceParticipant(input.serviceId, input.serviceName), patientParticipant(input.patientNhsNumber)];
  return appointment;
}
