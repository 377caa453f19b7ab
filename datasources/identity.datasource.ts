import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';

/**
 * Who the caller is in e-RS: on-behalf-of candidates (A040); roles (A030) come through the request's auth.
 * Made per request with the caller's e-RS client and loaders; each method names the e-RS
 * endpoint it implements. Resolvers call these methods, never an api, builder or mapper.
 */
export class IdentityDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
  ) {}
}
