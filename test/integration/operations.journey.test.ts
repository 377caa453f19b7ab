/**
 * The journeys of the canonical screens, run with the front ends' own operations: the
 * TypedDocumentNodes codegen makes of operations/*.graphql, sent as `print(document)`, with typed
 * variables and typed results. A schema change that breaks one of these operations fails
 * `npm run codegen` (the operation no longer validates) or, once regenerated, the type check of
 * this file; test/unit/codegen.test.ts fails while the generated file is stale.
 */
import { randomUUID } from 'node:crypto';
import { print } from 'graphql';
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { findService, type Referral } from '../../simulator';
import { freeSlots } from '../../simulator/data/slots';
import {
  AcceptDocument,
  AdviceAndGuidanceConversationDocument,
  BookDocument,
  BookingScreenDocument,
  CheapWorklistDocument,
  ConvertAdviceAndGuidanceToReferralDocument,
  ProviderWorklistScreenDocument,
  RecordTriageOutcomeDocument,
  ReferralDetailDocument,
  ReferralWithServicesDocument,
  type AcceptMutationVariables,
  type CheapWorklistQuery,
  type ProviderWorklistScreenQuery,
  type ReferralState,
} from '../../operations/__generated__/operations';
import { Harness, startHarness, USERS } from '../helpers/harness';

describe('journeys with the typed operations of operations/', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  /** Runs a typed operation as a front end does (its printed text, its variables) and returns its typed data; no errors expected. */
  async function run<Result, Variables extends Record<string, unknown>>(
    document: TypedDocumentNode<Result, Variables>,
    variables: Variables,
    user: string,
  ): Promise<Result> {
    const result = await h.query<Result>(print(document), variables, { user });
    expect(result.errors).toBeUndefined();
    expect(result.data).toBeDefined();
    return result.data!;
  }

  /** All the provider's referrals for review, paged with the cheap worklist (one e-RS call a page). */
  async function reviewList(): Promise<string[]> {
    const ubrns: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: NonNullable<CheapWorklistQuery['referralWorklist']> = (
        await run(CheapWorklistDocument, { after }, USERS.providerClinician)
      ).referralWorklist!;
      ubrns.push(...page.edges.map((edge) => edge.node.ubrn));
      if (!page.pageInfo.hasNextPage) return ubrns;
      after = page.pageInfo.endCursor;
    }
  }

  it('provider: the worklist screen, then Accept on a booked referral of it with the version the row shows', async () => {
    const screen = await run(ProviderWorklistScreenDocument, { after: null }, USERS.providerClinician);
    const list = screen.referralWorklist!;
    expect(list.edges).toHaveLength(50);
    expect(list.totalCount).toBeGreaterThan(50);
    // The typed union of items: only ReferralForReviewWorklistItem carries a service name.
    const rows = list.edges.map(({ node }) => ({
      ubrn: node.ubrn,
      version: node.version,
      state: node.referral?.state?.state,
      service: 'serviceName' in node ? node.serviceName : undefined,
    }));
    expect(rows.every((row) => typeof row.service === 'string')).toBe(true);
    const world = h.simulator.world;
    const row = rows.find(
      (r) => r.state === 'BOOKED' && r.version && !world.referrals.find((referral) => referral.ubrn === r.ubrn)!.acceptedAt,
    )!;
    expect(row).toBeDefined();
    const before = await reviewList();
    expect(before).toContain(row.ubrn);

    const accepted = await run(
      AcceptDocument,
      { ubrn: row.ubrn, version: row.version!, idempotencyKey: `accept-${randomUUID()}` },
      USERS.providerClinician,
    );
    const referral = accepted.acceptReferral!.referral;
    expect(referral.id).toBe(row.ubrn);
    expect(Number(referral.version)).toBeGreaterThan(Number(row.version));
    const after = await reviewList();
    expect(after).not.toContain(row.ubrn);
    expect(after).toHaveLength(before.length - 1);
  });

  it('referrer: the referral with its services, the booking screen, Book, then the referral detail screen', async () => {
    const world = h.simulator.world;
    const now = new Date(h.simulator.now()).toISOString();
    const bookable = (r: Referral) =>
      r.shortlist.find(
        (id) =>
          findService(world, id)?.bookableType === 'DIRECTLY_BOOKABLE' &&
          freeSlots(world.slotSchedule, { serviceId: id, priority: r.priority, after: now }).length > 0,
      );
    const target = world.referrals.find((r) => r.state === 'NOT_BOOKED' && r.requesterUserId === USERS.referrer && bookable(r))!;
    expect(target).toBeDefined();
    const serviceId = bookable(target)!;

    const detail = (await run(ReferralWithServicesDocument, { ubrn: target.ubrn }, USERS.referrer)).referral!;
    expect(detail.state?.state).toBe('NOT_BOOKED');
    expect(detail.shortlist?.map((service) => service?.id)).toEqual(target.shortlist);
    expect(detail.shortlist?.find((service) => service?.id === serviceId)?.directlyBookable).toBe(true);

    const booking = (await run(BookingScreenDocument, { ubrn: target.ubrn, serviceId, after: null }, USERS.referrer)).referral!;
    const slot = booking.slots!.edges[0].node;
    expect(slot.id).toEqual(expect.any(String));

    const booked = (
      await run(
        BookDocument,
        { ubrn: target.ubrn, version: booking.version, service: serviceId, slot: slot.id, idempotencyKey: `book-${randomUUID()}` },
        USERS.referrer,
      )
    ).bookAppointment!;
    expect(booked.referral.state?.state).toBe<ReferralState>('BOOKED');
    expect(booked.appointment).toMatchObject({ status: 'BOOKED', start: slot.start });

    const screen = (await run(ReferralDetailDocument, { ubrn: target.ubrn }, USERS.referrer)).referral!;
    expect(screen.version).toBe(booked.referral.version);
    expect(screen.bookedService?.id).toBe(serviceId);
    expect(screen.appointment).toMatchObject({ status: 'BOOKED', start: slot.start, service: { id: serviceId } });
    expect(screen.availableActions).toContain('CANCEL_DIRECTLY_BOOKED_APPOINTMENT');
  });

  it('provider: records a triage outcome on a referral awaiting triage', async () => {
    const referral = h.simulator.world.referrals.find((r) => r.state === 'AWAITING_TRIAGE')!;
    const version = String(referral.versions[referral.versions.length - 1].versionId);
    const triaged = (
      await run(
        RecordTriageOutcomeDocument,
        { input: { ubrn: referral.ubrn, version, outcome: 'RETURN_TO_REFERRER_WITH_ADVICE', comment: 'Please arrange an ECG first.' } },
        USERS.providerClinician,
      )
    ).recordTriageOutcome!.referral;
    expect(triaged).toMatchObject({ id: referral.ubrn, state: { state: 'TRIAGE_RESPONSE' } });
    expect(Number(triaged.version)).toBeGreaterThan(Number(version));
  });

  it('provider: reads an A&G conversation, then converts the request into a referral', async () => {
    const world = h.simulator.world;
    const request = world.adviceAndGuidance.find(
      (r) => r.status === 'active' && r.providerConversionAuthorised && r.convertedToReferralUbrn === undefined && r.messages.length > 0,
    )!;
    expect(request).toBeDefined();
    const conversation = (await run(AdviceAndGuidanceConversationDocument, { ubrn: request.ubrn }, USERS.providerClinician))
      .adviceAndGuidance!;
    expect(conversation.conversionAuthorised).toBe(true);
    expect(conversation.conversation).toHaveLength(request.messages.length);
    expect(conversation.conversation![0].sentBy).toBe('REQUESTER');

    const converted = (
      await run(
        ConvertAdviceAndGuidanceToReferralDocument,
        {
          input: {
            ubrn: request.ubrn,
            version: conversation.version,
            guidance: 'Refer to the cardiology clinic.',
            priority: 'URGENT',
            reviewComment: 'Book into the next available clinic.',
            idempotencyKey: `convert-${randomUUID()}`,
          },
        },
        USERS.providerClinician,
      )
    ).convertAdviceAndGuidanceToReferral!;
    expect(converted.referral).toMatchObject({
      priority: 'URGENT',
      state: { state: 'TRIAGED_PROVIDER_TO_ACTION' },
      convertedFromAdviceAndGuidanceUbrn: request.ubrn,
    });
    expect(converted.adviceAndGuidance).toMatchObject({ id: request.ubrn, conversationStatus: 'ADVICE_CONVERTED' });
  });

  it('types variables and results: a missing variable, or a field the operation does not select, does not compile', () => {
    // @ts-expect-error acceptReferral needs the version the user saw
    const missing: AcceptMutationVariables = { ubrn: '000050000001' };
    // @ts-expect-error the worklist screen does not select the referral's shortlist
    const unselected = (data: ProviderWorklistScreenQuery) => data.referralWorklist?.edges[0].node.referral?.shortlist;
    expect([missing, typeof unselected]).toEqual([{ ubrn: '000050000001' }, 'function']);
  });
});
