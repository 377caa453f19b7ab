import axios, { AxiosInstance } from 'axios';
import type { ApimConfig } from '../config';
import { ClientAssertionSigner } from './client-assertion';
import { identityUnavailable, unauthenticated } from './auth-errors';
import type { ExpiringValue } from './token-cache';

const JWT_BEARER = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ID_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:id_token';

/** APIM answers numbers as strings ("599"); both are accepted. */
function seconds(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * The NHS API Platform (APIM) OAuth 2.0 token endpoint: client-credentials for
 * application-restricted access, and token exchange of a CIS2 ID token for user-restricted
 * access. Posts form-encoded bodies with a signed client assertion.
 */
export class ApimTokenClient {
  private readonly signer: ClientAssertionSigner;
  private readonly http: AxiosInstance;

  constructor(
    private readonly apim: ApimConfig,
    timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {
    this.signer = new ClientAssertionSigner(apim, now);
    this.http = axios.create({ timeout: timeoutMs, validateStatus: () => true, maxRedirects: 0 });
  }

  /** An application-restricted access token (client-credentials grant). */
  clientCredentials(): Promise<ExpiringValue<string>> {
    return this.post({ grant_type: 'client_credentials' }, 'client credentials');
  }

  /** A user-restricted access token for a verified CIS2 ID token (token-exchange grant). */
  exchangeIdToken(idToken: string): Promise<ExpiringValue<string>> {
    return this.post({ grant_type: TOKEN_EXCHANGE, subject_token_type: ID_TOKEN_TYPE, subject_token: idToken }, 'token exchange');
  }

  private async post(form: Record<string, string>, grant: string): Promise<ExpiringValue<string>> {
    const body = new URLSearchParams({
      ...form,
      client_assertion_type: JWT_BEARER,
      client_assertion: await this.signer.sign(),
    });
    let response;
    try {
      response = await this.http.post(this.apim.tokenUrl, body.toString(), {
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      });
    } catch {
      throw identityUnavailable(`The NHS API Platform token endpoint could not be reached (${grant})`);
    }
    const data = response.data as Record<string, unknown> | undefined;
    if (response.status === 200 && data && typeof data.access_token === 'string') {
      const expiresIn = seconds(data.expires_in) ?? 599;
      return { value: data.access_token, expiresAt: this.now() + expiresIn * 1000 };
    }
    const error = typeof data?.error === 'string' ? data.error : `HTTP ${response.status}`;
    if (response.status === 400 || response.status === 401) {
      // invalid_grant on exchange means the ID token itself was refused.
      throw unauthenticated(`The NHS API Platform refused the ${grant} (${error})`, 'TOKEN_REJECTED');
    }
    throw identityUnavailable(`The NHS API Platform token endpoint failed (${grant}, ${error})`);
  }
}
