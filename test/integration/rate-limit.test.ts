import { Harness, startHarness, USERS } from '../helpers/harness';

/**
 * The e-RS rate limit over the simulator, which enforces one as NHS APIM does (a spike arrest:
 * a request sooner than 1/rate after the last is answered 429).
 */
const SCREEN = `{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 10) { edges { node { ubrn referral { version availableActions } } } } }`;

describe('the e-RS rate limit', () => {
  const started: Harness[] = [];
  afterAll(() => Promise.all(started.map((h) => h.close())));
  const harness = async (env: Record<string, string>) => {
    const h = await startHarness({ simulator: { rateLimitPerSecond: 20 }, env });
    started.push(h);
    return h;
  };
  const statuses = (h: Harness) => h.ersCalls().map((c) => c.status);

  it('keeps a worklist screen under e-RS’s limit: no 429 at all, calls spaced by the limit', async () => {
    // ers-graph at 10 a second under the simulator's 20: room for a busy event loop to send late.
    const h = await harness({ ERS_RATE_LIMIT: '10' });
    h.simulator.resetCalls();
    const started = Date.now();
    const result = await h.query(SCREEN, undefined, { user: USERS.providerClinician });
    expect(result.errors).toBeUndefined();
    const calls = h.simulator.calls;
    expect(calls.length).toBeGreaterThanOrEqual(21);
    // The simulator answers any request sooner than 50 ms after the last with 429: none came.
    expect(calls.map((c) => c.status)).not.toContain(429);
    // And the screen took the time the limit asks: one call per 100 ms after the first.
    expect(Date.now() - started).toBeGreaterThanOrEqual((calls.length - 1) * 100 - 20);
  });

  it('without the limit, the same screen runs into e-RS’s 429s (and the reads back off and retry)', async () => {
    const h = await harness({ ERS_RATE_LIMIT: '0' });
    h.simulator.resetCalls();
    await h.query(SCREEN, undefined, { user: USERS.providerClinician });
    expect(statuses(h)).toContain(429);
  });

  it('refuses a call that would wait past ERS_RATE_LIMIT_MAX_WAIT_MS with RATE_LIMITED, without calling e-RS', async () => {
    const h = await harness({ ERS_RATE_LIMIT: '2', ERS_RATE_LIMIT_BURST: '2', ERS_RATE_LIMIT_MAX_WAIT_MS: '0' });
    h.simulator.setRateLimit(0); // only ers-graph's own limit is at work here
    h.simulator.resetCalls();
    const result = await h.query(SCREEN, undefined, { user: USERS.providerClinician });
    // A burst of 2: the role look-up (A030) and the worklist go at once; every referral read
    // after them would have to wait, and may not wait at all here, so it is refused.
    expect(result.data?.referralWorklist.edges.length).toBe(10);
    const limited = result.errors!.filter((e) => e.extensions?.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].extensions).toMatchObject({ reason: 'LOCAL_RATE_LIMIT', retryAfterSeconds: 1 });
    expect(h.ersCalls().map((c) => c.path)).toEqual(['/STU3/ReferralRequest/$ers.fetchworklist']);
    // Operators see it: the refusals and the waits are metrics.
    const metrics = await (await fetch(h.graphqlUrl.replace('/graphql', '/metrics'))).text();
    // Each item's A029, started beside its A005, is refused too; its field never runs (the referral failed), so only the A005s show.
    expect(Number(/^ers_graph_rate_limit_refused_total (\d+)$/m.exec(metrics)?.[1])).toBe(limited.length + 10);
    expect(Number(/^ers_graph_rate_limit_wait_seconds_count (\d+)$/m.exec(metrics)?.[1])).toBeGreaterThanOrEqual(2);
  });
});
