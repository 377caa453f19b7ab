import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';

/**
 * The e-RS directory: healthcare services (A033, A035, A037) and service search (A010).
 * Made per request with the caller's e-RS client and loaders; each method names the e-RS
 * endpoint it implements. Resolvers call these methods, never an api, builder or mapper.
 */
export class DirectoryDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
  ) {}
}
