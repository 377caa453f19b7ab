/**
 * ers-graph as an Apollo Federation 2 subgraph: the subgraph SDL it serves, the entities it owns
 * and references, that it composes with another subgraph (@apollo/composition), that its
 * federation fields are the ones @apollo/subgraph defines, and the price of `_entities`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSubgraphSchema } from '@apollo/subgraph';
import {
  ConstDirectiveNode,
  DocumentNode,
  Kind,
  ObjectTypeDefinitionNode,
  OperationDefinitionNode,
  graphql,
  isObjectType,
  isUnionType,
  parse,
  print,
} from 'graphql';
import { ersSchema } from '../../src/schema';
import { ENTITY_READS, entityCalls } from '../../src/cost/pricing';
import { CostLimits, estimateOperation } from '../../src/cost/estimate';
import { loadConfig } from '../../src/config';
import { ERS_ENDPOINTS_EXTENSION } from '../../kernel/gate';
import { OWNED_ENTITIES } from '../../resolvers/entity-references';
import { composeDemoSupergraph } from '../../examples/trust-demo/supergraph';
import { syntheticOrganisation, syntheticPatient } from '../../examples/trust-demo/synthetic';

const ROOT = join(__dirname, '..', '..');
const committed = readFileSync(join(ROOT, 'schema', 'subgraph.graphql'), 'utf8');
const subgraphDocument = parse(committed);

/** `@key`s of the subgraph SDL by type: fields, and whether the router may resolve the type here. */
function keysOf(document: DocumentNode): Map<string, { fields: string; resolvable: boolean }> {
  const keys = new Map<string, { fields: string; resolvable: boolean }>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
    const key = (definition as ObjectTypeDefinitionNode).directives?.find((d: ConstDirectiveNode) => d.name.value === 'key');
    if (!key) continue;
    const arg = (name: string) => key.arguments?.find((a) => a.name.value === name)?.value;
    const fields = arg('fields');
    const resolvable = arg('resolvable');
    keys.set(definition.name.value, {
      fields: fields?.kind === Kind.STRING ? fields.value : '',
      resolvable: resolvable?.kind === Kind.BOOLEAN ? resolvable.value : true,
    });
  }
  return keys;
}

describe('the subgraph SDL (schema/subgraph.graphql)', () => {
  const keys = keysOf(subgraphDocument);

  it('is what `_service { sdl }` answers', async () => {
    const result = await graphql({ schema: ersSchema('subgraph'), source: '{ _service { sdl } }' });
    expect(result.errors).toBeUndefined();
    expect((result.data as { _service: { sdl: string } })._service.sdl).toBe(committed);
  });

  it('owns Referral and A&G requests by UBRN, services and appointments by id', () => {
    expect(Object.fromEntries([...keys].filter(([, key]) => key.resolvable))).toEqual({
      Referral: { fields: 'ubrn', resolvable: true },
      AdviceAndGuidanceRequest: { fields: 'ubrn', resolvable: true },
      HealthcareService: { fields: 'id', resolvable: true },
      Appointment: { fields: 'id', resolvable: true },
    });
  });

  it('references Patient by NHS number and Organisation by ODS code as stubs another subgraph resolves', () => {
    expect(keys.get('Patient')).toEqual({ fields: 'nhsNumber', resolvable: false });
    expect(keys.get('Organisation')).toEqual({ fields: 'odsCode', resolvable: false });
    const client = ersSchema();
    const fieldType = (type: string, field: string) => {
      const object = client.getType(type);
      return isObjectType(object) ? String(object.getFields()[field]?.type) : undefined;
    };
    expect(fieldType('Referral', 'patient')).toBe('Patient');
    expect(fieldType('AdviceAndGuidanceRequest', 'patient')).toBe('Patient');
    expect(fieldType('Referral', 'commissioningRuleOrganisation')).toBe('Organisation');
    expect(fieldType('HealthcareService', 'siteOrganisations')).toBe('[Organisation!]!');
    expect(fieldType('Attachment', 'attachedByOrganisation')).toBe('Organisation');
    // A stub has its key and nothing else: names and demographics come from the subgraph that owns it.
    expect(Object.keys((client.getType('Patient') as any).getFields())).toEqual(['nhsNumber']);
    expect(Object.keys((client.getType('Organisation') as any).getFields())).toEqual(['odsCode']);
  });

  it('resolves in `_entities` exactly the entities it owns, each with its @key field and the gate of the root field that reads one', () => {
    const owned = [...keys].filter(([, key]) => key.resolvable).map(([name]) => name);
    expect(Object.keys(OWNED_ENTITIES).sort()).toEqual([...owned].sort());
    expect(Object.keys(ENTITY_READS).sort()).toEqual([...owned].sort());
    const query = ersSchema().getQueryType()!.getFields();
    for (const name of owned) {
      expect(OWNED_ENTITIES[name].key).toBe(keys.get(name)!.fields);
      const rootField = ENTITY_READS[name].replace(/^Query\./, '');
      expect(query[rootField].extensions[ERS_ENDPOINTS_EXTENSION]).toEqual(OWNED_ENTITIES[name].endpoints);
    }
  });

  it('declares the federation fields as @apollo/subgraph does for the same SDL, with only the owned entities in _Entity', () => {
    const apollo = buildSubgraphSchema(subgraphDocument);
    const ours = ersSchema('subgraph');
    const signature = (schema: typeof ours) => {
      const fields = schema.getQueryType()!.getFields();
      return ['_entities', '_service'].map((name) => ({
        name,
        type: String(fields[name].type),
        args: fields[name].args.map((arg) => `${arg.name}: ${String(arg.type)}`),
      }));
    };
    expect(signature(ours)).toEqual(signature(apollo));
    const members = (schema: typeof ours) => {
      const union = schema.getType('_Entity');
      return isUnionType(union) ? union.getTypes().map((type) => type.name) : [];
    };
    // @apollo/subgraph lists the resolvable: false stubs too; ers-graph refuses them (another subgraph resolves them).
    expect(members(ours).sort()).toEqual(
      members(apollo)
        .filter((name) => keys.get(name)!.resolvable)
        .sort(),
    );
  });

  it('keeps the client SDL (schema/schema.graphql) free of federation machinery', () => {
    const client = readFileSync(join(ROOT, 'schema', 'schema.graphql'), 'utf8');
    expect(client).not.toMatch(/_entities|_service|_Any|_Entity|@key/);
  });
});

describe('composition with a second subgraph (@apollo/composition)', () => {
  const { supergraphSdl, hints } = composeDemoSupergraph(committed);
  const typeHeader = (name: string) => new RegExp(`^type ${name}\\n((?:  @join__type\\(.*\\)\\n)+)\\{`, 'm').exec(supergraphSdl)?.[1] ?? '';

  it('composes without errors or hints', () => {
    expect(supergraphSdl).toContain('@join__graph(name: "ers"');
    expect(supergraphSdl).toContain('@join__graph(name: "trust-demo"');
    expect(hints).toEqual([]);
  });

  it.each([
    ['Referral', 'ubrn'],
    ['AdviceAndGuidanceRequest', 'ubrn'],
    ['HealthcareService', 'id'],
    ['Appointment', 'id'],
  ])('has %s as an entity of ers-graph keyed by %s', (name, key) => {
    expect(typeHeader(name)).toContain(`@join__type(graph: ERS, key: "${key}")`);
  });

  it.each([
    ['Patient', 'nhsNumber'],
    ['Organisation', 'odsCode'],
  ])('has %s referenced by ers-graph (%s, not resolvable there) and owned by the trust-demo subgraph', (name, key) => {
    const header = typeHeader(name);
    expect(header).toContain(`@join__type(graph: ERS, key: "${key}", resolvable: false)`);
    expect(header).toContain(`@join__type(graph: TRUST_DEMO, key: "${key}")`);
  });

  it('keeps the demand-control directives for a router', () => {
    expect(supergraphSdl).toMatch(/^ {2}availableActions: \[ReferralAction!\] @cost\(weight: 1\)/m);
    expect(supergraphSdl).toMatch(/^ {2}shortlist: \[HealthcareService\] @cost\(weight: 1\) @listSize\(assumedSize: 20\)/m);
  });
});

describe('the price of `_entities`', () => {
  const config = loadConfig({});
  const limits: CostLimits = {
    calls: config.ersCostLimit,
    nodes: config.graphqlMaxNodes,
    depth: config.graphqlMaxDepth,
    aliases: config.graphqlMaxAliases,
  };
  const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
    ... on Referral { ubrn state { state } }
    ... on HealthcareService { id name }
  } }`;
  const estimate = (representations: unknown[], given: CostLimits = limits) => {
    const document = parse(ENTITIES);
    const operation = document.definitions[0] as OperationDefinitionNode;
    return estimateOperation(ersSchema('subgraph'), document, operation, given, { variables: { representations } });
  };
  const referrals = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ __typename: 'Referral', ubrn: String(500000 + i).padStart(12, '0') }));
  const services = (n: number) => Array.from({ length: n }, (_, i) => ({ __typename: 'HealthcareService', id: String(30001 + i) }));

  it.each([
    // N referrals: N A005, as N `referral(ubrn:)`; plus the caller's roles (A030).
    ['30 referrals', referrals(30), 31],
    // Services go 20 to an A035, as `healthcareServices(ids:)`.
    ['20 services', services(20), 2],
    ['21 services', services(21), 3],
    ['30 referrals and 20 services', [...referrals(30), ...services(20)], 32],
    // The loaders read a key once per request: a repeat costs nothing.
    ['one referral three times', [...referrals(1), ...referrals(1), ...referrals(1)], 2],
  ])('prices %s at %i e-RS calls', (_name, representations, calls) => {
    const { estimate: result, verdict } = estimate(representations);
    expect(verdict).toBeNull();
    expect(result.calls).toBe(calls);
  });

  it('reads nothing for a type ers-graph does not resolve', () => {
    expect(entityCalls([{ __typename: 'Patient', nhsNumber: '9990000018' }])).toBe(0);
  });

  it('refuses a huge `_entities` before it runs: over the e-RS call limit', () => {
    const { verdict } = estimate(referrals(config.ersCostLimit));
    expect(verdict).toEqual({ reason: 'ERS_CALLS', estimate: config.ersCostLimit + 1, limit: config.ersCostLimit });
  });

  it('counts every entity against the node limit', () => {
    const { verdict } = estimate(services(200), { ...limits, nodes: 100 });
    expect(verdict).toMatchObject({ reason: 'NODES', limit: 100 });
    expect(verdict!.estimate).toBeGreaterThanOrEqual(200);
  });
});

describe('the trust-demo subgraph (examples/)', () => {
  it('derives the same synthetic person from the same NHS number, and different ones from different numbers', () => {
    const a = syntheticPatient('9990000018');
    expect(syntheticPatient('9990000018')).toEqual(a);
    expect(a.dateOfBirth).toMatch(/^(19[3-9]\d|20[01]\d)-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])$/);
    const names = new Set(['9990000018', '9990000026', '9990000034', '9990000042', '9990000050'].map((n) => syntheticPatient(n).name));
    expect(names.size).toBeGreaterThan(1);
    expect(syntheticOrganisation('R69').name).toBe(syntheticOrganisation('R69').name);
  });

  it('prints a valid subgraph SDL of its own', () => {
    const sdl = readFileSync(join(ROOT, 'examples', 'trust-demo', 'schema.graphql'), 'utf8');
    expect(print(parse(sdl))).toContain('type Patient @key(fields: "nhsNumber")');
  });
});
