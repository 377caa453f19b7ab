/**
 * The appointment slot schedule of the directly bookable services (A015): deterministic from the
 * world's seed and anchor, drawn from its own PRNG stream so adding it leaves the rest of the
 * world unchanged. Slots run on weekdays for six weeks after the anchor.
 */
import { Rng } from './prng';
import type { PriorityCode, Schedule, Slot, SlotSchedule } from './codes';
import type { HealthcareService } from './world';

export type { Schedule, Slot, SlotSchedule } from './codes';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** How far ahead of the anchor the schedule runs. */
export const SLOT_HORIZON_DAYS = 42;

/** Builds the slot schedule for the directly bookable services, sorted by start within each service. */
export function buildSlotSchedule(seed: number, anchor: string, services: HealthcareService[]): SlotSchedule {
  const rng = new Rng((seed * 7919 + 104_729) >>> 0);
  const anchorMs = Date.parse(anchor);
  const firstDay = Math.floor(anchorMs / DAY) * DAY + DAY;
  const schedules: Schedule[] = [];
  const slots: Slot[] = [];

  for (const service of services.filter((s) => s.bookableType === 'DIRECTLY_BOOKABLE')) {
    const general: Schedule = { id: `${service.id}-GEN`, serviceId: service.id };
    const byClinician = service.clinicianUserIds.map((userId): Schedule => ({
      id: `${service.id}-${userId}`,
      serviceId: service.id,
      clinicianUserId: userId,
    }));
    schedules.push(general, ...byClinician);
    const length = rng.pick([15, 20, 30]);
    const sessionStartHour = rng.pick([9, 13]);
    let counter = 0;
    for (let day = 0; day < SLOT_HORIZON_DAYS; day++) {
      const dayMs = firstDay + day * DAY;
      const weekday = new Date(dayMs).getUTCDay();
      if (weekday === 0 || weekday === 6) continue;
      // Not every service runs a clinic every weekday.
      if (rng.chance(0.35)) continue;
      const sessionStart = dayMs + sessionStartHour * 60 * MINUTE;
      for (let t = 0; t + length <= 180; t += length) {
        counter++;
        const schedule = byClinician.length > 0 && rng.chance(0.4) ? rng.pick(byClinician) : general;
        const startMs = sessionStart + t * MINUTE;
        const slot: Slot = {
          id: `${service.id}${String(counter).padStart(5, '0')}`,
          scheduleId: schedule.id,
          serviceId: service.id,
          start: new Date(startMs).toISOString(),
          end: new Date(startMs + length * MINUTE).toISOString(),
          urgentOnly: rng.chance(0.15),
          booked: rng.chance(0.3),
        };
        if (schedule.clinicianUserId) slot.clinicianUserId = schedule.clinicianUserId;
        slots.push(slot);
      }
    }
  }
  return { schedules, slots };
}

export interface SlotQuery {
  serviceId: string;
  priority: PriorityCode;
  clinicianUserId?: string;
}

/** Free slots of a service a referral of the given priority may book, earliest first. */
export function freeSlots(schedule: SlotSchedule, query: SlotQuery): Slot[] {
  return schedule.slots
    .filter((s) => s.serviceId === query.serviceId && !s.booked)
    .filter((s) => !s.urgentOnly || query.priority !== 'ROUTINE')
    .filter((s) => query.clinicianUserId === undefined || s.clinicianUserId === query.clinicianUserId)
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
}

export function findSchedule(schedule: SlotSchedule, id: string): Schedule | undefined {
  return schedule.schedules.find((s) => s.id === id);
}
