import {
  ConstDirectiveNode,
  ConstValueNode,
  DocumentNode,
  FieldDefinitionNode,
  GraphQLSchema,
  Kind,
  NamedTypeNode,
  TypeNode,
  isCompositeType,
  isInterfaceType,
  lexicographicSortSchema,
  parse,
  print,
  printSchema,
  visit,
} from 'graphql';
import { DEFAULT_LIST_SIZE, FieldPrice, LIST_SIZES, ListSize, ownCalls, priceOf } from './pricing';

/** The Federation version whose directives the subgraph SDL imports (2.9: the first with demand control). */
export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.9';

/** The federation directives the subgraph SDL uses: entity keys, and demand control's prices and list sizes. */
export const FEDERATION_IMPORTS = ['@key', '@cost', '@listSize'] as const;

const int = (value: number): ConstValueNode => ({ kind: Kind.INT, value: String(value) });
const strings = (values: string[]): ConstValueNode => ({ kind: Kind.LIST, values: values.map((value) => ({ kind: Kind.STRING, value })) });
const bool = (value: boolean): ConstValueNode => ({ kind: Kind.BOOLEAN, value });

function directive(name: string, args: Array<[string, ConstValueNode]>): ConstDirectiveNode {
  return {
    kind: Kind.DIRECTIVE,
    name: { kind: Kind.NAME, value: name },
    arguments: args.map(([argName, value]) => ({ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: argName }, value })),
  };
}

function isList(type: TypeNode): boolean {
  return type.kind === Kind.NON_NULL_TYPE ? isList(type.type) : type.kind === Kind.LIST_TYPE;
}

function namedType(type: TypeNode): NamedTypeNode {
  return type.kind === Kind.NAMED_TYPE ? type : namedType(type.type);
}

/** `@listSize` as the IBM cost specification (and Apollo's demand control) reads it. */
function listSizeDirective(size: ListSize): ConstDirectiveNode {
  const args: Array<[string, ConstValueNode]> = [];
  if (size.slicing) {
    args.push(['assumedSize', int(size.slicing.default)], ['slicingArguments', strings([size.slicing.argument])]);
    if (size.sizedFields) args.push(['sizedFields', strings(size.sizedFields)]);
    // The argument has a default, so a query may leave it out.
    args.push(['requireOneSlicingArgument', bool(false)]);
  } else {
    // A list argument (ids) is not an Int slicing argument: the most the field takes is assumed.
    args.push(['assumedSize', int(size.assumed ?? size.max ?? DEFAULT_LIST_SIZE)]);
  }
  return directive('listSize', args);
}

/** The demand-control directives of one field, from the price list. */
function costDirectives(price: FieldPrice | undefined, list: ListSize | undefined, field: FieldDefinitionNode): ConstDirectiveNode[] {
  const directives: ConstDirectiveNode[] = [];
  if (price && !price.oncePerRequest && !price.link) {
    // Per parent object; a per-item price is the price of one item (the router multiplies by the list size).
    const weight = price.perItem ? ownCalls(price, 1) : ownCalls(price, price.batchOf ?? 1);
    // A back link weighs nothing: the object is already loaded.
    if (weight > 0 || price.backLink) directives.push(directive('cost', [['weight', int(weight)]]));
  }
  if (list && (list.sizedFields || isList(field.type))) directives.push(listSizeDirective(list));
  return directives;
}

/**
 * The SDL of ers-graph as an Apollo Federation 2.9 subgraph, what `_service { sdl }` answers: its
 * entities' `@key`s (owned, and `resolvable: false` stubs of Patient and Organisation), and its e-RS prices: `@cost(weight:)`
 * (e-RS calls per parent object) and `@listSize` on every priced field, from the same table the
 * server's own estimator uses, so that a router's demand control prices ers-graph's fields as
 * ers-graph does. Weights are e-RS calls; A004 and A030, made at most once per request, carry no
 * weight (the directives cannot say "once per request").
 */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  const document = parse(printSchema(lexicographicSortSchema(schema)));
  let parent = '';
  const withDirectives = visit(document, {
    ObjectTypeDefinition: {
      enter(node) {
        parent = node.name.value;
        // The type's `@key`s (type-graphql keeps a class's directives on the type's AST node; printSchema drops them).
        const keys = schema.getType(parent)?.astNode?.directives?.filter((d) => d.name.value === 'key') ?? [];
        return keys.length > 0 ? { ...node, directives: [...(node.directives ?? []), ...keys] } : undefined;
      },
    },
    InterfaceTypeDefinition: { enter: (node) => void (parent = node.name.value) },
    FieldDefinition(node) {
      const key = `${parent}.${node.name.value}`;
      const parentType = schema.getType(parent);
      const price = parentType ? priceOf(schema, parentType, node.name.value) : undefined;
      const list = price?.list ?? LIST_SIZES[key] ?? defaultListSize(schema, parent, node);
      // Federation refuses @cost on an interface field (COST_APPLIED_TO_INTERFACE_FIELD): the implementations carry it.
      const directives = costDirectives(isInterfaceType(parentType) ? undefined : price, list, node);
      return directives.length > 0 ? { ...node, directives: [...(node.directives ?? []), ...directives] } : undefined;
    },
  }) as DocumentNode;
  const link = `extend schema @link(url: "${FEDERATION_LINK}", import: [${FEDERATION_IMPORTS.map((name) => `"${name}"`).join(', ')}])`;
  return `${link}\n\n${print(withDirectives)}\n`;
}

/**
 * Lists of objects with no size of their own hold DEFAULT_LIST_SIZE for the estimator; say so,
 * so that the router does not fall back on its own configured size. A connection's `edges` are
 * sized by the field that returns the connection (`sizedFields`).
 */
function defaultListSize(schema: GraphQLSchema, parentName: string, field: FieldDefinitionNode): ListSize | undefined {
  if (!isList(field.type) || (parentName.endsWith('Connection') && field.name.value === 'edges')) return undefined;
  const type = schema.getType(namedType(field.type).name.value);
  return type && isCompositeType(type) ? { assumed: DEFAULT_LIST_SIZE } : undefined;
}
