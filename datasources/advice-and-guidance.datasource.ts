import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';

/**
 * Advice and Guidance: requests (A024), conversations (A025), the A&G worklist (A023) and its writes (A026, A027, A044).
 * Made per request with the caller's e-RS client and loaders; each method names the e-RS
 * endpoint it implements. Resolvers call these methods, never an api, builder or mapper.
 */
export class AdviceAndGuidanceDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
  ) {}
}
