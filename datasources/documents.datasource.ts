import type { ErsClient } from './ers/client';
import type { Loaders } from './loaders';

/**
 * The document store: uploads (A020).
 * Made per request with the caller's e-RS client and loaders; each method names the e-RS
 * endpoint it implements. Resolvers call these methods, never an api, builder or mapper.
 */
export class DocumentsDataSource {
  constructor(
    protected readonly ers: ErsClient,
    protected readonly loaders: Loaders,
  ) {}
}
