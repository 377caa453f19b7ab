/**
 * Gets a CIS2-like ID token from a running simulator (development only):
 *   TOKEN=$(npm run -s token -- --user <sdsUserId>)
 *   npm run -s token -- --user <sdsUserId> [--role <BUSINESS_FUNCTION>@<ODS>] [--simulator http://127.0.0.1:4010]
 *   npm run -s token -- --list [--simulator http://127.0.0.1:4010]
 * Prints the ID token alone on stdout (to exchange at /oauth2/token, or to send to ers-graph as a
 * bearer token); anything else (the role headers of --role, warnings) goes to stderr, so `$( )`
 * captures the token only. `-s` keeps npm's own banner out of stdout.
 *
 * Which simulator: --simulator, else the same settings `npm start` reads: SIMULATOR_URL,
 * DEV_IDENTITY_URL, the origin of ERS_BASE_URL, else http://SIMULATOR_HOST:SIMULATOR_PORT
 * (127.0.0.1:4010 by default).
 */
import { type DevUserSummary, formatDevUsers } from './data/identity-users';

const USAGE =
  'Usage: npm run -s token -- --user <sdsUserId> [--role <BUSINESS_FUNCTION>@<ODS>] [--on-behalf-of <sdsUserId>] [--simulator http://127.0.0.1:4010]\n' +
  '       npm run -s token -- --list [--simulator http://127.0.0.1:4010]\n' +
  'The simulator: --simulator, SIMULATOR_URL, DEV_IDENTITY_URL, ERS_BASE_URL, or SIMULATOR_HOST/SIMULATOR_PORT (default 127.0.0.1:4010).';

/** An origin as the flag or a variable gives it: trailing slashes and a /FHIR (or /oidc) path dropped. */
function origin(raw: string): string {
  return raw
    .trim()
    .replace(/\/+$/, '')
    .replace(/\/(FHIR|oidc)$/, '');
}

/**
 * The simulator `npm start` (or `npm run simulator`) runs with the same environment: the variables
 * ers-graph reads for its development identity, then the embedded simulator's host and port.
 */
export function simulatorOrigin(env: NodeJS.ProcessEnv): string {
  for (const name of ['SIMULATOR_URL', 'DEV_IDENTITY_URL'] as const) {
    const value = env[name]?.trim();
    if (value) return origin(value);
  }
  const ersBaseUrl = env.ERS_BASE_URL?.trim();
  if (ersBaseUrl) {
    try {
      return new URL(ersBaseUrl).origin;
    } catch {
      throw new Error(`ERS_BASE_URL is not a URL; got "${ersBaseUrl}"`);
    }
  }
  const port = env.SIMULATOR_PORT?.trim() || '4010';
  if (!/^\d{1,5}$/.test(port) || Number(port) > 65535) throw new Error(`SIMULATOR_PORT must be a port number; got "${port}"`);
  if (Number(port) === 0) {
    throw new Error(
      'SIMULATOR_PORT=0 gives the simulator a new free port each start: pass --simulator <origin> (ers-graph prints it when it starts)',
    );
  }
  const host = env.SIMULATOR_HOST?.trim() || '127.0.0.1';
  // A wildcard listen address is not dialable: the simulator is reached on loopback.
  const dialHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${dialHost}:${Number(port)}`;
}

export interface TokenCliOptions {
  simulator: string;
  list: boolean;
  userId?: string;
  role?: { businessFunction: string; odsCode: string };
  onBehalfOf?: string;
}

/** Parses the flags; throws with a message for anything wrong. */
export function parseTokenCliArgs(argv: string[], env: NodeJS.ProcessEnv): TokenCliOptions {
  const options: TokenCliOptions = { simulator: '', list: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    switch (flag) {
      case '--user':
        options.userId = value();
        if (!/^\d{12}$/.test(options.userId)) throw new Error(`--user must be a 12-digit SDS user id; got "${options.userId}"`);
        break;
      case '--role': {
        const raw = value();
        const match = /^([A-Z_]+)@([A-Za-z0-9]+)$/.exec(raw);
        if (!match) throw new Error(`--role must look like SERVICE_PROVIDER_CLINICIAN@RZZ; got "${raw}"`);
        options.role = { businessFunction: match[1], odsCode: match[2] };
        break;
      }
      case '--on-behalf-of':
        options.onBehalfOf = value();
        break;
      case '--simulator':
        options.simulator = origin(value());
        break;
      case '--list':
        options.list = true;
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
  if (!options.list && options.userId === undefined) throw new Error(`--user or --list is required\n${USAGE}`);
  // The environment only when no flag said where: a bad variable does not stop an explicit --simulator.
  if (options.simulator === '') options.simulator = simulatorOrigin(env);
  return options;
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new Error(
      `No simulator at ${new URL(url).origin}: start ers-graph (\`npm start\`) or the simulator (\`npm run simulator\`), ` +
        'or say where it runs with --simulator <origin> (or SIMULATOR_URL, SIMULATOR_PORT).',
    );
  }
  const body = (await response.json()) as T & { error_description?: string };
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${body.error_description ?? JSON.stringify(body)}`);
  return body;
}

async function main(): Promise<void> {
  const options = parseTokenCliArgs(process.argv.slice(2), process.env);
  const { users } = await request<{ users: DevUserSummary[] }>(`${options.simulator}/oidc/dev/users`);
  if (options.list) {
    for (const line of formatDevUsers(users)) console.log(line);
    return;
  }
  const user = users.find((u) => u.userId === options.userId);
  if (!user) throw new Error(`No user ${options.userId}; see --list`);
  if (options.role) {
    const { businessFunction, odsCode } = options.role;
    const held = user.roles.some((r) => r.odsCode === odsCode && r.businessFunctions.includes(businessFunction));
    // Still print: asking for a role the user lacks is how one sees e-RS answer 403.
    if (!held) console.error(`Warning: ${user.userId} does not hold ${businessFunction} at ${odsCode}; e-RS will answer 403.`);
  }
  const { id_token: idToken } = await request<{ id_token: string }>(`${options.simulator}/oidc/dev/id-token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userId: user.userId }),
  });
  // stdout: the token alone, so that TOKEN=$(npm run -s token -- ...) captures exactly it.
  console.log(idToken);
  if (options.role) {
    console.error('Send these headers with the token to act in that role:');
    console.error(`NHSD-eRS-Business-Function: ${options.role.businessFunction}`);
    console.error(`NHSD-End-User-Organisation-ODS: ${options.role.odsCode}`);
    if (options.onBehalfOf) console.error(`NHSD-eRS-On-Behalf-Of-User-ID: ${options.onBehalfOf}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
