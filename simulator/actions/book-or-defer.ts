/**
 * A016 Book or defer appointment. The body is an eRS-Appointment naming the referral version in
 * incomingReferral (ReferralRequest/<ubrn>/_history/<version>: a stale version is 409):
 *  - status booked + slot: books a free future slot of a shortlisted directly bookable service -> BOOKED,
 *    the slot becomes busy (a slot that has started is SLOT_NOT_AVAILABLE, "no longer available");
 *  - status proposed + reason TRIAGE: sends the referral to a shortlisted triage service -> AWAITING_TRIAGE;
 *  - status proposed + another eRS-ReviewReason-1 reason: defers booking to a shortlisted directly
 *    bookable service -> DEFERRED_TO_PROVIDER.
 * Allowed only where A029 offers CREATE_APPOINTMENT to the referrer.
 */
import { REVIEW_REASONS } from '../data/reference-data';
import { freeSlots } from '../data/slots';
import {
  type Appointment,
  commitReferralVersion,
  findService,
  type HealthcareService,
  type ReasonCoding,
  type Referral,
  type ReferralChange,
} from '../data/world';
import type { Json } from './parameters';
import {
  type ActionContext,
  type ActionFailure,
  checkVersion,
  fail,
  isFailure,
  loadReferral,
  newAppointment,
  requireAction,
} from './common';

export const APPOINTMENT_PROFILE = 'https://fhir.nhs.uk/STU3/StructureDefinition/eRS-Appointment-1';
const REVIEW_REASON_SYSTEM = 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-ReviewReason-1';
/** The elements of an eRS-Appointment request body (A016, A034). */
export const APPOINTMENT_FIELDS = new Set([
  'id',
  'meta',
  'language',
  'resourceType',
  'status',
  'reason',
  'description',
  'start',
  'end',
  'slot',
  'comment',
  'incomingReferral',
  'participant',
  'created',
]);

export interface BookOrDeferResult {
  referral: Referral;
  appointment: Appointment;
}

const TRIAGE_REASON: ReasonCoding = { system: 'eRS-ReviewReason-1', code: 'TRIAGE', display: REVIEW_REASONS.TRIAGE };

/**
 * Sending a referral to a triage service (A016 with reason TRIAGE, A021, A032): a new proposed
 * appointment with reason TRIAGE, and the change to AWAITING_TRIAGE with that reason (as the
 * A021 / A032 response examples show). The caller commits the change, with any fields of its own.
 */
export function sendForTriage(
  ctx: ActionContext,
  referral: Referral,
  service: HealthcareService,
  comment?: string,
): { change: ReferralChange; appointment: Appointment } | ActionFailure {
  if (!service.requestFlows.includes('REVIEW')) return fail('INAPPROPRIATE_VALUE', `Service ${service.id} is not a triage service.`);
  const appointment: Appointment = { ...newAppointment(ctx, referral, service.id, 'proposed'), reason: TRIAGE_REASON };
  if (comment) appointment.comment = comment;
  return {
    appointment,
    change: { state: 'AWAITING_TRIAGE', appointment, stateReason: TRIAGE_REASON, stateComment: undefined, acceptedAt: undefined },
  };
}

export const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/** An Appointment body's incomingReferral (ReferralRequest/<ubrn>/_history/<version>): MISSING_VALUE / INVALID_VALUE otherwise. */
export function incomingReferralOf(body: Json): { ubrn: string; version: number } | ActionFailure {
  const incoming = body.incomingReferral?.[0]?.reference;
  if (typeof incoming !== 'string')
    return fail('MISSING_VALUE', 'incomingReferral (ReferralRequest/<ubrn>/_history/<version>) is required.');
  const ref = /^ReferralRequest\/(\d{12})\/_history\/(\d+)$/.exec(incoming);
  if (!ref) return fail('INVALID_VALUE', `incomingReferral (${incoming}) must be ReferralRequest/<ubrn>/_history/<version>.`);
  return { ubrn: ref[1], version: Number(ref[2]) };
}

/** The identifier value of the Appointment participant whose actor has the identifier system. */
export function participantIdentifier(body: Json, system: string): string | undefined {
  const participants = Array.isArray(body.participant) ? (body.participant as Json[]) : [];
  return participants.find((p) => p.actor?.identifier?.system === system)?.actor?.identifier?.value;
}

export function bookOrDeferAppointment(ctx: ActionContext, body: unknown): BookOrDeferResult | ActionFailure {
  if (!isObject(body)) return fail('MISSING_VALUE', 'A request body (an eRS-Appointment) is required.');
  if (body.resourceType !== 'Appointment') return fail('INVALID_VALUE', "resourceType must be 'Appointment'.");
  const unexpected = Object.keys(body).find((k) => !APPOINTMENT_FIELDS.has(k));
  if (unexpected) return fail('INVALID_VALUE', `Unexpected field '${unexpected}' in Appointment.`);
  if (!Array.isArray(body.meta?.profile) || !body.meta.profile.includes(APPOINTMENT_PROFILE)) {
    return fail('INVALID_VALUE', `meta.profile must include '${APPOINTMENT_PROFILE}'.`);
  }
  if (body.status !== 'booked' && body.status !== 'proposed')
    return fail('INVALID_CODE', "status must be 'booked' (book) or 'proposed' (defer or send for triage).");

  const ref = incomingReferralOf(body);
  if (isFailure(ref)) return ref;

  const byIdentifier = (system: string): string | undefined => participantIdentifier(body, system);
  const serviceId = byIdentifier('http://fhir.nhs.net/Id/ers-service');
  if (serviceId === undefined) return fail('MISSING_VALUE', 'A participant identifying the service (ers-service) is required.');
  const nhsNumber = byIdentifier('http://fhir.nhs.net/Id/nhs-number');
  if (nhsNumber === undefined) return fail('MISSING_VALUE', 'A participant identifying the patient (nhs-number) is required.');
  const clinicianUserId = byIdentifier('http://fhir.nhs.net/Id/sds-user-id');

  const found = loadReferral(ctx, ref.ubrn);
  if (isFailure(found)) return found.code === 'REC_NOT_FOUND' ? fail('REFERENCE_NOT_FOUND', found.diagnostics) : found;
  const referral = found;
  const stale = checkVersion(ref.version, referral.versionId, `ReferralRequest ${referral.ubrn}`);
  if (stale) return stale;
  if (nhsNumber !== referral.patientNhsNumber) return fail('INAPPROPRIATE_VALUE', 'The patient participant does not match the referral.');
  const refused = requireAction(ctx, referral, 'CREATE_APPOINTMENT');
  if (refused) return refused;

  const service = findService(ctx.world, serviceId);
  if (!service) return fail('REFERENCE_NOT_FOUND', `Service ${serviceId} not found.`);
  if (!referral.shortlist.includes(serviceId))
    return fail('INAPPROPRIATE_VALUE', `Service ${serviceId} is not on the referral's shortlist.`);
  const comment = typeof body.comment === 'string' && body.comment.trim() !== '' ? body.comment : undefined;
  const appointment = newAppointment(ctx, referral, serviceId, body.status);

  if (body.status === 'booked') {
    if (body.reason !== undefined) return fail('INAPPROPRIATE_VALUE', 'A booking takes no reason.');
    if (service.bookableType !== 'DIRECTLY_BOOKABLE') return fail('INAPPROPRIATE_VALUE', `Service ${serviceId} is not directly bookable.`);
    const slotRef = body.slot?.[0]?.reference;
    if (typeof slotRef !== 'string') return fail('MISSING_VALUE', 'slot is required to book an appointment.');
    const slotId = /^Slot\/(\w+)$/.exec(slotRef)?.[1];
    const slot = ctx.world.slotSchedule.slots.find((s) => s.id === slotId);
    if (!slot) return fail('REFERENCE_NOT_FOUND', `${slotRef} not found.`);
    if (slot.serviceId !== serviceId || (slot.urgentOnly && referral.priority === 'ROUTINE'))
      return fail('INAPPROPRIATE_SLOT', `${slotRef} is not suitable for this referral and service.`);
    // A slot that has started is gone, like a taken one: "Slot is no longer available".
    if (slot.start <= ctx.at) return fail('SLOT_NOT_AVAILABLE', `${slotRef} started at ${slot.start}; only future slots can be booked.`);
    if (slot.booked) return fail('SLOT_NOT_AVAILABLE', `${slotRef} is no longer available.`);
    if (slot.clinicianUserId !== undefined && clinicianUserId === undefined) {
      return fail('VALUE_IS_REQUIRED', `${slotRef} belongs to a named clinician; add the clinician as a CON participant.`);
    }
    if (clinicianUserId !== undefined && clinicianUserId !== slot.clinicianUserId) {
      return fail('INAPPROPRIATE_VALUE', `The clinician participant does not match the clinician of ${slotRef}.`);
    }
    slot.booked = true;
    appointment.start = slot.start;
    appointment.end = slot.end;
    appointment.slotId = slot.id;
    if (slot.clinicianUserId) appointment.allocatedClinicianUserId = slot.clinicianUserId;
    if (comment) appointment.comment = comment;
    commitReferralVersion(
      referral,
      { state: 'BOOKED', appointment, stateReason: undefined, stateComment: undefined, acceptedAt: undefined },
      ctx.at,
    );
    return { referral, appointment };
  }

  const reasonCoding = body.reason?.[0]?.coding?.[0];
  if (!isObject(reasonCoding))
    return fail('MISSING_VALUE', 'reason (an eRS-ReviewReason-1 coding) is required to defer or send for triage.');
  if (reasonCoding.system !== REVIEW_REASON_SYSTEM || !(reasonCoding.code in REVIEW_REASONS)) {
    return fail('INVALID_CODE', `'${String(reasonCoding.code)}' is not an eRS-ReviewReason-1 code.`);
  }
  const code = reasonCoding.code as keyof typeof REVIEW_REASONS;
  if (code === 'TRIAGE') {
    const triage = sendForTriage(ctx, referral, service, comment);
    if (isFailure(triage)) return triage;
    commitReferralVersion(referral, triage.change, ctx.at);
    return { referral, appointment: triage.appointment };
  }
  const reason: ReasonCoding = { system: 'eRS-ReviewReason-1', code, display: REVIEW_REASONS[code] };
  appointment.reason = reason;
  if (comment) appointment.comment = comment;
  if (service.bookableType !== 'DIRECTLY_BOOKABLE')
    return fail('INAPPROPRIATE_VALUE', `Booking can only be deferred to a directly bookable service (${serviceId} is not).`);
  const slotRef = body.slot?.[0]?.reference;
  if (
    code === 'NO_SLOTS_AT_SERVICE' &&
    freeSlots(ctx.world.slotSchedule, { serviceId, priority: referral.priority, after: ctx.at }).length > 0
  ) {
    return fail('SLOTS_CURRENTLY_AVAILABLE', `Service ${serviceId} has free slots; book one instead of deferring.`);
  }
  if (typeof slotRef === 'string') {
    const slot = ctx.world.slotSchedule.slots.find((s) => `Slot/${s.id}` === slotRef);
    if (!slot) return fail('REFERENCE_NOT_FOUND', `${slotRef} not found.`);
    if (code === 'SLOT_NOT_AVAILABLE' && !slot.booked && slot.start > ctx.at)
      return fail('THIS_SLOT_IS_AVAILABLE', `${slotRef} is available; book it instead of deferring.`);
    appointment.slotId = slot.id;
  }
  commitReferralVersion(referral, { state: 'DEFERRED_TO_PROVIDER', appointment, stateReason: reason, stateComment: comment }, ctx.at);
  return { referral, appointment };
}
