/**
 * Verified CIS2 ID tokens are remembered until their own expiry: one RSA verification per token,
 * not one per request; a token that fails is never remembered.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

const verifications = jest.fn();
jest.mock('jose', () => {
  const actual = jest.requireActual('jose');
  return {
    ...actual,
    jwtVerify: (...args: unknown[]) => {
      verifications();
      return actual.jwtVerify(...args);
    },
  };
});

// Imported after the mock, so the verifier uses the counting jwtVerify.
import { Cis2IdTokenVerifier } from '../../../src/auth/id-token.verifier';

const CLIENT_ID = 'ers-graph-test';
const keys = generateKeyPair('RS256', { extractable: true });
let server: Server;
let issuer: string;

beforeAll(async () => {
  const jwk = { ...(await exportJWK((await keys).publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((request, response) => {
    const body =
      request.url === '/.well-known/openid-configuration'
        ? { issuer, jwks_uri: `${issuer}/jwks` }
        : request.url === '/jwks'
          ? { keys: [jwk] }
          : null;
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));
beforeEach(() => verifications.mockClear());

async function idToken(sub: string, expiresInSeconds = 600): Promise<string> {
  return new SignJWT({ sub, id_assurance_level: 3, authentication_assurance_level: 3 })
    .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
    .setIssuer(issuer)
    .setAudience(CLIENT_ID)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + expiresInSeconds)
    .sign((await keys).privateKey);
}

describe('Cis2IdTokenVerifier remembers verified tokens', () => {
  it('verifies a token once, however many requests send it', async () => {
    const verifier = new Cis2IdTokenVerifier(issuer, CLIENT_ID, 2000);
    const token = await idToken('555010000002');
    const first = await verifier.verify(token);
    for (let i = 0; i < 5; i++) await expect(verifier.verify(token)).resolves.toEqual(first);
    expect(first.userId).toBe('555010000002');
    expect(verifications).toHaveBeenCalledTimes(1);
  });

  it('verifies another token for itself', async () => {
    const verifier = new Cis2IdTokenVerifier(issuer, CLIENT_ID, 2000);
    await verifier.verify(await idToken('555010000002'));
    await expect(verifier.verify(await idToken('555020000002'))).resolves.toMatchObject({ userId: '555020000002' });
    expect(verifications).toHaveBeenCalledTimes(2);
  });

  it('never remembers a token past its expiry', async () => {
    const verifier = new Cis2IdTokenVerifier(issuer, CLIENT_ID, 2000);
    const token = await idToken('555010000002', 60);
    const user = await verifier.verify(token);
    const now = jest.spyOn(Date, 'now').mockReturnValue(user.expiresAt + 1);
    try {
      // Past its expiry by the server's clock it is not answered from memory: verified again.
      await verifier.verify(token).catch(() => undefined);
    } finally {
      now.mockRestore();
    }
    expect(verifications).toHaveBeenCalledTimes(2);
  });

  it('never remembers a token that failed', async () => {
    const verifier = new Cis2IdTokenVerifier(issuer, CLIENT_ID, 2000);
    const forged = (await idToken('555010000002')).replace(/\.[^.]+$/, '.c2lnbmF0dXJl');
    for (let i = 0; i < 2; i++) await expect(verifier.verify(forged)).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED' } });
    expect(verifications).toHaveBeenCalledTimes(2);
  });
});
