import DataLoader from 'dataloader';
import { Referral } from '../schema/referral.type';
import { HealthcareService } from '../schema/healthcare-service.type';
import { CodeSystem, CodeSystemType } from '../schema/code-system.type';
import { ErsClient } from './ers/client';
import { ErsError } from './ers/errors';
import { fetchReferralRequest } from './ers/referral-request.api';
import { fetchCodeSystem } from './ers/code-system.api';
import { fetchHealthcareService } from './ers/healthcare-service.api';
import { mapReferralRequest } from './ers/referral.mapper';
import { mapCodeSystem } from './ers/code-system.mapper';
import { mapHealthcareService } from './ers/healthcare-service.mapper';
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

/** A referral read: the current version, or one version of its history. */
export interface ReferralKey {
  ubrn: string;
  version?: string;
}

/**
 * The per-request loaders. e-RS has no batch read for these resources, so a "batch" is the set
 * of distinct keys one request asks for: each is fetched once (DataLoader dedupes), and the
 * client bounds how many run at once.
 */
export interface Loaders {
  referral: DataLoader<ReferralKey, Referral, string>;
  healthcareService: DataLoader<string, HealthcareService>;
  codeSystem: DataLoader<CodeSystemType, CodeSystem>;
  /** A008 worklists, keyed by the whole request (type and filters). */
  referralWorklist: DataLoader<WorklistRequest, Worklist, string>;
  /** A029 actions of one version of a referral. */
  availableActions: DataLoader<{ ubrn: string; version: string }, AvailableActions, string>;
  /** A038 appointments, current or one version. */
  appointment: DataLoader<{ id: string; version?: string }, Appointment, string>;
  /** A041 service requests (R4 ids) behind a UBRN. */
  serviceRequests: DataLoader<string, ServiceRequest[]>;
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
      result.status === 'fulfilled'
        ? result.value
        : result.reason instanceof Error
          ? result.reason
          : new Error('e-RS call failed'),
    );
  };
}

/** Builds fresh loaders for one GraphQL request, bound to that request's e-RS client. */
export function createLoaders(ers: ErsClient): Loaders {
  return {
    referral: new DataLoader<ReferralKey, Referral, string>(
      eachKey(async ({ ubrn, version }) => {
        const { body, etag } = await fetchReferralRequest(ers, ubrn, version);
        return mapped('A005', () => mapReferralRequest(body, etag));
      }),
      { cacheKeyFn: ({ ubrn, version }) => `${ubrn}/${version ?? ''}` },
    ),
    healthcareService: new DataLoader<string, HealthcareService>(
      eachKey(async (id) => {
        const { body, etag } = await fetchHealthcareService(ers, id);
        return mapped('A033', () => mapHealthcareService(body, etag));
      }),
    ),
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
        const { body, etag } = await fetchAppointment(ers, id, version);
        return mapped('A038', () => mapAppointment(body, etag));
      }),
      { cacheKeyFn: ({ id, version }) => `${id}/${version ?? ''}` },
    ),
    serviceRequests: new DataLoader<string, ServiceRequest[]>(
      eachKey(async (ubrn) => {
        const { body } = await searchServiceRequests(ers, ubrn);
        return mapped('A041', () => mapServiceRequests(body));
      }),
    ),
    codeSystem: new DataLoader<CodeSystemType, CodeSystem>(
      eachKey(async (type) => {
        const { body } = await fetchCodeSystem(ers, type);
        return mapped('A004', () => mapCodeSystem(body));
      }),
    ),
  };
}
