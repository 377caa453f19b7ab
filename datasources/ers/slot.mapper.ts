import { Code } from '../../schema/code.type';
import { Slot } from '../../schema/slot.type';
import { SlotStatus } from '../../schema/slot-status.enum';
import { toCode, toCodes } from './code.mapper';
import {
  FhirElement,
  asArray,
  build,
  bundleLinkUrl,
  child,
  elements,
  enumValue,
  expectResource,
  readDateTime,
  readIdentifier,
  readInteger,
  readReference,
  readString,
  referenceId,
  stringAt,
  systemNamed,
} from './fhir';

/** One page of an A015 slot search. */
export interface AppointmentSlotPage {
  /** The slots on this page, in bundle order. */
  slots: Slot[];
  /** How many slots match the search across all pages (Bundle.total); null when e-RS did not say. */
  total: number | null;
  /** The e-RS URL of the next page (the Bundle's "next" link); null on the last page. */
  nextPageUrl: string | null;
}

/** What a Schedule says about the slots that belong to it. */
interface ScheduleInfo {
  serviceId: string | null;
  serviceName: string | null;
  clinicianUserId: string | null;
  clinicianName: string | null;
  locationOdsCode: string | null;
  locationName: string | null;
}

const NO_SCHEDULE: ScheduleInfo = {
  serviceId: null,
  serviceName: null,
  clinicianUserId: null,
  clinicianName: null,
  locationOdsCode: null,
  locationName: null,
};

/**
 * Maps the A015 response (`GET /STU3/Slot?schedule.actor:HealthcareService=...&_include=Slot:schedule`,
 * an AppointmentSlotBundle: Slots with the Schedules they belong to) to a page of `Slot`s with
 * the bundle's total and next-page link. Each slot takes its service and clinician from its
 * Schedule. Slots without an id are skipped (they could not be booked). Throws
 * FhirMappingError only when `bundle` is not a Bundle.
 */
export function mapAppointmentSlots(bundle: unknown): AppointmentSlotPage {
  const resource = expectResource(bundle, 'Bundle');
  const entries = elements(resource.entry)
    .map((entry) => ({ fullUrl: stringAt(entry, 'fullUrl'), resource: child(entry, 'resource') }))
    .filter((entry): entry is { fullUrl: string | null; resource: FhirElement } => entry.resource !== null);
  const schedules = entries.map((entry) => entry.resource).filter((item) => item.resourceType === 'Schedule');

  const slots: Slot[] = [];
  for (const { fullUrl, resource: slot } of entries) {
    if (slot.resourceType !== 'Slot') continue;
    const id = readString(slot.id) ?? referenceId(fullUrl);
    if (id === null) continue;
    const schedule = scheduleOf(slot, schedules);
    const info = schedule ? readSchedule(schedule) : NO_SCHEDULE;
    slots.push(
      build(Slot, {
        id,
        alternativeId: alternativeSlotId(slot.identifier),
        start: readDateTime(slot.start),
        end: readDateTime(slot.end),
        status: enumValue(SlotStatus, readString(slot.status)),
        ...info,
        appointmentType: toCode(slot.appointmentType),
        clinicTypes: uniqueCodes([...toCodes(slot.serviceType), ...toCodes(schedule?.serviceType)]),
        specialty: toCode(slot.specialty) ?? toCode(schedule?.specialty),
        comment: readString(slot.comment) ?? readString(schedule?.comment),
        fhir: slot,
      }),
    );
  }

  const total = readInteger(resource.total);
  return {
    slots,
    total: total !== null && total >= 0 ? total : null,
    nextPageUrl: bundleLinkUrl(resource, 'next'),
  };
}

/**
 * The Schedule a slot references ("Schedule/11000-921600556514"), matched by id or by its
 * ers-schedule identifier; when the slot names none, the only Schedule of the bundle.
 */
function scheduleOf(slot: FhirElement, schedules: FhirElement[]): FhirElement | null {
  const scheduleReference = child(slot, 'schedule');
  const id = referenceId(readReference(scheduleReference)) ?? readIdentifier(scheduleReference?.identifier)?.value ?? null;
  if (id === null) return schedules.length === 1 ? (schedules[0] ?? null) : null;
  return (
    schedules.find(
      (schedule) =>
        readString(schedule.id) === id || asArray(schedule.identifier).some((identifier) => readIdentifier(identifier)?.value === id),
    ) ?? null
  );
}

/** The service, clinician and location among a Schedule's actors (the first of each wins). */
function readSchedule(schedule: FhirElement): ScheduleInfo {
  const info: ScheduleInfo = { ...NO_SCHEDULE };
  for (const actor of elements(schedule.actor)) {
    const identifier = readIdentifier(actor.identifier);
    const system = identifier?.system ?? null;
    const reference = readReference(actor);
    const id = identifier?.value ?? referenceId(reference);
    const display = readString(actor.display);
    if (systemNamed(system, 'ers-service') || reference?.startsWith('HealthcareService/')) {
      if (info.serviceId === null) {
        info.serviceId = id;
        info.serviceName = display;
      }
    } else if (systemNamed(system, 'sds-user-id') || /^Practitioner(Role)?\//.test(reference ?? '')) {
      if (info.clinicianUserId === null) {
        info.clinicianUserId = id;
        info.clinicianName = display;
      }
    } else if (/ods-/i.test(system ?? '') || reference?.startsWith('Location/')) {
      if (info.locationOdsCode === null && info.locationName === null) {
        info.locationOdsCode = id;
        info.locationName = display;
      }
    }
  }
  return info;
}

/** The value of the alternative-slot identifier (whatever the scheme or host of its system). */
function alternativeSlotId(identifiers: unknown): string | null {
  for (const item of asArray(identifiers)) {
    const identifier = readIdentifier(item);
    if (identifier && systemNamed(identifier.system, 'alternative-slot')) return identifier.value;
  }
  return null;
}

/** Codes without repeats (same system and code), first kept. */
function uniqueCodes(codes: Code[]): Code[] {
  const seen = new Set<string>();
  return codes.filter((code) => {
    const key = `${code.system}\u0000${code.code}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
