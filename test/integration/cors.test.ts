import { request as httpRequest } from 'node:http';
import { Harness, startHarness, USERS } from '../helpers/harness';
import { CORS_ALLOWED_HEADERS } from '../../src/server';

/**
 * CORS_ORIGINS, over HTTP: a listed origin's preflights are answered (204 and what it may send and
 * read), its answers carry Access-Control-Allow-Origin (errors too, so the app can read them); any
 * other origin gets no CORS header at all; Apollo's CSRF prevention still refuses simple requests
 * from everyone. The browser's side of it is test/e2e/cors.browser.test.ts.
 */
const APP = 'http://localhost:5173';
const OTHER = 'https://elsewhere.example';
const QUERY = JSON.stringify({ query: '{ referral(ubrn: "000050000001") { ubrn } }' });

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, so that Origin is sent as a browser would send it. */
function send(url: string, method: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { method, headers }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

function preflight(url: string, origin: string, requestHeaders = 'authorization, content-type') {
  return send(url, 'OPTIONS', {
    Origin: origin,
    'Access-Control-Request-Method': 'POST',
    'Access-Control-Request-Headers': requestHeaders,
  });
}

/** The Access-Control-* headers of an answer. */
function corsHeaders(answer: Answer): Record<string, unknown> {
  return Object.fromEntries(Object.entries(answer.headers).filter(([name]) => name.startsWith('access-control-')));
}

describe('CORS with CORS_ORIGINS', () => {
  let harness: Harness;
  let base: string;
  beforeAll(async () => {
    harness = await startHarness({ env: { CORS_ORIGINS: `https://portal.example,${APP}`, AUTH_FAILURES_PER_MINUTE: '2' } });
    base = harness.graphqlUrl.replace(/\/graphql$/, '');
  });
  afterAll(() => harness.close());

  it.each(['/graphql', '/attachments', '/referrals/000050000001/clinical-information.pdf'])(
    "answers a listed origin's preflight to %s with 204 and what it may send and read",
    async (path) => {
      const answer = await preflight(`${base}${path}`, APP, 'authorization, content-type, nhsd-ers-business-function, idempotency-key');
      expect(answer.status).toBe(204);
      expect(answer.body).toBe('');
      expect(corsHeaders(answer)).toEqual({
        'access-control-allow-origin': APP,
        'access-control-allow-methods': 'GET, HEAD, POST',
        'access-control-allow-headers': CORS_ALLOWED_HEADERS.join(', '),
        'access-control-max-age': '600',
        'access-control-expose-headers': 'X-Correlation-ID, Idempotent-Replayed, Retry-After, Content-Disposition',
      });
      expect(answer.headers.vary).toMatch(/\bOrigin\b/);
    },
  );

  it('allows the bearer token, the role headers, idempotency and correlation ids and Apollo-Require-Preflight', () => {
    expect(CORS_ALLOWED_HEADERS).toEqual(
      expect.arrayContaining([
        'Authorization',
        'Content-Type',
        'NHSD-eRS-Business-Function',
        'NHSD-End-User-Organisation-ODS',
        'NHSD-eRS-On-Behalf-Of-User-ID',
        'Idempotency-Key',
        'X-Correlation-ID',
        'Apollo-Require-Preflight',
      ]),
    );
  });

  it("serves a listed origin's query with Access-Control-Allow-Origin and X-Correlation-ID readable", async () => {
    const answer = await send(
      harness.graphqlUrl,
      'POST',
      { Origin: APP, 'Content-Type': 'application/json', Authorization: `Bearer ${await harness.idToken(USERS.referrer)}` },
      QUERY,
    );
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ data: { referral: { ubrn: '000050000001' } } });
    expect(answer.headers['access-control-allow-origin']).toBe(APP);
    expect(answer.headers['access-control-expose-headers']).toContain('X-Correlation-ID');
    expect(answer.headers['x-correlation-id']).toEqual(expect.any(String));
    expect(answer.headers['access-control-allow-credentials']).toBeUndefined();
  });

  it('gives an origin not on the list no CORS header at all, for its preflight or its request', async () => {
    const refused = await preflight(`${base}/graphql`, OTHER);
    expect(refused.status).not.toBe(204);
    expect(corsHeaders(refused)).toEqual({});
    const elsewhere = await preflight(`${base}/attachments`, OTHER);
    expect(corsHeaders(elsewhere)).toEqual({});

    const answer = await send(
      harness.graphqlUrl,
      'POST',
      { Origin: OTHER, 'Content-Type': 'application/json', Authorization: `Bearer ${await harness.idToken(USERS.referrer)}` },
      QUERY,
    );
    // A browser would not have sent it (its preflight failed); sent anyway, nothing lets a page read the answer.
    expect(corsHeaders(answer)).toEqual({});
  });

  it.each([
    ['an origin not on the list', OTHER],
    ['a listed origin', APP],
  ])('keeps CSRF prevention: a simple request (text/plain) from %s is refused before anything runs', async (_what, origin) => {
    harness.simulator.resetCalls();
    const answer = await send(
      harness.graphqlUrl,
      'POST',
      { Origin: origin, 'Content-Type': 'text/plain', Authorization: `Bearer ${await harness.idToken(USERS.referrer)}` },
      QUERY,
    );
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body).errors[0]).toMatchObject({
      message: expect.stringContaining('CSRF'),
      extensions: { code: 'BAD_REQUEST' },
    });
    expect(harness.simulator.calls).toHaveLength(0);
  });

  it('lets a listed origin read its refusals (401, then 429 once its address failed too often), and still answers its preflights', async () => {
    const headers = { Origin: APP, 'Content-Type': 'application/json', Authorization: 'Bearer not-a-token' };
    const first = await send(harness.graphqlUrl, 'POST', headers, QUERY);
    expect(first.status).toBe(401);
    expect(first.headers['access-control-allow-origin']).toBe(APP);
    await send(harness.graphqlUrl, 'POST', headers, QUERY);
    const limited = await send(harness.graphqlUrl, 'POST', headers, QUERY);
    expect(limited.status).toBe(429);
    expect(limited.headers['access-control-allow-origin']).toBe(APP);
    expect(limited.headers['access-control-expose-headers']).toContain('Retry-After');
    expect((await preflight(`${base}/graphql`, APP)).status).toBe(204);
  });
});

describe('CORS without CORS_ORIGINS (the default)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  it('answers no origin with CORS headers', async () => {
    const answer = await preflight(harness.graphqlUrl, APP);
    expect(answer.status).toBe(400);
    expect(corsHeaders(answer)).toEqual({});
    const query = await send(
      harness.graphqlUrl,
      'POST',
      { Origin: APP, 'Content-Type': 'application/json', Authorization: `Bearer ${await harness.idToken(USERS.referrer)}` },
      QUERY,
    );
    expect(query.status).toBe(200);
    expect(corsHeaders(query)).toEqual({});
  });
});
