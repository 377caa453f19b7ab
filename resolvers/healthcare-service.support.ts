import { GraphQLResolveInfo, Kind, SelectionSetNode } from 'graphql';
import type { RequestContext } from '../src/context';
import { HealthcareService } from '../schema/healthcare-service.type';

/** Fields a link to a service answers from the id it already holds. */
const FROM_ID = new Set(['id', '__typename']);

/** Whether every selection is answered from the id alone (fragments expanded; any other field, even under a directive, needs the record). */
function onlyId(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, seen: Set<string>): boolean {
  if (!set) return true;
  return set.selections.every((selection) => {
    if (selection.kind === Kind.FIELD) return FROM_ID.has(selection.name.value);
    if (selection.kind === Kind.INLINE_FRAGMENT) return onlyId(selection.selectionSet, info, seen);
    const name = selection.name.value;
    if (seen.has(name)) return true;
    seen.add(name);
    return onlyId(info.fragments[name]?.selectionSet, info, seen);
  });
}

/** Whether this field's query asks a service for nothing but its id. */
export function asksOnlyServiceId(info: GraphQLResolveInfo): boolean {
  const seen = new Set<string>();
  return info.fieldNodes.every((node) => onlyId(node.selectionSet, info, seen));
}

/** A service known by its id only: what `{ id }` needs, with no e-RS call. */
function serviceStub(id: string): HealthcareService {
  return Object.assign(new HealthcareService(), { id });
}

/**
 * The services with these ids, in order (A035 through the request's loader, one call per 20
 * distinct ids), or, when the query asks for their ids only, the ids with no e-RS call. The role
 * gate has run either way: a caller e-RS would refuse A035 gets FORBIDDEN for the ids too.
 */
export function servicesByIds(ctx: RequestContext, info: GraphQLResolveInfo, ids: readonly string[]): Promise<Array<HealthcareService | Error>> {
  if (asksOnlyServiceId(info)) return Promise.resolve(ids.map(serviceStub));
  return ctx.loaders.healthcareService.loadMany(ids);
}

/** One service by id (A035 through the loader), or its id alone when that is all the query asks for. */
export async function serviceById(ctx: RequestContext, info: GraphQLResolveInfo, id: string | null | undefined): Promise<HealthcareService | null> {
  if (!id) return null;
  if (asksOnlyServiceId(info)) return serviceStub(id);
  return ctx.loaders.healthcareService.load(id);
}
