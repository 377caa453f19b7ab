import { Harness, startHarness, USERS } from '../helpers/harness';

/**
 * Issue 14: what an integrator running ers-graph against e-RS itself found missing or different
 * from e-RS, over HTTP against the simulator (which follows the spec on each point). One describe
 * per item of the issue.
 */

/** The e-RS calls of the last request as "METHOD path" (A030 role look-ups left out). */
const callsOf = (h: Harness) => h.ersCalls().map((c) => `${c.method} ${c.path}`);

describe('item 1: related referrals and the converted-from A&G request resolve, read from supportingInfo', () => {
  let h: Harness;
  beforeAll(async () => {
    // No reads shared across requests: each request's own calls are counted.
    h = await startHarness({ sharedReads: false });
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const PATHWAY = `query($ubrn: UBRN!) { referral(ubrn: $ubrn) {
    ubrn relatedReferralUbrns supportingInfoReferences
    relatedReferrals { ubrn patientNhsNumber attachments { title } }
  } }`;

  it('an onward referral links the earlier one: one A005 for it, one per related referral, as priced', async () => {
    const onward = h.simulator.world.referrals.find((r) => r.relatedReferralUbrn)!;
    const response = await fetch(h.graphqlUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await h.idToken(USERS.referrer)}` },
      body: JSON.stringify({ query: PATHWAY, variables: { ubrn: onward.ubrn }, extensions: { cost: true } }),
    });
    const result = (await response.json()) as { data: any; errors?: unknown; extensions: { cost: { estimatedCalls: number } } };
    expect(result.errors).toBeUndefined();
    const referral = result.data.referral;
    expect(referral.supportingInfoReferences).toContain(`ReferralRequest/${onward.relatedReferralUbrn}`);
    expect(referral.relatedReferralUbrns).toContain(onward.relatedReferralUbrn);
    const earlier = referral.relatedReferrals.find((r: { ubrn: string }) => r.ubrn === onward.relatedReferralUbrn);
    // The pathway view: the earlier referral, its letters, for the same patient.
    expect(earlier).toBeDefined();
    expect(earlier.patientNhsNumber).toBe(onward.patientNhsNumber);
    const expected = h.simulator.world.referrals.find((r) => r.ubrn === onward.relatedReferralUbrn)!;
    expect(earlier.attachments).toHaveLength(expected.attachmentIds.length);

    const reads = callsOf(h).filter((c) => /^GET \/STU3\/ReferralRequest\/\d{12}$/.test(c));
    expect(reads).toHaveLength(1 + referral.relatedReferralUbrns.length);
    expect(callsOf(h)).toHaveLength(reads.length);
    // The price (1 + 10 assumed related referrals) bounds what was made.
    expect(result.extensions.cost.estimatedCalls).toBeGreaterThanOrEqual(reads.length);
  });

  it('a converted referral links its A&G request: one A005 and one A024', async () => {
    const converted = h.simulator.world.referrals.find((r) => r.convertedFromAdviceAndGuidanceUbrn)!;
    expect(converted).toBeDefined();
    const result = await h.query(
      `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { convertedFromAdviceAndGuidanceUbrn convertedFromAdviceAndGuidance { ubrn conversationStatus } } }`,
      { ubrn: converted.ubrn },
      { user: USERS.providerClinician },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.referral).toEqual({
      convertedFromAdviceAndGuidanceUbrn: converted.convertedFromAdviceAndGuidanceUbrn,
      convertedFromAdviceAndGuidance: { ubrn: converted.convertedFromAdviceAndGuidanceUbrn, conversationStatus: 'ADVICE_CONVERTED' },
    });
    expect(callsOf(h)).toEqual([
      `GET /STU3/ReferralRequest/${converted.ubrn}`,
      `GET /STU3/CommunicationRequest/${converted.convertedFromAdviceAndGuidanceUbrn}`,
    ]);
  });

  it('a referral with no links reads nothing more', async () => {
    const world = h.simulator.world;
    const plain = world.referrals.find(
      (r) =>
        !r.relatedReferralUbrn && !r.convertedFromAdviceAndGuidanceUbrn && world.referrals.every((o) => o.relatedReferralUbrn !== r.ubrn),
    )!;
    const result = await h.query(
      `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { relatedReferrals { ubrn } convertedFromAdviceAndGuidance { ubrn } } }`,
      { ubrn: plain.ubrn },
    );
    expect(result.data!.referral).toEqual({ relatedReferrals: [], convertedFromAdviceAndGuidance: null });
    expect(callsOf(h)).toEqual([`GET /STU3/ReferralRequest/${plain.ubrn}`]);
  });
});
