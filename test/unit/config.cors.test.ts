import { loadConfig } from '../../src/config';

describe('CORS_ORIGINS', () => {
  it('is empty by default: no origin may call from a browser elsewhere', () => {
    expect(loadConfig({}).corsOrigins).toEqual([]);
    expect(loadConfig({ CORS_ORIGINS: ' ' }).corsOrigins).toEqual([]);
  });

  it('takes a comma-separated list of exact origins, spaces around commas ignored, each once', () => {
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example, http://localhost:5173,https://a.example' }).corsOrigins).toEqual([
      'https://a.example',
      'http://localhost:5173',
    ]);
    expect(loadConfig({ CORS_ORIGINS: 'http://127.0.0.1:8080,http://[::1]:3000' }).corsOrigins).toEqual([
      'http://127.0.0.1:8080',
      'http://[::1]:3000',
    ]);
  });

  it.each([
    ['*', 'CORS_ORIGINS: must name each origin; "*" is not accepted'],
    ['https://a.example/', 'CORS_ORIGINS: must list origins exactly as browsers send them: "https://a.example", not "https://a.example/"'],
    ['HTTPS://A.example', 'CORS_ORIGINS: must list origins exactly as browsers send them: "https://a.example", not "HTTPS://A.example"'],
    [
      'https://a.example:443',
      'CORS_ORIGINS: must list origins exactly as browsers send them: "https://a.example", not "https://a.example:443"',
    ],
    ['https://a.example/app', 'CORS_ORIGINS: must be a comma-separated list of origins'],
    ['https://a.example?x=1', 'CORS_ORIGINS: must be a comma-separated list of origins'],
    ['a.example', 'CORS_ORIGINS: must be a comma-separated list of origins'],
    ['ftp://a.example', 'CORS_ORIGINS: must be a comma-separated list of origins'],
    ['null', 'CORS_ORIGINS: must be a comma-separated list of origins'],
    ['https://a.example,,https://b.example', 'CORS_ORIGINS: must be a comma-separated list of origins'],
  ])('refuses %p, naming the variable', (value, message) => {
    expect(() => loadConfig({ CORS_ORIGINS: value })).toThrow(message);
  });
});

describe('DEV_KEYS_DIR', () => {
  it('is resolved to an absolute directory for development identity, and unset by default', () => {
    expect(loadConfig({}).auth.devKeysDir).toBeUndefined();
    expect(loadConfig({ DEV_KEYS_DIR: 'keys' }).auth.devKeysDir).toBe(`${process.cwd()}/keys`);
    expect(loadConfig({ DEV_KEYS_DIR: '/var/tmp/k' }).auth.devKeysDir).toBe('/var/tmp/k');
  });
});
