/**
 * The seed reaches referral states by replaying the simulator's own write actions (A036, A014,
 * A022, A028): a refused replay throws while the world is built, so building worlds from several
 * seeds proves the actions accept every seeded transition; the assertions pin the marks those
 * actions leave, which a seed writing end states by hand would not.
 */
import { buildWorld, referralsByState, STATE_COUNTS, type Referral, type World } from '../../simulator';

const SEEDS = [1, 7, 42];

describe('seed replays the simulator actions', () => {
  const worlds = new Map<number, World>(SEEDS.map((seed) => [seed, buildWorld({ seed })]));

  it.each(SEEDS)('builds seed %i with the same counts per state', (seed) => {
    const world = worlds.get(seed)!;
    for (const [state, count] of Object.entries(STATE_COUNTS)) expect(referralsByState(world, state as never)).toHaveLength(count);
  });

  it('builds the same world again from the same seed', () => {
    expect(JSON.stringify(buildWorld({ seed: 7 }))).toBe(JSON.stringify(worlds.get(7)));
  });

  /** The action moved the appointment to the version it committed (nextAppointment's rule). */
  const appointmentMovedWithReferral = (r: Referral): boolean =>
    r.appointment === undefined || r.appointment.referralVersionId === r.versionId;

  it.each(SEEDS)('seed %i: replayed transitions leave the write path marks', (seed) => {
    const world = worlds.get(seed)!;
    for (const r of referralsByState(world, 'CANCELLED_REFERRAL')) {
      expect(r.status).toBe('cancelled');
      expect(r.stateReason?.system).toBe('REFERRAL-CANCELLATION-REASON');
      expect(appointmentMovedWithReferral(r)).toBe(true);
    }
    for (const r of referralsByState(world, 'REJECTED')) {
      expect(r.appointment?.status).toBe('cancelled');
      expect(r.stateComment).toBe(r.appointment?.comment);
      expect(appointmentMovedWithReferral(r)).toBe(true);
    }
    for (const r of referralsByState(world, 'TRIAGE_RESPONSE')) {
      expect(r.stateReason?.code).toBe('RETURN_TO_REFERRER_WITH_ADVICE');
      expect(r.appointment?.status).toBe('cancelled');
      expect(appointmentMovedWithReferral(r)).toBe(true);
    }
    for (const r of referralsByState(world, 'TRIAGED_PROVIDER_TO_ACTION')) {
      // A022 and A028 make the comments mandatory.
      expect(r.stateComment).toEqual(expect.any(String));
      expect(r.appointment?.status).toBe('proposed');
      if (r.stateReason?.code === 'CANCEL_APPOINTMENT_ACTION_LATER') {
        // A022: the booking is cancelled in one version, a new proposed appointment follows in the next.
        const cancelled = r.versions[r.versions.length - 2].appointment!;
        expect(cancelled.status).toBe('cancelled');
        expect(r.appointment!.id).not.toBe(cancelled.id);
      } else {
        expect(r.stateReason?.code).toBe('ACCEPT_REFER_BOOK_LATER');
      }
    }
  });

  it.each(SEEDS)('seed %i: appointment ids stay unique across referrals', (seed) => {
    const owner = new Map<string, string>();
    for (const r of worlds.get(seed)!.referrals) {
      for (const v of r.versions) {
        if (!v.appointment) continue;
        expect(owner.get(v.appointment.id) ?? r.ubrn).toBe(r.ubrn);
        owner.set(v.appointment.id, r.ubrn);
      }
    }
  });
});
