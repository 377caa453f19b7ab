/**
 * Issue 15, goal 2: the gateway's own cost on a single referral read. ers-graph (its own process)
 * answers `referral(ubrn:)` with 13 scalar fields; "direct" is the same A005 sent straight to the
 * simulator by a keep-alive `node:http` client with ers-graph's headers, then the project's own
 * mapper, so both produce the same 13 values (checked once before anything is timed). Both modes
 * run in one session, in interleaved rounds, against one simulator process (latency 0).
 *
 *   npm run bench:cpu
 *   node dist/bench/single-read.bench.js [--checkout <dir>] [--rounds 5] [--seconds 10] [--concurrency 20]
 *        [--warmup-seconds 3] [--out bench/results/single-read.json]
 *
 * `--checkout` measures the ers-graph and simulator of another built checkout (before/after side by
 * side); the direct client always uses this checkout's mapper. Per mode: requests a second,
 * p50/p95 latency, and CPU ms per request of the ers-graph process, the simulator process and this
 * process (the load generator, and in direct mode the client itself), from /proc. A benchmark,
 * not a test: nothing is asserted. Talks only to 127.0.0.1; the simulator's data is synthetic.
 */
import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import { mapReferralRequest } from '../datasources/ers/referral.mapper';
import { ReferralStatus } from '../schema/referral-status.enum';
import { ApimApplication, CallBound, ScreenCalls } from './lib/optimal-client';
import {
  assertBuilt,
  BENCH_USERS,
  closedLoop,
  cpuSeconds,
  ersCallCounts,
  graphqlRequest,
  idTokenFor,
  keepAliveAgent,
  type LoadResult,
  percentile,
  startErsGraphProcess,
  startSimulatorProcess,
} from './lib/processes';
import { benchOptions } from './lib/options';
import { measuredOn, writeResult } from './lib/results';

const UBRN = '000050000001';
/** 13 scalar fields of Referral that A005 alone answers. */
const FIELDS = [
  'ubrn',
  'version',
  'status',
  'intent',
  'priority',
  'patientNhsNumber',
  'pathwayStart',
  'clinicalInfoFirstSubmitted',
  'clinicalInfoLastUpdated',
  'appointmentId',
  'commissioningRuleOrganisationOdsCode',
  'requestId',
  'convertedFromAdviceAndGuidanceUbrn',
] as const;
const QUERY = `{ referral(ubrn: "${UBRN}") { ${FIELDS.join(' ')} } }`;
const METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef';

interface Options {
  checkout: string;
  rounds: number;
  seconds: number;
  concurrency: number;
  warmupSeconds: number;
  out: string;
}

const USAGE =
  'Usage: node dist/bench/single-read.bench.js [--checkout <dir>] [--rounds 5] [--seconds 10] [--concurrency 20]\n' +
  '       [--warmup-seconds 3] [--out bench/results/single-read.json]';

function parseOptions(argv: string[]): Options {
  const options = benchOptions(
    argv,
    {
      checkout: path.resolve(__dirname, '..', '..'),
      rounds: 5,
      seconds: 10,
      concurrency: 20,
      warmupSeconds: 3,
      out: 'bench/results/single-read.json',
    },
    USAGE,
    { minimums: { rounds: 1, seconds: 0.5, concurrency: 1 }, fractional: ['seconds', 'warmupSeconds'] },
  );
  options.checkout = path.resolve(options.checkout);
  options.out = path.resolve(options.out);
  assertBuilt(options.checkout);
  return options;
}

type Mode = 'ers-graph' | 'direct';

interface Round {
  mode: Mode;
  round: number;
  load: LoadResult;
  cpuMs: { ersGraph: number; simulator: number; bench: number };
}

/** GraphQL answers an enum by its name; the mapper gives its value (`ReferralStatus.ACTIVE` is "active"). */
const STATUS_NAMES = new Map<string, string>(Object.entries(ReferralStatus).map(([name, value]) => [value, name]));

/** The 13 fields as GraphQL serializes them. */
function pick(referral: Record<string, unknown>): Record<string, unknown> {
  const picked = Object.fromEntries(FIELDS.map((field) => [field, referral[field] ?? null]));
  if (typeof picked.status === 'string') picked.status = STATUS_NAMES.get(picked.status) ?? picked.status;
  return picked;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const simulator = await startSimulatorProcess(options.checkout, { latencyMs: 0 });
  const server = await startErsGraphProcess(options.checkout, simulator, { env: { METRICS_TOKEN } }).catch(async (error: unknown) => {
    await simulator.stop();
    throw error;
  });
  const graphAgent = keepAliveAgent(options.concurrency);
  const directAgent = keepAliveAgent(options.concurrency);
  try {
    const idToken = await idTokenFor(graphAgent, simulator.origin, BENCH_USERS.referrer);
    const app = await ApimApplication.register(directAgent, simulator.origin);
    const unbounded = new CallBound(Infinity);
    const session = await new ScreenCalls(directAgent, simulator.baseUrl, unbounded).signIn(app, idToken);

    const viaGraph = async (): Promise<Record<string, unknown>> => {
      const { data } = await graphqlRequest<{ referral: Record<string, unknown> | null }>(graphAgent, server.graphqlUrl, idToken, QUERY);
      if (!data.referral) throw new Error('ers-graph answered no referral');
      return data.referral;
    };
    const direct = async (): Promise<Record<string, unknown>> => {
      const read = await new ScreenCalls(directAgent, simulator.baseUrl, unbounded).referral(session, UBRN);
      return pick(mapReferralRequest(read.body, read.etag) as unknown as Record<string, unknown>);
    };

    // The same answer both ways, or nothing is measured.
    const fromGraph = await viaGraph();
    const fromDirect = await direct();
    if (JSON.stringify(fromGraph) !== JSON.stringify(fromDirect)) {
      throw new Error(
        `the two modes answer differently:\n ers-graph ${JSON.stringify(fromGraph)}\n direct    ${JSON.stringify(fromDirect)}`,
      );
    }
    const run: Record<Mode, () => Promise<unknown>> = { 'ers-graph': viaGraph, direct };
    const measure = async (mode: Mode, round: number, seconds: number): Promise<Round> => {
      const graphCpu = cpuSeconds(server.pid);
      const simulatorCpu = cpuSeconds(simulator.pid);
      const benchCpu = process.cpuUsage();
      const load = await closedLoop({
        concurrency: options.concurrency,
        durationMs: seconds * 1000,
        run: () => run[mode]().then(() => undefined),
      });
      const bench = process.cpuUsage(benchCpu);
      return {
        mode,
        round,
        load,
        cpuMs: {
          ersGraph: (cpuSeconds(server.pid) - graphCpu) * 1000,
          simulator: (cpuSeconds(simulator.pid) - simulatorCpu) * 1000,
          bench: (bench.user + bench.system) / 1000,
        },
      };
    };

    if (options.warmupSeconds > 0) for (const mode of ['ers-graph', 'direct'] as const) await measure(mode, -1, options.warmupSeconds);
    const callsBefore = await ersCallCounts(graphAgent, server.origin, METRICS_TOKEN);
    const rounds: Round[] = [];
    for (let round = 0; round < options.rounds; round++) {
      // Alternate which mode goes first, so neither always runs on a machine the other just warmed.
      const order: Mode[] = round % 2 === 0 ? ['ers-graph', 'direct'] : ['direct', 'ers-graph'];
      for (const mode of order) {
        const result = await measure(mode, round, options.seconds);
        rounds.push(result);
        process.stderr.write(
          `round ${round + 1}/${options.rounds} ${mode}: ${result.load.requestsPerSecond.toFixed(0)} req/s` +
            `${result.load.failures ? `, ${result.load.failures} failed (${result.load.firstFailure})` : ''}\n`,
        );
      }
    }
    const callsAfter = await ersCallCounts(graphAgent, server.origin, METRICS_TOKEN);

    const summary = (mode: Mode) => {
      const mine = rounds.filter((r) => r.mode === mode);
      const requests = mine.reduce((n, r) => n + r.load.requests, 0);
      const elapsedMs = mine.reduce((n, r) => n + r.load.elapsedMs, 0);
      const latencies = mine.flatMap((r) => r.load.latenciesMs);
      const perRequest = (key: keyof Round['cpuMs']) => mine.reduce((n, r) => n + r.cpuMs[key], 0) / requests;
      return {
        mode,
        requests,
        failures: mine.reduce((n, r) => n + r.load.failures, 0),
        requestsPerSecond: (requests * 1000) / elapsedMs,
        p50Ms: percentile(latencies, 50),
        p95Ms: percentile(latencies, 95),
        cpuMsPerRequest: { ersGraph: perRequest('ersGraph'), simulator: perRequest('simulator'), bench: perRequest('bench') },
        roundsRequestsPerSecond: mine.map((r) => r.load.requestsPerSecond),
      };
    };
    const graph = summary('ers-graph');
    const directSummary = summary('direct');
    const graphRequests = rounds.filter((r) => r.mode === 'ers-graph').reduce((n, r) => n + r.load.requests, 0);
    const a005PerGraphRequest = ((callsAfter.A005 ?? 0) - (callsBefore.A005 ?? 0)) / (graphRequests || 1);
    const result = {
      ...measuredOn('single-read'),
      checkout: options.checkout,
      query: QUERY,
      settings: { rounds: options.rounds, seconds: options.seconds, concurrency: options.concurrency, simulatorLatencyMs: 0 },
      sameAnswer: true,
      ersGraphA005PerRequest: a005PerGraphRequest,
      modes: [graph, directSummary],
      throughputRatio: graph.requestsPerSecond / directSummary.requestsPerSecond,
    };
    writeResult(options.out, result);

    const f = (n: number, digits = 0) => n.toFixed(digits);
    process.stdout.write(
      `\nsingle referral read, 13 scalars, c=${options.concurrency}, ${options.rounds} x ${options.seconds} s per mode, interleaved; ` +
        `${os.cpus().length} cores, Node ${process.version}; checkout ${options.checkout}\n\n` +
        '| mode | req/s | p50 ms | p95 ms | ers-graph CPU ms/req | simulator CPU ms/req | load generator (+ direct client) CPU ms/req | failed |\n' +
        '|---|---|---|---|---|---|---|---|\n',
    );
    for (const s of [graph, directSummary]) {
      process.stdout.write(
        `| ${s.mode} | ${f(s.requestsPerSecond)} | ${f(s.p50Ms, 1)} | ${f(s.p95Ms, 1)} | ${f(s.cpuMsPerRequest.ersGraph, 3)} | ` +
          `${f(s.cpuMsPerRequest.simulator, 3)} | ${f(s.cpuMsPerRequest.bench, 3)} | ${s.failures} |\n`,
      );
    }
    process.stdout.write(
      `\nthroughput ers-graph / direct: ${f(result.throughputRatio, 2)}x; e-RS calls per ers-graph request: ${f(a005PerGraphRequest, 2)} A005\n` +
        `JSON: ${options.out}\n`,
    );
  } finally {
    graphAgent.destroy();
    directAgent.destroy();
    await server.stop();
    await simulator.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
