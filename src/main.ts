import 'reflect-metadata';
import { resolve } from 'node:path';
import { loadConfig, ConfigError, Config } from './config';
import { createLogger } from './logger';
import { createServer } from './server';
import { DEV_CIS2_CLIENT_ID, developmentTicketKey, resolveDevelopmentIdentity } from './auth/development';

/** The embedded simulator, with what the start-up banner shows of it. */
interface StartedSimulator {
  baseUrl: string;
  exampleUbrn: string;
  close(): Promise<void>;
}

/** What the start-up uses of the simulator package (@ers-graph/simulator), declared here so the server's build needs nothing of it. */
interface SimulatorPackage {
  startSimulator(options: { port: number; seed: number; devKeysDir?: string }): Promise<{
    baseUrl: string;
    world: { referrals: Array<{ ubrn: string; state: string }> };
    close(): Promise<void>;
  }>;
}
/** A variable, not a literal: the production build neither resolves nor compiles the simulator. */
const SIMULATOR_PACKAGE = '@ers-graph/simulator';

/**
 * Where development keys are kept across restarts unless DEV_KEYS_DIR says otherwise: `.ers-graph`
 * in the checkout (this file is dist/src/main.js), whatever the working directory. git-ignored.
 */
const DEFAULT_DEV_KEYS_DIR = resolve(__dirname, '..', '..', '.ers-graph');

/** Where the embedded simulator's token CLI looks when told nothing (simulator/token-cli.ts). */
const DEFAULT_TOKEN_CLI_ORIGIN = 'http://127.0.0.1:4010';

async function startEmbeddedSimulator(config: Config, devKeysDir: string | undefined): Promise<StartedSimulator> {
  // Loaded only when needed: a server pointed at e-RS never loads the simulator, a development
  // dependency that a production install (npm ci --omit=dev) does not have.
  let simulatorPackage: SimulatorPackage;
  try {
    simulatorPackage = (await import(SIMULATOR_PACKAGE)) as SimulatorPackage;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw error;
    process.stderr.write(
      'ers-graph: ERS_BASE_URL is not set and the embedded simulator (@ers-graph/simulator, a development dependency) is not installed: set ERS_BASE_URL\n',
    );
    process.exit(1);
  }
  // The issuer's signing key is kept in devKeysDir: ID tokens from `npm run -s token` outlive a restart.
  const simulator = await simulatorPackage.startSimulator({ port: config.simulatorPort, seed: config.simulatorSeed, devKeysDir });
  const booked = simulator.world.referrals.find((r) => r.state === 'BOOKED') ?? simulator.world.referrals[0];
  return { baseUrl: simulator.baseUrl, exampleUbrn: booked.ubrn, close: () => simulator.close() };
}

/** The development user the banner's example acts as: a referring clinician with one role. */
const EXAMPLE_USER = '555010000002';

/** Asks the local identity world for an ID token (development only). */
async function developmentIdToken(identityUrl: string, userId: string): Promise<string | undefined> {
  try {
    const response = await fetch(`${identityUrl}/oidc/dev/id-token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId, audience: DEV_CIS2_CLIENT_ID }),
    });
    const body = (await response.json()) as { id_token?: string };
    return response.ok ? body.id_token : undefined;
  } catch {
    return undefined;
  }
}

async function banner(
  graphqlUrl: string,
  ersBaseUrl: string,
  config: Config,
  simulator: StartedSimulator | undefined,
  devKeysDir: string,
): Promise<string> {
  const lines = [`ers-graph is ready: ${graphqlUrl}`];
  lines.push(
    simulator
      ? `e-RS: embedded simulator at ${simulator.baseUrl} (set ERS_BASE_URL to use a real e-RS environment)`
      : `e-RS: ${ersBaseUrl}`,
  );
  lines.push(`identity: ${config.auth.mode}`);
  if (config.auth.mode !== 'development') return lines.join('\n');

  const identityUrl = new URL(config.auth.cis2!.issuer).origin;
  const token = await developmentIdToken(identityUrl, EXAMPLE_USER);
  // The token CLI finds the simulator at 127.0.0.1:4010 by itself (or from SIMULATOR_PORT etc.); elsewhere, say where.
  const where = identityUrl === DEFAULT_TOKEN_CLI_ORIGIN ? '' : ` --simulator ${identityUrl}`;
  const ubrn = simulator?.exampleUbrn ?? '000050000001';
  const query =
    `{ referral(ubrn: \\"${ubrn}\\") { ubrn version state { state } ` +
    'specialty { display } shortlist { id name } bookedService { name } } }';
  lines.push(
    '',
    `Try it (as ${EXAMPLE_USER}, a referring clinician; the token is valid for an hour):`,
    `  curl -s ${graphqlUrl} \\`,
    "    -H 'Content-Type: application/json' \\",
    `    -H 'Authorization: Bearer ${token ?? '<token>'}' \\`,
    `    -d '{"query":"${query}"}'`,
    '',
    `Explore it in GraphiQL (served with ers-graph, works offline): ${graphqlUrl.replace(/\/graphql$/, '/graphiql')}`,
    '',
    'Development users and tokens (in another terminal):',
    `  npm run -s token -- --list${where}`,
    `  TOKEN=$(npm run -s token -- --user ${EXAMPLE_USER}${where})`,
    'Users with several roles choose one with the NHSD-eRS-Business-Function and NHSD-End-User-Organisation-ODS headers.',
  );
  if (simulator) lines.push(`Tokens stay valid across restarts: the embedded simulator's issuer key is kept in ${devKeysDir}.`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`ers-graph: invalid configuration: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const log = createLogger(config.logLevel);
  const devKeysDir = config.auth.devKeysDir ?? DEFAULT_DEV_KEYS_DIR;
  // Keys are kept only for development identity, which production refuses (config.ts).
  const keepKeys = config.auth.mode === 'development' ? devKeysDir : undefined;
  const simulator = config.ersBaseUrl ? undefined : await startEmbeddedSimulator(config, keepKeys);
  const ersBaseUrl = config.ersBaseUrl ?? simulator!.baseUrl;
  if (config.auth.mode === 'development') {
    const identityUrl = config.auth.devIdentityUrl ?? new URL(ersBaseUrl).origin;
    config = { ...config, auth: await resolveDevelopmentIdentity(config.auth, identityUrl, config.ersTimeoutMs) };
    // Download links made before a restart still open after it (DOWNLOAD_TICKET_KEY, when set, wins).
    config.downloadTicketKey ??= await developmentTicketKey(devKeysDir);
  }
  const server = await createServer({ config, ersBaseUrl, log });
  const address = await server.listen();
  process.stdout.write(`${await banner(`${address}/graphql`, ersBaseUrl, config, simulator, devKeysDir)}\n`);

  const stop = async () => {
    await server.close();
    await simulator?.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`ers-graph failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
