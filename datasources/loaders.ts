import DataLoader from 'dataloader';
import { Referral } from '../schema/referral.type';
import { HealthcareService } from '../schema/healthcare-service.type';
import { CodeSystem, CodeSystemType } from '../schema/code-system.type';
import { ErsClient, ErsResponse } from './ers/client';
import type { SharedReads } from './shared-reads';
import { ErsError } from './ers/errors';
import type { EndpointId } from './ers/endpoints';
import { fetchReferralRequest } from './ers/referral-request.api';
import { fetchCodeSystem } from './ers/code-system.api';
import { MAX_SERVICE_IDS_PER_SEARCH, searchHealthcareServices } from './ers/healthcare-service.api';
import { mapReferralRequest } from './ers/referral.mapper';
import { mapCodeSystem } from './ers/code-system.mapper';
import { mapHealthcareService } from './ers/healthcare-service.mapper';
import { bundleResources, expectResource, readString, versionFromEtag } from './ers/fhir';
import { Worklist } from '../schema/worklist-item.type';
import { Appointment } from '../schema/appointment.type';
import { ServiceRequest } from '../schema/service-request.type';
import { fetchReferralWorklist } from './ers/worklist.api';
import { buildFetchWorklistParameters, WorklistRequest } from './ers/worklist.builder';
import { mapWorklist } from './ers/worklist.mapper';
import { fetchAvailableActions } from './ers/task.api';
import { AvailableActions, mapAvailableActions } from './ers/available-actions.mapper';
import { fetchAppointment } from './ers/appointment.api';
import { mapAppointment } from './ers/appointment.mapper';
import { searchServiceRequests } from './ers/service-request.api';
import { mapServiceRequests } from './ers/service-request.mapper';
import { fetchAppointmentSlots, SlotSearch } from './ers/slot.api';
import { AppointmentSlotPage, mapAppointmentSlots } from './ers/slot.mapper';
import { AdviceAndGuidanceMessage, AdviceAndGuidanceRequest } from '../schema/advice-and-guidance.type';
import { AdviceAndGuidanceWorklistItem } from '../schema/worklist-item.type';
import { fetchAdviceAndGuidanceWorklist, fetchCommunicationRequest } from './ers/communication-request.api';
import { fetchAdviceAndGuidanceConversation } from './ers/communication.api';
import { AdviceAndGuidanceWorklistRequest, buildAdviceAndGuidanceWorklistParameters } from './ers/advice-and-guidance-worklist.builder';
import { mapAdviceAndGuidanceWorklist } from './ers/advice-and-guidance-worklist.mapper';
import { mapCommunicationRequest } from './ers/communication-request.mapper';
import { mapAdviceAndGuidanceConversation } from './ers/communication.mapper';

/** A referral read: the current version, or one version of its history. */
export interface ReferralKey {
  ubrn: string;
  version?: string;
}

/**
 * The per-request loaders. Each distinct key is fetched once per request (DataLoader dedupes) and
 * the client bounds how many calls run at once. e-RS has a batch read for healthcare services
 * only (A035, up to 20 ids a call): that loader sends one call per 20 distinct ids; the others
 * have none, so their "batch" is one call per key.
 */
export interface Loaders {
  referral: DataLoader<ReferralKey, Referral, string>;
  /** A035 healthcare services by id: one call per 20 distinct ids, shared across requests and users for a few minutes. */
  healthcareService: DataLoader<string, HealthcareService>;
  codeSystem: DataLoader<CodeSystemType, CodeSystem>;
  /**
   * A004 for display texts only, for a caller whose role may not call A004 (an admin): the code
   * system every caller shares, read with the deployment's application-restricted token when
   * there is one, else only if another caller read it within the hour; null when neither (never an error).
   */
  codeSystemForDisplay: DataLoader<CodeSystemType, CodeSystem | null>;
  /** A008 worklists, keyed by the whole request (type and filters). */
  referralWorklist: DataLoader<WorklistRequest, Worklist, string>;
  /** A029 actions of one version of a referral. */
  availableActions: DataLoader<{ ubrn: string; version: string }, AvailableActions, string>;
  /** A038 appointments, current or one version. */
  appointment: DataLoader<{ id: string; version?: string }, Appointment, string>;
  /** A041 service requests (R4 ids) behind a UBRN. */
  serviceRequests: DataLoader<string, ServiceRequest[]>;
  /** A015 pages of free slots. */
  slots: DataLoader<SlotSearch, AppointmentSlotPage, string>;
  /** A024 A&G requests, current or one version (a current read also fills its version's entry). */
  adviceAndGuidance: DataLoader<AdviceAndGuidanceKey, AdviceAndGuidanceRequest, string>;
  /** A025 conversations of one version of an A&G request, oldest message first. */
  adviceAndGuidanceConversation: DataLoader<{ ubrn: string; version: string }, AdviceAndGuidanceMessage[], string>;
  /** A023 A&G worklists, keyed by the whole request (filters). */
  adviceAndGuidanceWorklist: DataLoader<AdviceAndGuidanceWorklistRequest, AdviceAndGuidanceWorklistItem[], string>;
  /**
   * The referral as a write answered with it (A011, A012, A013, ...: the updated ReferralRequest):
   * kept as this request's current read of the referral and as the read of its version, just as
   * an A005 re-read would be, without the call.
   */
  referralWritten(endpoint: EndpointId, written: { resource: unknown; etag?: string }): Promise<Referral>;
  /** The A&G request as a write answered with it (A044, A026: the CommunicationRequest), kept as an A024 read would be. */
  adviceAndGuidanceWritten(endpoint: EndpointId, written: { resource: unknown; etag?: string }): Promise<AdviceAndGuidanceRequest>;
}

/** An A&G request read: the current version, or one version. */
export interface AdviceAndGuidanceKey {
  ubrn: string;
  version?: string;
}

/** Runs `mapper` and turns a malformed upstream body into a typed error (no data in it). */
function mapped<T>(endpoint: string, mapper: () => T): T {
  try {
    return mapper();
  } catch (cause) {
    throw new ErsError('UPSTREAM_ERROR', { endpoint, transport: 'INVALID_RESPONSE', cause });
  }
}

/** Loads every key independently; one failure becomes that key's error, not the batch's. */
function eachKey<K, V>(load: (key: K) => Promise<V>) {
  return async (keys: readonly K[]): Promise<Array<V | Error>> => {
    const settled = await Promise.allSettled(keys.map(load));
    return settled.map((result) =>
      result.status === 'fulfilled' ? result.value : result.reason instanceof Error ? result.reason : new Error('e-RS call failed'),
    );
  };
}

/** Reads shared across requests (src/cache/shared-reads.ts), under the caller's access context. */
export interface SharedReadsOfCaller {
  reads: SharedReads;
  /** The caller's access context (user, role, organisation), once the gates have let a field through. */
  scope: () => Promise<string>;
}

/** e-RS reference data is the same for every caller and holds no patient data: one scope for all. */
export const REFERENCE_DATA_SCOPE = 'reference-data';

/**
 * Builds fresh loaders for one GraphQL request, bound to that request's e-RS client. With
 * `shared`, immutable versions and reference data are reused across this caller's requests.
 */
export function createLoaders(ers: ErsClient, shared?: SharedReadsOfCaller, application?: ErsClient): Loaders {
  /** A read of one version: the same for ever, so from the caller's shared copy when there is one. */
  const versionRead = async <T>(key: string, load: () => Promise<ErsResponse>, map: (response: ErsResponse) => T): Promise<T> =>
    shared ? shared.reads.mappedVersion(await shared.scope(), key, load, map) : map(await load());
  /** A current read is also the read of its version: keep it as that. */
  const asVersion = async (key: string, response: ErsResponse): Promise<void> => {
    if (shared) shared.reads.rememberVersion(await shared.scope(), key, response);
  };
  /**
   * A current read that is, byte for byte, the version this caller keeps (`prefix/<the ETag's
   * version>`), as kept mapped: an unchanged referral read again is neither parsed nor mapped.
   */
  const sameAsKept = async <T>(prefix: string, response: ErsResponse, map: (response: ErsResponse) => T): Promise<T | undefined> => {
    const version = shared && versionFromEtag(response.etag);
    return version ? shared.reads.sameAnswer(await shared.scope(), `${prefix}/${version}`, response, map) : undefined;
  };
  const referenceRead = async (key: string, load: () => Promise<ErsResponse>): Promise<ErsResponse> =>
    shared ? shared.reads.reference(REFERENCE_DATA_SCOPE, key, load) : load();
  const keptReference = async (key: string): Promise<ErsResponse | undefined> =>
    shared ? shared.reads.keptReference(REFERENCE_DATA_SCOPE, key) : undefined;

  const adviceAndGuidance: Loaders['adviceAndGuidance'] = new DataLoader(
    eachKey(async ({ ubrn, version }: AdviceAndGuidanceKey) => {
      const read = () => fetchCommunicationRequest(ers, ubrn, version);
      const map = (response: ErsResponse) => mapped('A024', () => mapCommunicationRequest(response.body, response.etag));
      if (version !== undefined) return versionRead(`A024/${ubrn}/${version}`, read, map);
      const response = await read();
      const kept = await sameAsKept(`A024/${ubrn}`, response, map);
      const request = kept ?? map(response);
      // A version never changes, so the current read also answers a read of its version.
      if (request.version) {
        adviceAndGuidance.prime({ ubrn, version: request.version }, request);
        if (!kept) await asVersion(`A024/${ubrn}/${request.version}`, response);
      }
      return request;
    }),
    { cacheKeyFn: ({ ubrn, version }) => `${ubrn}/${version ?? ''}` },
  );
  const referral: Loaders['referral'] = new DataLoader<ReferralKey, Referral, string>(
    eachKey(async ({ ubrn, version }) => {
      const read = () => fetchReferralRequest(ers, ubrn, version);
      const map = (response: ErsResponse) => mapped('A005', () => mapReferralRequest(response.body, response.etag));
      if (version !== undefined) return versionRead(`A005/${ubrn}/${version}`, read, map);
      const response = await read();
      const kept = await sameAsKept(`A005/${ubrn}`, response, map);
      if (kept) return kept;
      const referral = map(response);
      await asVersion(`A005/${ubrn}/${referral.version}`, response);
      return referral;
    }),
    { cacheKeyFn: ({ ubrn, version }) => `${ubrn}/${version ?? ''}` },
  );
  return {
    referralWritten: async (endpoint, { resource, etag }) => {
      const written = mapped(endpoint, () => mapReferralRequest(resource, etag));
      referral.clear({ ubrn: written.ubrn }).prime({ ubrn: written.ubrn }, written);
      await asVersion(`A005/${written.ubrn}/${written.version}`, { status: 200, body: resource, etag });
      return written;
    },
    adviceAndGuidanceWritten: async (endpoint, { resource, etag }) => {
      const written = mapped(endpoint, () => mapCommunicationRequest(resource, etag));
      adviceAndGuidance.clear({ ubrn: written.ubrn }).prime({ ubrn: written.ubrn }, written);
      if (written.version) {
        adviceAndGuidance
          .clear({ ubrn: written.ubrn, version: written.version })
          .prime({ ubrn: written.ubrn, version: written.version }, written);
        await asVersion(`A024/${written.ubrn}/${written.version}`, { status: 200, body: resource, etag });
      }
      return written;
    },
    adviceAndGuidance,
    adviceAndGuidanceConversation: new DataLoader<{ ubrn: string; version: string }, AdviceAndGuidanceMessage[], string>(
      eachKey(async ({ ubrn, version }) => {
        return versionRead(
          `A025/${ubrn}/${version}`,
          () => fetchAdviceAndGuidanceConversation(ers, ubrn, version),
          ({ body }) => mapped('A025', () => mapAdviceAndGuidanceConversation(body)),
        );
      }),
      { cacheKeyFn: ({ ubrn, version }) => `${ubrn}/${version}` },
    ),
    adviceAndGuidanceWorklist: new DataLoader<AdviceAndGuidanceWorklistRequest, AdviceAndGuidanceWorklistItem[], string>(
      eachKey(async (request) => {
        const { body } = await fetchAdviceAndGuidanceWorklist(ers, buildAdviceAndGuidanceWorklistParameters(request, ers.baseUrl));
        return mapped('A023', () => mapAdviceAndGuidanceWorklist(body));
      }),
      { cacheKeyFn: (request) => JSON.stringify(request) },
    ),
    referral,
    healthcareService: new DataLoader<string, HealthcareService>((ids) => loadHealthcareServices(ers, ids, shared?.reads), {
      maxBatchSize: MAX_SERVICE_IDS_PER_SEARCH,
    }),
    referralWorklist: new DataLoader<WorklistRequest, Worklist, string>(
      eachKey(async (request) => {
        const { body } = await fetchReferralWorklist(ers, buildFetchWorklistParameters(request, ers.baseUrl));
        return mapped('A008', () => mapWorklist(body));
      }),
      { cacheKeyFn: (request) => JSON.stringify(request) },
    ),
    availableActions: new DataLoader<{ ubrn: string; version: string }, AvailableActions, string>(
      eachKey(async ({ ubrn, version }) => {
        const { body } = await fetchAvailableActions(ers, ubrn, version);
        return mapped('A029', () => mapAvailableActions(body));
      }),
      { cacheKeyFn: ({ ubrn, version }) => `${ubrn}/${version}` },
    ),
    appointment: new DataLoader<{ id: string; version?: string }, Appointment, string>(
      eachKey(async ({ id, version }) => {
        const read = () => fetchAppointment(ers, id, version);
        const map = (response: ErsResponse) => mapped('A038', () => mapAppointment(response.body, response.etag));
        if (version !== undefined) return versionRead(`A038/${id}/${version}`, read, map);
        const response = await read();
        const appointment = map(response);
        await asVersion(`A038/${id}/${appointment.version}`, response);
        return appointment;
      }),
      { cacheKeyFn: ({ id, version }) => `${id}/${version ?? ''}` },
    ),
    serviceRequests: new DataLoader<string, ServiceRequest[]>(
      eachKey(async (ubrn) => {
        const { body } = await searchServiceRequests(ers, ubrn);
        return mapped('A041', () => mapServiceRequests(body));
      }),
    ),
    slots: new DataLoader<SlotSearch, AppointmentSlotPage, string>(
      eachKey(async (search) => {
        const { body } = await fetchAppointmentSlots(ers, search);
        return mapped('A015', () => mapAppointmentSlots(body));
      }),
      { cacheKeyFn: (search) => JSON.stringify(search) },
    ),
    codeSystem: new DataLoader<CodeSystemType, CodeSystem>(
      eachKey(async (type) => {
        const { body } = await referenceRead(`A004/${type}`, () => fetchCodeSystem(ers, type));
        return mapped('A004', () => mapCodeSystem(body));
      }),
    ),
    codeSystemForDisplay: new DataLoader<CodeSystemType, CodeSystem | null>(
      eachKey(async (type) => {
        const key = `A004/${type}`;
        try {
          const response = application ? await referenceRead(key, () => fetchCodeSystem(application, type)) : await keptReference(key);
          return response ? mapped('A004', () => mapCodeSystem(response.body)) : null;
        } catch {
          // A display is a nicety: a code system that cannot be had leaves the code without one.
          return null;
        }
      }),
    ),
  };
}

/**
 * A035: the services of one batch (at most 20 distinct ids), in key order, with an error for each
 * id e-RS did not return. Services another request read within the TTL are not read again; the
 * rest go in one call. A failed call fails every id it carried (and only those).
 */
async function loadHealthcareServices(
  ers: ErsClient,
  ids: readonly string[],
  shared?: SharedReads,
): Promise<Array<HealthcareService | Error>> {
  const services = new Map<string, HealthcareService | Error>();
  // Kept ones come mapped and frozen, shared with other requests (a kept copy that no longer maps is read again).
  const kept = shared ? await shared.services(ids, (resource) => mapHealthcareService(resource)) : [];
  ids.forEach((id, i) => {
    if (kept[i] !== undefined) services.set(id, kept[i]);
  });
  const missing = ids.filter((id) => !services.has(id));
  if (missing.length === 0) return ids.map((id) => services.get(id)!);

  let failure: Error | undefined;
  try {
    const { body } = await searchHealthcareServices(ers, missing);
    const resources = mapped('A035', () => bundleResources(expectResource(body, 'Bundle'), 'HealthcareService'));
    const fresh: Array<{ id: string; resource: unknown }> = [];
    for (const resource of resources) {
      const id = readString(resource.id);
      // Only what was asked: an extra entry is never served as another id.
      if (id === null || !missing.includes(id) || services.has(id)) continue;
      try {
        services.set(
          id,
          mapped('A035', () => mapHealthcareService(resource)),
        );
        fresh.push({ id, resource });
      } catch (error) {
        services.set(id, error as Error);
      }
    }
    if (shared && fresh.length > 0) await shared.keepServices(fresh);
  } catch (error) {
    failure = error instanceof Error ? error : new Error('e-RS call failed');
  }
  // DataLoader's contract: a value or an Error for every key, in key order.
  return ids.map((id) => services.get(id) ?? failure ?? new ErsError('NOT_FOUND', { endpoint: 'A035' }));
}
