/**
 * The appointment slot schedule of the directly bookable services (A015): deterministic from the
 * world's seed and anchor, drawn from its own PRNG stream so adding it leaves the rest of the
 * world unchanged. Slots run on weekdays from SLOT_HISTORY_DAYS before the anchor (the seed books
 * the referrals of its past with A016 into them) to six weeks after it; once the seed has
 * replayed its past, the slots that started before the anchor are dropped (dropSlotsBefore).
 */
import { Rng } from './prng';
import type { PriorityCode, Schedule, Slot, SlotSchedule } from './codes';
import type { HealthcareService } from './world';

export type { Schedule, Slot, SlotSchedule } from './codes';

const DAY = 86_400_000;
const MINUTE = 60_000;
/** How far ahead of the anchor the schedule runs. */
export const SLOT_HORIZON_DAYS = 42;
/** How far before the anchor the schedule starts: room for the seed's oldest bookings. */
export const SLOT_HISTORY_DAYS = 200;

/**
 * Builds the slot schedule for the directly bookable services, sorted by start within each service.
 * The services in `fullyBooked` publish slots that are all taken: e-RS then lets a referrer defer
 * booking to them (A016 NO_SLOTS_AT_SERVICE).
 */
export function buildSlotSchedule(
  seed: number,
  anchor: string,
  services: HealthcareService[],
  fullyBooked: ReadonlySet<string> = new Set(),
): SlotSchedule {
  const rng = new Rng((seed * 7919 + 104_729) >>> 0);
  const anchorMs = Date.parse(anchor);
  const firstDay = Math.floor(anchorMs / DAY) * DAY + DAY - SLOT_HISTORY_DAYS * DAY;
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
    for (let day = 0; day < SLOT_HISTORY_DAYS + SLOT_HORIZON_DAYS; day++) {
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
          booked: rng.chance(0.3) || fullyBooked.has(service.id),
        };
        if (schedule.clinicianUserId) slot.clinicianUserId = schedule.clinicianUserId;
        slots.push(slot);
      }
    }
  }
  return { schedules, slots };
}

/** Drops the slots that start before the instant (in place): e-RS offers no slot in the past, and keeps appointments, not slots. */
export function dropSlotsBefore(schedule: SlotSchedule, at: string): void {
  schedule.slots = schedule.slots.filter((s) => s.start > at);
}

export interface SlotQuery {
  serviceId: string;
  priority: PriorityCode;
  /** ISO instant: only slots starting after it (the clock), as e-RS offers only future slots. */
  after: string;
  clinicianUserId?: string;
}

/** Free future slots of a service a referral of the given priority may book, earliest first. */
export function freeSlots(schedule: SlotSchedule, query: SlotQuery): Slot[] {
  return schedule.slots
    .filter((s) => s.serviceId === query.serviceId && !s.booked && s.start > query.after)
    .filter((s) => !s.urgentOnly || query.priority !== 'ROUTINE')
    .filter((s) => query.clinicianUserId === undefined || s.clinicianUserId === query.clinicianUserId)
    .sort((a, b) => a.start.localeCompare(b.start) || a.id.localeCompare(b.id));
}

export function findSchedule(schedule: SlotSchedule, id: string): Schedule | undefined {
  return schedule.schedules.find((s) => s.id === id);
}
