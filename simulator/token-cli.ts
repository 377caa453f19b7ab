/**
 * Gets a CIS2-like ID token from a running simulator (development only):
 *   npm run token -- --user <sdsUserId> [--role <BUSINESS_FUNCTION>@<ODS>] [--simulator http://127.0.0.1:4010]
 *   npm run token -- --list [--simulator http://127.0.0.1:4010]
 * Prints the ID token (to exchange at /oauth2/token, or to paste where ers-graph asks for one) and,
 * with --role, the NHSD-* headers that select that role. Environment: SIMULATOR_URL.
 */
import { type DevUserSummary, formatDevUsers } from './data/identity-users';

const USAGE =
  'Usage: npm run token -- --user <sdsUserId> [--role <BUSINESS_FUNCTION>@<ODS>] [--on-behalf-of <sdsUserId>] [--simulator http://127.0.0.1:4010]\n' +
  '       npm run token -- --list [--simulator http://127.0.0.1:4010]';

export interface TokenCliOptions {
  simulator: string;
  list: boolean;
  userId?: string;
  role?: { businessFunction: string; odsCode: string };
  onBehalfOf?: string;
}

/** Parses the flags; throws with a message for anything wrong. */
export function parseTokenCliArgs(argv: string[], env: NodeJS.ProcessEnv): TokenCliOptions {
  const options: TokenCliOptions = { simulator: env.SIMULATOR_URL ?? 'http://127.0.0.1:4010', list: false };
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
        options.simulator = value()
          .replace(/\/+$/, '')
          .replace(/\/FHIR$/, '');
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
  return options;
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch {
    throw new Error(`No simulator at ${url}; start it with \`npm run simulator\` (or pass --simulator <origin>).`);
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
  console.log(idToken);
  if (options.role) {
    console.log('');
    console.log(`NHSD-eRS-Business-Function: ${options.role.businessFunction}`);
    console.log(`NHSD-End-User-Organisation-ODS: ${options.role.odsCode}`);
    if (options.onBehalfOf) console.log(`NHSD-eRS-On-Behalf-Of-User-ID: ${options.onBehalfOf}`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}
