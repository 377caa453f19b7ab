import pino, { Logger } from 'pino';
import { startSimulator, RunningSimulator, SimulatorOptions } from '../../simulator';
import { Config, loadConfig } from '../../src/config';
import { createServer, ErsGraphServer } from '../../src/server';
import { resolveDevelopmentIdentity, DEV_CIS2_CLIENT_ID } from '../../src/auth/development';
import { createIdentityService, type IdentityService } from '../../src/auth/identity';
import type { AuthConfig } from '../../src/config';
import type { ErsClientOptions } from '../../datasources/ers/client';

export interface GraphQLResult<T = Record<string, any>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, any> }>;
}

/** Users of the simulator's identity world the tests act as (see simulator/data/identity-users.ts). */
export const USERS = {
  /** REFERRING_CLINICIAN at the GP practice only. */
  referrer: '555010000002',
  /** SERVICE_PROVIDER_CLINICIAN at the trust only. */
  providerClinician: '555020000002',
  /** SERVICE_PROVIDER_CLINICIAN_ADMIN at the trust. */
  providerAdmin: '555020000009',
  /** REFERRING_CLINICIAN at the practice and SERVICE_PROVIDER_CLINICIAN at the trust. */
  twoOrganisations: '555010000001',
  /** REFERRING_CLINICIAN_ADMIN at the practice and COMMISSIONER at the commissioner. */
  commissioner: '555010000004',
  /** SERVICE_PROVIDER_ADMIN at the trust only. */
  providerAdminOnly: '555020000011',
  /** Identity assurance level 2. */
  ial2: '555010000006',
  /** Authentication assurance level 1. */
  aal1: '555020000012',
} as const;

export interface QueryOptions {
  /** Act as this SDS user (an ID token of the simulator's CIS2); null sends no token. Default: USERS.referrer. */
  user?: string | null;
  /** Extra request headers; undefined removes one. */
  headers?: Record<string, string | undefined>;
}

/** The simulator and an ers-graph server wired to it in development identity mode, both real. */
export interface Harness {
  simulator: RunningSimulator;
  server: ErsGraphServer;
  config: Config;
  graphqlUrl: string;
  /** Posts a GraphQL operation as a user of the simulator's identity world. */
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, options?: QueryOptions): Promise<GraphQLResult<T>>;
  /** A CIS2 ID token of the simulator for the user (audience: ers-graph's development client id). */
  idToken(userId: string): Promise<string>;
  /** e-RS calls other than A030 (role look-ups, cached per user and token). */
  ersCalls(): RunningSimulator['calls'];
  close(): Promise<void>;
}

export async function startHarness(
  options: {
    simulator?: SimulatorOptions;
    client?: Partial<ErsClientOptions>;
    log?: Logger;
    env?: Record<string, string>;
    /** Another identity mode, configured against the started simulator (default: development). */
    auth?: (simulator: RunningSimulator) => Promise<AuthConfig>;
    /** The server's clock for token expiry (epoch ms). */
    now?: () => number;
    /** false: no reads reused across requests, so each request's own e-RS calls can be counted. */
    sharedReads?: false;
    /** true: the server builds its own identity service on its shared store (Redis with REDIS_URL), as in production. */
    sharedIdentity?: true;
    /** true: a deployment with no application-restricted token of its own (no reference data read with one). */
    withoutApplicationToken?: true;
  } = {},
): Promise<Harness> {
  const simulator = await startSimulator({ port: 0, ...options.simulator });
  const base = loadConfig(options.env ?? {}, { port: 0, ersTimeoutMs: 2000 });
  const auth = options.auth ? await options.auth(simulator) : await resolveDevelopmentIdentity(base.auth, simulator.origin, 2000);
  const config: Config = { ...base, auth };
  const identityOf = (service: IdentityService): IdentityService =>
    options.withoutApplicationToken ? { ...service, applicationToken: undefined } : service;
  const server = await createServer({
    config,
    ersBaseUrl: simulator.baseUrl,
    log: options.log ?? pino({ level: 'silent' }),
    clientOptions: { retryBaseDelayMs: 10, ...options.client },
    identity: options.sharedIdentity ? undefined : identityOf(createIdentityService(auth, { timeoutMs: 2000, now: options.now })),
    sharedReads: options.sharedReads,
  });
  const address = await server.listen();
  const graphqlUrl = `${address}/graphql`;
  const tokens = new Map<string, Promise<string>>();
  const idToken = (userId: string) => {
    if (!tokens.has(userId)) tokens.set(userId, simulator.identity.issueIdToken({ userId, audience: DEV_CIS2_CLIENT_ID }));
    return tokens.get(userId)!;
  };

  return {
    simulator,
    server,
    config,
    graphqlUrl,
    idToken,
    ersCalls: () => simulator.calls.filter((call) => call.path !== '/R4/PractitionerRole'),
    async query(query, variables, queryOptions = {}) {
      const user = queryOptions.user === undefined ? USERS.referrer : queryOptions.user;
      const merged: Record<string, string> = { 'Content-Type': 'application/json' };
      if (user !== null) merged.Authorization = `Bearer ${await idToken(user)}`;
      for (const [name, value] of Object.entries(queryOptions.headers ?? {})) {
        if (value === undefined) delete merged[name];
        else merged[name] = value;
      }
      const response = await fetch(graphqlUrl, { method: 'POST', headers: merged, body: JSON.stringify({ query, variables }) });
      const body = (await response.json()) as Omit<GraphQLResult, 'status' | 'headers'>;
      return { status: response.status, headers: response.headers, ...body } as GraphQLResult<any>;
    },
    async close() {
      await server.close();
      await simulator.close();
    },
  };
}
