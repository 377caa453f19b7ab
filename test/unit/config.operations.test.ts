import { ConfigError, loadConfig } from '../../src/config';

describe('loadConfig: Redis timeouts and circuit breaker, /metrics protection', () => {
  it('defaults to a 500 ms Redis timeout, a circuit that opens after 3 failures and probes every 5 s, and /metrics on the main port without a token', () => {
    expect(loadConfig({})).toMatchObject({
      redisTimeoutMs: 500,
      redisBreakerThreshold: 3,
      redisBreakerCooldownMs: 5000,
      metricsPort: undefined,
      metricsToken: undefined,
    });
  });

  it('takes overrides', () => {
    const token = 'f0e1d2c3b4a5968778695a4b3c2d1e0f';
    expect(
      loadConfig({
        REDIS_TIMEOUT_MS: '250',
        REDIS_BREAKER_THRESHOLD: '5',
        REDIS_BREAKER_COOLDOWN_MS: '1000',
        METRICS_PORT: '9464',
        METRICS_TOKEN: token,
      }),
    ).toMatchObject({
      redisTimeoutMs: 250,
      redisBreakerThreshold: 5,
      redisBreakerCooldownMs: 1000,
      metricsPort: 9464,
      metricsToken: token,
    });
  });

  it.each([
    ['REDIS_TIMEOUT_MS', '0'],
    ['REDIS_TIMEOUT_MS', 'fast'],
    ['REDIS_BREAKER_THRESHOLD', '0'],
    ['REDIS_BREAKER_COOLDOWN_MS', '10'],
    ['METRICS_PORT', '70000'],
    ['METRICS_PORT', 'metrics'],
    ['METRICS_TOKEN', 'short'],
    ['METRICS_TOKEN', 'a token with spaces in it'],
  ])('refuses %s=%s, naming the variable', (variable, value) => {
    expect(() => loadConfig({ [variable]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [variable]: value })).toThrow(new RegExp(`^${variable}: `));
  });

  it('never echoes a refused METRICS_TOKEN', () => {
    expect(() => loadConfig({ METRICS_TOKEN: 'secret!secret!secret!' })).not.toThrow(/secret/);
  });

  it('refuses METRICS_PORT equal to PORT', () => {
    expect(() => loadConfig({ PORT: '4000', METRICS_PORT: '4000' })).toThrow(/^METRICS_PORT: must differ from PORT/);
  });
});
