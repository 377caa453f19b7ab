import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Harness, startHarness, USERS } from '../helpers/harness';
import { ersSchema } from '../../src/schema';

/** The type of `healthcareServices(ids:)` as the schema declares it (an identifier scalar list). */
const IDS_TYPE = String(
  ersSchema()
    .getQueryType()!
    .getFields()
    .healthcareServices.args.find((arg) => arg.name === 'ids')!.type,
);

/** The README's provider worklist screen, exactly as documented. */
const README_SCREEN = [...readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8').matchAll(/```graphql\n([\s\S]*?)```/g)]
  .map((m) => m[1])
  .find((block) => block.includes('query ProviderWorklistScreen'))!;

/** `adviceAndGuidance { conversation { adviceAndGuidance { conversation ... } } }`, `levels` fields deep under the root field. */
function adviceCycle(levels: number): string {
  let inner = 'ubrn';
  for (let i = levels; i > 0; i--) inner = i % 2 === 1 ? `conversation { id ${inner} }` : `adviceAndGuidance { ubrn ${inner} }`;
  return `{ adviceAndGuidance(ubrn: "000000070000") { ubrn ${inner} } }`;
}

function aliases(n: number, field: string, selection = ''): string {
  return Array.from({ length: n }, (_, i) => `a${i}: ${field} ${selection}`).join('\n');
}

interface Answer {
  status: number;
  body: {
    data?: Record<string, any> | null;
    errors?: Array<{ message: string; path?: unknown[]; extensions?: Record<string, any> }>;
    extensions?: Record<string, any>;
  };
}

/** Posts an operation with request `extensions` (the harness's query() sends none). */
async function post(
  h: Harness,
  query: string,
  variables: Record<string, unknown> = {},
  options: { user?: string; extensions?: Record<string, unknown> } = {},
): Promise<Answer> {
  const response = await fetch(h.graphqlUrl, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${await h.idToken(options.user ?? USERS.referrer)}` },
    body: JSON.stringify({ query, variables, extensions: options.extensions }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

describe('cost limits with the default configuration', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  const slotSearch = { serviceId: '11002', priority: 'ROUTINE', commissioningRuleOrgOdsCode: 'X99' };
  const patientSearch = { patientNhsNumber: '9434765919', priority: 'ROUTINE', specialty: 'CARDIOLOGY' };

  it.each([
    ['the A&G cycle nested 40 deep', adviceCycle(40), {}, USERS.providerClinician, 'DEPTH'],
    ['the A&G cycle nested 10 deep (within the depth limit)', adviceCycle(10), {}, USERS.providerClinician, 'NODES'],
    ['400 aliases of referral(ubrn:)', `{ ${aliases(400, 'referral(ubrn: "000050000001")', '{ ubrn }')} }`, {}, USERS.referrer, 'ALIASES'],
    [
      '100 aliases of healthcareServiceVersion',
      `{ ${aliases(100, 'healthcareServiceVersion(id: "11002")')} }`,
      {},
      USERS.referrer,
      'ALIASES',
    ],
    [
      '100 aliases of healthcareServices',
      `{ ${aliases(100, 'healthcareServices(ids: ["11002"])', '{ id }')} }`,
      {},
      USERS.referrer,
      'ALIASES',
    ],
    [
      '100 aliases of appointmentSlots',
      `query($s: SlotSearchInput!) { ${aliases(100, 'appointmentSlots(search: $s)', '{ totalCount }')} }`,
      { s: slotSearch },
      USERS.referrer,
      'ALIASES',
    ],
    [
      '100 aliases of serviceSearch',
      `query($i: ServiceSearchInput!) { ${aliases(100, 'serviceSearch(input: $i)', '{ serviceId }')} }`,
      { i: patientSearch },
      USERS.referrer,
      'ALIASES',
    ],
    [
      'a shortlist fan-out under a whole worklist page',
      '{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 500) { edges { node { referral { shortlist { name } } } } } }',
      {},
      USERS.providerClinician,
      'ERS_CALLS',
    ],
    [
      '10,000 ids in variables, each with its contacts',
      `query($ids: ${IDS_TYPE}) { healthcareServices(ids: $ids) { id contacts { contactPoints { value } } } }`,
      { ids: Array.from({ length: 10_000 }, (_, i) => String(11000 + i)) },
      USERS.referrer,
      'NODES',
    ],
  ] as const)('refuses %s with COST_LIMIT_EXCEEDED, HTTP 400 and no e-RS call', async (_name, query, variables, user, reason) => {
    const started = performance.now();
    const { status, body } = await post(h, query, variables, { user });
    const elapsed = performance.now() - started;
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0].extensions).toMatchObject({ code: 'COST_LIMIT_EXCEEDED', reason });
    expect(body.errors![0].extensions!.estimate).toBeGreaterThan(body.errors![0].extensions!.limit);
    // Not even the caller's roles (A030) were read.
    expect(h.simulator.calls).toHaveLength(0);
    // Fails fast: the unguarded depth-40 cycle ran ~77 s into "heap out of memory".
    expect(elapsed).toBeLessThan(3000);
  });

  it('refuses 10,000 aliases of referral(ubrn:) with no e-RS call', async () => {
    // Past the parser's token limit (src/parse-limits.ts) or the alias limit, whichever comes first.
    const { status, body } = await post(h, `{ ${aliases(10_000, 'referral(ubrn: "000050000001")', '{ ubrn }')} }`);
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(['COST_LIMIT_EXCEEDED', 'GRAPHQL_PARSE_FAILED']).toContain(body.errors![0].extensions!.code);
    expect(h.simulator.calls).toHaveLength(0);
  });

  it('refuses 10,000 ids in variables before any e-RS call even when the answer is small', async () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => String(11000 + i));
    const { body } = await post(h, `query($ids: ${IDS_TYPE}) { healthcareServices(ids: $ids) { id name } }`, { ids });
    expect(body.data?.healthcareServices ?? null).toBeNull();
    expect(body.errors![0].extensions!.code).toMatch(/^(BAD_USER_INPUT|COST_LIMIT_EXCEEDED)$/);
    expect(h.ersCalls()).toHaveLength(0);
  });

  it('leaves variables that do not coerce to execution: the usual BAD_USER_INPUT, not a server error', async () => {
    const { status, body } = await post(h, 'query($ubrn: UBRN!) { referral(ubrn: $ubrn) { ubrn } }', {});
    expect(status).toBe(400);
    expect(body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    expect(h.simulator.calls).toHaveLength(0);
  });

  it('lets the README worklist screen through and reports its cost when asked', async () => {
    const { status, body } = await post(h, README_SCREEN, {}, { user: USERS.providerClinician, extensions: { cost: true } });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.referralWorklist.edges).toHaveLength(50);
    const cost = body.extensions!.cost;
    // Every call this request sent, the caller's roles (A030) included, and nothing else.
    expect(cost.actualCalls).toBe(h.simulator.calls.length);
    expect(cost.actualCalls).toBeGreaterThanOrEqual(101);
    // Its real 101 (A008, 50 x A005, 50 x A029) + the caller's roles (A030) + reference data for its two coded fields (A004).
    expect(cost).toEqual({ estimatedCalls: 103, actualCalls: expect.any(Number), limit: 300, nodes: expect.any(Number), depth: 6 });
    expect(cost.estimatedCalls).toBeGreaterThanOrEqual(cost.actualCalls);
  });

  it('reports nothing when not asked', async () => {
    const { body } = await post(h, '{ referral(ubrn: "000050000001") { ubrn } }');
    expect(body.errors).toBeUndefined();
    expect(body.extensions?.cost).toBeUndefined();
  });

  it('reports the estimate of a refused operation when asked', async () => {
    const { body } = await post(h, adviceCycle(40), {}, { user: USERS.providerClinician, extensions: { cost: true } });
    expect(body.extensions!.cost).toMatchObject({ estimatedCalls: 0, actualCalls: 0, depth: 42, limit: 300 });
  });
});

describe('the runtime cap on e-RS calls (ERS_CALLS_PER_REQUEST)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { ERS_CALLS_PER_REQUEST: '5' }, sharedReads: false });
  });
  afterAll(() => h.close());
  beforeEach(() => h.simulator.resetCalls());

  it('stops a request at its cap: the calls past it never leave, their fields fail with RUNTIME_CALLS', async () => {
    const { status, body } = await post(h, README_SCREEN, {}, { user: USERS.providerClinician, extensions: { cost: true } });
    expect(status).toBe(200);
    expect(h.simulator.calls.length).toBeLessThanOrEqual(5);
    expect(body.extensions!.cost.actualCalls).toBe(h.simulator.calls.length);
    // The worklist itself came back; the fields that needed more calls did not.
    expect(body.data!.referralWorklist.edges.length).toBeGreaterThan(0);
    const capped = body.errors!.filter((e) => e.extensions?.code === 'COST_LIMIT_EXCEEDED');
    expect(capped.length).toBeGreaterThan(40);
    expect(capped[0].extensions).toMatchObject({ reason: 'RUNTIME_CALLS', limit: 5 });
    expect(capped[0].path).toEqual(expect.arrayContaining(['referralWorklist', 'edges']));
    expect(body.errors!.every((e) => e.extensions?.code === 'COST_LIMIT_EXCEEDED')).toBe(true);
  });

  it('gives every request its own cap', async () => {
    for (let i = 0; i < 3; i++) {
      const { body } = await post(h, '{ referral(ubrn: "000050000001") { ubrn availableActions } }');
      expect(body.errors).toBeUndefined();
    }
  });
});

describe('the cap on the serialized answer (GRAPHQL_MAX_RESPONSE_BYTES)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ env: { GRAPHQL_MAX_RESPONSE_BYTES: '4096' } });
  });
  afterAll(() => h.close());

  it('replaces an answer over the cap with one COST_LIMIT_EXCEEDED error', async () => {
    const { status, body } = await post(h, '{ referral(ubrn: "000050000001") { ubrn fhir } }');
    expect(status).toBe(400);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        message: expect.any(String),
        extensions: { code: 'COST_LIMIT_EXCEEDED', reason: 'RESPONSE_SIZE', estimate: expect.any(Number), limit: 4096 },
      },
    ]);
    expect(body.errors![0].extensions!.estimate).toBeGreaterThan(4096);
    // No patient data in the refusal.
    expect(JSON.stringify(body)).not.toContain('000050000001');
  });

  it('sends an answer under the cap unchanged', async () => {
    const { status, body } = await post(h, '{ referral(ubrn: "000050000001") { ubrn } }');
    expect(status).toBe(200);
    expect(body).toEqual({ data: { referral: { ubrn: '000050000001' } } });
  });
});
