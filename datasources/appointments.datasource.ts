import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';
import type { SlotSearch as ErsSlotSearch } from './ers/slot.api';
import type { Appointment } from '../schema/appointment.type';
import type { Referral } from '../schema/referral.type';
import type { Slot } from '../schema/slot.type';
import { type Connection, encodeCursor } from '../schema/connection.type';

/** What A015 searches by, for one page (count 1..100, page 1-based). */
export type SlotSearch = ErsSlotSearch;

/**
 * Appointments (A038) and free slots (A015).
 * Made per request with the caller's e-RS client and loaders; each method names the e-RS
 * endpoint it implements. Resolvers call these methods, never an api, builder or mapper.
 *
 * Endpoint -> method:
 * - A038 -> `appointment`
 * - A015 -> `slotPage`
 * - A005 -> `referralOf` (the appointment's referral, through the request's shared referral loader)
 */
export class AppointmentsDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
  ) {}

  /** A038: an appointment, current or one version (read once per request). */
  appointment(id: string, version?: string): Promise<Appointment> {
    return this.loaders.appointment.load({ id, version });
  }

  /** A005: the referral an appointment is for, at the version it names; null when it names none. */
  async referralOf(appointment: Appointment): Promise<Referral | null> {
    if (!appointment.referralUbrn) return null;
    return this.loaders.referral.load({ ubrn: appointment.referralUbrn, version: appointment.referralVersion ?? undefined });
  }

  /** A015: one page of free slots as a connection; cursors name the service and page they come from. */
  async slotPage(search: SlotSearch): Promise<Connection<Slot>> {
    const { slots, total, nextPageUrl } = await this.loaders.slots.load(search);
    const edges = slots.map((node, i) => ({ node, cursor: encodeCursor({ s: search.serviceId, p: search.page, i }) }));
    const lastCursor = encodeCursor({ s: search.serviceId, p: search.page, i: slots.length - 1 });
    return {
      edges,
      totalCount: total,
      pageInfo: {
        hasNextPage: nextPageUrl !== null || (total !== null && search.page * search.count < total),
        hasPreviousPage: search.page > 1,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.length > 0 ? lastCursor : null,
      },
    };
  }
}
