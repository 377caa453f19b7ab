import { GraphQLField, getNullableType, isListType, isObjectType } from 'graphql';
import { ersSchema } from '../../../src/schema';
import { gateTable } from '../../../src/auth/gate-table';
import { costSentence, FIELD_PRICES, LIST_SIZES, ownCalls } from '../../../src/cost/pricing';
import { RequestCallBudget } from '../../../src/cost/call-budget';
import { loadConfig, ConfigError } from '../../../src/config';

const schema = ersSchema();

function fieldOf(key: string): GraphQLField<unknown, unknown> | undefined {
  const [typeName, fieldName] = key.split('.');
  const type = schema.getType(typeName);
  return isObjectType(type) ? type.getFields()[fieldName] : undefined;
}

describe('the price list (src/cost/pricing.ts)', () => {
  const gated = gateTable(schema);

  it('prices every field that declares e-RS endpoints, and `me` (its id reads the roles, A030, in apim mode)', () => {
    expect(Object.keys(FIELD_PRICES).sort()).toEqual([...gated.map((row) => row.field), 'Query.me'].sort());
  });

  it.each(gated.map((row) => [row.field, row.endpoints] as const))(
    '%s is priced with the endpoints it declares (%j)',
    (field, endpoints) => {
      const price = FIELD_PRICES[field];
      const priced = new Set([
        ...Object.keys(price.calls),
        ...(price.link ? [price.link] : []),
        ...(price.oncePerRequest ? [price.oncePerRequest] : []),
      ]);
      // A mutation also re-reads what it changed (A005, A024), which its gate need not declare.
      if (field.startsWith('Mutation.')) expect(endpoints.every((endpoint) => priced.has(endpoint))).toBe(true);
      else expect(priced).toEqual(new Set(endpoints));
    },
  );

  it.each(
    Object.entries({ ...FIELD_PRICES, ...LIST_SIZES }).filter(([, entry]) => 'list' in entry || 'assumed' in entry || 'slicing' in entry),
  )('%s is sized as a list or a connection', (key) => {
    const field = fieldOf(key)!;
    const list = FIELD_PRICES[key]?.list ?? LIST_SIZES[key];
    if (list?.slicing) expect(field.args.map((arg) => arg.name)).toContain(list.slicing.argument);
    if (list?.lengthOf) expect(field.args.map((arg) => arg.name)).toContain(list.lengthOf);
    if (list?.sizedFields) expect(list.sizedFields.every((name) => name in (getNullableType(field.type) as any).getFields())).toBe(true);
    else expect(isListType(getNullableType(field.type))).toBe(true);
  });

  it.each([
    // What the resolvers do (resolvers/*.ts), per parent object.
    ['Referral.availableActions', 1, 1],
    // One A035 per shortlist (at most 20 services); 20 A033 before issue 11.
    ['Referral.shortlist', 20, 1],
    ['Referral.relatedReferrals', 10, 10],
    ['AdviceAndGuidanceRequest.convertedReferral', 1, 2],
    ['AdviceAndGuidanceRequest.conversation', 20, 1],
    ['Query.healthcareServices', 20, 1],
    ['Query.healthcareServices', 21, 2],
    ['Mutation.bookAppointment', 1, 23],
    ['Mutation.cancelAppointment', 1, 4],
    // A013 answers with the updated referral: no A005 re-read since issue 11.
    ['Mutation.acceptReferral', 1, 1],
    ['Attachment.downloadUrl', 1, 0],
    ['Code.display', 1, 0],
  ] as const)('%s with %i items costs %i calls of its own', (key, items, calls) => {
    expect(ownCalls(FIELD_PRICES[key], items)).toBe(calls);
  });
});

describe('prices in the schema', () => {
  it.each(Object.keys(FIELD_PRICES))('%s says what it costs in its description', (key) => {
    const [typeName, fieldName] = key.split('.');
    const sentence = costSentence(typeName, fieldName)!;
    expect(sentence).toMatch(/^Cost: /);
    expect(fieldOf(key)!.description).toContain(sentence);
  });

  it.each([
    ['Referral', 'availableActions', 'Cost: 1 e-RS call (A029) per referral.'],
    ['Query', 'referral', 'Cost: 1 e-RS call (A005).'],
    ['Mutation', 'bookAppointment', 'Cost: up to 23 e-RS calls (A005 x2, A015 x20, A016).'],
    ['Query', 'healthcareServices', 'Cost: 1 e-RS call (A035) per 20 ids.'],
    ['Attachment', 'downloadUrl', 'Cost: no e-RS call here; opening the link makes 1 (A042).'],
    ['Code', 'display', 'Cost: at most 1 e-RS call (A004) per code system per request, none when e-RS sent the text.'],
  ])('%s.%s: "%s"', (typeName, fieldName, sentence) => {
    expect(costSentence(typeName, fieldName)).toBe(sentence);
  });

  it('describes an interface field when its implementations agree', () => {
    const item = schema.getType('ReferralWorklistItem') as unknown as { getFields(): Record<string, GraphQLField<unknown, unknown>> };
    expect(item.getFields().referral.description).toContain('Cost: 1 e-RS call (A005) per worklist item.');
  });
});

describe('RequestCallBudget (ERS_CALLS_PER_REQUEST)', () => {
  it('allows its limit of attempts, then refuses each further one with COST_LIMIT_EXCEEDED', () => {
    const budget = new RequestCallBudget(2);
    budget.spend('A005');
    budget.spend('A029');
    expect(() => budget.spend('A005')).toThrow(
      expect.objectContaining({ extensions: { code: 'COST_LIMIT_EXCEEDED', reason: 'RUNTIME_CALLS', estimate: 3, limit: 2 } }),
    );
    expect(() => budget.spend('A005')).toThrow();
    expect(budget.used).toBe(2);
  });
});

describe('configuration of the limits', () => {
  it('lets real screens through by default', () => {
    expect(loadConfig({})).toMatchObject({
      ersCostLimit: 300,
      graphqlMaxDepth: 20,
      graphqlMaxAliases: 50,
      graphqlMaxNodes: 50_000,
      ersCallsPerRequest: 500,
      graphqlMaxResponseBytes: 16 * 1024 * 1024,
    });
  });

  it.each(['ERS_COST_LIMIT', 'GRAPHQL_MAX_DEPTH', 'GRAPHQL_MAX_NODES', 'ERS_CALLS_PER_REQUEST', 'GRAPHQL_MAX_RESPONSE_BYTES'])(
    'refuses a %s of 0, naming it',
    (name) => {
      expect(() => loadConfig({ [name]: '0' })).toThrow(ConfigError);
      expect(() => loadConfig({ [name]: '0' })).toThrow(name);
    },
  );

  it('takes GRAPHQL_MAX_ALIASES=0 (no aliases at all)', () => {
    expect(loadConfig({ GRAPHQL_MAX_ALIASES: '0' }).graphqlMaxAliases).toBe(0);
  });
});
