import pino, { Logger } from 'pino';
import { startSimulator, RunningSimulator, SimulatorOptions } from '../../simulator';
import { loadConfig } from '../../src/config';
import { createServer, ErsGraphServer } from '../../src/server';
import type { ErsClientOptions } from '../../datasources/ers/client';

export interface GraphQLResult<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

/** The simulator and an ers-graph server wired to it, both real, both on free ports. */
export interface Harness {
  simulator: RunningSimulator;
  server: ErsGraphServer;
  graphqlUrl: string;
  /** Posts a GraphQL operation as a referring clinician (headers overridable; undefined removes one). */
  query<T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string | undefined>,
  ): Promise<GraphQLResult<T>>;
  close(): Promise<void>;
}

/**
 * Role headers of a referring clinician at the simulator's GP practice: the role that may use
 * every read endpoint of this slice (A033 is open to referrer roles only).
 */
export function referrerHeaders(simulator: RunningSimulator): Record<string, string> {
  return {
    Authorization: 'Bearer test-token',
    'NHSD-eRS-Business-Function': 'REFERRING_CLINICIAN',
    'NHSD-End-User-Organisation-ODS': simulator.world.referrer.odsCode,
  };
}

/** Role headers of a clinician at the simulator's provider trust. */
export function providerHeaders(simulator: RunningSimulator): Record<string, string> {
  return {
    Authorization: 'Bearer test-token',
    'NHSD-eRS-Business-Function': 'SERVICE_PROVIDER_CLINICIAN',
    'NHSD-End-User-Organisation-ODS': simulator.world.provider.odsCode,
  };
}

export async function startHarness(
  options: { simulator?: SimulatorOptions; client?: Partial<ErsClientOptions>; log?: Logger } = {},
): Promise<Harness> {
  const simulator = await startSimulator({ port: 0, ...options.simulator });
  const config = loadConfig({}, { port: 0, ersTimeoutMs: 2000 });
  const server = await createServer({
    config,
    ersBaseUrl: simulator.baseUrl,
    log: options.log ?? pino({ level: 'silent' }),
    clientOptions: { retryBaseDelayMs: 10, ...options.client },
  });
  const address = await server.listen();
  const graphqlUrl = `${address}/graphql`;

  return {
    simulator,
    server,
    graphqlUrl,
    async query(query, variables, headers) {
      const merged: Record<string, string> = { 'Content-Type': 'application/json' };
      for (const [name, value] of Object.entries({ ...referrerHeaders(simulator), ...headers })) {
        if (value !== undefined) merged[name] = value;
      }
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: merged,
        body: JSON.stringify({ query, variables }),
      });
      const body = (await response.json()) as Omit<GraphQLResult, 'status' | 'headers'>;
      return { status: response.status, headers: response.headers, ...body } as GraphQLResult<any>;
    },
    async close() {
      await server.close();
      await simulator.close();
    },
  };
}
