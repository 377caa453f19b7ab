import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ipaddr from 'ipaddr.js';
import type { AuthMode } from '../kernel/caller';
import { parseTrustedDocuments, type TrustedDocuments } from './trusted-documents/manifest';

/**
 * The one typed configuration of ers-graph: read from the environment once, validated, with
 * defaults. A bad value stops start-up with a message that names the variable.
 */
export interface Config {
  /** Where ers-graph listens. */
  host: string;
  port: number;
  /**
   * Base URL of the e-RS FHIR API, up to and including `/FHIR` (e.g.
   * https://sandbox.api.service.nhs.uk/referrals/FHIR). Undefined: run the embedded simulator.
   */
  ersBaseUrl: string | undefined;
  /** Timeout of each e-RS call, in milliseconds. */
  ersTimeoutMs: number;
  /** Most e-RS calls in flight at once for one GraphQL request. */
  ersMaxConcurrency: number;
  /** e-RS calls per second for the whole deployment (shared through Redis); 0: no limit. */
  ersRateLimit: number;
  /** Calls that may go at once after a quiet spell. */
  ersRateLimitBurst: number;
  /** Longest a call waits for its turn before it fails with RATE_LIMITED. */
  ersRateLimitMaxWaitMs: number;
  /** Percent of the rate limit one user (or application) may take while others have calls waiting. */
  ersRateLimitUserSharePercent: number;
  /** Largest JSON answer read from e-RS, in bytes; a bigger one fails its field with UPSTREAM_ERROR. */
  ersMaxResponseBytes: number;
  /** Overall deadline of one GraphQL request: its e-RS calls, waits and retries end by then. */
  requestDeadlineMs: number;
  /** Port of the embedded simulator when it runs (0 = any free port). */
  simulatorPort: number;
  /** Seed of the simulator's synthetic data set. */
  simulatorSeed: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  nodeEnv: string;
  auth: AuthConfig;
  /**
   * The public base URL of ers-graph (what browsers reach, e.g. https://ers-graph.trust.nhs.uk),
   * used in download links; undefined = the listening address.
   */
  publicUrl?: string;
  /** 32-byte key of download tickets (DOWNLOAD_TICKET_KEY, base64); undefined = a random key per process. */
  downloadTicketKey?: Uint8Array;
  /** Lifetime of a download ticket in seconds (1..300). */
  downloadTicketTtlSeconds: number;
  /** How long a healthcare service read (A035, directory data) is shared across requests and users, in seconds (0..3600; 0: not shared). */
  serviceCacheTtlSeconds: number;
  /**
   * Redis (redis:// or rediss://) of the shared caches (identity tokens and roles, idempotent
   * mutation results); undefined = in memory, per process.
   */
  redisUrl?: string;
  /** Longest one Redis use may take before it counts as a failure (REDIS_TIMEOUT_MS). */
  redisTimeoutMs: number;
  /** Consecutive Redis failures or timeouts that open its circuit: every use then fails at once. */
  redisBreakerThreshold: number;
  /** While Redis's circuit is open, the time between probes that close it again. */
  redisBreakerCooldownMs: number;
  /** A port of its own for GET /metrics (on HOST); undefined: /metrics on the main port. 0: any free port (tests). */
  metricsPort?: number;
  /** A bearer token GET /metrics requires (METRICS_TOKEN); undefined: none. */
  metricsToken?: string;
  /**
   * The operations of the trusted-documents manifest at TRUSTED_DOCUMENTS (sha256 -> document),
   * the only ones ers-graph then runs; undefined: any operation, and automatic persisted queries.
   */
  trustedDocuments?: TrustedDocuments;
  /** Failed authentications one client address may make per minute before it is refused (429); 0: no limit. */
  authFailuresPerMinute: number;
  /**
   * Fastify's `trustProxy`: whose X-Forwarded-For to believe for the client address (false: the
   * socket's peer; true: every hop; or the proxies' addresses, CIDRs and range names).
   */
  trustProxy: boolean | string[];
  /** Bytes that uploads in flight may hold in memory across all requests. */
  uploadBufferLimitBytes: number;
  /** e-RS calls one GraphQL operation may be priced at before it runs (ERS_COST_LIMIT). */
  ersCostLimit: number;
  /** Deepest field nesting of an operation. */
  graphqlMaxDepth: number;
  /** Aliased fields in an operation. */
  graphqlMaxAliases: number;
  /** Objects and list items an operation's answer may hold, estimated before it runs. */
  graphqlMaxNodes: number;
  /** e-RS calls (attempts) one request may make at run time, whatever its estimate. */
  ersCallsPerRequest: number;
  /** Bytes of a serialized GraphQL answer; a larger one is replaced by a COST_LIMIT_EXCEEDED error. */
  graphqlMaxResponseBytes: number;
  /**
   * Origins of browser front ends that may call ers-graph from another origin (CORS_ORIGINS), e.g.
   * `https://referrals.trust.nhs.uk`; empty (the default): none, no CORS headers at all.
   */
  corsOrigins: string[];
  /** GRAPHQL_INTROSPECTION: `__schema` and `__type` answered; default on except with NODE_ENV=production. */
  graphqlIntrospection: boolean;
  /** GRAPHIQL: GraphiQL at `/graphiql` and on `GET /graphql` for browsers; default on except with NODE_ENV=production. */
  graphiql: boolean;
  /** GRAPHQL_SUGGESTIONS: "Did you mean ...?" in errors, which names the schema's fields; default on except with NODE_ENV=production. */
  graphqlSuggestions: boolean;
}

/**
 * How callers are authenticated and how ers-graph gets its e-RS access tokens.
 * - `cis2`: callers send a CIS2 ID token; ers-graph verifies it and exchanges it at APIM.
 * - `apim`: callers send an APIM access token they obtained themselves; ers-graph forwards it.
 * - `application`: internal callers send a JWT of a trusted issuer; ers-graph uses its own
 *   application-restricted APIM token (read-only subset of e-RS).
 * - `development`: `cis2` against the simulator's local CIS2 and APIM (never in production).
 */

export interface ApimConfig {
  /** The exact APIM token URL, e.g. https://int.api.service.nhs.uk/oauth2/token. */
  tokenUrl: string;
  /** The application's API key (client id). */
  apiKey: string;
  /** The `kid` of the registered public key. */
  kid: string;
  /** PEM (PKCS#8) of the RSA private key that signs client assertions. */
  privateKeyPem: string;
}

export interface AuthConfig {
  mode: AuthMode;
  /** cis2: the CIS2 OIDC issuer and ers-graph's CIS2 client id (the ID token audience). */
  cis2?: { issuer: string; clientId: string };
  /** cis2 and application: how ers-graph authenticates to APIM. */
  apim?: ApimConfig;
  /** application: the trusted issuer of internal callers' JWTs. */
  callers?: { issuer: string; audience: string; jwksUrl: string };
  /**
   * development: origin of the local identity world (the simulator's CIS2 issuer and APIM token
   * endpoint); undefined = the embedded simulator.
   */
  devIdentityUrl?: string;
  /**
   * development: the directory (DEV_KEYS_DIR, absolute) that keeps the development keys across
   * restarts: the embedded simulator's CIS2 issuer key and the download ticket key; undefined = the
   * default, `.ers-graph` in the checkout (main.ts).
   */
  devKeysDir?: string;
  /**
   * application: application-restricted callers may make the writes e-RS allows them (A013, A028,
   * A036, once NHS has reviewed the use case), in the service provider organisation the APIM
   * application is registered for (ERS_APPLICATION_WRITES=true); every other write stays refused.
   */
  applicationWrites?: boolean;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`${variable}: ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  if (!/^\d+$/.test(raw.trim())) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw.trim());
  if (value < min || value > max) {
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  }
  return value;
}

/**
 * An absolute http(s) URL from the environment, without query, fragment or credentials, trailing
 * slashes removed; `mustEndWith` checks the path (e.g. /FHIR for ERS_BASE_URL).
 */
function httpUrl(env: Env, name: string, mustEndWith?: { pattern: RegExp; example: string }): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(name, `must be an absolute http(s) URL, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(name, `must use http or https, got "${url.protocol}"`);
  }
  if (url.search || url.hash || url.username || url.password) {
    throw new ConfigError(name, 'must not carry a query, fragment or credentials');
  }
  if (mustEndWith && !mustEndWith.pattern.test(url.pathname)) {
    throw new ConfigError(name, `must end with ${mustEndWith.example}, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

function baseUrl(env: Env, name: string): string | undefined {
  return httpUrl(env, name, { pattern: /\/FHIR\/?$/, example: '/FHIR (e.g. https://sandbox.api.service.nhs.uk/referrals/FHIR)' });
}

function url(env: Env, name: string): string | undefined {
  return httpUrl(env, name);
}

function required<T>(value: T | undefined, name: string, mode: string): T {
  if (value === undefined || value === '') throw new ConfigError(name, `is required when AUTH_MODE=${mode}`);
  return value;
}

/** The PEM of a private key, from `<NAME>_FILE` (a path) or `<NAME>` (the PEM itself). */
function pem(env: Env, name: string, readFile: (path: string) => string): string | undefined {
  const path = env[`${name}_FILE`]?.trim();
  let text: string | undefined;
  if (path) {
    try {
      text = readFile(path);
    } catch {
      throw new ConfigError(`${name}_FILE`, `cannot read "${path}"`);
    }
  } else {
    text = env[name]?.replace(/\\n/g, '\n').trim();
  }
  if (text === undefined || text === '') return undefined;
  if (!/-----BEGIN (RSA )?PRIVATE KEY-----/.test(text)) {
    throw new ConfigError(path ? `${name}_FILE` : name, 'must be a PEM private key (-----BEGIN PRIVATE KEY-----)');
  }
  return text;
}

/** ERS_APPLICATION_WRITES: true or false (the default); only AUTH_MODE=application has application callers to allow. */
function applicationWrites(env: Env, mode: AuthMode): boolean {
  const raw = env.ERS_APPLICATION_WRITES?.trim();
  if (!raw || raw === 'false') return false;
  if (raw !== 'true') throw new ConfigError('ERS_APPLICATION_WRITES', `must be true or false, got "${raw}"`);
  if (mode !== 'application') throw new ConfigError('ERS_APPLICATION_WRITES', 'is only used with AUTH_MODE=application');
  return true;
}

const AUTH_MODES: AuthMode[] = ['cis2', 'apim', 'application', 'development'];

function authConfig(env: Env, ersBaseUrl: string | undefined, nodeEnv: string, readFile: (path: string) => string): AuthConfig {
  const raw = env.AUTH_MODE?.trim();
  if (raw && !AUTH_MODES.includes(raw as AuthMode)) {
    throw new ConfigError('AUTH_MODE', `must be one of ${AUTH_MODES.join(', ')}, got "${raw}"`);
  }
  if (!raw && ersBaseUrl) {
    throw new ConfigError('AUTH_MODE', 'is required when ERS_BASE_URL is set (cis2, apim or application)');
  }
  const mode = (raw || 'development') as AuthMode;
  if (mode === 'development' && nodeEnv === 'production') {
    throw new ConfigError('AUTH_MODE', 'development identity is refused when NODE_ENV=production');
  }
  const writes = applicationWrites(env, mode);

  const apim = (): ApimConfig => ({
    tokenUrl: required(url(env, 'APIM_TOKEN_URL'), 'APIM_TOKEN_URL', mode),
    apiKey: required(env.APIM_API_KEY?.trim(), 'APIM_API_KEY', mode),
    kid: required(env.APIM_KID?.trim(), 'APIM_KID', mode),
    privateKeyPem: required(pem(env, 'APIM_PRIVATE_KEY', readFile), 'APIM_PRIVATE_KEY_FILE', mode),
  });

  switch (mode) {
    case 'cis2':
      return {
        mode,
        cis2: {
          issuer: required(url(env, 'CIS2_ISSUER'), 'CIS2_ISSUER', mode),
          clientId: required(env.CIS2_CLIENT_ID?.trim(), 'CIS2_CLIENT_ID', mode),
        },
        apim: apim(),
      };
    case 'apim':
      return { mode };
    case 'application':
      return {
        mode,
        apim: apim(),
        callers: {
          issuer: required(url(env, 'CALLER_ISSUER'), 'CALLER_ISSUER', mode),
          audience: required(env.CALLER_AUDIENCE?.trim(), 'CALLER_AUDIENCE', mode),
          jwksUrl: required(url(env, 'CALLER_JWKS_URL'), 'CALLER_JWKS_URL', mode),
        },
        applicationWrites: writes,
      };
    case 'development':
      return {
        mode,
        devIdentityUrl: url(env, 'DEV_IDENTITY_URL') ?? (ersBaseUrl ? new URL(ersBaseUrl).origin : undefined),
        devKeysDir: env.DEV_KEYS_DIR?.trim() ? resolve(env.DEV_KEYS_DIR.trim()) : undefined,
      };
  }
}

/** PUBLIC_URL: an absolute http(s) URL, possibly with a path prefix. */
function publicUrl(env: Env, name: string): string | undefined {
  return httpUrl(env, name);
}

/** DOWNLOAD_TICKET_KEY: base64 (or base64url) of exactly 32 random bytes. */
function ticketKey(env: Env, name: string): Uint8Array | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(raw)) {
    throw new ConfigError(name, 'must be base64 (e.g. the output of `openssl rand -base64 32`)');
  }
  const key = Buffer.from(raw.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
  if (key.length !== 32) throw new ConfigError(name, `must decode to 32 bytes, got ${key.length}`);
  return new Uint8Array(key);
}

/** REDIS_URL: redis://[user:password@]host[:port][/db] or rediss:// (TLS). */
function redisUrl(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    // The value may hold a password: name the variable, not the value.
    throw new ConfigError(name, 'must be a redis:// or rediss:// URL (e.g. redis://127.0.0.1:6379)');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new ConfigError(name, `must use redis or rediss, got "${parsed.protocol}"`);
  }
  if (!parsed.hostname) throw new ConfigError(name, 'must name a host (e.g. redis://127.0.0.1:6379)');
  if (parsed.pathname && parsed.pathname !== '/' && !/^\/\d{1,2}$/.test(parsed.pathname)) {
    throw new ConfigError(name, 'may only carry a database number as its path (e.g. redis://host:6379/0)');
  }
  return raw;
}

/** The proxy-addr names of address ranges Fastify's trustProxy takes besides addresses and CIDRs. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

/** An IPv4 address in four-part decimal, or an IPv6 one, with an optional /prefix (ipaddr.js alone takes "2" as 0.0.0.2). */
function proxyAddress(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) return false;
  if (ipaddr.IPv4.isValidFourPartDecimal(address)) return prefix === undefined || Number(prefix) <= 32;
  return ipaddr.IPv6.isValid(address) && (prefix === undefined || Number(prefix) <= 128);
}

/**
 * TRUST_PROXY: false (default), true, or a comma-separated list of the proxies' addresses, CIDRs
 * or range names. Not a hop count: Fastify 5 trusts no address for one (a direct client could
 * otherwise name any address it likes).
 */
function trustProxy(env: Env, name: string): boolean | string[] {
  const raw = env[name]?.trim();
  if (!raw || raw === 'false') return false;
  if (raw === 'true') return true;
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !PROXY_RANGES.includes(entry) && !proxyAddress(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      name,
      `must be true, false or a comma-separated list of proxy addresses, CIDRs or loopback/linklocal/uniquelocal, got "${bad}"`,
    );
  }
  return entries;
}

/** METRICS_TOKEN: a bearer token (RFC 6750 token68 characters), long enough not to be guessed. */
function metricsToken(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  // Never echo the value: it is a secret.
  if (!/^[A-Za-z0-9\-._~+/]+=*$/.test(raw))
    throw new ConfigError(name, 'may only hold letters, digits and -._~+/ (e.g. the output of `openssl rand -hex 32`)');
  if (raw.length < 16) throw new ConfigError(name, 'must be at least 16 characters (e.g. the output of `openssl rand -hex 32`)');
  return raw;
}

/**
 * CORS_ORIGINS: a comma-separated list of exact origins (scheme://host[:port], http or https, no
 * path), as a browser sends them in `Origin`. No `*` and no patterns: every front end that may
 * call with its users' tokens is named.
 */
function corsOrigins(env: Env, name: string): string[] {
  const raw = env[name]?.trim();
  if (!raw) return [];
  const origins: string[] = [];
  for (const entry of raw.split(',').map((item) => item.trim())) {
    if (entry === '*') throw new ConfigError(name, 'must name each origin; "*" is not accepted (e.g. https://referrals.example.nhs.uk)');
    const parsed = URL.canParse(entry) ? new URL(entry) : undefined;
    const web = parsed?.protocol === 'http:' || parsed?.protocol === 'https:';
    // An origin is exactly what URL.origin gives back: no path, query, credentials or trailing slash.
    if (parsed && web && parsed.origin === entry) {
      if (!origins.includes(entry)) origins.push(entry);
      continue;
    }
    if (parsed && web && parsed.pathname === '/' && !parsed.search && !parsed.hash && !parsed.username) {
      // A trailing slash, capitals or a default port: browsers send an origin in one form only.
      throw new ConfigError(name, `must list origins exactly as browsers send them: "${parsed.origin}", not "${entry}"`);
    }
    throw new ConfigError(
      name,
      `must be a comma-separated list of origins (http(s)://host[:port], no path, e.g. http://localhost:5173), got "${entry}"`,
    );
  }
  return origins;
}

/** A switch: `true` or `false` (any case); unset or empty: the fallback. */
function boolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return fallback;
  if (raw !== 'true' && raw !== 'false') throw new ConfigError(name, `must be true or false, got "${env[name]}"`);
  return raw === 'true';
}

/**
 * TRUSTED_DOCUMENTS: the path of a trusted-documents manifest (`npm run codegen` writes
 * operations/__generated__/persisted-documents.json), read and checked once at start.
 */
function trustedDocuments(env: Env, name: string, readFile: (path: string) => string): TrustedDocuments | undefined {
  const path = env[name]?.trim();
  if (!path) return undefined;
  let text: string;
  try {
    text = readFile(path);
  } catch {
    throw new ConfigError(name, `cannot read "${path}"`);
  }
  try {
    return parseTrustedDocuments(text);
  } catch (error) {
    throw new ConfigError(name, `"${path}" ${(error as Error).message}`);
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates the configuration; `overrides` win over the environment (tests). */
export function loadConfig(
  env: Env = process.env,
  overrides: Partial<Config> = {},
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): Config {
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const ersBaseUrl = baseUrl(env, 'ERS_BASE_URL');
  const nodeEnv = env.NODE_ENV?.trim() || 'development';
  const config: Config = {
    host: env.HOST?.trim() || '127.0.0.1',
    port: integer(env, 'PORT', 4000, 0, 65535),
    ersBaseUrl,
    ersTimeoutMs: integer(env, 'ERS_TIMEOUT_MS', 10_000, 100, 120_000),
    ersMaxConcurrency: integer(env, 'ERS_MAX_CONCURRENCY', 8, 1, 64),
    // e-RS production allows 10 requests per second per application; one less leaves room for
    // network jitter, which otherwise bunches calls into 429s (BENCHMARKS.md). The simulator: none.
    ersRateLimit: integer(env, 'ERS_RATE_LIMIT', ersBaseUrl ? 9 : 0, 0, 1000),
    // NHS APIM spreads a per-second limit evenly (a spike arrest), so calls are spaced, not bunched.
    ersRateLimitBurst: integer(env, 'ERS_RATE_LIMIT_BURST', 1, 1, 1000),
    ersRateLimitMaxWaitMs: integer(env, 'ERS_RATE_LIMIT_MAX_WAIT_MS', 15_000, 0, 120_000),
    ersRateLimitUserSharePercent: integer(env, 'ERS_RATE_LIMIT_USER_SHARE', 50, 1, 100),
    ersMaxResponseBytes: integer(env, 'ERS_MAX_RESPONSE_BYTES', 20 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    requestDeadlineMs: integer(env, 'REQUEST_DEADLINE_MS', 30_000, 100, 600_000),
    simulatorPort: integer(env, 'SIMULATOR_PORT', 4010, 0, 65535),
    simulatorSeed: integer(env, 'SIMULATOR_SEED', 1, 0, 2 ** 31 - 1),
    logLevel,
    nodeEnv,
    auth: authConfig(env, ersBaseUrl, nodeEnv, readFile),
    publicUrl: publicUrl(env, 'PUBLIC_URL'),
    downloadTicketKey: ticketKey(env, 'DOWNLOAD_TICKET_KEY'),
    downloadTicketTtlSeconds: integer(env, 'DOWNLOAD_TICKET_TTL_SECONDS', 300, 1, 300),
    serviceCacheTtlSeconds: integer(env, 'SERVICE_CACHE_TTL_SECONDS', 300, 0, 3600),
    redisUrl: redisUrl(env, 'REDIS_URL'),
    redisTimeoutMs: integer(env, 'REDIS_TIMEOUT_MS', 500, 10, 60_000),
    redisBreakerThreshold: integer(env, 'REDIS_BREAKER_THRESHOLD', 3, 1, 1000),
    redisBreakerCooldownMs: integer(env, 'REDIS_BREAKER_COOLDOWN_MS', 5000, 100, 600_000),
    metricsPort: env.METRICS_PORT?.trim() ? integer(env, 'METRICS_PORT', 0, 0, 65535) : undefined,
    metricsToken: metricsToken(env, 'METRICS_TOKEN'),
    trustedDocuments: trustedDocuments(env, 'TRUSTED_DOCUMENTS', readFile),
    // What e-RS production's whole limit (10 calls a second) serves within REQUEST_DEADLINE_MS'
    // default 30 s: an operation priced above it could not finish, and would hold the trust's
    // budget while it failed. The worklist screen (104) and referral detail (27) fit with room.
    ersCostLimit: integer(env, 'ERS_COST_LIMIT', 300, 1, 1_000_000),
    // Above the depth of GraphiQL's introspection query (15); real screens nest less than 10.
    graphqlMaxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', 20, 1, 1000),
    graphqlMaxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', 50, 0, 100_000),
    graphqlMaxNodes: integer(env, 'GRAPHQL_MAX_NODES', 50_000, 1, 100_000_000),
    // Room above ERS_COST_LIMIT for retries after a 429 or a 401, which the estimate cannot see.
    ersCallsPerRequest: integer(env, 'ERS_CALLS_PER_REQUEST', 500, 1, 1_000_000),
    graphqlMaxResponseBytes: integer(env, 'GRAPHQL_MAX_RESPONSE_BYTES', 16 * 1024 * 1024, 1024, 1024 ** 3),
    authFailuresPerMinute: integer(env, 'AUTH_FAILURES_PER_MINUTE', 20, 0, 100_000),
    trustProxy: trustProxy(env, 'TRUST_PROXY'),
    corsOrigins: corsOrigins(env, 'CORS_ORIGINS'),
    // At least the largest upload request (5 files of 5 MB on /graphql), so that any may fit.
    uploadBufferLimitBytes: integer(env, 'UPLOAD_BUFFER_LIMIT_BYTES', 64 * 1024 * 1024, 32 * 1024 * 1024, 16 * 1024 ** 3),
    // What shows the schema to whoever can reach the server: on for development, off in production.
    graphqlIntrospection: boolean(env, 'GRAPHQL_INTROSPECTION', nodeEnv !== 'production'),
    graphiql: boolean(env, 'GRAPHIQL', nodeEnv !== 'production'),
    graphqlSuggestions: boolean(env, 'GRAPHQL_SUGGESTIONS', nodeEnv !== 'production'),
  };
  if (config.metricsPort !== undefined && config.metricsPort !== 0 && config.metricsPort === config.port) {
    throw new ConfigError('METRICS_PORT', 'must differ from PORT (it serves /metrics on a listener of its own)');
  }
  return { ...config, ...overrides };
}
