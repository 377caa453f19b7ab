/** A015: a page of free slots with their schedules as a searchset Bundle (AppointmentSlotBundle.yaml). */
import { randomUUID } from 'node:crypto';
import type { Schedule, Slot } from '../data/slots';
import { type FhirJson, SYSTEM } from './systems';

const SLOT_PROFILE = 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Slot-1';
const SCHEDULE_PROFILE = 'https://fhir.hl7.org.uk/STU3/StructureDefinition/CareConnect-Schedule-1';

export interface SlotPage {
  slots: Slot[];
  schedules: Schedule[];
  total: number;
  links: Array<{ relation: 'self' | 'previous' | 'next'; url: string }>;
}

export function renderSlotBundle(page: SlotPage, baseUrl: string, now: Date = new Date()): FhirJson {
  const slotEntries = page.slots.map((slot) => ({
    fullUrl: `${baseUrl}/STU3/Slot/${slot.id}`,
    resource: {
      id: slot.id,
      meta: { profile: [SLOT_PROFILE] },
      resourceType: 'Slot',
      identifier: [{ system: 'https://fhir.nhs.uk/Id/alternative-slot', value: slot.id }],
      schedule: { reference: `Schedule/${slot.scheduleId}` },
      status: 'free',
      start: slot.start,
      end: slot.end,
    },
    search: { mode: 'match' },
  }));
  const scheduleEntries = page.schedules.map((schedule) => {
    const actor: FhirJson[] = [{ identifier: { system: SYSTEM.ersService, value: schedule.serviceId } }];
    if (schedule.clinicianUserId) actor.push({ identifier: { system: SYSTEM.sdsUserId, value: schedule.clinicianUserId } });
    return {
      fullUrl: `${baseUrl}/STU3/Schedule/${schedule.id}`,
      resource: {
        id: schedule.id,
        meta: { profile: [SCHEDULE_PROFILE] },
        resourceType: 'Schedule',
        identifier: [{ system: 'https://fhir.nhs.uk/Id/ers-schedule', value: schedule.id }],
        actor,
      },
      search: { mode: 'include' },
    };
  });
  return {
    id: randomUUID(),
    meta: { lastUpdated: now.toISOString(), profile: ['http://hl7.org/fhir/STU3/StructureDefinition/Bundle'] },
    resourceType: 'Bundle',
    type: 'searchset',
    total: page.total,
    link: page.links,
    entry: [...slotEntries, ...scheduleEntries],
  };
}
