/**
 * Issue 15, goal 2, the floor: how much of a single referral read's CPU the stack itself costs, so
 * the CPU ers-graph spends on it can be read against what no code of ours could remove. Each
 * side is its own process under the same closed loop (c=20) against one simulator (latency 0),
 * in interleaved rounds; CPU per request from /proc:
 *
 * - bare Fastify + Apollo Server 5 (bench/lib/bare-graphql.ts) with one field and nothing else,
 *   answering a constant, then reading A005 by `node:http`, by axios with ers-graph's adapter, and
 *   by axios with its own Node adapter;
 * - ers-graph itself: `{ __typename }` (authentication, context, plugins, no e-RS call) and the
 *   13-field `referral(ubrn:)` of bench/single-read.bench.ts.
 *
 *   npm run bench:floor
 *   node dist/bench/floor.bench.js [--checkout <dir>] [--rounds 3] [--seconds 8] [--concurrency 20] [--out bench/results/floor.json]
 *
 * `--checkout` measures another built checkout's ers-graph (the bare servers are always this
 * checkout's). A benchmark, not a test: nothing is asserted. Talks only to 127.0.0.1.
 */
import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { BARE_MODES } from './lib/bare-graphql';
import { bareErsHeaders, startBareServer } from './lib/bare-servers';
import { benchOptions } from './lib/options';
import { measuredOn, writeResult } from './lib/results';
import {
  assertBuilt,
  BENCH_USERS,
  closedLoop,
  cpuSeconds,
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
const FIELDS =
  'ubrn version status intent priority patientNhsNumber pathwayStart clinicalInfoFirstSubmitted clinicalInfoLastUpdated ' +
  'appointmentId commissioningRuleOrganisationOdsCode requestId convertedFromAdviceAndGuidanceUbrn';

const USAGE =
  'Usage: node dist/bench/floor.bench.js [--checkout <dir>] [--rounds 3] [--seconds 8] [--concurrency 20] [--out bench/results/floor.json]';

interface Side {
  name: string;
  pid: number;
  url: string;
  query: string;
  /** What a correct answer holds, checked once before anything is timed. */
  expect: (data: Record<string, unknown>) => boolean;
}

async function main(): Promise<void> {
  const options = benchOptions(
    process.argv.slice(2),
    { checkout: HERE, rounds: 3, seconds: 8, concurrency: 20, out: 'bench/results/floor.json' },
    USAGE,
    { minimums: { rounds: 1, seconds: 0.5, concurrency: 1 }, fractional: ['seconds'] },
  );
  const checkout = path.resolve(options.checkout);
  assertBuilt(checkout);
  assertBuilt(HERE);
  const simulator = await startSimulatorProcess(checkout, { latencyMs: 0 });
  const processes: NodeProcess[] = [];
  const agent = keepAliveAgent(options.concurrency);
  try {
    const idToken = await idTokenFor(agent, simulator.origin, BENCH_USERS.referrer);
    const ersHeaders = await bareErsHeaders(agent, simulator, idToken);

    const sides: Side[] = [];
    for (const mode of BARE_MODES) {
      const bare = await startBareServer(HERE, mode, simulator, ersHeaders);
      processes.push(bare);
      sides.push({
        name: `bare Fastify + Apollo, ${mode === 'constant' ? 'a constant (no e-RS call)' : `A005 by ${mode}`}`,
        pid: bare.pid,
        url: bare.url,
        query: `{ referral(ubrn: "${UBRN}") }`,
        expect: (data) => data.referral === UBRN,
      });
    }
    const server = await startErsGraphProcess(checkout, simulator);
    processes.push(server);
    sides.push(
      {
        name: 'ers-graph, `{ __typename }` (no e-RS call)',
        pid: server.pid,
        url: server.graphqlUrl,
        query: '{ __typename }',
        expect: (data) => data.__typename === 'Query',
      },
      {
        name: 'ers-graph, referral with 13 fields (1 A005)',
        pid: server.pid,
        url: server.graphqlUrl,
        query: `{ referral(ubrn: "${UBRN}") { ${FIELDS} } }`,
        expect: (data) => (data.referral as { ubrn?: string } | null)?.ubrn === UBRN,
      },
    );

    for (const side of sides) {
      const { data } = await graphqlRequest<Record<string, unknown>>(agent, side.url, idToken, side.query);
      if (!side.expect(data)) throw new Error(`${side.name} answered ${JSON.stringify(data)}`);
    }

    const rows = new Map<string, { requests: number; cpuMs: number; elapsedMs: number; latencies: number[]; failures: number }>();
    const measure = async (side: Side, seconds: number, record: boolean) => {
      const cpu = cpuSeconds(side.pid);
      const load = await closedLoop({
        concurrency: options.concurrency,
        durationMs: seconds * 1000,
        run: () => graphqlRequest(agent, side.url, idToken, side.query).then(() => undefined),
      });
      if (!record) return;
      const row = rows.get(side.name) ?? { requests: 0, cpuMs: 0, elapsedMs: 0, latencies: [], failures: 0 };
      row.requests += load.requests;
      row.cpuMs += (cpuSeconds(side.pid) - cpu) * 1000;
      row.elapsedMs += load.elapsedMs;
      row.latencies.push(...load.latenciesMs);
      row.failures += load.failures;
      rows.set(side.name, row);
    };
    for (const side of sides) await measure(side, 2, false);
    for (let round = 0; round < options.rounds; round++) {
      // Alternate the order, so no side always runs on a machine another just warmed.
      for (const side of round % 2 === 0 ? sides : [...sides].reverse()) await measure(side, options.seconds, true);
      process.stderr.write(`round ${round + 1}/${options.rounds}\n`);
    }

    const table = sides.map((side) => {
      const row = rows.get(side.name)!;
      return {
        side: side.name,
        requestsPerSecond: (row.requests * 1000) / row.elapsedMs,
        p50Ms: percentile(row.latencies, 50),
        cpuMsPerRequest: row.cpuMs / row.requests,
        failures: row.failures,
      };
    });
    const out = writeResult(options.out, {
      ...measuredOn('floor'),
      checkout,
      settings: { rounds: options.rounds, seconds: options.seconds, concurrency: options.concurrency, simulatorLatencyMs: 0 },
      sides: table,
    });
    process.stdout.write(
      `\nthe floor of a single read: c=${options.concurrency}, ${options.rounds} x ${options.seconds} s per side, interleaved; ` +
        `${os.cpus().length} cores, Node ${process.version}\n\n| side | req/s | p50 ms | CPU ms per request | failed |\n|---|---|---|---|---|\n`,
    );
    for (const row of table) {
      process.stdout.write(
        `| ${row.side} | ${row.requestsPerSecond.toFixed(0)} | ${row.p50Ms.toFixed(1)} | ${row.cpuMsPerRequest.toFixed(3)} | ${row.failures} |\n`,
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
