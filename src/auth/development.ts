import { randomBytes } from 'node:crypto';
import axios from 'axios';
import { exportJWK, exportPKCS8, generateKeyPair } from 'jose';
import type { AuthConfig } from '../config';

/** The CIS2 client id ers-graph uses against the local identity world. */
export const DEV_CIS2_CLIENT_ID = 'ers-graph-dev';

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
