import { Harness, startHarness, USERS } from '../helpers/harness';

/** `GET /metrics`: Prometheus counters of e-RS calls and GraphQL requests, with no patient data in any label. */
describe('GET /metrics', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  const scrape = async () => {
    const response = await fetch(h.graphqlUrl.replace('/graphql', '/metrics'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };
  /** The value of one series, 0 when absent. */
  const value = (text: string, series: string) => {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line ? Number(line.slice(series.length + 1)) : 0;
  };

  it('counts e-RS calls by endpoint and status, GraphQL requests by type and outcome, and errors by code', async () => {
    const referral = h.simulator.world.referrals.find((r) => r.state === 'BOOKED')!;
    const before = await scrape();
    const ok = await h.query(`{ referral(ubrn: "${referral.ubrn}") { ubrn availableActions } }`);
    expect(ok.errors).toBeUndefined();
    const bad = await h.query('{ referral(ubrn: "123") { ubrn } }');
    expect(bad.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const after = await scrape();

    const delta = (series: string) => value(after, series) - value(before, series);
    expect(delta('ers_graph_ers_calls_total{endpoint="A005",method="GET",status="200"}')).toBe(1);
    expect(delta('ers_graph_ers_calls_total{endpoint="A029",method="GET",status="200"}')).toBe(1);
    expect(delta('ers_graph_graphql_requests_total{operation_type="query",outcome="ok"}')).toBe(1);
    expect(delta('ers_graph_graphql_errors_total{code="BAD_USER_INPUT"}')).toBe(1);
    expect(delta('ers_graph_ers_call_duration_seconds_count{endpoint="A005"}')).toBe(1);
    expect(after).toContain('ers_graph_process_cpu_seconds_total');

    // Labels are ids, statuses and codes only: no UBRN, NHS number or user id anywhere.
    for (const secret of [referral.ubrn, referral.patientNhsNumber, USERS.referrer]) expect(after).not.toContain(secret);
  });

  it('counts reads reused across requests, and mutations answered whole from the idempotency store', async () => {
    const referral = h.simulator.world.referrals.find((r) => r.state === 'NOT_BOOKED')!;
    const version = `{ referral(ubrn: "${referral.ubrn}", version: "${referral.versionId}") { ubrn } }`;
    const before = await scrape();
    await h.query(version);
    await h.query(version);
    const cancel = `mutation($input: CancelReferralInput!) { cancelReferral(input: $input) { referral { status } } }`;
    const input = { ubrn: referral.ubrn, version: String(referral.versionId), reason: 'RAISED_IN_ERROR', idempotencyKey: 'metrics-replay' };
    expect((await h.query(cancel, { input })).errors).toBeUndefined();
    expect((await h.query(cancel, { input })).headers.get('idempotent-replayed')).toBe('true');
    const after = await scrape();

    const delta = (series: string) => value(after, series) - value(before, series);
    expect(delta('ers_graph_shared_reads_total{kind="version",result="miss"}')).toBe(1);
    expect(delta('ers_graph_shared_reads_total{kind="version",result="hit"}')).toBe(1);
    expect(delta('ers_graph_idempotent_replays_total')).toBe(1);
  });
});
