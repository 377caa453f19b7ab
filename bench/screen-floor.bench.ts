/**
 * Issue 15, goal 1, the floor under the referral detail screen: how close to the optimal REST
 * client any GraphQL server of this stack can come on it. The warm detail screen (README "A first
 * query", its services kept) is one A005 at e-RS latency 25 ms, so what a server adds is its hop:
 * the browser's request to it, its own call out, the answer back, two processes woken from idle
 * each time. Each side opens one screen at a time, as a user does, in interleaved rounds:
 *
 * - the optimal client (bench/lib/optimal-client.ts: keep-alive `node:http` straight to e-RS);
 * - bare Fastify + Apollo Server 5 (bench/lib/bare-graphql.ts), one field that reads the same
 *   A005 by `node:http`, then by axios with ers-graph's adapter: the stack with no code of ours;
 * - ers-graph, the warm detail screen.
 *
 *   npm run bench:screen-floor
 *   node dist/bench/screen-floor.bench.js [--checkout <dir>] [--latency-ms 25] [--rounds 6] [--screens 60]
 *        [--out bench/results/screen-floor.json]
 *
 * `--checkout` measures another built checkout's ers-graph (the bare servers and the client are
 * always this checkout's). A benchmark, not a test: nothing is asserted. Talks only to 127.0.0.1.
 */
import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { bareErsHeaders, startBareServer } from './lib/bare-servers';
import { CallBound, DETAIL_QUERY, optimalDetail, ScreenCalls, ApimApplication, type ServiceStore } from './lib/optimal-client';
import { benchOptions } from './lib/options';
import { measuredOn, writeResult } from './lib/results';
import {
  assertBuilt,
  BENCH_USERS,
  graphqlRequest,
  idTokenFor,
  keepAliveAgent,
  type NodeProcess,
  percentile,
  startErsGraphProcess,
  startSimulatorProcess,
} from './lib/processes';

const HERE = path.resolve(__dirname, '..', '..');
const UBRN = '000050000001';
const USAGE =
  'Usage: node dist/bench/screen-floor.bench.js [--checkout <dir>] [--latency-ms 25] [--rounds 6] [--screens 60] ' +
  '[--out bench/results/screen-floor.json]';

interface Side {
  name: string;
  /** Opens one screen; rejects on a wrong answer. */
  open: () => Promise<void>;
  ms: number[];
}

async function main(): Promise<void> {
  const options = benchOptions(
    process.argv.slice(2),
    { checkout: HERE, latencyMs: 25, rounds: 6, screens: 60, out: 'bench/results/screen-floor.json' },
    USAGE,
    { minimums: { rounds: 1, screens: 1 } },
  );
  const checkout = path.resolve(options.checkout);
  assertBuilt(checkout);
  assertBuilt(HERE);
  const simulator = await startSimulatorProcess(HERE, { latencyMs: options.latencyMs });
  const processes: NodeProcess[] = [];
  const agent = keepAliveAgent();
  try {
    const idToken = await idTokenFor(agent, simulator.origin, BENCH_USERS.referrer);
    const sides: Side[] = [];

    // The optimal client, signed in once, the services kept (as on ers-graph's warm screen).
    const app = await ApimApplication.register(agent, simulator.origin);
    const session = await new ScreenCalls(agent, simulator.baseUrl, new CallBound(8)).signIn(app, idToken);
    const services: ServiceStore = new Map();
    sides.push({
      name: 'optimal REST client',
      open: async () => {
        const screen = (await optimalDetail(new ScreenCalls(agent, simulator.baseUrl, new CallBound(8)), session, services)) as {
          ubrn?: string;
        };
        if (screen.ubrn !== UBRN) throw new Error(`the optimal client read ${String(screen.ubrn)}`);
      },
      ms: [],
    });

    const ersHeaders = await bareErsHeaders(agent, simulator, idToken);
    for (const mode of ['node-http', 'axios-ers-adapter'] as const) {
      const bare = await startBareServer(HERE, mode, simulator, ersHeaders);
      processes.push(bare);
      sides.push({
        name: `bare Fastify + Apollo, A005 by ${mode}`,
        open: async () => {
          const { data } = await graphqlRequest<{ referral: string }>(agent, bare.url, idToken, `{ referral(ubrn: "${UBRN}") }`);
          if (data.referral !== UBRN) throw new Error(`a bare server answered ${data.referral}`);
        },
        ms: [],
      });
    }

    const server = await startErsGraphProcess(checkout, simulator);
    processes.push(server);
    sides.push({
      name: 'ers-graph, warm detail screen',
      open: async () => {
        const { data } = await graphqlRequest<{ referral: { ubrn: string } }>(agent, server.graphqlUrl, idToken, DETAIL_QUERY);
        if (data.referral.ubrn !== UBRN) throw new Error(`ers-graph answered ${data.referral.ubrn}`);
      },
      ms: [],
    });

    // Untimed: JIT, connections, and the kept version and services of the warm screen.
    for (const side of sides) for (let i = 0; i < 30; i++) await side.open();
    for (let round = 0; round < options.rounds; round++) {
      // Alternate the order, so no side always follows the same one.
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) {
        for (let i = 0; i < options.screens; i++) {
          const started = performance.now();
          await side.open();
          side.ms.push(performance.now() - started);
        }
      }
      process.stderr.write(`round ${round + 1}/${options.rounds}\n`);
    }

    const optimal = sides[0];
    const table = sides.map((side) => ({
      side: side.name,
      screens: side.ms.length,
      p50Ms: percentile(side.ms, 50),
      p95Ms: percentile(side.ms, 95),
      ratioP50: percentile(side.ms, 50) / percentile(optimal.ms, 50),
      ratioP95: percentile(side.ms, 95) / percentile(optimal.ms, 95),
    }));
    const out = writeResult(options.out, {
      ...measuredOn('screen-floor'),
      checkout,
      settings: { latencyMs: options.latencyMs, rounds: options.rounds, screensPerRound: options.screens },
      sides: table,
    });
    process.stdout.write(
      `\nthe floor of the warm referral detail screen: one screen at a time, e-RS latency ${options.latencyMs} ms, ` +
        `${options.rounds} x ${options.screens} screens per side, interleaved; ${os.cpus().length} cores, Node ${process.version}\n\n` +
        '| side | p50 ms | p95 ms | ratio p50 | ratio p95 |\n|---|---|---|---|---|\n',
    );
    for (const row of table) {
      process.stdout.write(
        `| ${row.side} | ${row.p50Ms.toFixed(2)} | ${row.p95Ms.toFixed(2)} | ${row.ratioP50.toFixed(3)}x | ${row.ratioP95.toFixed(3)}x |\n`,
      );
    }
    process.stdout.write(`\nJSON: ${out}\n`);
  } finally {
    agent.destroy();
    await Promise.all(processes.map((proc) => proc.stop()));
    await simulator.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
