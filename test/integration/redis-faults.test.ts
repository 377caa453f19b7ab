import { Harness, startHarness, USERS } from '../helpers/harness';
import { RedisServer, sparePort } from '../helpers/redis-server';

const READ = '{ referral(ubrn: "000050000001") { ubrn version state { state } priority specialty { display } shortlist { id name } } }';
const PROVIDER_READ =
  '{ me { roles { businessFunction odsCode } } referralWorklist(type: REFERRALS_FOR_REVIEW, first: 3) { edges { node { ubrn priority } } } }';
const ACCEPT = 'mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referral { ubrn version state { state } } } }';

/** Generous bound for "answers fast instead of hanging": with Redis down a request took 12 to 30 s before. */
const FAST_MS = 3000;

describe('Redis down, slow and back (a real redis-server on a spare port)', () => {
  let redis: RedisServer;
  let h: Harness;
  let base: string;
  /** Referrals a provider may accept, one per mutation of these tests. */
  let acceptable: Array<{ ubrn: string; version: string }>;

  beforeAll(async () => {
    redis = new RedisServer(await sparePort());
    await redis.start();
    h = await startHarness({
      // A rate limit, so the shared GCRA in Redis (and its local stand-in) is exercised too; a short cool-down between probes.
      env: { REDIS_URL: redis.url, ERS_RATE_LIMIT: '200', REDIS_BREAKER_COOLDOWN_MS: '300' },
      // Tokens and roles in Redis, as in production.
      sharedIdentity: true,
    });
    base = h.graphqlUrl.replace(/\/graphql$/, '');
    acceptable = h.simulator.world.referrals
      .filter((r) => r.state === 'BOOKED' && !(r as { acceptedAt?: string }).acceptedAt && r.ubrn !== '000050000001')
      .slice(0, 6)
      .map((r) => ({ ubrn: r.ubrn, version: String(r.versions[r.versions.length - 1].versionId) }));
    expect(acceptable).toHaveLength(6);
  });

  afterAll(async () => {
    await h?.close();
    await redis?.kill();
  });

  const writes = () => h.ersCalls().filter((call) => call.method !== 'GET').length;
  const timed = async <T>(run: () => Promise<T>): Promise<{ ms: number; result: T }> => {
    const started = Date.now();
    const result = await run();
    return { ms: Date.now() - started, result };
  };
  const ready = async () => {
    const response = await fetch(`${base}/ready`);
    return { status: response.status, body: (await response.json()) as { status: string; checks: Record<string, string> } };
  };
  const health = async () => {
    const response = await fetch(`${base}/health`);
    return { status: response.status, body: await response.json() };
  };
  /** Polls /ready until it is 200 (Redis's circuit closed by its probe, the check's cache expired). */
  const untilReady = async () => {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const answer = await ready();
      if (answer.status === 200 || Date.now() > deadline) return answer;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };
  const accept = (input: Record<string, unknown>, headers?: Record<string, string>) =>
    h.query(ACCEPT, { input }, { user: USERS.providerClinician, headers });

  let referral: unknown;
  let worklist: unknown;

  it('with Redis up: reads, /ready says ready with Redis and e-RS ok, a keyed mutation runs once', async () => {
    const read = await h.query(READ);
    expect(read.errors).toBeUndefined();
    referral = read.data;
    const providerRead = await h.query(PROVIDER_READ, undefined, { user: USERS.providerClinician });
    expect(providerRead.errors).toBeUndefined();
    worklist = providerRead.data;

    expect(await ready()).toEqual({ status: 200, body: { status: 'ready', checks: { redis: 'ok', ers: 'ok' } } });

    h.simulator.resetCalls();
    const input = { ...acceptable[0], idempotencyKey: 'redis-up-1' };
    expect((await accept(input)).errors).toBeUndefined();
    expect((await accept(input)).headers.get('idempotent-replayed')).toBe('true');
    expect(writes()).toBe(1);
  });

  it('with Redis frozen (connected, silent): reads answer within the timeout, a keyed mutation is refused, nothing written', async () => {
    redis.pause();
    try {
      for (let i = 0; i < 4; i++) {
        const { ms, result } = await timed(() => h.query(READ));
        expect(result.errors).toBeUndefined();
        expect(result.data).toEqual(referral);
        expect(ms).toBeLessThan(FAST_MS);
      }
      h.simulator.resetCalls();
      const { ms, result } = await timed(() => accept({ ...acceptable[1], idempotencyKey: 'redis-frozen-1' }));
      expect(ms).toBeLessThan(FAST_MS);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'SHARED_STORE_UNAVAILABLE' });
      expect(writes()).toBe(0);
    } finally {
      redis.resume();
    }
    // Back by itself, no restart of ers-graph.
    expect(await untilReady()).toEqual({ status: 200, body: { status: 'ready', checks: { redis: 'ok', ers: 'ok' } } });
  });

  it('with Redis stopped: reads answer fast with the same data, keyed mutations and uploads are refused with no e-RS write, unkeyed ones go ahead; /ready is 503, /health ok', async () => {
    await redis.kill();

    for (let i = 0; i < 5; i++) {
      const { ms, result } = await timed(() => h.query(READ));
      expect(result.errors).toBeUndefined();
      expect(result.data).toEqual(referral);
      expect(ms).toBeLessThan(FAST_MS);
    }
    // Another user: token and roles come from this process's memory while Redis is away.
    const { ms: providerMs, result: providerRead } = await timed(() =>
      h.query(PROVIDER_READ, undefined, { user: USERS.providerClinician }),
    );
    expect(providerRead.errors).toBeUndefined();
    expect(providerRead.data).toEqual(worklist);
    expect(providerMs).toBeLessThan(FAST_MS);

    h.simulator.resetCalls();
    const byArgument = await timed(() => accept({ ...acceptable[2], idempotencyKey: 'redis-down-1' }));
    expect(byArgument.ms).toBeLessThan(FAST_MS);
    expect(byArgument.result.status).toBe(200);
    expect(byArgument.result.errors).toHaveLength(1);
    expect(byArgument.result.errors![0].extensions).toEqual({
      code: 'SERVICE_UNAVAILABLE',
      reason: 'SHARED_STORE_UNAVAILABLE',
      retryAfterSeconds: expect.any(Number),
    });
    expect(byArgument.result.errors![0].message).not.toContain('redis-down-1');
    expect(Number(byArgument.result.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);

    const byHeader = await accept(acceptable[2], { 'Idempotency-Key': 'redis-down-2' });
    expect(byHeader.errors![0].extensions!.code).toBe('SERVICE_UNAVAILABLE');

    const form = new FormData();
    form.append('file', new Blob(['Dear colleague, please see this patient.']), 'letter.txt');
    const upload = await fetch(`${base}/attachments`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.idToken(USERS.referrer)}`, 'Idempotency-Key': 'redis-down-upload-1' },
      body: form,
    });
    expect(upload.status).toBe(503);
    expect(upload.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await upload.json()).toEqual({
      errors: [
        {
          message: expect.any(String),
          extensions: { code: 'SERVICE_UNAVAILABLE', reason: 'SHARED_STORE_UNAVAILABLE', retryAfterSeconds: expect.any(Number) },
        },
      ],
    });
    // The same upload through GraphQL (multipart request spec), with the key as an argument.
    const operations = new FormData();
    operations.append(
      'operations',
      JSON.stringify({
        query: 'mutation($file: Upload!) { uploadAttachment(file: $file, idempotencyKey: "redis-down-upload-2") { url } }',
        variables: { file: null },
      }),
    );
    operations.append('map', JSON.stringify({ 0: ['variables.file'] }));
    operations.append('0', new Blob(['Dear colleague, please see this patient.']), 'letter.txt');
    const graphqlUpload = await fetch(h.graphqlUrl, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await h.idToken(USERS.referrer)}`, 'Apollo-Require-Preflight': 'true' },
      body: operations,
    });
    const uploaded = (await graphqlUpload.json()) as { errors: Array<{ extensions: Record<string, unknown> }> };
    expect(uploaded.errors[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', reason: 'SHARED_STORE_UNAVAILABLE' });
    expect(writes()).toBe(0);

    // Without a key a mutation needs no shared store: it goes ahead.
    const unkeyed = await accept(acceptable[3]);
    expect(unkeyed.errors).toBeUndefined();
    expect(unkeyed.data!.acceptReferral.referral.ubrn).toBe(acceptable[3].ubrn);
    expect(writes()).toBe(1);

    expect(await ready()).toEqual({ status: 503, body: { status: 'not-ready', checks: { redis: 'unavailable', ers: 'ok' } } });
    expect(await health()).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('after Redis restarts: /ready is ready again and a keyed mutation runs once and replays, without a restart of ers-graph', async () => {
    await redis.start();
    expect(await untilReady()).toEqual({ status: 200, body: { status: 'ready', checks: { redis: 'ok', ers: 'ok' } } });

    h.simulator.resetCalls();
    // The key refused while Redis was down now works.
    const input = { ...acceptable[2], idempotencyKey: 'redis-down-1' };
    const first = await accept(input);
    expect(first.errors).toBeUndefined();
    expect(first.data!.acceptReferral.referral.ubrn).toBe(acceptable[2].ubrn);
    const replay = await accept(input);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.data).toEqual(first.data);
    // The same key with another selection replays from the stored result, not from e-RS.
    const other = await h.query(
      'mutation($input: AcceptReferralInput!) { acceptReferral(input: $input) { referral { ubrn } } }',
      { input },
      { user: USERS.providerClinician },
    );
    expect(other.data!.acceptReferral.referral.ubrn).toBe(acceptable[2].ubrn);
    expect(writes()).toBe(1);

    const read = await h.query(READ);
    expect(read.data).toEqual(referral);
  });
});
