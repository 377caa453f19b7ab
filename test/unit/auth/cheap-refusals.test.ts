import Keyv from 'keyv';
import type { FastifyRequest } from 'fastify';
import { addressKey, AuthFailureLimit } from '../../../src/auth/auth-failures';
import type { IdentityService } from '../../../src/auth/identity';
import type { CallerIdentity } from '../../../kernel/caller';
import { RequestGuard } from '../../../src/auth/request-guard';
import { ExpiringCache } from '../../../src/auth/token-cache';
import { TokenVerdicts } from '../../../src/auth/token-verdicts';
import { ConfigError, loadConfig } from '../../../src/config';
import { UploadBudget } from '../../../src/routes/upload-budget';

describe('addressKey: what failed authentications are counted under', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['not an address', 'not an address'],
  ])('%s -> %s', (address, key) => {
    expect(addressKey(address)).toBe(key);
  });

  it('answers the same however many addresses came between (the memo of recent addresses never answers wrongly)', () => {
    const addresses = Array.from(
      { length: 3000 },
      (_, i) => `2001:db8:${(i >> 8).toString(16)}:${(i & 255).toString(16)}::${i.toString(16)}`,
    );
    const first = addresses.map(addressKey);
    expect(first[0]).toBe('2001:db8::/64');
    expect(new Set(first).size).toBe(3000);
    expect([...addresses].reverse().map(addressKey)).toEqual([...first].reverse());
  });
});

describe('AuthFailureLimit', () => {
  let now = 1_000_000;
  const clock = () => now;

  it('refuses an address after its limit of failures in a minute, says when to retry, and forgets it after the window', () => {
    const limit = new AuthFailureLimit(3, clock);
    for (let i = 0; i < 3; i++) {
      expect(limit.retryAfterSeconds('198.51.100.1')).toBe(0);
      limit.record('198.51.100.1');
    }
    expect(limit.retryAfterSeconds('198.51.100.1')).toBe(60);
    expect(limit.retryAfterSeconds('198.51.100.2')).toBe(0);
    now += 45_500;
    expect(limit.retryAfterSeconds('198.51.100.1')).toBe(15);
    now += 14_500;
    expect(limit.retryAfterSeconds('198.51.100.1')).toBe(0);
    limit.record('198.51.100.1');
    expect(limit.retryAfterSeconds('198.51.100.1')).toBe(0);
  });

  it('counts every address of one IPv6 /64 together', () => {
    const limit = new AuthFailureLimit(2, clock);
    limit.record('2001:db8:0:1::a');
    limit.record('2001:db8:0:1::b');
    expect(limit.retryAfterSeconds('2001:db8:0:1::c')).toBeGreaterThan(0);
    expect(limit.retryAfterSeconds('2001:db8:0:2::a')).toBe(0);
  });

  it('is off at 0', () => {
    const limit = new AuthFailureLimit(0, clock);
    for (let i = 0; i < 100; i++) limit.record('198.51.100.3');
    expect(limit.retryAfterSeconds('198.51.100.3')).toBe(0);
  });

  it('stays bounded: the addresses that failed least recently are forgotten first', () => {
    const limit = new AuthFailureLimit(1, clock, 2);
    limit.record('192.0.2.1');
    limit.record('192.0.2.2');
    limit.record('192.0.2.3');
    expect(limit.retryAfterSeconds('192.0.2.1')).toBe(0);
    expect(limit.retryAfterSeconds('192.0.2.3')).toBeGreaterThan(0);
  });
});

describe('TokenVerdicts', () => {
  it('remembers refused and accepted tokens; a refusal wins over an earlier acceptance', () => {
    const verdicts = new TokenVerdicts();
    expect(verdicts.of('token-a')).toBeUndefined();
    verdicts.accept('token-a');
    expect(verdicts.of('token-a')).toBe('accepted');
    verdicts.reject('token-a');
    expect(verdicts.of('token-a')).toBe('rejected');
    verdicts.accept('token-a');
    expect(verdicts.of('token-a')).toBe('rejected');
    expect(verdicts.of('token-b')).toBeUndefined();
  });

  it('keeps at most `max` tokens of each kind', () => {
    const verdicts = new TokenVerdicts({ max: 2 });
    verdicts.reject('one');
    verdicts.reject('two');
    verdicts.reject('three');
    expect(['one', 'two', 'three'].map((token) => verdicts.of(token))).toEqual([undefined, 'rejected', 'rejected']);
  });
});

describe('UploadBudget', () => {
  it('reserves bytes while they fit and gives them back once', () => {
    const budget = new UploadBudget(100);
    const first = budget.reserve(60)!;
    expect(budget.reserve(50)).toBeUndefined();
    const second = budget.reserve(40)!;
    expect(budget.inUse).toBe(100);
    first();
    first();
    expect(budget.inUse).toBe(40);
    expect(budget.reserve(60)).toBeDefined();
    second();
  });
});

describe('RequestGuard.contextDeps', () => {
  it('hands the context factory the identity authenticated before the body, without authenticating again', async () => {
    const calls: Array<string | undefined> = [];
    const identity: CallerIdentity = {
      kind: 'user',
      userId: '555010000002',
      token: { get: async () => 't', invalidate: async () => false, scope: 's' },
    };
    const service: IdentityService = {
      mode: 'cis2',
      cache: new ExpiringCache(new Keyv()),
      authenticate: async (authorization) => {
        calls.push(authorization);
        return identity;
      },
    };
    const guard = new RequestGuard(service, new AuthFailureLimit(20));
    const request = { headers: { authorization: 'Bearer abc' }, raw: {} } as unknown as FastifyRequest;
    const other = { headers: { authorization: 'Bearer def' }, raw: {} } as unknown as FastifyRequest;

    expect(guard.contextDeps({ identity: service }, other).identity).toBe(service);
    await expect(guard.authenticate(request)).resolves.toBe(identity);
    const deps = guard.contextDeps({ identity: service }, request);
    await expect(deps.identity.authenticate('Bearer abc')).resolves.toBe(identity);
    expect(deps.identity.mode).toBe('cis2');
    expect(deps.identity.cache).toBe(service.cache);
    expect(calls).toEqual(['Bearer abc']);
  });
});

describe('configuration of the cheap refusals', () => {
  it('has defaults: 20 failures a minute, no proxy trusted, 64 MB of uploads in flight', () => {
    const config = loadConfig({});
    expect(config.authFailuresPerMinute).toBe(20);
    expect(config.trustProxy).toBe(false);
    expect(config.uploadBufferLimitBytes).toBe(64 * 1024 * 1024);
  });

  it.each([
    [{ TRUST_PROXY: 'true' }, true],
    [{ TRUST_PROXY: 'false' }, false],
    [{ TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,loopback' }, ['10.0.0.1', '10.1.0.0/16', 'loopback']],
    [{ TRUST_PROXY: '2001:db8::/32' }, ['2001:db8::/32']],
  ])('reads TRUST_PROXY %j', (env, trustProxy) => {
    expect(loadConfig(env).trustProxy).toEqual(trustProxy);
  });

  it.each([
    [{ TRUST_PROXY: '2' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.1,proxy.example' }, 'TRUST_PROXY'],
    [{ AUTH_FAILURES_PER_MINUTE: '-1' }, 'AUTH_FAILURES_PER_MINUTE'],
    [{ AUTH_FAILURES_PER_MINUTE: 'many' }, 'AUTH_FAILURES_PER_MINUTE'],
    [{ UPLOAD_BUFFER_LIMIT_BYTES: '1048576' }, 'UPLOAD_BUFFER_LIMIT_BYTES'],
  ])('refuses %j, naming the variable', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^${variable}:`));
  });
});
