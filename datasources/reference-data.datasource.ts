import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';

/**
 * e-RS reference data: code systems (A004).
 * Made per request with the caller's e-RS client and loaders; each method names the e-RS
 * endpoint it implements. Resolvers call these methods, never an api, builder or mapper.
 */
export class ReferenceDataDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
  ) {}
}
