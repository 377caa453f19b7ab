import {
  anchorFor,
  buildWorld,
  findReferral,
  findReferralByState,
  findService,
  isValidNhsNumber,
  nhsNumberCheckDigit,
  REFERRAL_STATES,
  referralsByState,
  referralsShortlistingService,
  snapshotOf,
  STATE_COUNTS,
  type World,
} from '../../simulator';

/** One anchor for the file's worlds, so a run that crosses midnight compares like with like. */
const ANCHOR = anchorFor(Date.now());

describe('simulator world', () => {
  let world: World;

  beforeAll(() => {
    world = buildWorld({ seed: 1, anchor: ANCHOR });
  });

  describe('determinism', () => {
    it('builds byte-identical worlds from the same seed', () => {
      const again = buildWorld({ seed: 1, anchor: ANCHOR });
      expect(again).toEqual(world);
      expect(JSON.stringify(again)).toBe(JSON.stringify(world));
    });

    it('builds a different world from a different seed', () => {
      const other = buildWorld({ seed: 2, anchor: ANCHOR });
      expect(JSON.stringify(other)).not.toBe(JSON.stringify(world));
      expect(other.patients.map((p) => p.nhsNumber)).not.toEqual(world.patients.map((p) => p.nhsNumber));
    });
  });

  describe('referrals', () => {
    it('holds every e-RS referral state, in the documented counts', () => {
      expect(world.referrals).toHaveLength(300);
      for (const state of REFERRAL_STATES) {
        expect(referralsByState(world, state)).toHaveLength(STATE_COUNTS[state]);
      }
    });

    it('gives every referral a unique 12-digit UBRN', () => {
      const ubrns = world.referrals.map((r) => r.ubrn);
      expect(ubrns.every((u) => /^\d{12}$/.test(u))).toBe(true);
      expect(new Set(ubrns).size).toBe(ubrns.length);
    });

    it.each([1, 2, 42])('makes the first referral (the README example) a booked one (seed %i)', (seed) => {
      const w = seed === 1 ? world : buildWorld({ seed, anchor: ANCHOR });
      expect(w.referrals[0]).toMatchObject({ ubrn: '000050000001', state: 'BOOKED', appointment: { status: 'booked' } });
    });

    it('finds a referral by state', () => {
      for (const state of REFERRAL_STATES) expect(findReferralByState(world, state).state).toBe(state);
      expect(findReferral(world, world.referrals[7].ubrn)).toBe(world.referrals[7]);
      expect(findReferral(world, '999999999999')).toBeUndefined();
    });

    it('keeps a version history 1..N whose last version is the current referral', () => {
      for (const referral of world.referrals) {
        expect(referral.versions.map((v) => v.versionId)).toEqual(referral.versions.map((_, i) => i + 1));
        expect(referral.versionId).toBe(referral.versions.length);
        expect(referral.versions[referral.versions.length - 1]).toEqual(snapshotOf(referral));
        const times = referral.versions.map((v) => v.recordedAt);
        expect([...times].sort()).toEqual(times);
        expect(times[times.length - 1] < world.anchor).toBe(true);
      }
    });

    it('reaches post-booking states through a BOOKED version', () => {
      for (const state of [
        'DID_NOT_ATTEND',
        'APPT_CANCELLED_BY_PATIENT',
        'APPT_CANCELLED_BY_PROVIDER',
        'REJECTED',
        'ASSESSMENT_RESULT',
      ] as const) {
        for (const referral of referralsByState(world, state)) {
          expect(referral.versions.some((v) => v.state === 'BOOKED')).toBe(true);
          expect(referral.versions[0].state).toBe('NOT_BOOKED');
        }
      }
    });

    it('shortlists 1 to 5 existing services, with the appointment at a shortlisted service', () => {
      for (const referral of world.referrals) {
        expect(referral.shortlist.length).toBeGreaterThanOrEqual(1);
        expect(referral.shortlist.length).toBeLessThanOrEqual(5);
        expect(new Set(referral.shortlist).size).toBe(referral.shortlist.length);
        for (const id of referral.shortlist) expect(findService(world, id)).toBeDefined();
        if (referral.appointment) expect(referral.shortlist).toContain(referral.appointment.serviceId);
      }
    });

    it('sends triage referrals to exactly one triage (REVIEW) service', () => {
      for (const referral of [...referralsByState(world, 'AWAITING_TRIAGE'), ...referralsByState(world, 'TRIAGE_RESPONSE')]) {
        expect(referral.shortlist).toHaveLength(1);
        expect(findService(world, referral.shortlist[0])!.requestFlows).toEqual(['REVIEW']);
      }
    });

    it('books BOOKED referrals into the future and DEFERRED_TO_PROVIDER ones into a directly bookable service', () => {
      for (const referral of referralsByState(world, 'BOOKED')) {
        expect(referral.appointment!.status).toBe('booked');
        expect(referral.appointment!.start! > world.anchor).toBe(true);
      }
      for (const referral of referralsByState(world, 'DEFERRED_TO_PROVIDER')) {
        expect(findService(world, referral.appointment!.serviceId)!.bookableType).toBe('DIRECTLY_BOOKABLE');
        expect(referral.stateReason!.system).toBe('eRS-ReviewReason-1');
      }
    });

    it('marks only cancelled referrals as cancelled', () => {
      for (const referral of world.referrals) {
        expect(referral.status).toBe(referral.state === 'CANCELLED_REFERRAL' ? 'cancelled' : 'active');
      }
    });

    it.each([1, 2, 3, 42, 2024])('puts one service on at least 10 shortlists (seed %i)', (seed) => {
      const w = seed === 1 ? world : buildWorld({ seed, anchor: ANCHOR });
      expect(referralsShortlistingService(w, w.highlights.sharedShortlistServiceId).length).toBeGreaterThanOrEqual(10);
    });
  });

  describe('patients', () => {
    it('uses synthetic 999 NHS numbers with a valid Modulus 11 check digit', () => {
      const numbers = [...world.patients.map((p) => p.nhsNumber), ...world.referrals.map((r) => r.patientNhsNumber)];
      for (const n of numbers) {
        expect(n).toMatch(/^999\d{7}$/);
        expect(isValidNhsNumber(n)).toBe(true);
      }
      expect(new Set(world.patients.map((p) => p.nhsNumber)).size).toBe(world.patients.length);
    });

    it('computes the Modulus 11 check digit', () => {
      // 9 9 9 1 2 3 4 5 6 weighted 10..2: 90+81+72+7+12+15+16+15+12 = 320; 320 % 11 = 1; 11 - 1 = 10 -> invalid.
      expect(nhsNumberCheckDigit('999123456')).toBeUndefined();
      // 9 9 9 0 0 0 0 0 1 -> 90+81+72+2 = 245; 245 % 11 = 3; check 8.
      expect(nhsNumberCheckDigit('999000001')).toBe(8);
      expect(isValidNhsNumber('9990000018')).toBe(true);
      expect(isValidNhsNumber('9990000017')).toBe(false);
    });
  });

  describe('services, attachments, pathways and A&G', () => {
    it('has one referring practice, one provider trust and ~40 services of several specialties', () => {
      expect(world.referrer.odsCode).toBe('A99001');
      expect(world.provider.odsCode).toBe('RZZ');
      expect(world.services.length).toBeGreaterThanOrEqual(40);
      expect(new Set(world.services.map((s) => s.specialty)).size).toBeGreaterThanOrEqual(5);
      expect(world.services.every((s) => s.providerOdsCode === 'RZZ')).toBe(true);
    });

    it('keeps attachments of every availability status, with real bytes', () => {
      const statuses = new Set(world.attachments.map((a) => a.availability));
      expect([...statuses].sort()).toEqual(['AVAILABLE', 'PENDING', 'THREATS_FOUND', 'VALIDATION_FAILED']);
      for (const a of world.attachments) {
        expect(a.bytes.length).toBeGreaterThan(0);
        if (a.contentType === 'application/pdf') expect(a.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
        if (a.contentType === 'image/png') expect(a.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
      }
    });

    it('links onward referrals to an earlier referral of the same patient', () => {
      const onward = world.referrals.filter((r) => r.relatedReferralUbrn);
      expect(onward.length).toBeGreaterThanOrEqual(10);
      for (const referral of onward) {
        const previous = findReferral(world, referral.relatedReferralUbrn!)!;
        expect(previous.patientNhsNumber).toBe(referral.patientNhsNumber);
        expect(previous.recordedAt < referral.createdAt).toBe(true);
      }
    });

    it('holds ~30 A&G requests, some converted into referrals that point back', () => {
      expect(world.adviceAndGuidance.length).toBeGreaterThanOrEqual(30);
      const converted = world.adviceAndGuidance.filter((a) => a.convertedToReferralUbrn);
      expect(converted.length).toBeGreaterThanOrEqual(5);
      for (const request of converted) {
        const referral = findReferral(world, request.convertedToReferralUbrn!)!;
        expect(referral.convertedFromAdviceAndGuidanceUbrn).toBe(request.ubrn);
        expect(referral.patientNhsNumber).toBe(request.patientNhsNumber);
        expect(request.createdAt < referral.createdAt).toBe(true);
      }
      for (const request of world.adviceAndGuidance) expect(request.messages.length).toBeGreaterThan(0);
    });
  });
});
