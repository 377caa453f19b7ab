import type { ErsCredentials } from '../../datasources/ers/client';
import type { AccessTokenSource } from '../../kernel/caller';

/** e-RS credentials of an application-restricted token: the token alone, no role headers (they are not allowed then). */
export function applicationCredentials(token: AccessTokenSource): ErsCredentials {
  return {
    accessToken: () => token.get(),
    invalidate: () => token.invalidate(),
    roleHeaders: async () => ({}),
  };
}
