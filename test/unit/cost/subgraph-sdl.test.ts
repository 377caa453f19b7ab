import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConstDirectiveNode, FieldDefinitionNode, Kind, ObjectTypeDefinitionNode, buildASTSchema, parse, print } from 'graphql';
import { ersSchema } from '../../../src/schema';
import { printSubgraphSdl, FEDERATION_LINK } from '../../../src/cost/subgraph-sdl';
import { FIELD_PRICES, ownCalls } from '../../../src/cost/pricing';

const sdl = printSubgraphSdl(ersSchema());

/** The federation definitions a router composes with (Apollo's demand-control spec), for checking the SDL alone. */
const FEDERATION_DEFINITIONS = `
  directive @link(url: String!, import: [String!]) repeatable on SCHEMA
  directive @key(fields: String!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE
  directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION | INPUT_FIELD_DEFINITION | OBJECT | SCALAR
  directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields: [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION
`;

function directivesOf(typeName: string, fieldName: string): Record<string, string> {
  const document = parse(sdl);
  const type = document.definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === typeName,
  )!;
  const field = type.fields!.find((f: FieldDefinitionNode) => f.name.value === fieldName)!;
  return Object.fromEntries((field.directives ?? []).map((d: ConstDirectiveNode) => [d.name.value, print(d)]));
}

describe('schema/subgraph.graphql', () => {
  it('matches the SDL the code prints (run `npm run schema:emit` after changing types or prices)', () => {
    expect(readFileSync(join(__dirname, '..', '..', '..', 'schema', 'subgraph.graphql'), 'utf8')).toBe(sdl);
  });

  it('links Federation 2.9 and imports @key, @cost and @listSize', () => {
    expect(sdl.split('\n')[0]).toBe(`extend schema @link(url: "${FEDERATION_LINK}", import: ["@key", "@cost", "@listSize"])`);
    expect(FEDERATION_LINK).toBe('https://specs.apollo.dev/federation/v2.9');
  });

  it('is a valid schema with the demand-control directives as Apollo defines them', () => {
    expect(() =>
      buildASTSchema(
        parse(
          FEDERATION_DEFINITIONS +
            sdl.replace(/^extend schema/, 'schema @link(url: "x") { query: Query mutation: Mutation }\nextend schema'),
        ),
      ),
    ).not.toThrow();
  });

  it.each(Object.entries(FIELD_PRICES).filter(([, price]) => !price.link && !price.oncePerRequest && Object.keys(price.calls).length > 0))(
    '%s carries @cost with the weight the estimator uses',
    (key, price) => {
      const [typeName, fieldName] = key.split('.');
      const weight = price.perItem ? ownCalls(price, 1) : ownCalls(price, price.batchOf ?? 1);
      expect(directivesOf(typeName, fieldName).cost).toBe(`@cost(weight: ${weight})`);
    },
  );

  it.each([
    [
      'Query',
      'referralWorklist',
      '@listSize(assumedSize: 50, slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)',
    ],
    [
      'Referral',
      'slots',
      '@listSize(assumedSize: 20, slicingArguments: ["first"], sizedFields: ["edges"], requireOneSlicingArgument: false)',
    ],
    ['Referral', 'shortlist', '@listSize(assumedSize: 20)'],
    ['AdviceAndGuidanceRequest', 'conversation', '@listSize(assumedSize: 20)'],
    ['Query', 'healthcareServices', '@listSize(assumedSize: 20)'],
    ['Query', 'serviceSearch', '@listSize(assumedSize: 20)'],
    ['Referral', 'attachments', '@listSize(assumedSize: 10)'],
  ])('%s.%s carries %s', (typeName, fieldName, expected) => {
    expect(directivesOf(typeName, fieldName).listSize).toBe(expected);
  });

  it('gives the once-per-request and link fields no weight', () => {
    expect(directivesOf('Code', 'display').cost).toBeUndefined();
    expect(directivesOf('Attachment', 'downloadUrl').cost).toBeUndefined();
  });
});
