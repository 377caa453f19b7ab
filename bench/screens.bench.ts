/**
 * Issue 15, goal 1: two screens answered by ers-graph and by the optimal REST client
 * (bench/lib/optimal-client.ts: keep-alive `node:http` straight to the simulator, the project's
 * mappers, the same bound on concurrent calls per screen as ers-graph's ERS_MAX_CONCURRENCY, the
 * fewest calls), with e-RS latency 25 ms, the simulator and ers-graph each in their own process.
 *
 *   npm run bench:screens
 *   node dist/bench/screens.bench.js [--checkout <dir>] [--screens 20] [--warmup 3] [--latency-ms 25]
 *        [--max-concurrency 8] [--only worklist,detail] [--out bench/results/screens.json]
 *
 * Screens: the provider worklist of bench/worklist-screen.bench.ts (50 items: A008, then per item
 * A005 at the item's version and A029) as a provider clinician; README's "A first query" (A005,
 * then A035 for its services) as a referring clinician. Conditions:
 * - cold: the first visit of a user signed in a moment ago (a new ID token, its sign-in untimed),
 *   on a fresh ers-graph process (one per round, started with SERVICE_CACHE_TTL_SECONDS=0 so no
 *   services are shared across users, its JIT warmed by other users opening the same screens):
 *   nothing of the screen is kept for this user. ers-graph keeps versions per user and role for 5
 *   minutes, so a long-running process cannot give the same user a cold screen again. The optimal
 *   client likewise starts with nothing kept.
 * - warm: the same sign-in opens the same screen again (ers-graph's default process: versions
 *   kept for the user, services for everyone, 5 minutes; the optimal client keeps the same).
 * - new sign-in: a new ID token per screen, timed from the first byte: ers-graph verifies it,
 *   exchanges it and asks A030 for the roles; the optimal client exchanges it and asks A030
 *   first too. What the user and everyone kept (versions, services) is still kept on both sides.
 * Each screen is run by both sides in turn (which goes first alternates), the cells interleaved;
 * both sides' answers are compared once before timing. e-RS calls of ers-graph come from its
 * /metrics around each screen, the optimal client's from its own count. A benchmark, not a test:
 * nothing is asserted. Talks only to 127.0.0.1; the simulator's data is synthetic.
 */
import 'reflect-metadata';
import os from 'node:os';
import path from 'node:path';
import {
  ApimApplication,
  CallBound,
  DETAIL_QUERY,
  type DirectSession,
  optimalDetail,
  optimalWorklist,
  ScreenCalls,
  type ServiceStore,
  type VersionStore,
  WORKLIST_QUERY,
} from './lib/optimal-client';
import {
  assertBuilt,
  BENCH_USERS,
  callsBetween,
  cpuSeconds,
  type ErsGraphProcess,
  ersCallCounts,
  graphqlRequest,
  idTokenFor,
  keepAliveAgent,
  percentile,
  type SimulatorProcess,
  startErsGraphProcess,
  startSimulatorProcess,
} from './lib/processes';
import { benchOptions } from './lib/options';
import { measuredOn, writeResult } from './lib/results';

const METRICS_TOKEN = 'bench-metrics-token-0123456789abcdef';
const SIGN_IN_QUERY = '{ me { activeRole { businessFunction } } }';
/** Screens another user opens on each fresh cold process before it is measured (JIT, connections). */
const COLD_WARM_UP_SCREENS = 3;

type ScreenName = 'worklist' | 'detail';
type Condition = 'cold' | 'warm' | 'new sign-in';
type Side = 'ers-graph' | 'optimal';
const CONDITIONS: Condition[] = ['cold', 'warm', 'new sign-in'];

interface Options {
  checkout: string;
  screens: number;
  warmup: number;
  latencyMs: number;
  maxConcurrency: number;
  only: ScreenName[];
  out: string;
}

const USAGE =
  'Usage: node dist/bench/screens.bench.js [--checkout <dir>] [--screens 20] [--warmup 3] [--latency-ms 25]\n' +
  '       [--max-concurrency 8] [--only worklist,detail] [--out bench/results/screens.json]';

function parseOptions(argv: string[]): Options {
  const flags = benchOptions(
    argv,
    {
      checkout: path.resolve(__dirname, '..', '..'),
      screens: 20,
      warmup: 3,
      latencyMs: 25,
      maxConcurrency: 8,
      only: 'worklist,detail',
      out: 'bench/results/screens.json',
    },
    USAGE,
    { minimums: { screens: 1, maxConcurrency: 1 } },
  );
  const only = flags.only.split(',').map((s) => s.trim()) as ScreenName[];
  if (only.length === 0 || only.some((s) => s !== 'worklist' && s !== 'detail'))
    throw new Error(`--only takes worklist and/or detail\n${USAGE}`);
  const options: Options = { ...flags, checkout: path.resolve(flags.checkout), out: path.resolve(flags.out), only };
  assertBuilt(options.checkout);
  return options;
}

/** JSON with keys sorted, so two answers compare by content. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

/** One timed screen of one side. */
interface Sample {
  ms: number;
  calls: Record<string, number>;
  cpuMs: number;
}

interface Screen {
  name: ScreenName;
  title: string;
  user: string;
  /** Another user with the same role and data, who warms a fresh process's JIT on this screen. */
  warmUpUser: string;
  query: string;
  /** The answer's data as the optimal client shapes it. */
  graphData(data: any): unknown;
  optimal(screen: ScreenCalls, session: DirectSession, services: ServiceStore): Promise<unknown>;
}

const SCREENS: Screen[] = [
  {
    name: 'worklist',
    title: 'provider worklist, 50 items',
    user: BENCH_USERS.provider,
    warmUpUser: '555020000003',
    query: WORKLIST_QUERY,
    graphData: (data) => (data.referralWorklist.edges as Array<{ node: unknown }>).map((edge) => edge.node),
    optimal: (screen, session) => optimalWorklist(screen, session),
  },
  {
    name: 'detail',
    title: 'referral detail (README "A first query")',
    user: BENCH_USERS.referrer,
    warmUpUser: '555010000003',
    query: DETAIL_QUERY,
    graphData: (data) => data.referral,
    optimal: (screen, session, services) => optimalDetail(screen, session, services),
  },
];

class Bench {
  private readonly graphAgent = keepAliveAgent();
  private readonly optimalAgent = keepAliveAgent();
  private readonly bound: () => CallBound;
  private app!: ApimApplication;
  /** The warm sign-ins: one ID token per user on ers-graph, one session per user for the optimal client. */
  private readonly warmTokens = new Map<string, string>();
  private readonly warmSessions = new Map<string, DirectSession>();
  /** The optimal client's services kept for everyone (warm and new sign-in, as ers-graph's default process). */
  private readonly services: ServiceStore = new Map();
  /** The optimal client's versions kept per user (warm and new sign-in, as ers-graph's default process). */
  private readonly versions = new Map<string, VersionStore>();
  private readonly tokensSeen = new Set<string>();
  /** SERVICE_CACHE_TTL_SECONDS=0, a new one each round: cold. */
  private coldServer: ErsGraphProcess | undefined;

  constructor(
    private readonly options: Options,
    private readonly simulator: SimulatorProcess,
    /** Default configuration: warm and new sign-in. */
    private readonly warmServer: ErsGraphProcess,
    private readonly screens: Screen[],
    private readonly env: Record<string, string>,
  ) {
    this.bound = () => new CallBound(options.maxConcurrency);
  }

  async close(): Promise<void> {
    this.graphAgent.destroy();
    this.optimalAgent.destroy();
    await this.coldServer?.stop();
  }

  private versionsOf(user: string): VersionStore {
    let store = this.versions.get(user);
    if (!store) this.versions.set(user, (store = new Map()));
    return store;
  }

  /** A fresh process for this round's cold screens, its JIT warmed by other users opening the same screens (untimed). */
  async freshColdServer(): Promise<void> {
    await this.coldServer?.stop();
    this.coldServer = undefined;
    const server = await startErsGraphProcess(this.options.checkout, this.simulator, {
      env: { ...this.env, SERVICE_CACHE_TTL_SECONDS: '0' },
    });
    this.coldServer = server;
    for (const screen of this.screens) {
      const token = await this.newIdToken(screen.warmUpUser);
      for (let i = 0; i < COLD_WARM_UP_SCREENS; i++) await graphqlRequest(this.graphAgent, server.graphqlUrl, token, screen.query);
    }
  }

  /** A new ID token (a new sign-in), never one seen before. */
  async newIdToken(user: string): Promise<string> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const token = await idTokenFor(this.optimalAgent, this.simulator.origin, user);
      if (!this.tokensSeen.has(token)) {
        this.tokensSeen.add(token);
        return token;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the simulator keeps giving the same ID token');
  }

  async setUp(): Promise<void> {
    this.app = await ApimApplication.register(this.optimalAgent, this.simulator.origin);
    for (const screen of this.screens) {
      const token = await this.newIdToken(screen.user);
      this.warmTokens.set(screen.user, token);
      this.warmSessions.set(
        screen.user,
        await new ScreenCalls(this.optimalAgent, this.simulator.baseUrl, this.bound()).signIn(
          this.app,
          token,
          this.versionsOf(screen.user),
        ),
      );
      // The same data both ways, or nothing is measured; this also makes the warm cells warm.
      const { data } = await graphqlRequest(this.graphAgent, this.warmServer.graphqlUrl, token, screen.query);
      const fromGraph = screen.graphData(data);
      const fromOptimal = await screen.optimal(
        new ScreenCalls(this.optimalAgent, this.simulator.baseUrl, this.bound()),
        this.warmSessions.get(screen.user)!,
        this.services,
      );
      if (canonical(fromGraph) !== canonical(fromOptimal)) {
        throw new Error(
          `${screen.name}: ers-graph and the optimal client answer differently:\n ers-graph ${canonical(fromGraph).slice(0, 2000)}\n` +
            ` optimal   ${canonical(fromOptimal).slice(0, 2000)}`,
        );
      }
    }
  }

  /** One timed screen by ers-graph. */
  async graphScreen(screen: Screen, condition: Condition): Promise<Sample> {
    const server = condition === 'cold' ? this.coldServer : this.warmServer;
    if (!server) throw new Error('no cold ers-graph process: call freshColdServer() first');
    let token: string;
    if (condition === 'warm') token = this.warmTokens.get(screen.user)!;
    else {
      token = await this.newIdToken(screen.user);
      // Cold: signed in a moment ago, untimed; a new sign-in is timed with the screen.
      if (condition === 'cold') await graphqlRequest(this.graphAgent, server.graphqlUrl, token, SIGN_IN_QUERY);
    }
    const callsBefore = await ersCallCounts(this.graphAgent, server.origin, METRICS_TOKEN);
    const cpuBefore = cpuSeconds(server.pid);
    const started = performance.now();
    await graphqlRequest(this.graphAgent, server.graphqlUrl, token, screen.query);
    const ms = performance.now() - started;
    const cpuMs = (cpuSeconds(server.pid) - cpuBefore) * 1000;
    const calls = callsBetween(callsBefore, await ersCallCounts(this.graphAgent, server.origin, METRICS_TOKEN));
    return { ms, calls, cpuMs };
  }

  /** One timed screen by the optimal client. */
  async optimalScreen(screen: Screen, condition: Condition): Promise<Sample> {
    let session: DirectSession | undefined;
    let token: string | undefined;
    let services = this.services;
    if (condition === 'warm') session = this.warmSessions.get(screen.user)!;
    else {
      token = await this.newIdToken(screen.user);
      if (condition === 'cold') {
        // Signed in a moment ago (untimed), nothing kept: no versions, no services.
        session = await new ScreenCalls(this.optimalAgent, this.simulator.baseUrl, this.bound()).signIn(this.app, token, new Map());
        services = new Map();
      }
    }
    const calls = new ScreenCalls(this.optimalAgent, this.simulator.baseUrl, this.bound());
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    session ??= await calls.signIn(this.app, token!, this.versionsOf(screen.user));
    await screen.optimal(calls, session, services);
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    return { ms, calls: calls.calls, cpuMs: (cpu.user + cpu.system) / 1000 };
  }
}

function callsText(calls: Record<string, number>): string {
  const total = Object.values(calls).reduce((n, c) => n + c, 0);
  const parts = Object.entries(calls)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([endpoint, n]) => `${n} ${endpoint}`);
  return `${total} (${parts.join(' + ') || 'none'})`;
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const simulator = await startSimulatorProcess(options.checkout, { latencyMs: options.latencyMs });
  const servers: ErsGraphProcess[] = [];
  let bench: Bench | undefined;
  try {
    const env = { METRICS_TOKEN, ERS_MAX_CONCURRENCY: String(options.maxConcurrency) };
    const warmServer = await startErsGraphProcess(options.checkout, simulator, { env });
    servers.push(warmServer);
    const screens = SCREENS.filter((s) => options.only.includes(s.name));
    bench = new Bench(options, simulator, warmServer, screens, env);
    await bench.setUp();

    const cells = screens.flatMap((screen) => CONDITIONS.map((condition) => ({ screen, condition })));
    const samples = new Map<string, Record<Side, Sample[]>>(
      cells.map((c) => [`${c.screen.name}/${c.condition}`, { 'ers-graph': [], optimal: [] }]),
    );
    const total = options.warmup + options.screens;
    for (let i = 0; i < total; i++) {
      await bench.freshColdServer();
      for (const { screen, condition } of cells) {
        // Alternate which side goes first.
        const sides: Side[] = i % 2 === 0 ? ['ers-graph', 'optimal'] : ['optimal', 'ers-graph'];
        for (const side of sides) {
          const sample = side === 'ers-graph' ? await bench.graphScreen(screen, condition) : await bench.optimalScreen(screen, condition);
          if (i >= options.warmup) samples.get(`${screen.name}/${condition}`)![side].push(sample);
        }
      }
      process.stderr.write(`${i < options.warmup ? 'warm-up' : 'screens'} ${i + 1}/${total}\n`);
    }

    const rows = cells.map(({ screen, condition }) => {
      const cell = samples.get(`${screen.name}/${condition}`)!;
      const side = (name: Side) => {
        const list = cell[name];
        const ms = list.map((s) => s.ms);
        // Calls per screen: the same every time unless something was kept or lost; the distinct counts are listed.
        const distinct = [...new Set(list.map((s) => callsText(s.calls)))];
        return {
          p50Ms: percentile(ms, 50),
          p95Ms: percentile(ms, 95),
          cpuMsPerScreen: list.reduce((n, s) => n + s.cpuMs, 0) / list.length,
          calls: distinct,
          samplesMs: ms,
        };
      };
      const graph = side('ers-graph');
      const optimal = side('optimal');
      return {
        screen: screen.name,
        title: screen.title,
        condition,
        screens: cell['ers-graph'].length,
        ersGraph: graph,
        optimal,
        ratioP50: graph.p50Ms / optimal.p50Ms,
        ratioP95: graph.p95Ms / optimal.p95Ms,
        callsEqual: graph.calls.length === 1 && optimal.calls.length === 1 && graph.calls[0] === optimal.calls[0],
      };
    });

    const result = {
      ...measuredOn('screens'),
      checkout: options.checkout,
      settings: {
        screensPerCell: options.screens,
        warmup: options.warmup,
        latencyMs: options.latencyMs,
        maxConcurrency: options.maxConcurrency,
      },
      method:
        'ers-graph and the simulator as separate processes; each screen by ers-graph and by the optimal client in turn ' +
        '(first side alternating), cells interleaved; cold on a fresh ers-graph process each round (SERVICE_CACHE_TTL_SECONDS=0, ' +
        `JIT warmed by ${COLD_WARM_UP_SCREENS} screens of another user) after an untimed sign-in with a new ID token; ` +
        'warm with the sign-in of the set-up; new sign-in timed with a new ID token. ' +
        "e-RS calls: ers-graph's /metrics (token exchange not counted, A030 counted), the optimal client's own count. " +
        'CPU: ers-graph process (/proc, 10 ms ticks, averaged) vs this process (the optimal client, process.cpuUsage).',
      rows,
    };
    writeResult(options.out, result);

    const f = (n: number, digits = 0) => n.toFixed(digits);
    process.stdout.write(
      `\nscreens, e-RS latency ${options.latencyMs} ms, ${options.screens} screens per cell, concurrency bound ${options.maxConcurrency}; ` +
        `${os.cpus().length} cores, Node ${process.version}; checkout ${options.checkout}\n\n` +
        '| screen | condition | ers-graph p50 ms | optimal p50 ms | ratio p50 | ers-graph p95 ms | optimal p95 ms | ratio p95 | e-RS calls ers-graph | e-RS calls optimal | CPU ms/screen ers-graph / optimal |\n' +
        '|---|---|---|---|---|---|---|---|---|---|---|\n',
    );
    for (const r of rows) {
      const mark = r.callsEqual ? '' : ' **(differ)**';
      process.stdout.write(
        `| ${r.title} | ${r.condition} | ${f(r.ersGraph.p50Ms)} | ${f(r.optimal.p50Ms)} | ${f(r.ratioP50, 2)}x | ${f(r.ersGraph.p95Ms)} | ` +
          `${f(r.optimal.p95Ms)} | ${f(r.ratioP95, 2)}x | ${r.ersGraph.calls.join(' / ')}${mark} | ${r.optimal.calls.join(' / ')} | ` +
          `${f(r.ersGraph.cpuMsPerScreen, 1)} / ${f(r.optimal.cpuMsPerScreen, 1)} |\n`,
      );
    }
    process.stdout.write(`\nJSON: ${options.out}\n`);
  } finally {
    await bench?.close();
    for (const server of servers) await server.stop();
    await simulator.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
