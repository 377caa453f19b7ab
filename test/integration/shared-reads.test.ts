import { Harness, startHarness, USERS } from '../helpers/harness';
import { findReferral } from '../../simulator/data/world';

/**
 * Reads reused across requests (DESIGN principle 3): a version never changes, so a provider who
 * reloads a worklist screen re-reads only what changed; A029 actions are always asked afresh.
 */
const SCREEN = `{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 10) { edges { node { ubrn referral { version state { state } availableActions } } } } }`;
const ACCEPT = `mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referral { version } } }`;

describe('reads shared across requests', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  /** The e-RS calls of one screen, by kind. */
  async function screen(user: string, headers?: Record<string, string>) {
    h.simulator.resetCalls();
    const result = await h.query(SCREEN, undefined, { user, headers });
    expect(result.errors).toBeUndefined();
    const calls = h.ersCalls();
    return {
      edges: result.data!.referralWorklist.edges as Array<{
        node: { ubrn: string; referral: { version: string; state: { state: string } } };
      }>,
      worklist: calls.filter((c) => c.path.endsWith('$ers.fetchworklist')).length,
      referrals: calls.filter((c) => c.path.startsWith('/STU3/ReferralRequest/0')).map((c) => c.path),
      actions: calls.filter((c) => c.path === '/STU3/Task').length,
    };
  }

  it('reloads a worklist screen reading no referral version twice, but every action list afresh', async () => {
    const first = await screen(USERS.providerClinician);
    const n = first.edges.length;
    expect(n).toBe(10);
    expect(first).toMatchObject({ worklist: 1, actions: n });
    expect(first.referrals).toHaveLength(n);

    const reload = await screen(USERS.providerClinician);
    expect(reload).toMatchObject({ worklist: 1, referrals: [], actions: n });
  });

  it('never serves one caller’s copy to another', async () => {
    await screen(USERS.providerClinician);
    const other = await screen(USERS.twoOrganisations, {
      'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN',
      'NHSD-End-User-Organisation-ODS': 'RZZ',
    });
    expect(other.referrals).toHaveLength(other.edges.length);
  });

  it('answers a referral read again as e-RS now sends it: the same while unchanged, changed within its version when it changed', async () => {
    const READ = `query($ubrn: UBRN!) { referral(ubrn: $ubrn) { ubrn version attachments { title availability } } }`;
    const trust = h.simulator.world.provider.odsCode;
    // An attachment still being scanned: e-RS changes its availability without a new version.
    const pending = h.simulator.world.attachments.find(
      (a) =>
        a.availability === 'PENDING' &&
        a.owner.kind === 'ReferralRequest' &&
        findReferral(h.simulator.world, a.owner.ubrn)?.providerOdsCode === trust,
    )!;
    expect(pending).toBeDefined();
    const read = async () => {
      h.simulator.resetCalls();
      const result = await h.query(READ, { ubrn: pending.owner.ubrn }, { user: USERS.providerClinician });
      expect(result.errors).toBeUndefined();
      // A current read is never answered without asking e-RS.
      expect(h.ersCalls().filter((c) => c.path === `/STU3/ReferralRequest/${pending.owner.ubrn}`)).toHaveLength(1);
      return result.data!.referral as { version: string; attachments: Array<{ title: string; availability: string }> };
    };
    const availability = async () => (await read()).attachments.find((a) => a.title === pending.title)!.availability;

    const first = await read();
    expect(await read()).toEqual(first);
    expect(await read()).toEqual(first);
    expect(await availability()).toBe('PENDING');
    try {
      pending.availability = 'AVAILABLE';
      const after = await read();
      expect(after.version).toBe(first.version);
      expect(await availability()).toBe('AVAILABLE');
    } finally {
      pending.availability = 'PENDING';
    }
    expect(await availability()).toBe('PENDING');
  });

  it('reads the new version of a referral that changed, and only that one', async () => {
    const before = await screen(USERS.providerClinician);
    // A013 accepts a booked referral; the list also holds referrals awaiting triage.
    const changed = before.edges.find((e) => e.node.referral.state.state === 'BOOKED')!.node;
    const accepted = await h.query(
      ACCEPT,
      { input: { ubrn: changed.ubrn, version: changed.referral.version } },
      { user: USERS.providerClinician },
    );
    expect(accepted.errors).toBeUndefined();

    const after = await screen(USERS.providerClinician);
    // Accepted, it left Referrals for Review; a referral behind it moved into the first ten.
    expect(after.edges.map((e) => e.node.ubrn)).not.toContain(changed.ubrn);
    const unseen = after.edges.filter((e) => !before.edges.some((b) => b.node.ubrn === e.node.ubrn));
    expect(after.referrals).toEqual(unseen.map((e) => `/STU3/ReferralRequest/${e.node.ubrn}/_history/${e.node.referral.version}`));
  });
});
