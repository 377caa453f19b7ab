import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../kernel/context';
import { HealthcareService } from '../schema/healthcare-service.type';
import { selectsOnlyId } from '../schema/id-only-selection';

/** Whether this field's query asks a service for nothing but its id. */
export function asksOnlyServiceId(info: GraphQLResolveInfo): boolean {
  const seen = new Set<string>();
  return info.fieldNodes.every((node) => selectsOnlyId(node.selectionSet, (name) => info.fragments[name], seen));
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
export function servicesByIds(
  ctx: RequestContext,
  info: GraphQLResolveInfo,
  ids: readonly string[],
): Promise<Array<HealthcareService | Error>> {
  if (asksOnlyServiceId(info)) return Promise.resolve(ids.map(serviceStub));
  return ctx.data.directory.services(ids);
}

/** One service by id (A035 through the loader), or its id alone when that is all the query asks for. */
export async function serviceById(
  ctx: RequestContext,
  info: GraphQLResolveInfo,
  id: string | null | undefined,
): Promise<HealthcareService | null> {
  if (!id) return null;
  if (asksOnlyServiceId(info)) return serviceStub(id);
  return ctx.data.directory.service(id);
}
