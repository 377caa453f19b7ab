import { randomBytes, randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import axios from 'axios';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import type { AuthConfig } from '../config';

/** The CIS2 client id ers-graph uses against the local identity world. */
export const DEV_CIS2_CLIENT_ID = 'ers-graph-dev';

/** What a developer runs for a new development ID token; error messages point at it. */
export const DEV_TOKEN_COMMAND = 'npm run -s token -- --user <id>';

/** The file in DEV_KEYS_DIR that keeps the download ticket key of development runs. */
export const DEV_TICKET_KEY_FILE = 'ers-graph-download-ticket-key.json';

/**
 * Development identity: ers-graph registers itself with the simulator's local APIM (a key pair
 * generated now, never stored), then runs exactly the `cis2` flow against the simulator's
 * CIS2-like issuer. Returns the resolved configuration.
 */
export async function resolveDevelopmentIdentity(auth: AuthConfig, identityUrl: string, timeoutMs: number): Promise<AuthConfig> {
  const origin = identityUrl.replace(/\/+$/, '');
  const { publicKey, privateKey } = await generateKeyPair('RS512', { extractable: true });
  const kid = `dev-${randomBytes(6).toString('hex')}`;
  const apiKey = `ers-graph-dev-${randomBytes(8).toString('hex')}`;
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS512', use: 'sig' };

  const response = await axios
    .post(
      `${origin}/oauth2/dev/applications`,
      { apiKey, jwks: { keys: [jwk] }, cis2ClientId: DEV_CIS2_CLIENT_ID },
      { timeout: timeoutMs, validateStatus: () => true },
    )
    .catch((error: unknown) => {
      throw new Error(`development identity: cannot reach ${origin} (${(error as Error).message})`);
    });
  if (response.status < 200 || response.status >= 300) {
    throw new Error(`development identity: ${origin} refused the application registration (HTTP ${response.status})`);
  }
  return {
    ...auth,
    cis2: { issuer: `${origin}/oidc`, clientId: DEV_CIS2_CLIENT_ID },
    apim: { tokenUrl: `${origin}/oauth2/token`, apiKey, kid, privateKeyPem: await exportPKCS8(privateKey) },
  };
}

/**
 * The download ticket key of development runs, kept in `${dir}/${DEV_TICKET_KEY_FILE}` (created on
 * first start, 0600 in a 0700 directory) so that download links made before a restart still open
 * after it. Development identity only: production refuses it (config.ts), and deployments set
 * DOWNLOAD_TICKET_KEY. Created atomically: a file is written whole, then linked into place, and
 * a second process starting at the same moment reads the winner's key.
 */
export async function developmentTicketKey(dir: string): Promise<Uint8Array> {
  const path = join(dir, DEV_TICKET_KEY_FILE);
  const existing = await readTicketKey(path);
  if (existing) return existing;
  await fs.mkdir(dir, { recursive: true, mode: 0o700 });
  const partial = `${path}.${randomUUID()}.tmp`;
  const file = {
    about:
      'ers-graph development download ticket key (development identity only). Delete it to make a new one: links made with it stop opening.',
    key: randomBytes(32).toString('base64'),
  };
  await fs.writeFile(partial, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    await fs.link(partial, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.unlink(partial).catch(() => undefined);
  }
  const created = await readTicketKey(path);
  if (!created) throw new Error(`development keys: ${path} vanished while it was created`);
  return created;
}

async function readTicketKey(path: string): Promise<Uint8Array | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`development keys: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  let key: Buffer | undefined;
  try {
    const parsed = JSON.parse(text) as { key?: unknown };
    key = typeof parsed.key === 'string' ? Buffer.from(parsed.key, 'base64') : undefined;
  } catch {
    key = undefined;
  }
  // Never echo the content: it is a key.
  if (key?.length !== 32) throw new Error(`development keys: ${path} is not one ers-graph wrote: delete it to make a new key`);
  return new Uint8Array(key);
}
