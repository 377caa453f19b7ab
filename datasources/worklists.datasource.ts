import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';

/**
 * Referral worklists (A008).
 * Made per request with the caller's e-RS client and loaders; each method names the e-RS
 * endpoint it implements. Resolvers call these methods, never an api, builder or mapper.
 */
export class WorklistsDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
  ) {}
}
