import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('runs on the embedded simulator with no configuration', () => {
    const config = loadConfig({});
    expect(config.ersBaseUrl).toBeUndefined();
    expect(config.port).toBe(4000);
  });

  it('accepts an NHS environment base URL and drops a trailing slash', () => {
    const config = loadConfig({ ERS_BASE_URL: 'https://sandbox.api.service.nhs.uk/referrals/FHIR/' });
    expect(config.ersBaseUrl).toBe('https://sandbox.api.service.nhs.uk/referrals/FHIR');
  });

  it.each([
    ['ERS_BASE_URL', 'not a url'],
    ['ERS_BASE_URL', 'ftp://example.org/FHIR'],
    ['ERS_BASE_URL', 'https://sandbox.api.service.nhs.uk/referrals'],
    ['PORT', 'eighty'],
    ['PORT', '70000'],
    ['ERS_TIMEOUT_MS', '5'],
    ['LOG_LEVEL', 'loud'],
  ])('rejects %s=%s naming the variable', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name}:`));
  });
});
