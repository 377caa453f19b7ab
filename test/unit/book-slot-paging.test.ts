import { MAX_SLOT_PAGES, ReferralsDataSource } from '../../datasources/referrals.datasource';
import type { Loaders } from '../../datasources/loaders';
import type { ErsClient } from '../../datasources/ers/client';
import type { SlotSearch } from '../../datasources/ers/slot.api';
import type { AppointmentSlotPage } from '../../datasources/ers/slot.mapper';
import type { Referral } from '../../schema/referral.type';

/**
 * Issue 14, item 5: a booking (A016) finds its slot among A015's pages. A015 cannot be asked for
 * one slot, so the pages are read in turn, 100 slots each, until the slot turns up or e-RS has no
 * more: a slot on page 7 is found (it was not, when only 5 pages were read), and no page is read
 * past the last.
 */
describe('the slot of a booking, among A015 pages', () => {
  const referral = { priority: 'ROUTINE', commissioningRuleOrganisationOdsCode: 'X26' } as unknown as Referral;

  /** A015 over `total` free slots ("s1".."sN"), as pages of `count`; the pages asked for are recorded. */
  function slotPages(total: number, nextLinks = true) {
    const asked: number[] = [];
    const load = async (search: SlotSearch): Promise<AppointmentSlotPage> => {
      asked.push(search.page);
      expect(search.count).toBe(100);
      const from = (search.page - 1) * search.count;
      const ids = Array.from({ length: Math.max(0, Math.min(search.count, total - from)) }, (_, i) => `s${from + i + 1}`);
      return {
        slots: ids.map((id) => ({ id, start: '2031-01-01T09:00:00Z', end: '2031-01-01T09:15:00Z' }) as never),
        total: nextLinks ? total : null,
        nextPageUrl: nextLinks && from + search.count < total ? 'next' : null,
      };
    };
    const loaders = { slots: { load } } as unknown as Loaders;
    const source = new ReferralsDataSource({} as ErsClient, loaders);
    const findSlot = (slotId: string) =>
      (source as unknown as { findSlot(r: Referral, s: string, id: string): Promise<{ id: string } | null> }).findSlot(
        referral,
        '30001',
        slotId,
      );
    return { asked, findSlot };
  }

  it('reads page after page until the slot: page 7 of 9', async () => {
    const { asked, findSlot } = slotPages(850);
    expect((await findSlot('s650'))?.id).toBe('s650');
    expect(asked).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('stops at the last page when the slot is not free any more', async () => {
    const { asked, findSlot } = slotPages(250);
    expect(await findSlot('s999')).toBeNull();
    expect(asked).toEqual([1, 2, 3]);
  });

  it('reads one page when there is only one', async () => {
    const { asked, findSlot } = slotPages(40, false);
    expect(await findSlot('s41')).toBeNull();
    expect(asked).toEqual([1]);
  });

  it('reads at most MAX_SLOT_PAGES pages (the price of bookAppointment)', async () => {
    const { asked, findSlot } = slotPages(100 * (MAX_SLOT_PAGES + 5));
    expect(await findSlot(`s${100 * (MAX_SLOT_PAGES + 2)}`)).toBeNull();
    expect(asked).toHaveLength(MAX_SLOT_PAGES);
  });
});
