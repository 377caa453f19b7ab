import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('runs on the embedded simulator with no configuration', () => {
    const config = loadConfig({});
    expect(config.ersBaseUrl).toBeUndefined();
    expect(config.port).toBe(4000);
  });

  it('keeps under e-RS production’s 10 requests a second (9) when ERS_BASE_URL is set, none on the simulator, and takes an override', () => {
    const nhs = { ERS_BASE_URL: 'https://int.api.service.nhs.uk/referrals/FHIR', AUTH_MODE: 'apim' };
    expect(loadConfig({})).toMatchObject({ ersRateLimit: 0, ersRateLimitBurst: 1, ersRateLimitMaxWaitMs: 15_000 });
    expect(loadConfig(nhs)).toMatchObject({ ersRateLimit: 9, ersRateLimitBurst: 1 });
    expect(loadConfig({ ...nhs, ERS_RATE_LIMIT: '2', ERS_RATE_LIMIT_BURST: '2', ERS_RATE_LIMIT_MAX_WAIT_MS: '5000' })).toMatchObject({
      ersRateLimit: 2,
      ersRateLimitBurst: 2,
      ersRateLimitMaxWaitMs: 5000,
    });
  });

  it('accepts an NHS environment base URL and drops a trailing slash', () => {
    const config = loadConfig({ ERS_BASE_URL: 'https://sandbox.api.service.nhs.uk/referrals/FHIR/', AUTH_MODE: 'apim' });
    expect(config.ersBaseUrl).toBe('https://sandbox.api.service.nhs.uk/referrals/FHIR');
  });

  it.each([
    ['ERS_BASE_URL', 'not a url'],
    ['ERS_BASE_URL', 'ftp://example.org/FHIR'],
    ['ERS_BASE_URL', 'https://sandbox.api.service.nhs.uk/referrals'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['ERS_TIMEOUT_MS', '5'],
    ['ERS_RATE_LIMIT', '-1'],
    ['ERS_RATE_LIMIT', 'ten'],
    ['ERS_RATE_LIMIT_BURST', '0'],
    ['ERS_RATE_LIMIT_MAX_WAIT_MS', '600000'],
    ['LOG_LEVEL', 'loud'],
    ['REDIS_URL', 'localhost:6379'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['REDIS_URL', 'redis://127.0.0.1:6379/cache'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}:`));
  });
});

describe('loadConfig: REDIS_URL', () => {
  it('keeps the caches in memory without it', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
  });

  it.each(['redis://127.0.0.1:6379', 'rediss://user:secret@cache.trust.nhs.uk:6380/2'])('accepts %s', (value) => {
    expect(loadConfig({ REDIS_URL: value }).redisUrl).toBe(value);
  });

  it('never repeats a value that may hold a password', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://:s3cret@[bad' })).toThrow(/^REDIS_URL: must be a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => loadConfig({ REDIS_URL: 'redis://:s3cret@[bad' })).not.toThrow(/s3cret/);
  });
});

describe('loadConfig: identity', () => {
  const pemText = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----';
  const cis2 = {
    ERS_BASE_URL: 'https://int.api.service.nhs.uk/referrals/FHIR',
    AUTH_MODE: 'cis2',
    CIS2_ISSUER: 'https://am.nhsint.auth-ptl.cis2.spineservices.nhs.uk/openam/oauth2/realms/root/realms/NHSIdentity/realms/Healthcare',
    CIS2_CLIENT_ID: 'client-1',
    APIM_TOKEN_URL: 'https://int.api.service.nhs.uk/oauth2/token',
    APIM_API_KEY: 'key',
    APIM_KID: 'kid-1',
    APIM_PRIVATE_KEY_FILE: '/keys/private.pem',
  };

  it('runs development identity with no configuration', () => {
    expect(loadConfig({}).auth).toEqual({ mode: 'development', devIdentityUrl: undefined });
  });

  it('reads a cis2 configuration with the key from a PEM file', () => {
    const auth = loadConfig(cis2, {}, (path) => (path === '/keys/private.pem' ? pemText : '')).auth;
    expect(auth).toEqual({
      mode: 'cis2',
      cis2: { issuer: cis2.CIS2_ISSUER, clientId: 'client-1' },
      apim: { tokenUrl: cis2.APIM_TOKEN_URL, apiKey: 'key', kid: 'kid-1', privateKeyPem: pemText },
    });
  });

  it('reads the key from the environment with escaped newlines', () => {
    const { APIM_PRIVATE_KEY_FILE: _file, ...env } = cis2;
    const auth = loadConfig({ ...env, APIM_PRIVATE_KEY: pemText.replace(/\n/g, '\\n') }).auth;
    expect(auth.apim!.privateKeyPem).toBe(pemText);
  });

  it.each([
    [{ ERS_BASE_URL: cis2.ERS_BASE_URL }, 'AUTH_MODE'],
    [{ AUTH_MODE: 'magic' }, 'AUTH_MODE'],
    [{ AUTH_MODE: 'development', NODE_ENV: 'production' }, 'AUTH_MODE'],
    [{ ...cis2, CIS2_CLIENT_ID: '' }, 'CIS2_CLIENT_ID'],
    [{ ...cis2, APIM_TOKEN_URL: 'not a url' }, 'APIM_TOKEN_URL'],
    [{ ...cis2, APIM_PRIVATE_KEY_FILE: '/missing.pem' }, 'APIM_PRIVATE_KEY_FILE'],
    [{ ...cis2, AUTH_MODE: 'application' }, 'CALLER_ISSUER'],
  ])('refuses %o naming %s', (env, variable) => {
    const read = (path: string) => {
      if (path === '/keys/private.pem') return pemText;
      throw new Error('ENOENT');
    };
    expect(() => loadConfig(env, {}, read)).toThrow(new RegExp(`^${variable}:`));
  });

  it('needs nothing more than the mode for apim (callers bring their own token)', () => {
    expect(loadConfig({ ERS_BASE_URL: cis2.ERS_BASE_URL, AUTH_MODE: 'apim' }).auth).toEqual({ mode: 'apim' });
  });
});
