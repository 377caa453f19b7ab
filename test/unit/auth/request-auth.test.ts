import Keyv from 'keyv';
import { RequestAuth } from '../../../src/auth/request-auth';
import type { IdentityService } from '../../../src/auth/identity';
import type { CallerIdentity } from '../../../kernel/caller';
import { ExpiringCache } from '../../../src/auth/token-cache';

const service: IdentityService = {
  mode: 'application',
  cache: new ExpiringCache(new Keyv()),
  authenticate: async () => null,
};

const application: CallerIdentity = {
  kind: 'application',
  subject: 'job',
  token: { get: async () => 'app-token', invalidate: async () => true, scope: 'application' },
};

describe('RequestAuth gates for application-restricted callers', () => {
  const auth = new RequestAuth('application', application, {}, service);

  it.each(['A004', 'A005', 'A007', 'A008', 'A024', 'A025', 'A029', 'A033', 'A035', 'A037', 'A042', 'A043'] as const)(
    'allows the application-restricted read %s',
    async (endpoint) => {
      await expect(auth.authorize([endpoint])).resolves.toBeUndefined();
    },
  );

  it.each(['A010', 'A015', 'A023', 'A030', 'A038', 'A040', 'A041'] as const)('refuses %s, which e-RS keeps for users', async (endpoint) => {
    await expect(auth.authorize([endpoint])).rejects.toMatchObject({
      extensions: { code: 'FORBIDDEN', reason: 'APPLICATION_NOT_ALLOWED', endpoint },
    });
  });

  it.each(['A013', 'A028', 'A036'] as const)(
    'refuses the write %s although e-RS allows it to applications: writes need a CIS2 user',
    async (endpoint) => {
      await expect(auth.authorize([endpoint], { write: true })).rejects.toMatchObject({
        extensions: { code: 'FORBIDDEN', reason: 'USER_REQUIRED' },
      });
    },
  );

  it('sends no role headers, whatever the request asked for', async () => {
    const asking = new RequestAuth('application', application, { businessFunction: 'REFERRING_CLINICIAN', odsCode: 'A99001' }, service);
    await expect(asking.roleHeaders('A005')).resolves.toEqual({});
    await expect(asking.accessToken()).resolves.toBe('app-token');
  });

  it('refuses everything to a request without a caller', async () => {
    const anonymous = new RequestAuth('development', null, {}, service);
    await expect(anonymous.authorize(['A004'])).rejects.toMatchObject({ extensions: { code: 'UNAUTHENTICATED', reason: 'MISSING_TOKEN' } });
    await expect(anonymous.roleHeaders('A004')).resolves.toEqual({});
  });
});
