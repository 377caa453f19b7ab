import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, Browser, BrowserContext, Page, Request } from 'playwright-core';
import { bundleDir, projectRoot } from '../../src/graphiql/assets';
import { exampleOperations } from '../../src/graphiql/example-operations';
import { EXAMPLE_USERS } from '../../src/graphiql/page';
import { Harness, startHarness, USERS } from '../helpers/harness';

/**
 * GraphiQL in a real browser (Debian's Chromium, driven by playwright-core; nothing is
 * downloaded) with every request to a host other than loopback aborted: the page loads from
 * ers-graph's own files, a query typed into it runs with a development token set in the headers
 * editor, a mutation runs too (CSRF prevention on), and nothing leaves the machine.
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const inCi = Boolean(process.env.CI) && process.env.CI !== 'false';
if (!existsSync(CHROMIUM) && inCi) {
  // CI installs it (.ci/run): without it this suite would not run at all, so fail rather than pass.
  throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install -y chromium (the GraphiQL browser test needs it)`);
}
// Outside CI a machine without Chromium skips, and says why in the suite's title.
const describeWithBrowser = existsSync(CHROMIUM) ? describe : describe.skip;
const ROOT = projectRoot();
const SCREENSHOTS = join(ROOT, 'test-output');

/** Loopback only: 127.0.0.0/8, ::1, localhost. */
function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(hostname);
}

describeWithBrowser(`GraphiQL offline in a browser${existsSync(CHROMIUM) ? '' : ` (skipped: no Chromium at ${CHROMIUM})`}`, () => {
  let harness: Harness;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Every request the browser made, and those it was stopped from making (not loopback). */
  const requests: string[] = [];
  const blocked: string[] = [];
  /** Script errors and console errors of the page (a CSP refusal is one). */
  const problems: string[] = [];

  beforeAll(async () => {
    if (!existsSync(join(bundleDir(ROOT), 'graphiql.js'))) {
      throw new Error('The GraphiQL bundle is not built (dist/graphiql): run `npm run build` first (npm test does)');
    }
    harness = await startHarness();
    // A launch failure fails the suite (never a skip): under CI Chromium is there to start.
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
    context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (isLoopback(url)) return route.continue();
      blocked.push(url);
      return route.abort('blockedbyclient');
    });
    context.on('request', (request: Request) => requests.push(request.url()));
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console: ${message.text()}`);
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await harness?.close();
  });

  /** The text of a Monaco editor of GraphiQL, as shown (Monaco renders spaces as no-break spaces). */
  const shown = async (selector: string) => ((await page.locator(selector).innerText()) ?? '').replace(/\u00a0/g, ' ');

  /** GraphiQL's Monaco editors, by the model each edits. */
  const HEADERS_EDITOR = '.graphiql-editor-tool .monaco-editor[data-uri$="headers.json"]';
  const QUERY_EDITOR = '.graphiql-query-editor .monaco-editor';

  /**
   * Replaces the text of a Monaco editor as a user pasting it would: select all, paste. (Typed
   * key by key, Monaco's auto-closing brackets and quotes would add their own.)
   */
  async function pasteInto(editor: string, text: string): Promise<void> {
    // Runs in the page (tsc here knows no DOM types).
    await page.evaluate((value) => (globalThis as any).navigator.clipboard.writeText(value), text);
    await page.locator(editor).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('ControlOrMeta+V');
    const start = text.replace(/\s+/g, ' ').slice(0, 40);
    for (let tries = 0; !(await shown(editor)).replace(/\s+/g, ' ').includes(start); tries++) {
      if (tries === 50) throw new Error(`the pasted text did not appear in ${editor}`);
      await page.waitForTimeout(100);
    }
  }

  /**
   * Pastes an operation into the query editor and waits until GraphiQL has taken it into its state:
   * the active tab is named after the operation. (Until then GraphiQL would send the old text, or the
   * new text with the previous tab's operationName, which the server refuses as an unknown operation.)
   */
  async function pasteOperation(text: string): Promise<void> {
    const name = /(?:query|mutation)\s+(\w+)/.exec(text)![1];
    await pasteInto(QUERY_EDITOR, text);
    const active = page.locator('.graphiql-tab-active .graphiql-tab-button');
    for (let tries = 0; (await active.innerText()).trim() !== name; tries++) {
      if (tries === 100) throw new Error(`GraphiQL's active tab is "${await active.innerText()}", not ${name}`);
      await page.waitForTimeout(100);
    }
  }

  /** Runs the query editor's operation and resolves to the JSON answer of /graphql. */
  async function run(): Promise<{ status: number; body: any; request: Request }> {
    // GraphiQL takes a pasted text into its state a moment after the editor shows it (debounced): a click
    // before that sends nothing. Click again until the request leaves (not until it is answered, so a slow
    // answer is never sent twice), at most three times.
    for (let attempt = 1; ; attempt++) {
      const sent = page.waitForRequest((request) => request.url() === harness.graphqlUrl && request.method() === 'POST', {
        timeout: attempt < 3 ? 5_000 : 30_000,
      });
      await page.locator('.graphiql-execute-button').click();
      const request = await sent.catch((error: unknown) => {
        if (attempt < 3) return undefined;
        throw error;
      });
      if (!request) continue;
      const response = (await request.response())!;
      return { status: response.status(), body: await response.json(), request };
    }
  }

  it('opens GET /graphql as GraphiQL from ers-graph alone: example tabs, the headers template, the development help', async () => {
    const introspection = page.waitForResponse(
      (response) => response.url() === harness.graphqlUrl && (response.request().postData() ?? '').includes('__schema'),
      { timeout: 30_000 },
    );
    const response = await page.goto(harness.graphqlUrl);
    expect(response!.status()).toBe(200);
    expect(response!.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator(QUERY_EDITOR).waitFor({ timeout: 30_000 });
    // GraphiQL has the schema (development lets introspection through without a token).
    const schema = await introspection;
    expect(schema.status()).toBe(200);
    expect((await schema.json()).data.__schema.queryType.name).toBe('Query');

    const tabs = await page.locator('.graphiql-tab').allInnerTexts();
    const expected = exampleOperations(ROOT).map((tab) => /(?:query|mutation|subscription)\s+(\w+)/.exec(tab.query)?.[1]);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    expect(tabs.map((tab) => tab.trim())).toEqual(expected);

    const help = await page.locator('.ers-graph-help').innerText();
    expect(help).toContain(`npm run -s token -- --user ${USERS.referrer} --simulator ${harness.simulator.origin}`);
    // Every user the help names is a user of the simulator's world.
    const users = new Set(harness.simulator.devUsers().map((user) => user.userId));
    for (const { userId } of EXAMPLE_USERS) expect(users.has(userId)).toBe(true);

    const template = await shown(HEADERS_EDITOR);
    expect(template).toContain('// "NHSD-eRS-Business-Function"');
    expect(template).toContain(`npm run -s token -- --user ${USERS.referrer} --simulator ${harness.simulator.origin}`);
  }, 60_000);

  it('runs a typed query with a development token set in the headers editor', async () => {
    const token = await harness.idToken(USERS.referrer);
    await pasteInto(HEADERS_EDITOR, JSON.stringify({ Authorization: `Bearer ${token}` }, null, 2));
    await pasteOperation('query Typed { referral(ubrn: "000050000001") { ubrn state { state } shortlist { name } } }');
    const { status, body, request } = await run();

    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    expect(body.data.referral.ubrn).toBe('000050000001');
    expect(body.data.referral.shortlist.length).toBeGreaterThan(0);
    expect(request.headers()['authorization']).toBe(`Bearer ${token}`);
    expect(request.headers()['content-type']).toBe('application/json');
    // The answer is shown in the response pane.
    await page.locator('.graphiql-response', { hasText: '000050000001' }).waitFor();
    expect(await shown('.graphiql-response')).toContain('"ubrn": "000050000001"');
  }, 60_000);

  it('runs a mutation (CSRF prevention stays on: GraphiQL posts JSON)', async () => {
    const patient = harness.simulator.world.patients[5].nhsNumber;
    const search = await harness.query(
      `query($nhs: String!) { serviceSearch(input: { patientNhsNumber: $nhs, priority: ROUTINE, specialty: "CARDIOLOGY" }) { serviceId } }`,
      { nhs: patient },
    );
    const serviceId = search.data!.serviceSearch[0].serviceId as string;
    const before = harness.simulator.world.referrals.length;
    await pasteOperation(
      `mutation Refer { createReferral(input: { patientNhsNumber: "${patient}", priority: ROUTINE, specialty: "CARDIOLOGY", ` +
        `shortlist: ["${serviceId}"], referralLetter: NEED_TO_ADD_LATER }) { referral { ubrn state { state } } } }`,
    );
    const { status, body } = await run();

    // Status and errors together, so a failure shows what the server said.
    expect({ status, errors: body.errors }).toEqual({ status: 200, errors: undefined });
    expect(body.data.createReferral.referral.state.state).toBe('NOT_BOOKED');
    expect(harness.simulator.world.referrals.length).toBe(before + 1);
  }, 60_000);

  it('made every request to loopback, with no script or CSP error; a request elsewhere would have been stopped', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const screenshot = join(SCREENSHOTS, 'graphiql.png');
    await page.screenshot({ path: screenshot });
    process.stdout.write(`GraphiQL screenshot: ${screenshot}\n`);

    expect(blocked).toEqual([]);
    expect(requests.filter((url) => !isLoopback(url))).toEqual([]);
    // The page's script, styles and Monaco's workers all came from ers-graph.
    expect(requests.some((url) => url.endsWith('/graphiql/assets/graphiql.js'))).toBe(true);
    expect(requests.some((url) => url.endsWith('/graphiql/assets/graphql.worker.js'))).toBe(true);
    expect(problems).toEqual([]);

    // The router is not idle: a page that asks for another host is stopped and recorded.
    const other = await context.newPage();
    await other.goto('https://graphiql.example.org/').catch(() => undefined);
    await other.close();
    expect(blocked).toEqual(['https://graphiql.example.org/']);
  }, 60_000);
});
