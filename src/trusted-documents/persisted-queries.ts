import type Keyv from 'keyv';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, PrefixingKeyValueCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { TrustedDocuments } from './manifest';

/** How long an automatic persisted query is kept after its registration. A client whose hash has expired gets PERSISTED_QUERY_NOT_FOUND and sends the text again. */
export const APQ_TTL_SECONDS = 24 * 60 * 60;

/**
 * The largest document kept as an automatic persisted query, in UTF-16 code units. A longer one
 * still runs, sent with its text every time: the cap bounds what anyone can make ers-graph keep in
 * Redis (or in memory while Redis is away). Front-end screens are a few hundred to a few thousand characters.
 */
export const APQ_MAX_DOCUMENT_LENGTH = 16 * 1024;

/**
 * Six digits in a row: an NHS number, a UBRN, an SDS user id written into a document rather than
 * passed as a variable. Such a document runs, but is not kept: a document kept as a persisted query
 * is shared across requests and instances, and patient data is never cached across requests.
 */
const IDENTIFIER_LIKE = /\d{6}/;

/** Whether a document may be kept as an automatic persisted query. */
export function persistable(document: string): boolean {
  return document.length <= APQ_MAX_DOCUMENT_LENGTH && !IDENTIFIER_LIKE.test(document);
}

/**
 * The automatic persisted queries (APQ) of Apollo's protocol: a client sends a document's sha256
 * alone and, when the server does not hold it (PERSISTED_QUERY_NOT_FOUND), sends it once with its
 * text. Kept where `store` keeps things (Redis with REDIS_URL, so a hash registered on one instance
 * works on all), or without a store in a bounded in-memory LRU (Apollo's default; keyv's own memory
 * store has no bound, and anyone may register documents). Documents that are too long or that
 * carry identifiers are run but not kept (`persistable`).
 */
export class AutomaticPersistedQueries implements KeyValueCache<string> {
  private readonly cache: KeyValueCache<string>;

  constructor(store?: Keyv) {
    // Batched reads buy nothing here (one document per request) and would need the store's getMany.
    this.cache = store ? new KeyvAdapter<string>(store, { disableBatchReads: true }) : new InMemoryLRUCache<string>();
  }

  get(key: string): Promise<string | undefined> {
    return this.cache.get(key);
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    if (persistable(value)) await this.cache.set(key, value, options);
  }

  delete(key: string): Promise<boolean | void> {
    return this.cache.delete(key);
  }
}

/**
 * The persisted queries of a trusted-documents manifest, by hash: read-only (Apollo's attempt to
 * register a document sent with its hash changes nothing). Keys are the bare hashes: Apollo's
 * `apq:` prefix is for caches shared with other uses, and this one is not.
 */
export class TrustedDocumentsCache implements KeyValueCache<string> {
  constructor(private readonly documents: TrustedDocuments) {}

  async get(key: string): Promise<string | undefined> {
    return this.documents.get(key);
  }

  async set(): Promise<void> {}

  async delete(): Promise<boolean> {
    return false;
  }
}

/**
 * Apollo Server's `persistedQueries`: the manifest's documents when one is configured (a hash
 * runs only a registered document; persisted-documents.hook.ts refuses the rest before Apollo
 * sees them), else automatic persisted queries in the store.
 */
export function persistedQueriesOption(options: { trusted?: TrustedDocuments; store?: Keyv }): {
  cache: KeyValueCache<string>;
  ttl: number | null;
} {
  if (options.trusted) {
    return {
      cache: PrefixingKeyValueCache.cacheDangerouslyDoesNotNeedPrefixesForIsolation(new TrustedDocumentsCache(options.trusted)),
      ttl: null,
    };
  }
  return { cache: new AutomaticPersistedQueries(options.store), ttl: APQ_TTL_SECONDS };
}
