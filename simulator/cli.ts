/**
 * Runs the e-RS simulator standalone (with its CIS2-like issuer and APIM-like token endpoint):
 *   npm run simulator -- [--port 4010] [--seed 1] [--latency-ms N] [--host 127.0.0.1] [--rate-limit N]
 *                              [--fault kind=status,status=503,path=/STU3/ReferralRequest,times=2]... [--keys-dir DIR]
 * Environment equivalents (flags win): SIMULATOR_PORT, SIMULATOR_SEED, SIMULATOR_LATENCY_MS,
 * SIMULATOR_HOST, SIMULATOR_RATE_LIMIT, SIMULATOR_FAULTS (fault specs separated by ";"), DEV_KEYS_DIR.
 * The issuer's signing key is kept in DEV_KEYS_DIR (default: .ers-graph in the checkout), so ID
 * tokens still verify after a restart.
 */
import { resolve } from 'node:path';
import { formatDevUsers } from './data/identity-users';
import { REFERRAL_STATES, referralsByState } from './data/world';
import { type FaultRule, parseFaultSpec } from './faults';
import { startSimulator, type SimulatorOptions } from './index';

const USAGE =
  'Usage: npm run simulator -- [--port 4010] [--seed 1] [--latency-ms 0] [--host 127.0.0.1] [--rate-limit 0] [--fault <spec>]... [--keys-dir <dir>]\n' +
  '  rate limit: e-RS requests per second (APIM spike arrest; 429 beyond it), 0 for none\n' +
  '  keys dir: where the development CIS2 issuer key is kept across restarts (default .ers-graph in the checkout; env DEV_KEYS_DIR)\n' +
  '  fault spec: comma-separated key=value, e.g. kind=status,status=503,path=/STU3/ReferralRequest,times=2\n' +
  '              kinds: status (status=), rate-limit (retryAfterSeconds=), drop, delay (delayMs=); path=~<regex> for a regex';

function integer(name: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be an integer between ${min} and ${max}; got "${raw}"`);
  return value;
}

/**
 * Where the development keys live unless DEV_KEYS_DIR or --keys-dir says otherwise: `.ers-graph`
 * in the ers-graph checkout this package sits in (simulator/dist/cli.js), whatever the working
 * directory; ers-graph's `npm start` uses the same directory.
 */
export const DEFAULT_DEV_KEYS_DIR = resolve(__dirname, '..', '..', '.ers-graph');

/** Options from the environment, then flags. */
export function parseCliOptions(argv: string[], env: NodeJS.ProcessEnv): SimulatorOptions {
  const options: SimulatorOptions = { port: 4010, seed: 1, latencyMs: 0, host: '127.0.0.1', devKeysDir: DEFAULT_DEV_KEYS_DIR };
  const faults: FaultRule[] = [];
  if (env.SIMULATOR_PORT) options.port = integer('SIMULATOR_PORT', env.SIMULATOR_PORT, 0, 65535);
  if (env.SIMULATOR_SEED) options.seed = integer('SIMULATOR_SEED', env.SIMULATOR_SEED, 0, 2 ** 31 - 1);
  if (env.SIMULATOR_LATENCY_MS) options.latencyMs = integer('SIMULATOR_LATENCY_MS', env.SIMULATOR_LATENCY_MS, 0, 600_000);
  if (env.SIMULATOR_HOST) options.host = env.SIMULATOR_HOST;
  if (env.SIMULATOR_RATE_LIMIT) options.rateLimitPerSecond = integer('SIMULATOR_RATE_LIMIT', env.SIMULATOR_RATE_LIMIT, 0, 10_000);
  if (env.SIMULATOR_FAULTS) faults.push(...env.SIMULATOR_FAULTS.split(';').filter(Boolean).map(parseFaultSpec));
  if (env.DEV_KEYS_DIR?.trim()) options.devKeysDir = resolve(env.DEV_KEYS_DIR.trim());

  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '--port':
        options.port = integer('--port', value(), 0, 65535);
        break;
      case '--seed':
        options.seed = integer('--seed', value(), 0, 2 ** 31 - 1);
        break;
      case '--latency-ms':
        options.latencyMs = integer('--latency-ms', value(), 0, 600_000);
        break;
      case '--host':
        options.host = value();
        break;
      case '--rate-limit':
        options.rateLimitPerSecond = integer('--rate-limit', value(), 0, 10_000);
        break;
      case '--fault':
        faults.push(parseFaultSpec(value()));
        break;
      case '--keys-dir':
        options.devKeysDir = resolve(value());
        break;
      case '--logger':
        options.logger = true;
        break;
      case '--help':
      case '-h':
        console.log(USAGE);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown argument ${flag}\n${USAGE}`);
    }
  }
  options.faults = faults;
  return options;
}

async function main(): Promise<void> {
  let options: SimulatorOptions;
  try {
    options = parseCliOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error((error as Error).message);
    process.exit(2);
  }
  const simulator = await startSimulator(options);
  const { world } = simulator;
  console.log(
    `e-RS simulator listening: ${simulator.baseUrl}  (seed ${world.seed}, ${world.referrals.length} referrals, ${world.services.length} services)`,
  );
  console.log(
    `Referring organisation ${world.referrer.odsCode} (${world.referrer.name}); provider ${world.provider.odsCode} (${world.provider.name})`,
  );
  console.log(`Identity: CIS2-like issuer ${simulator.identity.issuer}, APIM-like token endpoint ${simulator.identity.tokenUrl}`);
  console.log('Every /FHIR call needs Authorization: Bearer <access token from the token endpoint>; user tokens also send');
  console.log('NHSD-eRS-Business-Function and NHSD-End-User-Organisation-ODS (a role the user holds there). Users:');
  for (const line of formatDevUsers(simulator.devUsers())) console.log(`  ${line}`);
  console.log(`ID token for a user: TOKEN=$(npm run -s token -- --user <id> --simulator ${simulator.origin})`);
  if (options.devKeysDir) console.log(`Issuer signing key kept in ${options.devKeysDir}: ID tokens still verify after a restart`);
  console.log(
    `Register an application: POST ${simulator.origin}/oauth2/dev/applications {"apiKey", "jwks": {"keys": [<RSA public JWK with kid>]}}`,
  );
  console.log('Example UBRNs by state:');
  for (const state of REFERRAL_STATES) {
    const ubrns = referralsByState(world, state)
      .slice(0, 3)
      .map((r) => r.ubrn);
    console.log(`  ${state.padEnd(28)} ${ubrns.join(' ')}`);
  }
  console.log(
    `Service on >= 10 shortlists: ${world.highlights.sharedShortlistServiceId}  (GET ${simulator.baseUrl}/R4/HealthcareService/${world.highlights.sharedShortlistServiceId})`,
  );
  if (options.faults && options.faults.length > 0) console.log(`Faults active: ${options.faults.length}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping the simulator`);
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  void main();
}
