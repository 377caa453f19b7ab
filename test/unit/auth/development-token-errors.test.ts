import { errors as joseErrors, generateKeyPair, jwtVerify, SignJWT, createLocalJWKSet, exportJWK } from 'jose';
import { developmentVerificationFailure } from '../../../src/auth/id-token.verifier';

/** The errors a development ID token that fails verification gets: what to do, never what the token holds. */
const COMMAND = 'npm run -s token -- --user <id>';
const ISSUER = 'http://127.0.0.1:4010/oidc';

async function failureOf(token: string) {
  const { publicKey } = await keys;
  const jwks = createLocalJWKSet({ keys: [{ ...(await exportJWK(publicKey)), kid: 'this-run', alg: 'RS256' }] });
  try {
    await jwtVerify(token, jwks, { issuer: ISSUER, audience: 'ers-graph-dev', algorithms: ['RS256'] });
  } catch (error) {
    return developmentVerificationFailure(error, COMMAND);
  }
  throw new Error('the token verified');
}

const keys = generateKeyPair('RS256', { extractable: true });
const other = generateKeyPair('RS256', { extractable: true });

async function token(options: { kid?: string; iss?: string; aud?: string; exp?: number; otherKey?: boolean } = {}) {
  const key = options.otherKey ? (await other).privateKey : (await keys).privateKey;
  return new SignJWT({ sub: '555010000002' })
    .setProtectedHeader({ alg: 'RS256', kid: options.kid ?? 'this-run' })
    .setIssuer(options.iss ?? ISSUER)
    .setAudience(options.aud ?? 'ers-graph-dev')
    .setIssuedAt()
    .setExpirationTime(options.exp ?? Math.floor(Date.now() / 1000) + 600)
    .sign(key);
}

describe('development ID token errors', () => {
  it.each([
    [
      'signed by a key of another run',
      () => token({ kid: 'another-run', otherKey: true }),
      'INVALID_TOKEN',
      'The ID token was signed by a development issuer key ers-graph does not know (a token from another run?): get a new one with `npm run -s token -- --user <id>`',
    ],
    [
      'signed by another key under the same kid',
      () => token({ otherKey: true }),
      'INVALID_TOKEN',
      "The ID token's signature does not match the development issuer's key: get a new one with `npm run -s token -- --user <id>`",
    ],
    [
      'issued by a simulator on another port',
      () => token({ iss: 'http://127.0.0.1:4011/oidc' }),
      'INVALID_TOKEN',
      'The ID token was issued by another development issuer (a simulator on another port?): get a new one with `npm run -s token -- --user <id>`',
    ],
    [
      'for another client',
      () => token({ aud: 'someone-else' }),
      'INVALID_TOKEN',
      'The ID token was issued by another client than ers-graph: get a new one with `npm run -s token -- --user <id>`',
    ],
    [
      'expired',
      () => token({ exp: Math.floor(Date.now() / 1000) - 600 }),
      'TOKEN_EXPIRED',
      'The ID token has expired: get a new one with `npm run -s token -- --user <id>`',
    ],
    [
      'not a token at all',
      async () => 'dev-token',
      'INVALID_TOKEN',
      'The bearer token is not an ID token: get a new one with `npm run -s token -- --user <id>`',
    ],
  ])('%s: 401 with what to do', async (_what, make, reason, message) => {
    const failure = await failureOf(await make());
    expect({ message: failure.message, extensions: failure.extensions }).toEqual({
      message,
      extensions: expect.objectContaining({ code: 'UNAUTHENTICATED', reason }),
    });
  });

  it('leaves a key set that cannot be read as the identity provider being unavailable', () => {
    const failure = developmentVerificationFailure(new joseErrors.JWKSTimeout(), COMMAND);
    expect(failure.extensions).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', reason: 'IDENTITY_PROVIDER' });
  });
});
