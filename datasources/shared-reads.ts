import { createHash } from 'node:crypto';
import type Keyv from 'keyv';
import { LRUCache } from 'lru-cache';
import type { ErsResponse } from './ers/client';
import { memoized } from './memo';

/**
 * What may be reused across GraphQL requests (DESIGN principle 3): immutable versioned resources
 * and reference data, each under the caller's access context, so one user or organisation never
 * reads another's copy.
 *
 * - Versions (`/_history/{version}` of a referral, A&G request, appointment; an A&G conversation
 *   of one version) never change once written. They hold patient data, so they stay in this
 *   process's memory (never in Redis), in a bounded LRU with a short TTL: e-RS may still change
 *   an attachment's availability (virus scan) inside a version.
 * - Reference data (A004 code systems) holds no patient data and is the same for every caller:
 *   it lives in the shared keyv store (Redis with REDIS_URL), for an hour, under one scope for
 *   everyone (`REFERENCE_DATA_SCOPE` in loaders.ts), so a role that may not call A004 (an admin)
 *   still finds the displays another caller read.
 * - Healthcare services (A035) are directory data, the same for every caller and with no patient
 *   data: shared across users and requests in the keyv store for a few minutes
 *   (SERVICE_CACHE_TTL_SECONDS), so a reloaded screen reads no service again. Once read from the
 *   store, a service is also kept mapped and frozen in this process until the store's entry
 *   expires, so a screen does not parse and map the same services on every request. The role
 *   gate of the field still runs for each caller before the store is asked. A service e-RS did
 *   not return is never kept: NOT_FOUND is asked afresh.
 * - Never cached: current reads, worklists, slots, and A029 actions ("you SHOULD NOT cache the
 *   list of available user actions", A029 page). A current read is always asked of e-RS; when
 *   e-RS answers with the very bytes of a version this caller keeps, its kept mapping is the
 *   answer (`sameAnswer`), so an unchanged referral read again is not parsed and mapped again.
 */
export interface SharedReads {
  /** Versions kept in this process's memory (live ones, and expired ones not yet swept). */
  readonly keptVersions: number;
  /** A version read: from memory when this caller read it within the TTL, else `load` (and kept). */
  version(scope: string, key: string, load: () => Promise<ErsResponse>): Promise<ErsResponse>;
  /**
   * A version read as `map` makes it: as `version`, but once reused it is also kept mapped, frozen
   * (deeply), so a screen that reads it again neither parses nor maps it again, and no request
   * can change what another gets. One key is always mapped by the same `map`.
   */
  mappedVersion<T>(scope: string, key: string, load: () => Promise<ErsResponse>, map: (response: ErsResponse) => T): Promise<T>;
  /** Keeps a version the caller read as the current one: the same version never reads differently. */
  rememberVersion(scope: string, key: string, response: ErsResponse): void;
  /**
   * A current read that is the very answer this caller keeps for version `key` (the same status,
   * ETag and text, byte for byte), as `map` makes it, frozen, without parsing or mapping it again;
   * undefined when it is not kept or differs in anything. The entry's TTL is not renewed.
   */
  sameAnswer<T>(scope: string, key: string, response: ErsResponse, map: (response: ErsResponse) => T): T | undefined;
  /** Reference data: from the shared store within the hour, else `load` (and kept). */
  reference(scope: string, key: string, load: () => Promise<ErsResponse>): Promise<ErsResponse>;
  /** Reference data kept within the hour, without reading e-RS; undefined when none (or the store is down). */
  keptReference(scope: string, key: string): Promise<ErsResponse | undefined>;
  /**
   * Healthcare services kept by any caller within the TTL, by id, as `map` makes them from the
   * FHIR resource, frozen (deeply); undefined where none, or where the kept resource no longer maps.
   * One store is always mapped by the same `map`.
   */
  services<T>(ids: readonly string[], map: (resource: unknown) => T): Promise<Array<T | undefined>>;
  /** Keeps services just read from e-RS (A035), by id. */
  keepServices(services: ReadonlyArray<{ id: string; resource: unknown }>): Promise<void>;
}

export interface SharedReadsOptions {
  /** Versions kept in memory at most (least recently used go first). */
  maxVersions?: number;
  /** Services kept mapped in memory at most (least recently used go first). */
  maxMappedServices?: number;
  versionTtlMs?: number;
  referenceTtlMs?: number;
  /** How long a healthcare service is shared (0: not at all). */
  serviceTtlMs?: number;
  now?: () => number;
  /** Each reusable read, whether it was reused: for metrics. */
  onRead?: (kind: 'version' | 'reference' | 'service', hit: boolean) => void;
}

/** Keys of the shared store (Redis) never hold a user id or UBRN in clear text. */
const hashed = (scope: string, key: string) =>
  createHash('sha256')
    .update(JSON.stringify([scope, key]))
    .digest('base64url');

/**
 * The copy of a response kept: only what the mappers read, the body as JSON text so no request
 * can change another's. The text e-RS sent is kept as it came (no serializing of a body already
 * held as text); a body built here (a write's answer) is serialized once.
 */
interface Kept {
  status: number;
  etag?: string;
  text: string;
  expiresAt: number;
  /** The version as its loader maps it, frozen; in this process's memory only (versions never leave it). */
  mapped?: unknown;
}

const keep = (response: ErsResponse, expiresAt: number): Kept => ({
  status: response.status,
  etag: response.etag,
  text: response.text ?? JSON.stringify(response.body),
  expiresAt,
});
const restore = (kept: Kept): ErsResponse => ({ status: kept.status, etag: kept.etag, body: JSON.parse(kept.text) });
/** A kept response still good at `at` (an entry of another shape, e.g. an older release's in Redis, is a miss). */
const fresh = (kept: Kept | undefined, at: number): kept is Kept =>
  kept !== undefined && typeof kept.status === 'number' && typeof kept.text === 'string' && kept.expiresAt > at;
/** Freezes a mapped value and everything it holds, so requests that share it cannot change it. */
function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const inner of Object.values(value)) deepFreeze(inner);
  return value;
}

/** A healthcare service kept for every caller: the FHIR resource as JSON text. */
interface KeptService {
  text: string;
  expiresAt: number;
}

export function createSharedReads(reference: Keyv, options: SharedReadsOptions = {}): SharedReads {
  const maxVersions = options.maxVersions ?? 2000;
  const versionTtlMs = options.versionTtlMs ?? 5 * 60_000;
  const referenceTtlMs = options.referenceTtlMs ?? 60 * 60_000;
  const serviceTtlMs = options.serviceTtlMs ?? 5 * 60_000;
  // Shared by every caller on purpose: directory data, so no access context in the key. Worked out
  // once per id (a screen asks for the same few services on every request).
  const serviceKey = memoized((id) => hashed('directory', `A035/${id}`), 10_000);
  const now = options.now ?? Date.now;
  // Services as mapped, each until its entry in the store expires (a copy never outlives what it copies).
  const mappedServices = new LRUCache<string, { value: unknown; expiresAt: number }>({ max: options.maxMappedServices ?? 2000 });
  // A Map keeps insertion order: re-inserting on every hit makes its first entry the least recently used.
  // Its keys are in clear: it holds the versions themselves, in this process only, so hashing them hides nothing.
  const versions = new Map<string, Kept>();
  const versionId = (scope: string, key: string) => `${scope}\u0000${key}`;

  let remembered = 0;
  const remember = (id: string, response: ErsResponse): void => {
    versions.delete(id);
    versions.set(id, keep(response, now() + versionTtlMs));
    while (versions.size > maxVersions) versions.delete(versions.keys().next().value!);
    // Every 500 versions kept, those past their TTL go: a hit does not renew an entry's TTL, so
    // without this the map fills to its bound with versions nobody may read any more.
    if (++remembered % 500 === 0) {
      const at = now();
      for (const [key, kept] of versions) if (kept.expiresAt <= at) versions.delete(key);
    }
  };
  /** This caller's kept copy of a version, made the most recently used; undefined when none or expired. */
  const live = (id: string): Kept | undefined => {
    const kept = versions.get(id);
    if (!fresh(kept, now())) return undefined;
    versions.delete(id);
    versions.set(id, kept);
    return kept;
  };
  /** `live`, counted as a reuse (or not) of a version read. */
  const recall = (id: string): Kept | undefined => {
    const kept = live(id);
    options.onRead?.('version', kept !== undefined);
    return kept;
  };
  /** A kept version as `map` makes it: mapped on first use, frozen, then the same object for every reuse. */
  const mappedOf = <T>(kept: Kept, map: (response: ErsResponse) => T): T => (kept.mapped ??= deepFreeze(map(restore(kept)))) as T;

  return {
    get keptVersions() {
      return versions.size;
    },
    async version(scope, key, load) {
      const id = versionId(scope, key);
      const kept = recall(id);
      if (kept) return restore(kept);
      const response = await load();
      remember(id, response);
      return response;
    },
    async mappedVersion<T>(scope: string, key: string, load: () => Promise<ErsResponse>, map: (response: ErsResponse) => T) {
      const id = versionId(scope, key);
      const kept = recall(id);
      if (kept) return mappedOf(kept, map);
      // The first read is kept as text only, and mapped for this request: a version read once (a cold
      // screen) costs no freezing; its first reuse maps and freezes it for the reuses after.
      const response = await load();
      remember(id, response);
      return map(response);
    },
    rememberVersion(scope, key, response) {
      remember(versionId(scope, key), response);
    },
    sameAnswer<T>(scope: string, key: string, response: ErsResponse, map: (response: ErsResponse) => T) {
      if (response.text === undefined) return undefined;
      const kept = live(versionId(scope, key));
      const same = kept?.text === response.text && kept.etag === response.etag && kept.status === response.status;
      return same ? mappedOf(kept, map) : undefined;
    },
    async reference(scope, key, load) {
      const id = hashed(scope, key);
      const kept = (await reference.get(id).catch(() => undefined)) as Kept | undefined;
      const hit = fresh(kept, now());
      options.onRead?.('reference', hit);
      if (hit) return restore(kept);
      const response = await load();
      // A store that is down costs a re-read next time, never this answer.
      await reference.set(id, keep(response, now() + referenceTtlMs), referenceTtlMs).catch(() => undefined);
      return response;
    },
    async keptReference(scope, key) {
      const kept = (await reference.get(hashed(scope, key)).catch(() => undefined)) as Kept | undefined;
      const hit = fresh(kept, now());
      options.onRead?.('reference', hit);
      return hit ? restore(kept) : undefined;
    },
    async services<T>(ids: readonly string[], map: (resource: unknown) => T) {
      if (serviceTtlMs <= 0) return ids.map(() => undefined);
      const at = now();
      const local = ids.map((id) => {
        const entry = mappedServices.get(id);
        if (entry && entry.expiresAt <= at) mappedServices.delete(id);
        return entry && entry.expiresAt > at ? (entry.value as T) : undefined;
      });
      const kept = await Promise.all(
        ids.map((id, i) =>
          local[i] === undefined ? (reference.get(serviceKey(id)) as Promise<KeptService | undefined>).catch(() => undefined) : undefined,
        ),
      );
      return ids.map((id, i) => {
        const entry = kept[i];
        let value = local[i];
        if (value === undefined && entry !== undefined && entry.expiresAt > now()) {
          try {
            value = deepFreeze(map(JSON.parse(entry.text)));
            mappedServices.set(id, { value, expiresAt: entry.expiresAt });
          } catch {
            // A kept copy that no longer maps is a miss: it is read again.
          }
        }
        options.onRead?.('service', value !== undefined);
        return value;
      });
    },
    async keepServices(services) {
      if (serviceTtlMs <= 0) return;
      const expiresAt = now() + serviceTtlMs;
      // A store that is down costs a re-read next time, never this answer.
      await Promise.all(
        services.map(({ id, resource }) =>
          reference
            .set(serviceKey(id), { text: JSON.stringify(resource), expiresAt } satisfies KeptService, serviceTtlMs)
            .catch(() => undefined),
        ),
      );
    },
  };
}
