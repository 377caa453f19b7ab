import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../src/config';
import { createServer } from '../../src/server';
import { createIdentityService } from '../../src/auth/identity';
import { Harness, startHarness } from '../helpers/harness';

const TOKEN = 'metrics-token-0123456789abcdef';

describe('GET /metrics on a port of its own (METRICS_PORT) and behind a token (METRICS_TOKEN)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { METRICS_PORT: '0', METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => h.close());

  const main = () => h.graphqlUrl.replace(/\/graphql$/, '');

  it('answers 404 for /metrics on the main port', async () => {
    const response = await fetch(`${main()}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('serves /metrics on its own listener, on the same host, to the token only', async () => {
    const metricsUrl = h.server.metricsUrl!;
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(metricsUrl).not.toBe(main());

    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN.slice(0, -1)}x`, `Basic ${TOKEN}`, TOKEN]) {
      const response = await fetch(`${metricsUrl}/metrics`, { headers: authorization ? { Authorization: authorization } : {} });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer');
      const body = (await response.json()) as { errors: Array<{ message: string; extensions: Record<string, unknown> }> };
      expect(body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'METRICS_TOKEN' });
      if (authorization) expect(body.errors[0].message).not.toContain(authorization);
    }

    const response = await fetch(`${metricsUrl}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('ers_graph_ers_calls_total');
  });

  it('serves nothing else on the metrics port', async () => {
    const response = await fetch(`${h.server.metricsUrl}/graphql`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(response.status).toBe(404);
  });
});

describe('GET /metrics on the main port behind METRICS_TOKEN', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { METRICS_TOKEN: TOKEN } });
  });
  afterAll(() => h.close());

  it('refuses a scrape without the token and serves one with it', async () => {
    const url = h.graphqlUrl.replace(/\/graphql$/, '/metrics');
    expect((await fetch(url)).status).toBe(401);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('ers_graph_graphql_requests_total');
    expect(h.server.metricsUrl).toBeUndefined();
  });
});

describe('GET /ready without Redis, and with e-RS unreachable', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.server.close());

  it('pings the API platform beside /FHIR (unauthenticated, no e-RS call), reuses the result for a few seconds, and says not-ready once e-RS is unreachable', async () => {
    const ping = await fetch(`${h.simulator.origin}/_ping`);
    expect(ping.status).toBe(200);
    expect(await ping.json()).toEqual({
      version: expect.any(String),
      revision: expect.any(String),
      releaseId: expect.any(String),
      commitId: expect.any(String),
    });

    const ready = async () => {
      const response = await fetch(h.graphqlUrl.replace(/\/graphql$/, '/ready'));
      return { status: response.status, body: await response.json() };
    };
    h.simulator.resetCalls();
    expect(await ready()).toEqual({ status: 200, body: { status: 'ready', checks: { redis: 'not-configured', ers: 'ok' } } });
    expect(h.simulator.calls).toEqual([]);

    await h.simulator.close();
    // Within a few seconds the last result stands: a load balancer polling every second costs nothing upstream.
    expect((await ready()).status).toBe(200);
    const deadline = Date.now() + 10_000;
    let answer = await ready();
    while (answer.status === 200 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      answer = await ready();
    }
    expect(answer).toEqual({ status: 503, body: { status: 'not-ready', checks: { redis: 'not-configured', ers: 'unavailable' } } });
    const health = await fetch(h.graphqlUrl.replace(/\/graphql$/, '/health'));
    expect(await health.json()).toEqual({ status: 'ok' });
  });
});

describe('start-up warning for an open /metrics in production', () => {
  /** The warnings logged while a server is built with this environment. */
  async function warningsWith(env: Record<string, string>): Promise<string[]> {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'apim', ERS_BASE_URL: 'http://127.0.0.1:9/FHIR', ...env }, { port: 0 });
    const server = await createServer({
      config,
      ersBaseUrl: config.ersBaseUrl!,
      log: pino({ level: 'warn' }, sink),
      identity: createIdentityService(config.auth, { timeoutMs: 1000 }),
    });
    await server.close();
    return lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
  }

  it('warns when neither METRICS_PORT nor METRICS_TOKEN is set, and not otherwise', async () => {
    expect(await warningsWith({})).toEqual([expect.stringContaining('GET /metrics is open on the main port')]);
    expect(await warningsWith({ METRICS_TOKEN: TOKEN })).toEqual([]);
    expect(await warningsWith({ METRICS_PORT: '9464' })).toEqual([]);
  });
});
