import {
  GraphQLFieldConfigMap,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLResolveInfo,
  GraphQLScalarType,
  GraphQLSchema,
  GraphQLString,
  GraphQLUnionType,
} from 'graphql';
import { addResolversToSchema, entitiesResolver } from '@apollo/subgraph';
import { apiError } from '../error-codes';

/** Resolves one representation of an entity ers-graph owns (`{ __typename, ...key }`) to the object, or throws. */
export type ReferenceResolver<TContext> = (representation: Record<string, unknown>, context: TContext) => Promise<unknown>;

export interface SubgraphOptions<TContext> {
  /** What `_service { sdl }` answers: the subgraph SDL with its `@link`, `@key`s and demand-control directives. */
  sdl: string;
  /** The owned entity types, by name, with the reference resolver of each. */
  references: Readonly<Record<string, ReferenceResolver<TContext>>>;
}

/** A federation representation (`_Any`): a JSON object with `__typename` and the key fields. */
const AnyScalar = new GraphQLScalarType({
  name: '_Any',
  description: 'Federation: an entity representation, `{ __typename, ...key fields }`.',
});

const ServiceType = new GraphQLObjectType({
  name: '_Service',
  description: 'Federation: this subgraph.',
  fields: { sdl: { type: GraphQLString, description: 'The subgraph SDL, as committed in schema/subgraph.graphql.' } },
});

/** A refusal of the whole `_entities` field: no representation is read. */
function badRepresentations(message: string) {
  return apiError('BAD_USER_INPUT', message);
}

/**
 * The schema with the Apollo Federation 2 subgraph fields added to its Query type: `_service`
 * (the SDL a gateway or router composes) and `_entities` (the router's way in to the owned
 * entities, each representation resolved by its type's reference resolver, through the same
 * gates and per-request loaders as the root fields). The schema's types, resolvers, field
 * extensions and descriptions are kept as they are.
 */
export function withFederation<TContext>(schema: GraphQLSchema, options: SubgraphOptions<TContext>): GraphQLSchema {
  const config = schema.toConfig();
  const query = schema.getQueryType();
  if (!query) throw new Error('A subgraph needs a Query type');
  const entityTypes = Object.keys(options.references).map((name) => {
    const type = schema.getType(name);
    if (!(type instanceof GraphQLObjectType)) throw new Error(`Entity ${name} is not an object type of the schema`);
    return type;
  });
  const entityUnion = new GraphQLUnionType({
    name: '_Entity',
    description: 'Federation: the entities this subgraph resolves.',
    types: entityTypes,
    resolveType: (value: { __typename?: string }) => value.__typename,
  });
  const owned = new Set(Object.keys(options.references));
  const federationFields: GraphQLFieldConfigMap<unknown, TContext> = {
    _service: {
      type: new GraphQLNonNull(ServiceType),
      description: 'Federation: the subgraph SDL a gateway or router composes.',
      resolve: () => ({ sdl: options.sdl }),
    },
    _entities: {
      type: new GraphQLNonNull(new GraphQLList(entityUnion)),
      description:
        'Federation: the entities of these representations, in order, for a gateway or router. Each is read as the root ' +
        'field that reads it would be (same role gates, same per-request loaders); one that fails is null with an error.',
      args: { representations: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(AnyScalar))) } },
      resolve: (_source, args: { representations: unknown[] }, context: TContext, info: GraphQLResolveInfo) => {
        // Checked before any representation is read: a type this subgraph does not resolve refuses them all.
        for (const representation of args.representations) {
          if (typeof representation !== 'object' || representation === null || Array.isArray(representation))
            throw badRepresentations('representations must be objects with __typename and key fields');
          const typename = (representation as { __typename?: unknown }).__typename;
          if (typeof typename !== 'string' || !owned.has(typename))
            throw badRepresentations(`representations may only be of the entity types ${[...owned].join(', ')}`);
        }
        return entitiesResolver({ representations: args.representations as Array<{ __typename: string }>, context, info });
      },
    },
  };
  const queryConfig = query.toConfig();
  const federatedQuery = new GraphQLObjectType({ ...queryConfig, fields: { ...queryConfig.fields, ...federationFields } });
  const federated = new GraphQLSchema({
    ...config,
    query: federatedQuery,
    types: [...config.types.filter((type) => type !== query), AnyScalar, ServiceType, entityUnion],
  });
  addResolversToSchema(
    federated,
    Object.fromEntries(
      Object.entries(options.references).map(([name, resolve]) => [
        name,
        { __resolveReference: (representation: Record<string, unknown>, context: TContext) => resolve(representation, context) },
      ]),
    ),
  );
  return federated;
}
