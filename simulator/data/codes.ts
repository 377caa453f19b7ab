/**
 * The simulator's shared vocabulary: e-RS business functions, priorities, reference data set
 * names and the slot schedule's shapes. A leaf module (it imports nothing), so the world, the
 * reference data and the slot schedule can all use these without importing each other.
 */

/** Every e-RS business function (NHSD-eRS-Business-Function values), as the spec's header page lists them. */
export const BUSINESS_FUNCTIONS = [
  'REFERRING_CLINICIAN',
  'REFERRING_CLINICIAN_ADMIN',
  'REFERRING_ADMIN',
  'COMMISSIONER',
  'SERVICE_PROVIDER_CLINICIAN_ADMIN',
  'SERVICE_PROVIDER_CLINICIAN',
  'SERVICE_PROVIDER_ADMIN',
  'INFORMATION_ANALYST',
  'BOOKING_MANAGER',
  'ADDITIONAL_REQUIREMENTS_MANAGER',
] as const;
export type BusinessFunction = (typeof BUSINESS_FUNCTIONS)[number];

export type PriorityCode = 'ROUTINE' | 'URGENT' | 'TWO_WEEK_WAIT';

/** The A004 reference data sets (codeSystemType path values). */
export const CODE_SYSTEM_TYPES = [
  'SPECIALTY',
  'CLINIC-TYPE',
  'PRIORITY',
  'APPOINTMENT-CANCELLATION-REASON',
  'REFERRAL-CANCELLATION-REASON',
  'APPOINTMENT-NON-ATTENDANCE-REASON',
] as const;
export type CodeSystemType = (typeof CODE_SYSTEM_TYPES)[number];

/** A clinic schedule: a service, optionally with the named clinician whose slots it holds. */
export interface Schedule {
  /** e-RS schedule id (Schedule/<id>). */
  id: string;
  serviceId: string;
  clinicianUserId?: string;
}

export interface Slot {
  /** e-RS slot id (Slot/<id>, also the alternative-slot identifier). */
  id: string;
  scheduleId: string;
  serviceId: string;
  clinicianUserId?: string;
  start: string;
  end: string;
  /** Slots reserved for urgent and two-week-wait referrals are not offered to routine ones. */
  urgentOnly: boolean;
  /** Booked slots are not free; the booking write path flips this. */
  booked: boolean;
}

export interface SlotSchedule {
  schedules: Schedule[];
  slots: Slot[];
}
