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
  /** Port of the embedded simulator when it runs (0 = any free port). */
  simulatorPort: number;
  /** Seed of the simulator's synthetic data set. */
  simulatorSeed: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  nodeEnv: string;
}

export class ConfigError extends Error {
  constructor(readonly variable: string, problem: string) {
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

function baseUrl(env: Env, name: string): string | undefined {
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
  if (url.search || url.hash) throw new ConfigError(name, 'must not carry a query or fragment');
  if (!/\/FHIR\/?$/.test(url.pathname)) {
    throw new ConfigError(
      name,
      `must end with /FHIR (e.g. https://sandbox.api.service.nhs.uk/referrals/FHIR), got "${raw}"`,
    );
  }
  return raw.replace(/\/+$/, '');
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Reads and validates the configuration; `overrides` win over the environment (tests). */
export function loadConfig(env: Env = process.env, overrides: Partial<Config> = {}): Config {
  const logLevel = (env.LOG_LEVEL?.trim() || 'info') as Config['logLevel'];
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError('LOG_LEVEL', `must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const config: Config = {
    host: env.HOST?.trim() || '127.0.0.1',
    port: integer(env, 'PORT', 4000, 0, 65535),
    ersBaseUrl: baseUrl(env, 'ERS_BASE_URL'),
    ersTimeoutMs: integer(env, 'ERS_TIMEOUT_MS', 10_000, 100, 120_000),
    simulatorPort: integer(env, 'SIMULATOR_PORT', 4010, 0, 65535),
    simulatorSeed: integer(env, 'SIMULATOR_SEED', 1, 0, 2 ** 31 - 1),
    logLevel,
    nodeEnv: env.NODE_ENV?.trim() || 'development',
  };
  return { ...config, ...overrides };
}
