import { ConfigError, loadConfig } from '../../src/config';
import { resolveDevelopmentIdentity } from '../../src/auth/development';
import { CONTENT_SECURITY_POLICY, INTROSPECTION_DISABLED_MESSAGE } from '../../src/graphiql';
import { Harness, startHarness } from '../helpers/harness';

/**
 * What shows the schema to whoever can reach the server: introspection, GraphiQL and graphql-js's
 * "Did you mean ...?" suggestions. On for development, off by default with NODE_ENV=production,
 * each switchable (GRAPHQL_INTROSPECTION, GRAPHIQL, GRAPHQL_SUGGESTIONS).
 */
const PRODUCTION = { NODE_ENV: 'production', AUTH_MODE: 'apim' };

/**
 * A server configured from `env` for its switches. Production refuses development identity, so
 * the callers of these tests sign in with the simulator's development tokens all the same: only
 * the identity is swapped, every switch is what loadConfig made of `env`.
 */
function harnessWith(env: Record<string, string>): Promise<Harness> {
  return startHarness({ env, auth: (simulator) => resolveDevelopmentIdentity({ mode: 'development' }, simulator.origin, 2000) });
}

/** A GET of a path beside /graphql, as a browser opening it asks. */
function browse(h: Harness, path: string, accept = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8') {
  return fetch(h.graphqlUrl.replace(/\/graphql$/, path), { headers: { Accept: accept } });
}

const INTROSPECTION = '{ __schema { queryType { name } } }';
/** Requests graphql-js answers with a suggestion: a field, an argument, an enum value and an input field misspelt. */
const MISSPELT: Array<[string, string, Record<string, unknown> | undefined]> = [
  ['a field', '{ referal(ubrn: "000050000001") { ubrn } }', undefined],
  ['an argument', '{ referral(ubrnn: "000050000001") { ubrn } }', undefined],
  [
    'an enum value of a variable',
    'query($type: ReferralWorklistType!) { referralWorklist(type: $type, first: 1) { totalCount } }',
    { type: 'REFERRALS_FOR_REVEIW' },
  ],
  [
    'an input field of a variable',
    'query($input: ServiceSearchInput!) { serviceSearch(input: $input) { serviceId } }',
    { input: { patientNhsNmber: '9434765919', priority: 'ROUTINE', specialty: 'CARDIOLOGY' } },
  ],
];

describe('configuration of the schema lockdown', () => {
  it('turns introspection, GraphiQL and suggestions on for development and off with NODE_ENV=production', () => {
    expect(loadConfig({})).toMatchObject({ graphqlIntrospection: true, graphiql: true, graphqlSuggestions: true });
    expect(loadConfig(PRODUCTION)).toMatchObject({ graphqlIntrospection: false, graphiql: false, graphqlSuggestions: false });
  });

  it.each([
    ['GRAPHQL_INTROSPECTION', 'graphqlIntrospection'],
    ['GRAPHIQL', 'graphiql'],
    ['GRAPHQL_SUGGESTIONS', 'graphqlSuggestions'],
  ] as const)('switches %s alone either way', (variable, field) => {
    const on = loadConfig({ ...PRODUCTION, [variable]: 'true' });
    const off = loadConfig({ [variable]: 'FALSE' });
    expect(on[field]).toBe(true);
    expect(off[field]).toBe(false);
    for (const other of ['graphqlIntrospection', 'graphiql', 'graphqlSuggestions'] as const) {
      if (other === field) continue;
      expect(on[other]).toBe(false);
      expect(off[other]).toBe(true);
    }
  });

  it('refuses a value that is not true or false, naming the variable', () => {
    expect(() => loadConfig({ GRAPHIQL: 'yes' })).toThrow(new ConfigError('GRAPHIQL', 'must be true or false, got "yes"'));
    expect(() => loadConfig({ GRAPHQL_INTROSPECTION: '1' })).toThrow(/^GRAPHQL_INTROSPECTION: must be true or false/);
  });
});

describe('with NODE_ENV=production defaults', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harnessWith(PRODUCTION);
  });
  afterAll(() => h.close());

  it('refuses introspection with an error that says why, and still answers __typename', async () => {
    for (const query of [INTROSPECTION, '{ __type(name: "Referral") { name } }']) {
      const result = await h.query(query);
      expect(result.status).toBe(400);
      expect(result.data).toBeUndefined();
      expect(result.errors).toEqual([
        expect.objectContaining({
          message: INTROSPECTION_DISABLED_MESSAGE,
          extensions: expect.objectContaining({ code: 'GRAPHQL_VALIDATION_FAILED' }),
        }),
      ]);
    }
    expect((await h.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('serves no IDE: GET /graphql for a browser gets a JSON refusal, /graphiql and its files are not there', async () => {
    const graphql = await browse(h, '/graphql');
    expect(graphql.status).toBe(400);
    expect(graphql.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await graphql.text();
    expect(body).not.toMatch(/<html|graphiql|sandbox|apollo-server-landing-page/i);
    for (const path of ['/graphiql', '/graphiql/assets/graphiql.js']) {
      const response = await browse(h, path);
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual({
        errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND' }) })],
      });
    }
  });

  it.each(MISSPELT)('strips the suggestion from the error for %s', async (_what, query, variables) => {
    const messages = (await h.query(query, variables)).errors!.map((error) => error.message);
    expect(messages.filter((message) => /Did you mean/.test(message))).toEqual([]);
    // The rest of the message stays: the client still learns what was wrong.
    expect(messages.filter((message) => /"(referal|ubrnn|ReferralWorklistType|patientNhsNmber)"/.test(message))).toHaveLength(1);
  });
});

describe('with development defaults', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it('answers introspection', async () => {
    const result = await h.query(INTROSPECTION);
    expect(result.errors).toBeUndefined();
    expect(result.data!.__schema.queryType.name).toBe('Query');
  });

  it.each(MISSPELT)('keeps the suggestion for %s', async (_what, query, variables) => {
    const messages = (await h.query(query, variables)).errors!.map((error) => error.message);
    expect(
      messages.filter((message) => /Did you mean .*"(referral|ubrn|REFERRALS_FOR_REVIEW|patientNhsNumber)"\?$/.test(message)),
    ).toHaveLength(1);
  });

  it('serves GraphiQL on GET /graphql and /graphiql for browsers, under its CSP, with its files from ers-graph', async () => {
    for (const path of ['/graphql', '/graphiql']) {
      const response = await browse(h, path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      const html = await response.text();
      expect(html).toContain('<script type="module" src="graphiql/assets/graphiql.js"></script>');
      // No script but the bundle's file, nothing from another host.
      expect(html.match(/<script(?![^>]*type="application\/json")[^>]*>/g)).toEqual([
        '<script type="module" src="graphiql/assets/graphiql.js">',
      ]);
      expect(html).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/);
      expect(html).toContain('npm run -s token -- --user 555010000002');
    }
    expect(CONTENT_SECURITY_POLICY).toMatch(/default-src 'none'.*script-src 'self';/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/script-src[^;]*(unsafe|http|\*)/);
  });

  it('leaves every other GET of /graphql to Apollo: curl, JSON clients', async () => {
    for (const accept of ['*/*', 'application/json', 'application/graphql-response+json, text/html;q=0.5']) {
      const response = await fetch(`${h.graphqlUrl}?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { Accept: accept, 'Apollo-Require-Preflight': 'true' },
      });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
    }
  });

  it('serves the bundle with an ETag, 304 when unchanged, gzip when asked, and 404 for a name it does not hold', async () => {
    const plain = await browse(h, '/graphiql/assets/graphiql.js', '*/*');
    expect(plain.status).toBe(200);
    expect(plain.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const etag = plain.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const size = (await plain.arrayBuffer()).byteLength;

    const again = await fetch(h.graphqlUrl.replace(/\/graphql$/, '/graphiql/assets/graphiql.js'), { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);

    // fetch asks for gzip itself and unpacks it: the same bytes come back.
    const zipped = await fetch(h.graphqlUrl.replace(/\/graphql$/, '/graphiql/assets/graphiql.js'), {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect((await zipped.arrayBuffer()).byteLength).toBe(size);

    for (const name of ['nope.js', '..%2Fpackage.json', 'bundle.stamp']) {
      expect((await browse(h, `/graphiql/assets/${name}`)).status).toBe(404);
    }
  });
});

describe.each([
  ['GRAPHIQL=true', { GRAPHIQL: 'true' }, { graphiql: true, introspection: false, suggestions: false }],
  ['GRAPHQL_INTROSPECTION=true', { GRAPHQL_INTROSPECTION: 'true' }, { graphiql: false, introspection: true, suggestions: false }],
  ['GRAPHQL_SUGGESTIONS=true', { GRAPHQL_SUGGESTIONS: 'true' }, { graphiql: false, introspection: false, suggestions: true }],
])('with NODE_ENV=production and %s', (_name, env, expected) => {
  let h: Harness;
  beforeAll(async () => {
    h = await harnessWith({ ...PRODUCTION, ...env });
  });
  afterAll(() => h.close());

  it(`serves GraphiQL: ${expected.graphiql}, answers introspection: ${expected.introspection}, suggests: ${expected.suggestions}`, async () => {
    const page = await browse(h, '/graphiql');
    expect(page.status).toBe(expected.graphiql ? 200 : 404);
    // GraphiQL without introspection runs operations, and says it cannot show the schema.
    if (expected.graphiql) expect(await page.text()).toContain('Introspection is off on this server');
    expect((await browse(h, '/graphql')).headers.get('content-type')).toMatch(expected.graphiql ? /^text\/html/ : /^application\/json/);

    const introspection = await h.query(INTROSPECTION);
    expect(introspection.errors?.[0]?.message).toBe(expected.introspection ? undefined : INTROSPECTION_DISABLED_MESSAGE);

    const misspelt = await h.query(MISSPELT[0][1]);
    expect(misspelt.errors![0].message).toBe(
      expected.suggestions
        ? 'Cannot query field "referal" on type "Query". Did you mean "referral"?'
        : 'Cannot query field "referal" on type "Query".',
    );
  });
});

describe('GraphiQL with an identity other than development (GRAPHIQL=true, AUTH_MODE=apim)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      env: { ...PRODUCTION, GRAPHIQL: 'true', GRAPHQL_INTROSPECTION: 'true' },
      auth: async () => ({ mode: 'apim' }),
    });
  });
  afterAll(() => h.close());

  it('explains no development token, and its headers template asks for the APIM token', async () => {
    const html = await (await browse(h, '/graphiql')).text();
    expect(html).not.toContain('npm run -s token');
    expect(html).not.toContain('Introspection is off');
    const settings = JSON.parse(/<script type="application\/json" id="graphiql-settings">(.*?)<\/script>/s.exec(html)![1]);
    expect(settings.headers).toContain('// An APIM access token');
    expect(settings.headers).toContain('// "NHSD-eRS-Business-Function"');
  });
});
