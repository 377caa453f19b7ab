import { existsSync } from 'node:fs';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, Browser } from 'playwright-core';
import { Harness, startHarness, USERS } from '../helpers/harness';

/**
 * A front end on another origin, in a real browser (Debian's Chromium, driven by playwright-core;
 * nothing is downloaded): a page served from a second loopback port calls /graphql with fetch and a
 * bearer token and gets data when its origin is in CORS_ORIGINS; a page of an origin not on the
 * list cannot, and its form-like simple POST is refused by CSRF prevention before anything runs.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
if (!existsSync(CHROMIUM) && inCi) {
  // CI installs it (.ci/run): without it this suite would not run at all, so fail rather than pass.
  throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (the CORS browser test needs it)`);
}
// Outside CI a machine without Chromium skips, and says why in the suite's title.
const describeWithBrowser = existsSync(CHROMIUM) ? describe : describe.skip;

/** A page server on 127.0.0.1: a blank HTML page, the origin the page's scripts run in. */
async function pageServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    response.end('<!doctype html><title>front end</title>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

interface FetchOutcome {
  status?: number;
  body?: { data?: any; errors?: unknown[] };
  correlationId?: string | null;
  error?: string;
}

describeWithBrowser(`a browser front end on another origin${existsSync(CHROMIUM) ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let harness: Harness;
  let browser: Browser;
  let listed: { server: Server; origin: string };
  let unlisted: { server: Server; origin: string };

  beforeAll(async () => {
    listed = await pageServer();
    unlisted = await pageServer();
    harness = await startHarness({ env: { CORS_ORIGINS: listed.origin } });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    listed?.server.close();
    unlisted?.server.close();
  });

  /** Opens the page of `origin` and runs the front end's fetch of a GraphQL query in it. */
  async function fetchFrom(origin: string, headers: Record<string, string>, query: string): Promise<FetchOutcome> {
    const page = await browser.newPage();
    try {
      await page.goto(`${origin}/`);
      return (await page.evaluate(
        async ({ url, headers, query }) => {
          try {
            const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query }) });
            return { status: response.status, body: await response.json(), correlationId: response.headers.get('X-Correlation-ID') };
          } catch (error) {
            return { error: String(error) };
          }
        },
        { url: harness.graphqlUrl, headers, query },
      )) as FetchOutcome;
    } finally {
      await page.close();
    }
  }

  it('gets data from a listed origin with a bearer token and role headers, and reads X-Correlation-ID', async () => {
    const outcome = await fetchFrom(
      listed.origin,
      {
        'Content-Type': 'application/json',
        Authorization: `Bearer ${await harness.idToken(USERS.referrer)}`,
        'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN',
        'NHSD-End-User-Organisation-ODS': harness.simulator.world.referrer.odsCode,
      },
      '{ referral(ubrn: "000050000001") { ubrn shortlist { name } } }',
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.status).toBe(200);
    expect(outcome.body!.errors).toBeUndefined();
    expect(outcome.body!.data.referral.ubrn).toBe('000050000001');
    expect(outcome.body!.data.referral.shortlist.length).toBeGreaterThan(0);
    expect(outcome.correlationId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('blocks an origin not on the list: its fetch fails and no query runs', async () => {
    harness.simulator.resetCalls();
    const outcome = await fetchFrom(
      unlisted.origin,
      { 'Content-Type': 'application/json', Authorization: `Bearer ${await harness.idToken(USERS.referrer)}` },
      '{ referral(ubrn: "000050000001") { ubrn } }',
    );
    expect(outcome).toEqual({ error: expect.stringMatching(/TypeError: Failed to fetch/) });
    expect(harness.simulator.calls).toHaveLength(0);
  });

  it('refuses the simple POST a page of an origin not on the list may send without asking (CSRF prevention): nothing runs', async () => {
    harness.simulator.resetCalls();
    const page = await browser.newPage();
    try {
      await page.goto(`${unlisted.origin}/`);
      const refusal = page.waitForResponse((response) => response.url() === harness.graphqlUrl);
      await page.evaluate(
        ({ url }) =>
          // no-cors: the browser sends it (a form could too) and hides the answer from the page.
          fetch(url, { method: 'POST', mode: 'no-cors', headers: { 'Content-Type': 'text/plain' }, body: '{"query":"{ me { id } }"}' }),
        { url: harness.graphqlUrl },
      );
      const response = await refusal;
      // 400 (not the 401 of a request without a token): refused as a CSRF before authentication; the
      // browser keeps the opaque body from everyone, the integration test (cors.test.ts) reads it.
      expect(response.status()).toBe(400);
      expect(response.headers()['access-control-allow-origin']).toBeUndefined();
    } finally {
      await page.close();
    }
    expect(harness.simulator.calls).toHaveLength(0);
  });
});
