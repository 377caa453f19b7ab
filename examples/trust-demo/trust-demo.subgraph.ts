import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLSchema, parse } from 'graphql';
import { syntheticOrganisation, syntheticPatient } from './synthetic';

/**
 * The trust-demo subgraph: an EXAMPLE of the subgraphs a trust composes with ers-graph. It owns
 * Patient (by NHS number) and Organisation (by ODS code), which ers-graph references as stubs,
 * and answers them with synthetic data. Not part of ers-graph: nothing under src/ imports it.
 */

/** The subgraph SDL, examples/trust-demo/schema.graphql (also what `npm run supergraph` composes). */
export function trustDemoSdl(): string {
  // Beside this file when run from source (tests), three levels up when compiled into dist/examples/trust-demo.
  const file = [join(__dirname, 'schema.graphql'), join(__dirname, '..', '..', '..', 'examples', 'trust-demo', 'schema.graphql')].find(
    (path) => existsSync(path),
  );
  if (!file) throw new Error('examples/trust-demo/schema.graphql not found');
  return readFileSync(file, 'utf8');
}

/** The executable subgraph schema: `_entities` resolves Patient and Organisation references. */
export function trustDemoSchema(): GraphQLSchema {
  return buildSubgraphSchema([
    {
      typeDefs: parse(trustDemoSdl()),
      resolvers: {
        Query: {
          patient: (_source: unknown, { nhsNumber }: { nhsNumber: string }) => syntheticPatient(nhsNumber),
          organisation: (_source: unknown, { odsCode }: { odsCode: string }) => syntheticOrganisation(odsCode),
        },
        Patient: { __resolveReference: ({ nhsNumber }: { nhsNumber: string }) => syntheticPatient(nhsNumber) },
        Organisation: { __resolveReference: ({ odsCode }: { odsCode: string }) => syntheticOrganisation(odsCode) },
      },
    },
  ]);
}

export interface RunningSubgraph {
  url: string;
  /** How many `_entities` requests it answered, and how many representations they held. */
  entityRequests: () => { requests: number; representations: number };
  /** The names (lower case) of every request header it has been sent: what a gateway passes on to it. */
  headersSeen: () => string[];
  stop(): Promise<void>;
}

/** Starts the trust-demo subgraph on host:port (port 0: any free port); resolves to its GraphQL URL. */
export async function startTrustDemo(options: { host?: string; port?: number } = {}): Promise<RunningSubgraph> {
  let requests = 0;
  let representations = 0;
  const headers = new Set<string>();
  const server = new ApolloServer({
    schema: trustDemoSchema(),
    plugins: [
      // No field timings for the gateway: an example has no usage reporting.
      ApolloServerPluginInlineTraceDisabled(),
      {
        async requestDidStart({ request }) {
          for (const [name] of request.http?.headers ?? []) headers.add(name.toLowerCase());
          const given = request.variables?.representations;
          if (Array.isArray(given)) {
            requests += 1;
            representations += given.length;
          }
        },
      },
    ],
  });
  const { url } = await startStandaloneServer(server, { listen: { host: options.host ?? '127.0.0.1', port: options.port ?? 0 } });
  return {
    url,
    entityRequests: () => ({ requests, representations }),
    headersSeen: () => [...headers].sort(),
    stop: () => server.stop(),
  };
}
