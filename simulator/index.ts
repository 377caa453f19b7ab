/**
 * The embedded e-RS simulator: a Fastify server answering e-RS FHIR paths under /FHIR over a
 * seeded synthetic world, so `${baseUrl}` can stand in for https://sandbox.api.service.nhs.uk/referrals/FHIR,
 * with the identity world e-RS sits behind: a CIS2-like OIDC issuer (`${origin}/oidc`) and an
 * APIM-like token endpoint (`${origin}/oauth2/token`) whose access tokens every /FHIR call needs.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { devUsers, type DevUserSummary, practitionerFromUser, type SimulatorUser } from './data/identity-users';
import { anchorFor, buildWorld } from './data/seed';
import { findPractitioner, type World } from './data/world';
import { FaultInjector, type FaultRule } from './faults';
import { type ApplicationRegistration, type IdentityCall, IdentityService } from './identity/identity-service';
import type { IssueIdTokenOptions } from './identity/oidc-issuer';
import { buildSimulatorServer } from './server';
import type { RecordedCall, SimulatorState } from './state';

/** The default CIS2 client id: the aud of issued ID tokens and the cis2ClientId of applications that name none. */
export const DEFAULT_CIS2_CLIENT_ID = 'ers-graph-dev';
/** APIM access tokens live 599 seconds. */
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 599;

export interface SimulatorOptions {
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
  /** 0 (the default) = a free port. */
  port?: number;
  seed?: number;
  /**
   * ISO instant the data set treats as "now": every past event of the world is before it, its slots
   * and booked appointments after it. Default: SIMULATOR_ANCHOR if set, else midnight UTC of the
   * day the simulator starts by `now` (anchorFor), so its slots are still to come.
   */
  anchor?: string;
  /** Delay added to every /FHIR request. */
  latencyMs?: number;
  /** How many /FHIR calls (and token calls) the simulator remembers for `calls`, the most recent kept; default 10,000. */
  maxRecordedCalls?: number;
  /** e-RS's per-application rate limit, enforced as APIM's spike arrest (429 beyond it); none by default. */
  rateLimitPerSecond?: number;
  faults?: FaultRule[];
  logger?: boolean;
  /**
   * Whether user-restricted callers must belong to a referral's referring organisation
   * (referrer roles) or provider organisation (provider roles) to read it. Default true.
   */
  enforceRelationships?: boolean;
  /** Applications registered with the token endpoint at start (API key, public keys, CIS2 client id, ODS code). */
  applications?: ApplicationRegistration[];
  /** Extra users (appended to the world's practitioners), e.g. for a test that needs a particular role set. */
  users?: SimulatorUser[];
  /** Lifetime of issued access tokens; default 599 (APIM's). */
  accessTokenTtlSeconds?: number;
  /** The clock (epoch ms) of every expiry check: access tokens, ID tokens, client assertions. Default Date.now. */
  now?: () => number;
  /** Default CIS2 client id (ID-token aud; applications' cis2ClientId); default "ers-graph-dev". */
  cis2ClientId?: string;
  /**
   * A local directory that keeps the CIS2-like issuer's signing key (in `simulator-cis2-issuer-key.json`,
   * created on first start, 0600), so ID tokens outlive a restart; undefined (the default): a new
   * key each start.
   */
  devKeysDir?: string;
}

/** The file in `devKeysDir` that holds the issuer's signing key. */
export const ISSUER_KEY_FILE = 'simulator-cis2-issuer-key.json';

/** The identity world's library API. */
export interface SimulatorIdentity {
  /** `${origin}/oidc` */
  readonly issuer: string;
  /** `${origin}/oauth2/token` */
  readonly tokenUrl: string;
  /** A signed CIS2-like ID token for a user of the world (rejects for an unknown user). */
  issueIdToken(options: IssueIdTokenOptions): Promise<string>;
  /** Registers (or replaces) an application; throws on a malformed registration. */
  registerApplication(app: ApplicationRegistration): void;
  /** Makes every access token issued so far invalid (e-RS then answers 401). */
  revokeAccessTokens(): void;
  /** Tokens the token endpoint keeps: live ones (expired ones are dropped as new ones are issued). */
  readonly keptTokens: { access: number; refresh: number };
}

export interface RunningSimulator {
  /** http://127.0.0.1:PORT/FHIR */
  baseUrl: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  world: World;
  /** e-RS calls (/FHIR only). */
  calls: RecordedCall[];
  /** Calls to the token endpoint (/oauth2/token). */
  identityCalls: IdentityCall[];
  identity: SimulatorIdentity;
  /** The simulator clock (epoch ms): SimulatorOptions.now, else Date.now. */
  now(): number;
  /** The users one can sign in as, with their roles and assurance levels. */
  devUsers(): DevUserSummary[];
  /** Clears `calls` and `identityCalls`. */
  resetCalls(): void;
  setFaults(rules: FaultRule[]): void;
  /** Sets (or with 0, removes) the rate limit of `rateLimitPerSecond`. */
  setRateLimit(perSecond: number): void;
  close(): Promise<void>;
}

/** Builds the world for the seed and starts the simulator; resolves once it is listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const now = options.now ?? Date.now;
  const world = buildWorld({ seed: options.seed, anchor: simulatorAnchor(options.anchor, process.env, now()) });
  for (const user of options.users ?? []) {
    if (findPractitioner(world, user.userId)) throw new Error(`User ${user.userId} already exists in the world`);
    world.practitioners.push(practitionerFromUser(user));
  }
  const ttl = options.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new Error(`accessTokenTtlSeconds must be a positive integer; got ${ttl}`);
  let origin = '';
  const identity = await IdentityService.create({
    origin: () => origin,
    now,
    findUser: (userId) => findPractitioner(world, userId),
    accessTokenTtlSeconds: ttl,
    defaultCis2ClientId: options.cis2ClientId ?? DEFAULT_CIS2_CLIENT_ID,
    defaultApplicationOdsCode: world.provider.odsCode,
    issuerKeyFile: options.devKeysDir === undefined ? undefined : join(options.devKeysDir, ISSUER_KEY_FILE),
  });
  for (const application of options.applications ?? []) identity.registerApplication(application);

  const sim: SimulatorState = {
    world,
    baseUrl: '',
    origin: '',
    faults: new FaultInjector(options.faults ?? []),
    calls: [],
    maxRecordedCalls: options.maxRecordedCalls ?? 10_000,
    latencyMs: options.latencyMs ?? 0,
    rateLimit: rateLimitOf(options.rateLimitPerSecond ?? 0),
    enforceRelationships: options.enforceRelationships ?? true,
    now,
    identity,
    identityCalls: [],
  };
  const app = buildSimulatorServer(sim, { logger: options.logger });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const port = (app.server.address() as AddressInfo).port;
  // A wildcard listen address is not dialable; clients on this machine use loopback.
  const dialHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  origin = `http://${dialHost}:${port}`;
  sim.origin = origin;
  sim.baseUrl = `${origin}/FHIR`;

  return {
    baseUrl: sim.baseUrl,
    origin,
    port,
    world,
    calls: sim.calls,
    identityCalls: sim.identityCalls,
    identity: {
      get issuer() {
        return identity.issuer;
      },
      get tokenUrl() {
        return identity.tokenUrl;
      },
      issueIdToken: (opts) => identity.issueIdToken(opts),
      registerApplication: (application) => identity.registerApplication(application),
      revokeAccessTokens: () => identity.revokeAccessTokens(),
      get keptTokens() {
        return identity.keptTokens;
      },
    },
    now: () => now(),
    devUsers: () => devUsers(world.practitioners),
    resetCalls: () => {
      // Cleared in place so references to `calls` and `identityCalls` stay live.
      sim.calls.length = 0;
      sim.identityCalls.length = 0;
    },
    setFaults: (rules) => sim.faults.set(rules),
    setRateLimit: (perSecond) => {
      sim.rateLimit = rateLimitOf(perSecond);
    },
    close: () => app.close(),
  };
}

/**
 * The world's anchor: the option, else SIMULATOR_ANCHOR (an ISO date-time with a zone, e.g.
 * 2026-01-05T00:00:00Z; a start-up error otherwise), else anchorFor(nowMs): today, by the clock.
 */
export function simulatorAnchor(anchor: string | undefined, env: NodeJS.ProcessEnv, nowMs: number): string {
  if (anchor !== undefined) return anchor;
  const raw = env.SIMULATOR_ANCHOR?.trim();
  if (!raw) return anchorFor(nowMs);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw) || Number.isNaN(Date.parse(raw)))
    throw new Error(`SIMULATOR_ANCHOR must be an ISO date-time with a zone, e.g. 2026-01-05T00:00:00Z; got "${raw}"`);
  return new Date(raw).toISOString();
}

function rateLimitOf(perSecond: number): SimulatorState['rateLimit'] {
  if (!Number.isFinite(perSecond) || perSecond < 0) throw new Error(`rateLimitPerSecond must be 0 or more; got ${perSecond}`);
  return perSecond > 0 ? { perSecond, nextAllowedAt: 0 } : undefined;
}

export type { FaultRule } from './faults';
export { parseFaultSpec } from './faults';
export type { RecordedCall } from './state';
export { ENDPOINT_ACCESS, checkAccess, type CallerContext, type EndpointAccess, type EndpointId } from './access';
export type { ApplicationRegistration, IdentityCall, TokenSubject } from './identity/identity-service';
export type { IdTokenAlgorithm, IssueIdTokenOptions } from './identity/oidc-issuer';
export * from './data';
