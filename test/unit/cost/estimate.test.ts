import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kind, OperationDefinitionNode, getIntrospectionQuery, parse } from 'graphql';
import { ersSchema } from '../../../src/schema';
import { CostLimits, estimateOperation } from '../../../src/cost/estimate';
import { loadConfig } from '../../../src/config';

const README = readFileSync(join(__dirname, '..', '..', '..', 'README.md'), 'utf8');
const readmeQuery = (name: string) =>
  [...README.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.includes(`query ${name}`))!;

const config = loadConfig({});
/** The defaults of src/config.ts. */
const DEFAULTS: CostLimits = {
  calls: config.ersCostLimit,
  nodes: config.graphqlMaxNodes,
  depth: config.graphqlMaxDepth,
  aliases: config.graphqlMaxAliases,
};
/** No limit: the whole estimate is computed. */
const UNLIMITED: CostLimits = { calls: Infinity, nodes: Infinity, depth: Infinity, aliases: Infinity };

function estimate(
  query: string,
  limits: CostLimits = UNLIMITED,
  options: { variables?: Record<string, unknown>; application?: boolean } = {},
) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  return estimateOperation(ersSchema(), document, operation, limits, options);
}

/** `adviceAndGuidance { conversation { adviceAndGuidance { conversation ... } } }`, `levels` fields deep under the root field. */
function adviceCycle(levels: number): string {
  let inner = 'ubrn';
  for (let i = levels; i > 0; i--) inner = i % 2 === 1 ? `conversation { id ${inner} }` : `adviceAndGuidance { ubrn ${inner} }`;
  return `{ adviceAndGuidance(ubrn: "000000070000") { ubrn ${inner} } }`;
}

/** The type of `healthcareServices(ids:)` as the schema declares it (an identifier scalar list). */
const IDS_TYPE = String(
  ersSchema()
    .getQueryType()!
    .getFields()
    .healthcareServices.args.find((arg) => arg.name === 'ids')!.type,
);

const aliases = (n: number, field: string) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

const fragmentBomb = (levels: number) =>
  [
    `{ referral(ubrn: "000050000001") { ...F0 } }`,
    ...Array.from({ length: levels }, (_, i) => `fragment F${i} on Referral { ...F${i + 1} ...F${i + 1} }`),
    `fragment F${levels} on Referral { ubrn }`,
  ].join('\n');

describe('the price of real screens', () => {
  it.each([
    // 1 A008 + 50 A005 + 50 A029 (its real 101), the caller's roles (A030), reference data for `priority` and `specialty` (A004).
    ['the README worklist screen (BENCHMARKS.md: 101 calls)', readmeQuery('ProviderWorklistScreen'), {}, { calls: 103, depth: 6 }],
    // 1 A005, a shortlist of at most 20 in one A035 (was 20 A033), the booked service (A035), A030, and A004 for four coded fields.
    ['the README referral detail', readmeQuery('ReferralWithServices'), { ubrn: '000050000001' }, { calls: 7, depth: 4 }],
    // 1 A005, 1 A035 for the shortlist (was 20 A033), 1 A015, A030.
    [
      'a booking screen: referral, shortlist names and a page of slots',
      '{ referral(ubrn: "000050000001") { shortlist { name } slots(serviceId: "11002", first: 20) { edges { node { start } } } } }',
      {},
      { calls: 4, depth: 5 },
    ],
    ['who am I', '{ me { userId roles { businessFunction odsCode } activeRole { businessFunction } } }', {}, { calls: 1, depth: 3 }],
    ["GraphiQL's introspection", getIntrospectionQuery(), {}, { calls: 0, depth: 15 }],
  ])('%s is priced at its real calls and let through by the defaults', (_name, query, variables, expected) => {
    const { estimate: e, verdict } = estimate(query, DEFAULTS, { variables });
    expect(verdict).toBeNull();
    expect(e).toMatchObject(expected);
    expect(e.nodes).toBeLessThanOrEqual(DEFAULTS.nodes);
  });

  it('prices a whole worklist page of 500 with its referrals at its real 502 calls: over the default (300), so page by 50', () => {
    const query = '{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 500) { edges { node { referral { ubrn } } } } }';
    expect(estimate(query, UNLIMITED).estimate).toMatchObject({ calls: 502, depth: 5 });
    expect(estimate(query, DEFAULTS).verdict).toEqual({ reason: 'ERS_CALLS', estimate: 502, limit: 300 });
    expect(estimate(query, { ...DEFAULTS, calls: 600 }).verdict).toBeNull();
  });

  it('prices a link to services asked for its ids alone at no call, as the resolvers make none', () => {
    // 1 A005 + A030: `id` comes from the referral itself.
    expect(
      estimate(
        '{ referral(ubrn: "000050000001") { shortlist { id __typename } bookedService { ...Id } } } fragment Id on HealthcareService { id }',
      ).estimate.calls,
    ).toBe(2);
    // Any other field needs the record: one A035 for the shortlist, one for the booked service.
    expect(
      estimate('{ referral(ubrn: "000050000001") { shortlist { id name } bookedService { ... on HealthcareService { id version } } } }')
        .estimate.calls,
    ).toBe(4);
  });

  it('prices the worklist screen by its page size: a page of 10 costs 10 reads and 10 action lists', () => {
    const query = readmeQuery('ProviderWorklistScreen')
      .replace('first: 50', 'first: $first')
      .replace('($after: String)', '($after: String, $first: Int!)');
    expect(estimate(query, UNLIMITED, { variables: { first: 10 } }).estimate.calls).toBe(1 + 10 + 10 + 1 + 1);
    // More than a field accepts is refused by its resolver before any call: priced at its most.
    expect(estimate(query, UNLIMITED, { variables: { first: 100_000 } }).estimate.calls).toBe(1 + 500 + 500 + 1 + 1);
  });
});

describe('the abusive operations of issue 10', () => {
  it.each([
    ['the A&G cycle nested 40 deep', adviceCycle(40), 'DEPTH', 42],
    ['the A&G cycle nested 10 deep', adviceCycle(10), 'NODES', expect.any(Number)],
    ['10,000 aliases of referral(ubrn:)', aliases(10_000, 'referral(ubrn: "000050000001") { ubrn }'), 'ALIASES', 10_000],
    ['1,000 aliases of healthcareServiceVersion', aliases(1000, 'healthcareServiceVersion(id: "11002")'), 'ALIASES', 1000],
    ['1,000 aliases of healthcareServices', aliases(1000, 'healthcareServices(ids: ["11002"]) { id }'), 'ALIASES', 1000],
    [
      '1,000 aliases of appointmentSlots',
      aliases(
        1000,
        'appointmentSlots(search: { serviceId: "11002", priority: ROUTINE, commissioningRuleOrgOdsCode: "X99" }) { totalCount }',
      ),
      'ALIASES',
      1000,
    ],
    [
      '1,000 aliases of serviceSearch',
      aliases(1000, 'serviceSearch(input: { patientNhsNumber: "9434765919", priority: ROUTINE }) { serviceId }'),
      'ALIASES',
      1000,
    ],
    ['a fragment spread twice into the next, 40 times (2^40 selections)', fragmentBomb(40), 'NODES', expect.any(Number)],
    // 1 A008 + 500 A005 + 500 A035 (one per shortlist; was 20 A033 each: 10,502) + A030.
    [
      'the shortlists of a whole worklist page',
      '{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 500) { edges { node { referral { shortlist { name } } } } } }',
      'ERS_CALLS',
      1002,
    ],
  ])('refuses %s by the defaults, in milliseconds', (_name, query, reason, value) => {
    const started = performance.now();
    const { verdict } = estimate(query, DEFAULTS);
    // Generous: it proves "fails fast", not a speed.
    expect(performance.now() - started).toBeLessThan(3000);
    expect(verdict).toEqual({ reason, estimate: value, limit: expect.any(Number) });
    expect(verdict!.estimate).toBeGreaterThan(verdict!.limit);
  });

  it.each([
    ['healthcareServiceVersion', 'healthcareServiceVersion(id: "11002")'],
    ['healthcareServices', 'healthcareServices(ids: ["11002"]) { id }'],
    [
      'appointmentSlots',
      'appointmentSlots(search: { serviceId: "11002", priority: ROUTINE, commissioningRuleOrgOdsCode: "X99" }) { totalCount }',
    ],
    ['serviceSearch', 'serviceSearch(input: { patientNhsNumber: "9434765919", priority: ROUTINE }) { serviceId }'],
    ['referral', 'referral(ubrn: "000050000001") { ubrn }'],
  ])('prices 1,000 aliases of %s at 1,000 calls (and the roles) when aliases are not limited', (_name, field) => {
    const { verdict } = estimate(aliases(1000, field), { ...DEFAULTS, aliases: Infinity });
    expect(verdict).toEqual({ reason: 'ERS_CALLS', estimate: 1001, limit: DEFAULTS.calls });
  });

  it('grows the cycle by the size of a conversation (20 messages) at every second level', () => {
    const nodes = [4, 6, 8].map((levels) => estimate(adviceCycle(levels)).estimate.nodes);
    expect(nodes[1] / nodes[0]).toBeGreaterThan(20);
    expect(nodes[2] / nodes[1]).toBeGreaterThan(20);
    // Six fields deep is let through; eight deep (the 725 KB answer) is priced over the
    // default call limit (every message's request priced as a read of its own); ten deep is
    // refused for what its answer could hold.
    expect(estimate(adviceCycle(2), DEFAULTS).verdict).toBeNull();
    expect(estimate(adviceCycle(4), DEFAULTS)).toMatchObject({ estimate: { depth: 6 }, verdict: null });
    expect(estimate(adviceCycle(6), DEFAULTS)).toMatchObject({ estimate: { depth: 8 }, verdict: { reason: 'ERS_CALLS', estimate: 423 } });
    expect(estimate(adviceCycle(8), DEFAULTS)).toMatchObject({ estimate: { depth: 10 }, verdict: { reason: 'NODES' } });
  });

  it('sizes a list argument by its length: 10,000 ids with their contacts are refused by the node limit', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => String(11000 + i));
    const query = `query($ids: ${IDS_TYPE}) { healthcareServices(ids: $ids) { id contacts { contactPoints { value } } } }`;
    expect(estimate(query, DEFAULTS, { variables: { ids } }).verdict).toEqual({
      reason: 'NODES',
      estimate: 10_000 * (1 + 10 * (1 + 10)),
      limit: DEFAULTS.nodes,
    });
    // One A035 call takes 20 ids.
    expect(estimate(query, UNLIMITED, { variables: { ids: ids.slice(0, 20) } }).estimate.calls).toBe(1 + 1);
    expect(estimate(query, UNLIMITED, { variables: { ids } }).estimate.calls).toBe(500 + 1);
  });
});

describe('calls made once per request', () => {
  it("prices the caller's roles (A030) once per operation, and not for applications", () => {
    expect(estimate(aliases(3, 'referral(ubrn: "000050000001") { ubrn }')).estimate.calls).toBe(3 + 1);
    expect(estimate(aliases(3, 'referral(ubrn: "000050000001") { ubrn }'), UNLIMITED, { application: true }).estimate.calls).toBe(3);
    expect(estimate('{ __typename }').estimate.calls).toBe(0);
  });

  it('prices reference data (A004) once per coded field, never more than once per code system', () => {
    const one = '{ referral(ubrn: "000050000001") { specialty { display } } }';
    expect(estimate(one).estimate.calls).toBe(1 + 1 + 1);
    // Under a list of 500 the display is still one A004 call.
    const page =
      '{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 500) { edges { node { ... on ReferralForReviewWorklistItem { specialty { display } } } } } }';
    expect(estimate(page).estimate.calls).toBe(1 + 1 + 1);
    // 20 coded fields, but only 6 code systems.
    expect(estimate(aliases(20, 'codeSystem(type: SPECIALTY) { url }')).estimate.calls).toBe(6 + 1);
  });
});

describe('the shape of an operation', () => {
  it('counts aliases in fragments each time they are spread, and depth through fragments', () => {
    const query = '{ ...Q ...Q } fragment Q on Query { a: me { userId } b: me { roles { odsCode } } }';
    expect(estimate(query).estimate).toMatchObject({ aliases: 4, depth: 3 });
  });

  it('leaves variables that do not coerce to execution, which refuses them before any resolver', () => {
    expect(estimate('query($ubrn: UBRN!) { referral(ubrn: $ubrn) { ubrn } }', DEFAULTS, { variables: {} }).verdict).toBeNull();
  });
});
