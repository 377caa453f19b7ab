/**
 * Starting the bare servers of bench/lib/bare-graphql.ts from a benchmark (kept apart from that
 * script, so the bare process loads nothing of the benchmark harness).
 */
import type http from 'node:http';
import type { BareMode } from './bare-graphql';
import { ApimApplication, CallBound, ScreenCalls } from './optimal-client';
import { type NodeProcess, type SimulatorProcess, startNode } from './processes';

/** The e-RS headers of a signed-in user (the simulator's APIM token and role) that a bare server sends. */
export async function bareErsHeaders(agent: http.Agent, simulator: SimulatorProcess, idToken: string): Promise<Record<string, string>> {
  const app = await ApimApplication.register(agent, simulator.origin);
  const session = await new ScreenCalls(agent, simulator.baseUrl, new CallBound(Infinity)).signIn(app, idToken);
  return { Accept: 'application/fhir+json', ...session.roleHeaders, Authorization: `Bearer ${session.accessToken}` };
}

/** A bare server of this checkout as its own process, reading A005 from `simulator` in `mode`. */
export async function startBareServer(
  checkout: string,
  mode: BareMode,
  simulator: SimulatorProcess,
  ersHeaders: Record<string, string>,
): Promise<NodeProcess & { url: string }> {
  const ready = /bare graphql ready: (\S+)/;
  const bare = await startNode(checkout, 'dist/bench/lib/bare-graphql.js', {
    args: [mode, simulator.baseUrl],
    env: { BARE_ERS_HEADERS: JSON.stringify(ersHeaders) },
    ready,
  });
  return { ...bare, url: ready.exec(bare.output())![1] };
}
