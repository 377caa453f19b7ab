/**
 * The seed reaches every referral and A&G state by replaying the simulator's own write actions
 * (A011, A021, A020, A012, A016, A034, A036, A014, A022, A028, A044, A026, A027, and the
 * transitions e-RS makes outside the API in actions/outside-api.ts): a refused replay throws while
 * the world is built, so building worlds from several seeds proves the actions accept every seeded
 * transition; the assertions pin the marks those actions leave, which a seed writing end states
 * by hand would not.
 */
import { anchorFor, buildWorld, findService, referralsByState, STATE_COUNTS, type Referral, type World } from '../../simulator';

const SEEDS = [1, 7, 42];
/** One anchor for every world of the file, so a run that crosses midnight compares like with like. */
const ANCHOR = anchorFor(Date.now());

describe('seed replays the simulator actions', () => {
  const worlds = new Map<number, World>(SEEDS.map((seed) => [seed, buildWorld({ seed, anchor: ANCHOR })]));

  it.each(SEEDS)('builds seed %i with the same counts per state', (seed) => {
    const world = worlds.get(seed)!;
    for (const [state, count] of Object.entries(STATE_COUNTS)) expect(referralsByState(world, state as never)).toHaveLength(count);
  });

  it('builds the same world again from the same seed', () => {
    expect(JSON.stringify(buildWorld({ seed: 7, anchor: ANCHOR }))).toBe(JSON.stringify(worlds.get(7)));
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
      } else if (r.convertedFromAdviceAndGuidanceUbrn !== undefined) {
        // A027: the converted referral starts in this state.
        expect(r.stateReason?.code).toBe('PROVIDER_CONVERTED_ADVICE_AND_GUIDANCE_ADMIN_TO_REFER');
        expect(r.versions).toHaveLength(1);
      } else {
        expect(r.stateReason?.code).toBe('ACCEPT_REFER_BOOK_LATER');
      }
    }
  });

  it.each(SEEDS)('seed %i: referrals are created by A011 (NOT_BOOKED) or A021 (AWAITING_TRIAGE, reason TRIAGE)', (seed) => {
    const world = worlds.get(seed)!;
    world.referrals.forEach((r, i) => {
      // nextUbrn numbers them in creation order.
      expect(r.ubrn).toBe(String(50_000_001 + i).padStart(12, '0'));
      const first = r.versions[0];
      expect(first.recordedAt).toBe(r.createdAt);
      if (first.state === 'AWAITING_TRIAGE') {
        // A021: one triage service, a proposed TRIAGE appointment, no pathway start (A021 takes none).
        expect(first.stateReason?.code).toBe('TRIAGE');
        expect(first.appointment).toMatchObject({ status: 'proposed', reason: { code: 'TRIAGE' }, referralVersionId: 1 });
        expect(first.shortlist).toHaveLength(1);
      } else if (r.convertedFromAdviceAndGuidanceUbrn === undefined) {
        expect(first.state).toBe('NOT_BOOKED');
        expect(first.appointment).toBeUndefined();
      }
      // Created without files: the letter arrives with A012 in a later version.
      if (r.convertedFromAdviceAndGuidanceUbrn === undefined) expect(first.attachmentIds).toEqual([]);
    });
  });

  it.each(SEEDS)('seed %i: referral letters are attached by A012 after an A020 upload for the referral', (seed) => {
    const world = worlds.get(seed)!;
    for (const r of world.referrals) {
      r.versions.forEach((v, i) => {
        const added = v.attachmentIds.filter((id) => !(r.versions[i - 1]?.attachmentIds ?? []).includes(id));
        const referrerFiles = added.map((id) => world.attachments.find((a) => a.id === id)!).filter((a) => a.type === 'REFERRER');
        if (referrerFiles.length === 0) return;
        // A012 sets clinicalInfoFirstSubmitted the first time, clinicalInfoLastUpdated after that.
        expect(v.clinicalInfoFirstSubmitted === v.recordedAt || v.clinicalInfoLastUpdated === v.recordedAt).toBe(true);
        for (const file of referrerFiles) {
          expect(file.owner).toEqual({ kind: 'ReferralRequest', ubrn: r.ubrn });
          expect(file.indexedAt).toBe(v.recordedAt);
        }
      });
      if (r.state !== 'NOT_BOOKED' && r.convertedFromAdviceAndGuidanceUbrn === undefined)
        expect(r.clinicalInfoFirstSubmitted).toBeDefined();
    }
  });

  it.each(SEEDS)("seed %i: onward referrals are created for the earlier referral's patient, carrying its pathway start", (seed) => {
    const world = worlds.get(seed)!;
    const onward = world.referrals.filter((r) => r.relatedReferralUbrn !== undefined);
    expect(onward.length).toBeGreaterThanOrEqual(10);
    for (const r of onward) {
      const earlier = world.referrals.find((e) => e.ubrn === r.relatedReferralUbrn)!;
      expect(r.patientNhsNumber).toBe(earlier.patientNhsNumber);
      // A021 takes no pathway start; A011 got the earlier referral's.
      if (r.versions[0].state === 'NOT_BOOKED') expect(r.pathwayStart).toBe(earlier.pathwayStart ?? earlier.createdAt);
    }
  });

  it.each(SEEDS)('seed %i: bookings are A016 slot bookings or PAS bookings of an appointment still to come', (seed) => {
    const world = worlds.get(seed)!;
    let slotBookings = 0;
    for (const r of world.referrals) {
      r.versions.forEach((v, i) => {
        if (v.state !== 'BOOKED' || r.versions[i - 1]?.state === 'BOOKED') return;
        const appointment = v.appointment!;
        expect(appointment).toMatchObject({ status: 'booked', versionId: 1, created: v.recordedAt, referralVersionId: v.versionId });
        // Booked before it took place.
        expect(appointment.start! > v.recordedAt).toBe(true);
        const service = findService(world, appointment.serviceId)!;
        if (service.bookableType === 'DIRECTLY_BOOKABLE') {
          slotBookings++;
          expect(appointment.slotId).toMatch(new RegExp(`^${service.id}\\d{5}$`));
          expect(appointment.end! > appointment.start!).toBe(true);
        } else {
          // A PAS booking: an indicative time, no slot.
          expect(appointment.slotId).toBeUndefined();
          expect(appointment.end).toBe(appointment.start);
        }
      });
    }
    expect(slotBookings).toBeGreaterThan(50);
    // The referrals still booked hold their slots: taken, at the appointment's time, with its clinician.
    for (const r of referralsByState(world, 'BOOKED').filter((b) => b.appointment!.slotId)) {
      const slot = world.slotSchedule.slots.find((s) => s.id === r.appointment!.slotId)!;
      expect(slot).toMatchObject({
        booked: true,
        start: r.appointment!.start,
        end: r.appointment!.end,
        serviceId: r.appointment!.serviceId,
      });
      expect(slot.clinicianUserId).toBe(r.appointment!.allocatedClinicianUserId);
      expect(slot.start > world.anchor).toBe(true);
    }
  });

  it.each(SEEDS)("seed %i: deferrals to the provider pass A016's rules for their reason", (seed) => {
    const world = worlds.get(seed)!;
    const deferred = referralsByState(world, 'DEFERRED_TO_PROVIDER');
    for (const r of deferred) {
      const { appointment } = r;
      expect(appointment).toMatchObject({ status: 'proposed', reason: r.stateReason, referralVersionId: r.versionId });
      expect(findService(world, appointment!.serviceId)!.bookableType).toBe('DIRECTLY_BOOKABLE');
      const code = r.stateReason!.code;
      if (code === 'NO_SLOTS_AT_SERVICE') {
        // SLOTS_CURRENTLY_AVAILABLE otherwise: the service has no free slot.
        expect(world.slotSchedule.slots.some((s) => s.serviceId === appointment!.serviceId && !s.booked)).toBe(false);
      } else if (code === 'SLOT_NOT_AVAILABLE') {
        expect(appointment!.slotId).toMatch(new RegExp(`^${appointment!.serviceId}`));
      } else {
        expect(code).toBe('BOOKING_ATTEMPT_PROBLEM');
      }
    }
    expect(new Set(deferred.map((r) => r.stateReason!.code)).size).toBeGreaterThan(1);
  });

  it.each(SEEDS)('seed %i: appointments end as A034 / provider cancellations, non-attendance and assessment outcomes', (seed) => {
    const world = worlds.get(seed)!;
    const previous = (r: Referral) => r.versions[r.versions.length - 2];
    const cancellationReason = (code: string) => world.referenceData.appointmentCancellationReasons.find((c) => c.code === code)!;
    for (const state of ['APPT_CANCELLED_BY_PATIENT', 'APPT_CANCELLED_BY_PROVIDER'] as const) {
      for (const r of referralsByState(world, state)) {
        // Cancelled while booked, before the appointment.
        expect(previous(r).state).toBe('BOOKED');
        expect(r.recordedAt < r.appointment!.start!).toBe(true);
        expect(r.appointment).toMatchObject({ status: 'cancelled', reason: r.stateReason, versionId: 2 });
        expect(appointmentMovedWithReferral(r)).toBe(true);
        expect(cancellationReason(r.stateReason!.code).bookingCancellationReasonType).toBe(
          state === 'APPT_CANCELLED_BY_PATIENT' ? 'PATIENT' : 'PROVIDER',
        );
      }
    }
    for (const r of referralsByState(world, 'DID_NOT_ATTEND')) {
      expect(previous(r).state).toBe('BOOKED');
      expect(r.recordedAt > r.appointment!.start!).toBe(true);
      expect(r.appointment!.status).toBe('noshow');
      expect(appointmentMovedWithReferral(r)).toBe(true);
    }
    for (const r of referralsByState(world, 'ASSESSMENT_RESULT')) {
      expect(previous(r).state).toBe('BOOKED');
      expect(r.recordedAt > r.appointment!.start!).toBe(true);
      expect(r.appointment!.status).toBe('fulfilled');
      expect(findService(world, r.appointment!.serviceId)!.appointmentType).toBe('ASSESSMENT_SERVICE');
      expect(r.stateReason!.system).toBe('eRS-AssessmentOutcome-1');
    }
  });

  it.each(SEEDS)('seed %i: A&G conversations are replayed from A044, answered with A026, converted with A027', (seed) => {
    const world = worlds.get(seed)!;
    const byCategory = (category: string) => world.adviceAndGuidance.filter((a) => a.category === category);
    expect(byCategory('PROVIDER_RESPONSE_REQUIRED')).toHaveLength(6);
    expect(byCategory('REFERRER_TO_SUBMIT_FURTHER_INFORMATION')).toHaveLength(4);
    expect(byCategory('REFERRER_TO_REVIEW_RESPONSE')).toHaveLength(6);
    expect(byCategory('CONVERSATION_ENDED_CANCELLED')).toHaveLength(3);
    expect(byCategory('CONVERSATION_ENDED_CLOSED')).toHaveLength(5);
    expect(byCategory('ADVICE_CONVERTED')).toHaveLength(6);
    world.adviceAndGuidance.forEach((a, i) => {
      // nextUbrn numbers them in creation order; A044 sends the first message.
      expect(a.ubrn).toBe(String(60_000_001 + i).padStart(12, '0'));
      expect(a.messages[0]).toMatchObject({ direction: 'REFERRER_TO_PROVIDER', sentAt: a.createdAt, authorUserId: a.requesterUserId });
      // Referrer and provider take turns; every message of the conversation and every ending is a version.
      a.messages.forEach((m, k) => {
        expect(m.id).toBe(`${a.ubrn}-${k + 1}`);
        expect(m.direction).toBe(k % 2 === 0 ? 'REFERRER_TO_PROVIDER' : 'PROVIDER_TO_REFERRER');
        if (k > 0) expect(m.sentAt > a.messages[k - 1].sentAt).toBe(true);
      });
      const ended = a.category === 'CONVERSATION_ENDED_CANCELLED' || a.category === 'CONVERSATION_ENDED_CLOSED';
      expect(a.versionId).toBe(a.messages.length + (ended ? 1 : 0));
      expect(a.lastUpdatedAt >= a.messages[a.messages.length - 1].sentAt).toBe(true);
      expect(a.lastUpdatedAt < world.anchor).toBe(true);
      expect(a.status).toBe(
        a.category === 'CONVERSATION_ENDED_CANCELLED' ? 'cancelled' : ended || a.category === 'ADVICE_CONVERTED' ? 'completed' : 'active',
      );
      for (const id of a.attachmentIds)
        expect(world.attachments.find((f) => f.id === id)!.owner).toEqual({ kind: 'CommunicationRequest', ubrn: a.ubrn });
    });
    for (const a of byCategory('ADVICE_CONVERTED')) {
      const referral = world.referrals.find((r) => r.ubrn === a.convertedToReferralUbrn)!;
      expect(a.providerConversionAuthorised).toBe(true);
      expect(referral).toMatchObject({
        convertedFromAdviceAndGuidanceUbrn: a.ubrn,
        patientNhsNumber: a.patientNhsNumber,
        pathwayStart: a.createdAt,
        createdAt: a.lastUpdatedAt,
        state: 'TRIAGED_PROVIDER_TO_ACTION',
      });
    }
    // The conversions made the last referrals.
    const converted = world.referrals.filter((r) => r.convertedFromAdviceAndGuidanceUbrn !== undefined).map((r) => r.ubrn);
    expect(converted).toEqual(world.referrals.slice(-6).map((r) => r.ubrn));
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
