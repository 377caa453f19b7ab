import type { IncomingHttpHeaders } from 'node:http';
import { ApolloGateway, IntrospectAndCompose, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';

/**
 * An Apollo Gateway in front of ers-graph and other subgraphs: an EXAMPLE of how a trust
 * composes ers-graph, with the one thing ers-graph needs from any gateway or router: the
 * caller's identity headers passed on to it. (@apollo/gateway is Elastic License 2.0: a
 * development dependency for this example and the tests, never part of ers-graph's runtime.)
 */

/**
 * The request headers ers-graph acts on, passed from the client's request to ers-graph only:
 * the bearer token (the user's CIS2 ID token or an APIM token), the e-RS role headers, the
 * correlation id (carried on to e-RS and into the logs) and a mutation's idempotency key.
 */
export const ERS_GRAPH_HEADERS = [
  'authorization',
  'nhsd-ers-business-function',
  'nhsd-end-user-organisation-ods',
  'nhsd-ers-on-behalf-of-user-id',
  'x-correlation-id',
  'idempotency-key',
] as const;

/** The gateway's per-request context: the client's headers that may go on to ers-graph. */
export interface GatewayContext {
  headers: Partial<Record<(typeof ERS_GRAPH_HEADERS)[number], string>>;
}

/** The propagated headers of a client request (the first value of a repeated one). */
export function gatewayContextOf(headers: IncomingHttpHeaders): GatewayContext {
  const picked: GatewayContext['headers'] = {};
  for (const name of ERS_GRAPH_HEADERS) {
    const value = headers[name];
    const first = Array.isArray(value) ? value[0] : value;
    if (first) picked[name] = first;
  }
  return { headers: picked };
}

/**
 * A data source for the ers-graph subgraph that copies the caller's headers onto every request
 * the gateway sends it. Other subgraphs get none of them: a user's token goes to ers-graph only.
 */
export class ErsGraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    // Composition's own requests (introspection of `_service`) have no client context.
    const headers: GatewayContext['headers'] = context?.headers ?? {};
    for (const name of ERS_GRAPH_HEADERS) {
      const value = headers[name];
      if (value) request.http?.headers.set(name, value);
    }
  }
}

export interface Subgraph {
  name: string;
  url: string;
}

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a gateway over the subgraphs on host:port (port 0: any free port). `ersGraph` names the
 * subgraph that is ers-graph (it alone gets the caller's headers). With `supergraphSdl` the
 * gateway serves that composed supergraph (as in production, composed from the committed subgraph
 * SDLs); without it, it composes at start from each subgraph's `_service { sdl }` (development:
 * ers-graph answers `_service` without a token only with development identity).
 */
export async function startGateway(options: {
  subgraphs: Subgraph[];
  ersGraph: string;
  supergraphSdl?: string;
  host?: string;
  port?: number;
}): Promise<RunningGateway> {
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? new IntrospectAndCompose({ subgraphs: options.subgraphs }),
    buildService: ({ name, url }) => (name === options.ersGraph ? new ErsGraphDataSource({ url }) : new RemoteGraphQLDataSource({ url })),
  });
  const server = new ApolloServer<GatewayContext>({ gateway });
  const { url } = await startStandaloneServer(server, {
    listen: { host: options.host ?? '127.0.0.1', port: options.port ?? 0 },
    context: async ({ req }) => gatewayContextOf(req.headers),
  });
  return { url, stop: () => server.stop() };
}
