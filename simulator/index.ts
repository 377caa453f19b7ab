/**
 * The embedded e-RS simulator: a Fastify server answering e-RS FHIR paths under /FHIR over a
 * seeded synthetic world, so `${baseUrl}` can stand in for https://sandbox.api.service.nhs.uk/referrals/FHIR.
 */
import type { AddressInfo } from 'node:net';
import { buildWorld } from './data/seed';
import type { World } from './data/world';
import { FaultInjector, type FaultRule } from './faults';
import { buildSimulatorServer } from './server';
import type { RecordedCall, SimulatorState } from './state';

export interface SimulatorOptions {
  /** Interface to listen on; 127.0.0.1 by default. */
  host?: string;
  /** 0 (the default) = a free port. */
  port?: number;
  seed?: number;
  /** ISO instant the data set treats as "now" (default 2025-03-03T09:00:00.000Z). */
  anchor?: string;
  /** Delay added to every /FHIR request. */
  latencyMs?: number;
  faults?: FaultRule[];
  logger?: boolean;
  /**
   * Whether user-restricted callers must belong to a referral's referring organisation
   * (referrer roles) or provider organisation (provider roles) to read it. Default true.
   */
  enforceRelationships?: boolean;
}

export interface RunningSimulator {
  /** http://127.0.0.1:PORT/FHIR */
  baseUrl: string;
  port: number;
  world: World;
  calls: RecordedCall[];
  resetCalls(): void;
  setFaults(rules: FaultRule[]): void;
  close(): Promise<void>;
}

/** Builds the world for the seed and starts the simulator; resolves once it is listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const world = buildWorld({ seed: options.seed, anchor: options.anchor });
  const sim: SimulatorState = {
    world,
    baseUrl: '',
    faults: new FaultInjector(options.faults ?? []),
    calls: [],
    latencyMs: options.latencyMs ?? 0,
    enforceRelationships: options.enforceRelationships ?? true,
  };
  const app = buildSimulatorServer(sim, { logger: options.logger });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ host, port: options.port ?? 0 });
  const port = (app.server.address() as AddressInfo).port;
  // A wildcard listen address is not dialable; clients on this machine use loopback.
  const dialHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  sim.baseUrl = `http://${dialHost}:${port}/FHIR`;

  return {
    baseUrl: sim.baseUrl,
    port,
    world,
    calls: sim.calls,
    resetCalls: () => {
      // Cleared in place so references to `calls` stay live.
      sim.calls.length = 0;
    },
    setFaults: (rules) => sim.faults.set(rules),
    close: () => app.close(),
  };
}

export type { FaultRule } from './faults';
export { parseFaultSpec } from './faults';
export type { RecordedCall } from './state';
export { ENDPOINT_ACCESS, checkAccess, type EndpointAccess, type EndpointId } from './access';
export * from './data';
