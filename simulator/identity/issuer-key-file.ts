/**
 * The CIS2-like issuer's signing key kept in a local file, so that the ID tokens a developer got
 * (`npm run -s token`) still verify after the simulator restarts. Development only: the file holds
 * a private key in clear, readable by its owner alone (0600, in a 0700 directory). Created once,
 * atomically (a finished file is linked into place; a second process starting at the same moment
 * reads the winner's key), and never rewritten.
 */
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import type { JWK } from 'jose';
import { generateIssuerPrivateJwk, type IssuerKey, issuerKeyFromJwk } from './oidc-issuer';

/** What the file holds. */
interface IssuerKeyFile {
  /** Says what the file is to whoever opens it. */
  about: string;
  privateJwk: JWK;
}

const ABOUT =
  "The e-RS simulator's development CIS2 issuer signing key (ers-graph development only). Delete this file to make a new one: ID tokens signed with this key then stop working.";

/** The issuer key in `path`, created there first when the file does not exist. */
export async function loadOrCreateIssuerKey(path: string): Promise<IssuerKey> {
  const existing = await readKeyFile(path);
  if (existing) return existing;
  const privateJwk = await generateIssuerPrivateJwk();
  await fs.mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const partial = `${path}.${randomUUID()}.tmp`;
  const file: IssuerKeyFile = { about: ABOUT, privateJwk };
  await fs.writeFile(partial, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    // link() fails when the file exists: whoever linked first wins, and everyone uses that key.
    await fs.link(partial, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    await fs.unlink(partial).catch(() => undefined);
  }
  const created = await readKeyFile(path);
  if (!created) throw new Error(`the development issuer key file ${path} vanished while it was created`);
  return created;
}

async function readKeyFile(path: string): Promise<IssuerKey | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new Error(`cannot read the development issuer key file ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, {
      cause: error,
    });
  }
  try {
    const parsed = JSON.parse(text) as Partial<IssuerKeyFile>;
    return await issuerKeyFromJwk(parsed.privateJwk ?? {});
  } catch {
    // Never echo the content: it is a private key.
    throw new Error(`the development issuer key file ${path} is not one this simulator wrote: delete it to make a new key`);
  }
}
