import { ConfigError, loadConfig } from '../../src/config';

/** ERS_APPLICATION_WRITES (issue 14, item 7): off unless said, and only where there are application callers. */
describe('loadConfig: ERS_APPLICATION_WRITES', () => {
  const pemText = '-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----';
  const application = {
    ERS_BASE_URL: 'https://int.api.service.nhs.uk/referrals/FHIR',
    AUTH_MODE: 'application',
    APIM_TOKEN_URL: 'https://int.api.service.nhs.uk/oauth2/token',
    APIM_API_KEY: 'key',
    APIM_KID: 'kid-1',
    APIM_PRIVATE_KEY: pemText,
    CALLER_ISSUER: 'https://idp.trust.example',
    CALLER_AUDIENCE: 'ers-graph',
    CALLER_JWKS_URL: 'https://idp.trust.example/jwks',
  };

  it('is off by default', () => {
    expect(loadConfig(application).auth.applicationWrites).toBe(false);
    expect(loadConfig({ ...application, ERS_APPLICATION_WRITES: 'false' }).auth.applicationWrites).toBe(false);
  });

  it('is on with true', () => {
    expect(loadConfig({ ...application, ERS_APPLICATION_WRITES: 'true' }).auth.applicationWrites).toBe(true);
  });

  it.each([
    [{ ...application, ERS_APPLICATION_WRITES: 'yes' }, /must be true or false/],
    [{ ERS_APPLICATION_WRITES: 'true' }, /only used with AUTH_MODE=application/],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/^ERS_APPLICATION_WRITES: /);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
