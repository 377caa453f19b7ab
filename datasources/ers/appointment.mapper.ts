import { Appointment } from '../../schema/appointment.type';
import { isIdentifier, UBRN } from '../../schema/scalars';
import { AppointmentStatus } from '../../schema/appointment-status.enum';
import { Code } from '../../schema/code.type';
import { codingToCode } from './code.mapper';
import {
  FhirCoding,
  FhirElement,
  asArray,
  build,
  child,
  elements,
  enumValue,
  expectResource,
  readCodings,
  readDateTime,
  readIdentifier,
  readReference,
  readString,
  referenceId,
  resourceVersion,
  systemNamed,
} from './fhir';

/** What a participant of an e-RS appointment is. */
type ParticipantKind = 'patient' | 'service' | 'clinician' | null;

/** The ids and names the participants of an appointment carry (the first of each kind wins). */
interface Participants {
  patientNhsNumber: string | null;
  serviceId: string | null;
  serviceName: string | null;
  clinicianUserId: string | null;
}

/**
 * Maps an e-RS STU3 Appointment (A038, `GET /STU3/Appointment/{id}` and `/_history/{version}`)
 * to an `Appointment`. Pure; throws FhirMappingError only when `resource` is not an
 * Appointment. `etag` supplies the version when meta.versionId is missing.
 */
export function mapAppointment(resource: unknown, etag?: string): Appointment {
  const appointment = expectResource(resource, 'Appointment');
  const participants = readParticipants(appointment);
  const reasons = readCodings(appointment.reason);
  const reasonFrom = (test: (system: string) => boolean): Code | null => {
    const coding = reasons.find((item) => item.system !== null && test(item.system.toLowerCase()));
    return coding ? codingToCode(coding) : null;
  };
  const referral = incomingReferral(appointment.incomingReferral);
  const slotReference =
    asArray(appointment.slot)
      .map(readReference)
      .find((reference) => reference !== null) ?? null;

  return build(Appointment, {
    id: readString(appointment.id) ?? '',
    version: resourceVersion(appointment, etag),
    status: enumValue(AppointmentStatus, readString(appointment.status)),
    start: readDateTime(appointment.start),
    end: readDateTime(appointment.end),
    created: readDateTime(appointment.created),
    slotId: referenceId(slotReference),
    serviceName: participants.serviceName,
    patientNhsNumber: participants.patientNhsNumber,
    allocatedClinicianUserId: participants.clinicianUserId,
    reason: firstCode(reasons),
    reviewReason: reasonFrom((system) => system.includes('ers-reviewreason')),
    reviewOutcome: reasonFrom((system) => system.includes('ers-reviewoutcome')),
    cancellationReason: reasonFrom((system) => system.includes('cancellation-reason')),
    comment: readString(appointment.comment),
    fhir: appointment,
    referralUbrn: referral.ubrn,
    referralVersion: referral.version,
    serviceId: participants.serviceId,
  });
}

function firstCode(codings: FhirCoding[]): Code | null {
  const [first] = codings;
  return first ? codingToCode(first) : null;
}

function readParticipants(appointment: FhirElement): Participants {
  const result: Participants = { patientNhsNumber: null, serviceId: null, serviceName: null, clinicianUserId: null };
  for (const participant of elements(appointment.participant)) {
    const actor = child(participant, 'actor');
    if (!actor) continue;
    const identifier = readIdentifier(actor.identifier);
    const reference = readReference(actor);
    const id = identifier?.value ?? referenceId(reference);
    if (id === null) continue;
    switch (participantKind(participant, identifier?.system ?? null, reference)) {
      case 'patient':
        result.patientNhsNumber ??= id;
        break;
      case 'service':
        if (result.serviceId === null) {
          result.serviceId = id;
          result.serviceName = readString(actor.display);
        }
        break;
      case 'clinician':
        result.clinicianUserId ??= id;
        break;
      default:
        break;
    }
  }
  return result;
}

/**
 * A participant's kind from its actor's identifier system, else its reference type, else its
 * participant type: CON is the allocated clinician. participant.type is an array in FHIR but
 * e-RS sends a single object (A038 known issue); both are read.
 */
function participantKind(participant: FhirElement, system: string | null, reference: string | null): ParticipantKind {
  if (systemNamed(system, 'nhs-number')) return 'patient';
  if (systemNamed(system, 'ers-service')) return 'service';
  if (systemNamed(system, 'sds-user-id')) return 'clinician';
  if (reference?.startsWith('Patient/')) return 'patient';
  if (reference?.startsWith('HealthcareService/')) return 'service';
  if (/^Practitioner(Role)?\//.test(reference ?? '')) return 'clinician';
  if (readCodings(participant.type).some((coding) => coding.code === 'CON')) return 'clinician';
  return null;
}

/**
 * The UBRN and version of the referral an appointment belongs to, from its incomingReferral
 * ("ReferralRequest/000000070000/_history/14", or an identifier holding the UBRN).
 */
function incomingReferral(value: unknown): { ubrn: string | null; version: string | null } {
  for (const item of asArray(value)) {
    const reference = readReference(item);
    const fromReference = referenceId(reference);
    const ubrn = isIdentifier(UBRN, fromReference) ? fromReference : (readIdentifier(child(item, 'identifier'))?.value ?? null);
    if (!isIdentifier(UBRN, ubrn)) continue;
    const version = /\/_history\/([^/]+)/.exec(reference ?? '')?.[1] ?? null;
    return { ubrn, version };
  }
  return { ubrn: null, version: null };
}
