import { randomUUID } from 'node:crypto';
import { importPKCS8, SignJWT } from 'jose';
import type { ApimConfig } from '../config';

/** Seconds a client assertion lives; APIM refuses more than 300 s. */
const ASSERTION_LIFETIME_SECONDS = 240;

type SigningKey = Awaited<ReturnType<typeof importPKCS8>>;

/**
 * Signs APIM client assertions (RS512, typ JWT, kid; iss = sub = API key, aud = the exact token
 * URL, a fresh jti every time, exp within 300 s), as the NHS API Platform's signed-JWT
 * authentication requires.
 */
export class ClientAssertionSigner {
  private key: Promise<SigningKey> | undefined;

  constructor(
    private readonly apim: ApimConfig,
    private readonly now: () => number = Date.now,
  ) {}

  async sign(): Promise<string> {
    this.key ??= importPKCS8(this.apim.privateKeyPem, 'RS512');
    const now = Math.floor(this.now() / 1000);
    return new SignJWT({})
      .setProtectedHeader({ alg: 'RS512', typ: 'JWT', kid: this.apim.kid })
      .setIssuer(this.apim.apiKey)
      .setSubject(this.apim.apiKey)
      .setAudience(this.apim.tokenUrl)
      .setJti(randomUUID())
      .setIssuedAt(now)
      .setExpirationTime(now + ASSERTION_LIFETIME_SECONDS)
      .sign(await this.key);
  }
}
