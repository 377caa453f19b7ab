import { GraphQLObjectType, GraphQLSchema, isObjectType } from 'graphql';
import { ENDPOINT_ACCESS, EndpointId } from '../../datasources/ers/endpoints';
import { ERS_ENDPOINTS_EXTENSION } from '../../kernel/gate';

/** One gated field: which e-RS endpoints it uses and who may therefore use it. */
export interface GateRow {
  field: string;
  endpoints: EndpointId[];
  write: boolean;
  /** Application-restricted callers may use it: reads e-RS opens to them; writes too (A013, A028, A036) with `applicationWrites`. */
  applicationAllowed: boolean;
  /** null: any authenticated user (A030). */
  businessFunctions: string[] | null;
}

/** Every field of the schema that declares e-RS endpoints, with the access that follows (docs, tests); `applicationWrites`: ERS_APPLICATION_WRITES. */
export function gateTable(schema: GraphQLSchema, options: { applicationWrites?: boolean } = {}): GateRow[] {
  const rows: GateRow[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values((type as GraphQLObjectType).getFields())) {
      const endpoints = field.extensions?.[ERS_ENDPOINTS_EXTENSION] as EndpointId[] | undefined;
      if (!endpoints) continue;
      const rules = endpoints.map((id) => ENDPOINT_ACCESS[id]);
      const lists = rules.map((r) => r.businessFunctions).filter((b): b is NonNullable<typeof b> => b !== null);
      const businessFunctions =
        lists.length === 0 ? null : lists.reduce<string[]>((acc, list) => acc.filter((bf) => list.includes(bf as never)), [...lists[0]]);
      const write = field.extensions?.ersWrite === true;
      rows.push({
        field: `${type.name}.${field.name}`,
        endpoints,
        write,
        applicationAllowed: (!write || options.applicationWrites === true) && rules.every((r) => r.applicationRestricted),
        businessFunctions,
      });
    }
  }
  return rows.sort((a, b) => a.field.localeCompare(b.field));
}
