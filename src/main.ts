import 'reflect-metadata';
import { loadConfig, ConfigError, Config } from './config';
import { createLogger } from './logger';
import { createServer } from './server';
import { resolveDevelopmentIdentity } from './auth/development';

/** A printable example for the start-up banner: one referral of the simulator's world. */
interface StartedSimulator {
  baseUrl: string;
  exampleUbrn: string;
  referrerOdsCode: string;
  close(): Promise<void>;
}

async function startEmbeddedSimulator(config: Config): Promise<StartedSimulator> {
  // Loaded only when needed: a server pointed at e-RS never loads the simulator.
  const { startSimulator } = await import('../simulator');
  const simulator = await startSimulator({ port: config.simulatorPort, seed: config.simulatorSeed });
  const booked = simulator.world.referrals.find((r) => r.state === 'BOOKED') ?? simulator.world.referrals[0];
  return {
    baseUrl: simulator.baseUrl,
    exampleUbrn: booked.ubrn,
    referrerOdsCode: simulator.world.referrer.odsCode,
    close: () => simulator.close(),
  };
}

function banner(graphqlUrl: string, ersBaseUrl: string, simulator: StartedSimulator | undefined): string {
  const lines = [`ers-graph is ready: ${graphqlUrl}`];
  if (!simulator) lines.push(`e-RS: ${ersBaseUrl}`);
  if (simulator) {
    const query =
      `{ referral(ubrn: \\"${simulator.exampleUbrn}\\") { ubrn version state { state } ` +
      'priority { code display } specialty { display } shortlist { id name } bookedService { name } } }';
    lines.push(
      `e-RS: embedded simulator at ${simulator.baseUrl} (set ERS_BASE_URL to use a real e-RS environment)`,
      '',
      'Try it:',
      `  curl -s ${graphqlUrl} \\`,
      "    -H 'Content-Type: application/json' \\",
      "    -H 'Authorization: Bearer dev-token' \\",
      "    -H 'NHSD-eRS-Business-Function: REFERRING_CLINICIAN' \\",
      `    -H 'NHSD-End-User-Organisation-ODS: ${simulator.referrerOdsCode}' \\`,
      `    -d '{"query":"${query}"}'`,
    );
  }
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
  const simulator = config.ersBaseUrl ? undefined : await startEmbeddedSimulator(config);
  const ersBaseUrl = config.ersBaseUrl ?? simulator!.baseUrl;
  if (config.auth.mode === 'development') {
    const identityUrl = config.auth.devIdentityUrl ?? new URL(ersBaseUrl).origin;
    config = { ...config, auth: await resolveDevelopmentIdentity(config.auth, identityUrl, config.ersTimeoutMs) };
  }
  const server = await createServer({ config, ersBaseUrl, log });
  const address = await server.listen();
  process.stdout.write(`${banner(`${address}/graphql`, ersBaseUrl, simulator)}\n`);

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
