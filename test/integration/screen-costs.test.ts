/**
 * README's "What a screen costs" table, measured: each canonical screen's e-RS calls as the
 * request's own `extensions.cost.actualCalls` reports them, over the simulator. A change that
 * makes a screen dearer fails here, and README's table is kept true.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findService } from '../../simulator';
import { Harness, startHarness, USERS } from '../helpers/harness';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
const readmeQuery = (name: string): string =>
  [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]).find((block) => block.includes(`query ${name}`))!;

const CONVERSATION = `query Conversation($ubrn: UBRN!) {
  adviceAndGuidance(ubrn: $ubrn) {
    id conversationStatus priority specialty { code }
    conversation { id sentAt sentBy text author { userId odsCode } }
  }
}`;

const BOOKING = `query Booking($ubrn: UBRN!, $serviceId: ServiceId!) {
  referral(ubrn: $ubrn) {
    id version priority
    shortlist { id name directlyBookable }
    slots(serviceId: $serviceId, first: 10) { edges { node { id start end } } }
  }
}`;

describe('what the canonical screens cost (README, "What a screen costs")', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  /**
   * The screen's e-RS reads beyond the caller's roles (A030) and reference data (A004), which are
   * shared across requests (so a warm screen makes neither); `extensions.cost` counts every call.
   */
  async function cost(query: string, variables: Record<string, unknown>, user: string): Promise<number> {
    h.simulator.resetCalls();
    const response = await fetch(h.graphqlUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await h.idToken(user)}` },
      body: JSON.stringify({ query, variables, extensions: { cost: true } }),
    });
    const body = (await response.json()) as { errors?: unknown[]; extensions?: { cost?: { actualCalls: number } } };
    expect(body.errors).toBeUndefined();
    const screen = h.ersCalls().filter((call) => !/PractitionerRole|CodeSystem/.test(call.path));
    expect(body.extensions!.cost!.actualCalls).toBeGreaterThanOrEqual(screen.length);
    return screen.length;
  }

  it('the provider worklist with each referral and its actions: 101 calls for 50 items (A008, 50 A005, 50 A029)', async () => {
    expect(await cost(readmeQuery('ProviderWorklistScreen'), {}, USERS.providerClinician)).toBe(101);
  });

  it('the same worklist with item fields only: the one worklist call', async () => {
    expect(await cost(readmeQuery('CheapWorklist'), {}, USERS.providerClinician)).toBe(1);
  });

  it('referral detail: the referral and its services in one call each (A005, A035)', async () => {
    expect(await cost(readmeQuery('ReferralWithServices'), { ubrn: '000050000001' }, USERS.referrer)).toBe(2);
  });

  it('an A&G conversation: the request and its messages (A024, A025)', async () => {
    const request = h.simulator.world.adviceAndGuidance[0];
    expect(await cost(CONVERSATION, { ubrn: request.ubrn }, USERS.providerClinician)).toBe(2);
  });

  it('a booking screen: the referral, its shortlist and a page of slots (A005, A035, A015)', async () => {
    const referral = h.simulator.world.referrals.find(
      (r) =>
        r.state === 'NOT_BOOKED' &&
        r.requesterUserId === USERS.referrer &&
        r.shortlist.some((id) => findService(h.simulator.world, id)?.bookableType === 'DIRECTLY_BOOKABLE'),
    )!;
    const serviceId = referral.shortlist.find((id) => findService(h.simulator.world, id)?.bookableType === 'DIRECTLY_BOOKABLE');
    expect(await cost(BOOKING, { ubrn: referral.ubrn, serviceId }, USERS.referrer)).toBe(3);
  });
});
