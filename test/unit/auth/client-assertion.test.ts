import { decodeJwt, decodeProtectedHeader, exportPKCS8, exportSPKI, generateKeyPair, importSPKI, jwtVerify } from 'jose';
import { ClientAssertionSigner } from '../../../src/auth/client-assertion';

describe('ClientAssertionSigner', () => {
  const tokenUrl = 'https://int.api.service.nhs.uk/oauth2/token';
  let signer: ClientAssertionSigner;
  let publicPem: string;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('RS512', { extractable: true });
    publicPem = await exportSPKI(publicKey);
    signer = new ClientAssertionSigner({ tokenUrl, apiKey: 'api-key-1', kid: 'kid-1', privateKeyPem: await exportPKCS8(privateKey) });
  });

  it('signs RS512 with typ JWT and the kid, as APIM requires', async () => {
    const assertion = await signer.sign();
    expect(decodeProtectedHeader(assertion)).toEqual({ alg: 'RS512', typ: 'JWT', kid: 'kid-1' });
    await expect(jwtVerify(assertion, await importSPKI(publicPem, 'RS512'))).resolves.toBeDefined();
  });

  it('claims iss = sub = API key, aud = the exact token URL, a UUID jti and exp at most 300 s ahead', async () => {
    const before = Math.floor(Date.now() / 1000);
    const claims = decodeJwt(await signer.sign());
    expect(claims).toMatchObject({ iss: 'api-key-1', sub: 'api-key-1', aud: tokenUrl });
    expect(claims.jti).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(claims.exp! - before).toBeGreaterThan(0);
    expect(claims.exp! - before).toBeLessThanOrEqual(300);
  });

  it('never reuses a jti', async () => {
    const assertions = await Promise.all(Array.from({ length: 20 }, () => signer.sign()));
    expect(new Set(assertions.map((a) => decodeJwt(a).jti)).size).toBe(20);
  });
});
