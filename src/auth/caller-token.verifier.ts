import { createRemoteJWKSet, jwtVerify } from 'jose';
import { verificationFailure } from './id-token.verifier';

/**
 * Verifies the bearer JWTs of internal callers in `application` mode, issued by a trusted
 * identity provider of the trust (issuer, audience and signature against its JWKS). ers-graph
 * never serves e-RS data to an anonymous caller, even with its own application token.
 */
export class CallerTokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    private readonly issuer: string,
    private readonly audience: string,
    jwksUrl: string,
    timeoutMs: number,
  ) {
    this.jwks = createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: timeoutMs, cooldownDuration: 30_000 });
  }

  /** The caller's subject (service or client id). */
  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.jwks, {
        issuer: this.issuer,
        audience: this.audience,
        algorithms: ['RS256', 'RS512', 'PS256', 'ES256'],
        requiredClaims: ['sub', 'exp'],
      });
      return payload.sub!;
    } catch (error) {
      throw verificationFailure(error, 'The caller token');
    }
  }
}
