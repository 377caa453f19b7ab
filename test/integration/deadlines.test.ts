import { ErsCallEvent } from '../../datasources/ers/client';
import { Harness, startHarness, USERS } from '../helpers/harness';

/** The provider worklist screen: 1 A008, then 50 A005 and 50 A029 at 8 at a time. */
const SCREEN = `{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 50) { edges { node { ubrn
  referral { patientNhsNumber availableActions } } } } }`;

/** e-RS calls as ers-graph saw them, with when each started. */
function recorder() {
  const calls: Array<ErsCallEvent & { startedAt: number }> = [];
  return { calls, onCall: (event: ErsCallEvent) => calls.push({ ...event, startedAt: Date.now() - event.durationMs }) };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('request deadline and client disconnect (over HTTP, against the simulator)', () => {
  describe('a client that goes away', () => {
    const seen = recorder();
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ simulator: { latencyMs: 150 }, client: { onCall: seen.onCall }, sharedReads: false });
      await h.query('{ me { activeRole { businessFunction } } }', undefined, { user: USERS.providerClinician }); // roles cached
    });
    afterAll(() => h.close());

    it('stops its e-RS calls: the ones in flight are aborted, none starts after', async () => {
      seen.calls.length = 0;
      const controller = new AbortController();
      const token = await h.idToken(USERS.providerClinician);
      const request = fetch(h.graphqlUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: SCREEN }),
        signal: controller.signal,
      }).catch((error: unknown) => error);
      await sleep(450); // the worklist is in, the first referrals are on their way
      controller.abort();
      const abortedAt = Date.now();
      await request;
      await sleep(1000); // long enough for several more rounds of 150 ms calls, had they gone on

      expect(seen.calls.length).toBeGreaterThan(1);
      expect(seen.calls.length).toBeLessThan(101); // the whole screen would make 101
      expect(seen.calls.filter((c) => c.startedAt > abortedAt + 50)).toEqual([]);
      expect(seen.calls.filter((c) => c.status === 'ABORTED').length).toBeGreaterThan(0);
      // The server keeps serving.
      const after = await h.query('{ me { activeRole { businessFunction } } }', undefined, { user: USERS.providerClinician });
      expect(after.errors).toBeUndefined();
    });
  });

  describe('a request that runs past REQUEST_DEADLINE_MS', () => {
    const seen = recorder();
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({
        simulator: { latencyMs: 150 },
        client: { onCall: seen.onCall },
        sharedReads: false,
        env: { REQUEST_DEADLINE_MS: '700' },
      });
    });
    afterAll(() => h.close());

    it('answers by its deadline: what came back, and DEADLINE_EXCEEDED for the fields whose calls it cut', async () => {
      await h.query('{ me { activeRole { businessFunction } } }', undefined, { user: USERS.providerClinician });
      seen.calls.length = 0;
      const started = Date.now();
      const result = await h.query(SCREEN, undefined, { user: USERS.providerClinician });
      const tookMs = Date.now() - started;
      const deadlineAt = started + 700;
      await sleep(500);

      expect(tookMs).toBeLessThan(2000); // the whole screen takes ~2 s at 150 ms a call, 8 at a time
      expect(result.data?.referralWorklist.edges).toHaveLength(50);
      const codes = new Set(result.errors?.map((e) => e.extensions?.code));
      expect([...codes]).toEqual(['DEADLINE_EXCEEDED']);
      expect(result.errors![0].message).toBe('The request ran out of time before e-RS answered');
      expect(seen.calls.filter((c) => c.startedAt > deadlineAt + 50)).toEqual([]);
    });
  });

  describe('a deadline that passes while calls wait for the rate limit', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ sharedReads: false, env: { ERS_RATE_LIMIT: '20', REQUEST_DEADLINE_MS: '800' } });
    });
    afterAll(() => h.close());

    it('refuses at once the calls that could not have their turn in time (RATE_LIMITED), never an internal error, and sends no more', async () => {
      await h.query('{ me { activeRole { businessFunction } } }', undefined, { user: USERS.providerClinician });
      h.simulator.resetCalls();
      const started = Date.now();
      const result = await h.query(SCREEN, undefined, { user: USERS.providerClinician });
      expect(Date.now() - started).toBeLessThan(1500);
      const codes = new Set(result.errors?.map((e) => e.extensions?.code));
      expect(codes.has('RATE_LIMITED')).toBe(true);
      expect([...codes].filter((code) => code !== 'DEADLINE_EXCEEDED' && code !== 'RATE_LIMITED')).toEqual([]);
      expect(result.errors?.find((e) => e.extensions?.code === 'RATE_LIMITED')?.extensions).toMatchObject({
        reason: 'LOCAL_RATE_LIMIT',
        retryAfterSeconds: expect.any(Number),
      });
      const made = h.ersCalls().length;
      expect(made).toBeLessThanOrEqual(1 + 20); // 20 a second for 0.8 s, plus the first
      await sleep(500);
      expect(h.ersCalls().length).toBe(made);
    });
  });

  describe('e-RS asks to wait longer than the request has left', () => {
    let h: Harness;
    beforeAll(async () => {
      h = await startHarness({ env: { REQUEST_DEADLINE_MS: '30000' } });
    });
    afterAll(() => h.close());

    it('Retry-After: 40 answers RATE_LIMITED with retryAfterSeconds 40 at once, instead of after 40 s', async () => {
      const { referrals } = h.simulator.world;
      const ubrn = referrals[0].ubrn;
      await h.query('{ me { activeRole { businessFunction } } }'); // roles cached
      h.simulator.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 40, path: '/STU3/ReferralRequest/', times: 1 }]);
      h.simulator.resetCalls();
      const started = Date.now();
      const result = await h.query('query ($u: UBRN!) { referral(ubrn: $u) { ubrn } }', { u: ubrn });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 40, endpoint: 'A005' });
      expect(h.ersCalls()).toHaveLength(1); // no retry
      h.simulator.setFaults([]);
    });
  });
});
