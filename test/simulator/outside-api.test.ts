/**
 * The transitions e-RS makes outside the API (actions/outside-api.ts), which the seed replays:
 * each refuses what e-RS would not do, with the simulator's usual failure codes.
 */
import { anchorFor, buildWorld, findService, referralsByState, type World } from '../../simulator';
import type { ActionContext, Actor } from '../../simulator/actions/common';
import {
  endAdviceConversation,
  recordAppointmentCancellation,
  recordAssessmentOutcome,
  recordNonAttendance,
  recordPasBooking,
  submitFurtherInformation,
} from '../../simulator/actions/outside-api';

const DAY = 86_400_000;

describe('transitions outside the API', () => {
  let world: World;
  beforeEach(() => {
    world = buildWorld({ seed: 5, anchor: anchorFor(Date.parse('2026-12-09T10:00:00Z')) });
  });
  const provider: Actor = { side: 'PROVIDER', odsCode: 'RZZ', businessFunction: 'SERVICE_PROVIDER_CLINICIAN', userId: '555020000001' };
  const referrer: Actor = { side: 'REFERRER', odsCode: 'A99001', businessFunction: 'REFERRING_CLINICIAN', userId: '555010000001' };
  const ctx = (at: string, actor: Actor): ActionContext => ({ world, at, actor, enforceRelationships: false });
  const codeOf = (result: unknown) => (result as { code?: string }).code;

  it('records non-attendance and assessment outcomes only once the appointment has started', () => {
    const booked = referralsByState(world, 'BOOKED')[0];
    const start = Date.parse(booked.appointment!.start!);
    expect(codeOf(recordNonAttendance(ctx(world.anchor, provider), { ubrn: booked.ubrn }))).toBe('INVALID_REQUEST_STATE');
    expect(codeOf(recordNonAttendance(ctx(world.anchor, referrer), { ubrn: booked.ubrn }))).toBe('INVALID_REQUEST_STATE');
    const after = new Date(start + DAY).toISOString();
    expect(codeOf(recordNonAttendance(ctx(after, provider), { ubrn: booked.ubrn, reasonCode: 'NO_SUCH_REASON' }))).toBe('INVALID_CODE');
    // Only an assessment service records an assessment outcome.
    expect(findService(world, booked.appointment!.serviceId)!.appointmentType).not.toBe('ASSESSMENT_SERVICE');
    expect(codeOf(recordAssessmentOutcome(ctx(after, provider), { ubrn: booked.ubrn, outcome: 'RETURN_TO_GP' }))).toBe(
      'INVALID_REQUEST_STATE',
    );
    const version = booked.versionId;
    const done = recordNonAttendance(ctx(after, provider), { ubrn: booked.ubrn });
    expect(codeOf(done)).toBeUndefined();
    expect(booked).toMatchObject({ state: 'DID_NOT_ATTEND', versionId: version + 1, appointment: { status: 'noshow', versionId: 2 } });
  });

  it('books by PAS only an indirectly bookable shortlisted service, in the future, where A029 would let the referrer book', () => {
    const notBooked = referralsByState(world, 'NOT_BOOKED').find((r) =>
      r.shortlist.some((id) => findService(world, id)!.bookableType === 'INDIRECTLY_BOOKABLE'),
    )!;
    const indirect = notBooked.shortlist.find((id) => findService(world, id)!.bookableType === 'INDIRECTLY_BOOKABLE')!;
    const direct = world.services.find((s) => s.bookableType === 'DIRECTLY_BOOKABLE' && s.specialty === notBooked.specialty)!;
    const future = new Date(Date.parse(world.anchor) + 3 * DAY).toISOString();
    const input = { ubrn: notBooked.ubrn, serviceId: indirect, start: future };
    expect(codeOf(recordPasBooking(ctx(world.anchor, provider), { ...input, serviceId: direct.id }))).toBe('INAPPROPRIATE_VALUE');
    expect(codeOf(recordPasBooking(ctx(world.anchor, provider), { ...input, start: '2020-01-01T09:00:00.000Z' }))).toBe(
      'INAPPROPRIATE_VALUE',
    );
    const cancelled = referralsByState(world, 'CANCELLED_REFERRAL')[0];
    expect(codeOf(recordPasBooking(ctx(world.anchor, provider), { ...input, ubrn: cancelled.ubrn }))).toBe('INVALID_REQUEST_STATE');
    expect(codeOf(recordPasBooking(ctx(world.anchor, provider), input))).toBeUndefined();
    expect(notBooked.appointment).toMatchObject({ status: 'booked', serviceId: indirect, start: future, end: future });
  });

  it('cancels a booked appointment by phone only before it starts, for a current patient or provider reason', () => {
    const booked = referralsByState(world, 'BOOKED')[1];
    const at = world.anchor;
    expect(codeOf(recordAppointmentCancellation(ctx(at, provider), { ubrn: booked.ubrn, reasonCode: 'SERVICE_INAPPROPRIATE' }))).toBe(
      'INAPPROPRIATE_VALUE',
    );
    expect(codeOf(recordAppointmentCancellation(ctx(at, provider), { ubrn: booked.ubrn, reasonCode: 'PROVIDER_CANCELLATION' }))).toBe(
      'MISSING_VALUE',
    );
    const late = new Date(Date.parse(booked.appointment!.start!) + 1000).toISOString();
    expect(codeOf(recordAppointmentCancellation(ctx(late, provider), { ubrn: booked.ubrn, reasonCode: 'CLINIC_CANCELLED' }))).toBe(
      'INVALID_REQUEST_STATE',
    );
    expect(codeOf(recordAppointmentCancellation(ctx(at, provider), { ubrn: booked.ubrn, reasonCode: 'CLINIC_CANCELLED' }))).toBeUndefined();
    expect(booked.state).toBe('APPT_CANCELLED_BY_PROVIDER');
  });

  it('takes the referrer’s further information only when asked for, and closes only a conversation with advice', () => {
    const asked = world.adviceAndGuidance.find((a) => a.category === 'REFERRER_TO_SUBMIT_FURTHER_INFORMATION')!;
    const waiting = world.adviceAndGuidance.find((a) => a.category === 'PROVIDER_RESPONSE_REQUIRED')!;
    const at = world.anchor;
    expect(codeOf(submitFurtherInformation(ctx(at, referrer), { ubrn: waiting.ubrn, text: 'More' }))).toBe('INVALID_REQUEST_STATE');
    expect(codeOf(submitFurtherInformation(ctx(at, provider), { ubrn: asked.ubrn, text: 'More' }))).toBe('INVALID_REQUEST_STATE');
    expect(codeOf(submitFurtherInformation(ctx(at, referrer), { ubrn: asked.ubrn, text: 'More', binaryIds: ['nope'] }))).toBe(
      'REFERENCE_NOT_FOUND',
    );
    expect(codeOf(endAdviceConversation(ctx(at, referrer), { ubrn: waiting.ubrn, outcome: 'CLOSED' }))).toBe('INVALID_REQUEST_STATE');
    const version = asked.versionId;
    expect(codeOf(submitFurtherInformation(ctx(at, referrer), { ubrn: asked.ubrn, text: 'More' }))).toBeUndefined();
    expect(asked).toMatchObject({ category: 'PROVIDER_RESPONSE_REQUIRED', versionId: version + 1, lastUpdatedAt: at });
    expect(codeOf(endAdviceConversation(ctx(at, referrer), { ubrn: asked.ubrn, outcome: 'CANCELLED' }))).toBeUndefined();
    expect(asked).toMatchObject({ category: 'CONVERSATION_ENDED_CANCELLED', status: 'cancelled' });
    expect(codeOf(endAdviceConversation(ctx(at, referrer), { ubrn: asked.ubrn, outcome: 'CANCELLED' }))).toBe('INVALID_REQUEST_STATE');
  });
});
