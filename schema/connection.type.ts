import { Field, Int, ObjectType } from 'type-graphql';
import type { ClassType } from 'type-graphql';

/** Relay page information. */
@ObjectType('PageInfo', { description: 'Where this page sits in the whole list (Relay connection spec).' })
export class PageInfo {
  @Field((_type) => Boolean, { nullable: false, description: 'Whether items follow this page (ask again with `after: endCursor`).' })
  hasNextPage!: boolean;

  @Field((_type) => Boolean, { nullable: false, description: 'Whether items come before this page.' })
  hasPreviousPage!: boolean;

  @Field((_type) => String, { nullable: true, description: 'The cursor of the first item of the page.' })
  startCursor!: string | null;

  @Field((_type) => String, {
    nullable: true,
    description: 'The cursor of the last item of the page; pass it as `after` for the next page.',
  })
  endCursor!: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Array<Edge<T>>;
  pageInfo: PageInfo;
  totalCount: number | null;
}

/**
 * A Relay connection type for `node` items: `{ edges { cursor node } pageInfo totalCount }`.
 * One call per item type, at module level (type-graphql registers the classes once).
 */
// A node type may be a class or a type-graphql union/enum object, which type-graphql types as `Function`.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export function ConnectionType<T extends object>(name: string, node: () => ClassType<T> | Function, description: string) {
  @ObjectType(`${name}Edge`, { description: `One ${name} with its cursor.` })
  class EdgeClass implements Edge<T> {
    @Field((_type) => String, { nullable: false, description: 'An opaque cursor for this item; stable while the list is unchanged.' })
    cursor!: string;

    @Field(node, { nullable: false, description: `The ${name}.` })
    node!: T;
  }

  @ObjectType(`${name}Connection`, { description })
  class ConnectionClass implements Connection<T> {
    @Field((_type) => [EdgeClass], { nullable: false, description: 'The items of this page, in list order.' })
    edges!: Array<Edge<T>>;

    @Field((_type) => PageInfo, { nullable: false, description: 'Paging information.' })
    pageInfo!: PageInfo;

    @Field((_type) => Int, { nullable: true, description: 'How many items the whole list has, when e-RS says.' })
    totalCount!: number | null;
  }

  return ConnectionClass;
}

/** Cursors are opaque to clients: base64url of a small JSON object. */
export function encodeCursor(value: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export function decodeCursor(cursor: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Pages a list that e-RS returns whole (worklists): `first` items after the `after` cursor.
 * The cursor holds the item's position and key, so a cursor from a list that has changed since is
 * detected and refused rather than silently skipping or repeating items.
 */
export function pageOf<T>(items: T[], keyOf: (item: T) => string, first: number, after?: string | null): Connection<T> | 'STALE_CURSOR' {
  let start = 0;
  if (after) {
    const decoded = decodeCursor(after);
    const index = typeof decoded?.i === 'number' ? decoded.i : -1;
    if (index < 0 || index >= items.length || keyOf(items[index]) !== decoded?.k) return 'STALE_CURSOR';
    start = index + 1;
  }
  const slice = items.slice(start, start + first);
  const edges = slice.map((node, offset) => ({ node, cursor: encodeCursor({ i: start + offset, k: keyOf(node) }) }));
  return {
    edges,
    totalCount: items.length,
    pageInfo: {
      hasNextPage: start + slice.length < items.length,
      hasPreviousPage: start > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}
