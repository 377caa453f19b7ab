/**
 * Helpers for benchmarks that run the simulator and ers-graph as separate processes from a built
 * checkout (`npm run build && npm run build:simulator` there first), so each process's CPU and
 * memory can be read on its own: start and stop them, read CPU seconds and RSS from /proc, drive a
 * closed-loop load over a keep-alive `node:http` agent, and get ID tokens for simulator users.
 *
 * Linux only (/proc). Talks only to 127.0.0.1. Imports nothing from the checkout it measures.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

// ---------------------------------------------------------------------------------------------
// Processes

/** A node process started from a checkout, with the tail of its output kept for error messages. */
export interface NodeProcess {
  child: ChildProcess;
  pid: number;
  /** The last 64 KB of stdout and stderr, interleaved. */
  output(): string;
  /** Resolves when the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(): Promise<void>;
}

const KEEP_OUTPUT = 64 * 1024;

/**
 * Starts `node <checkout>/<script>` with only the given environment (plus PATH and HOME) and
 * resolves once its output matches `ready`; rejects if it exits first or takes longer than `timeoutMs`.
 */
export function startNode(
  checkout: string,
  script: string,
  options: { args?: string[]; env?: Record<string, string>; ready: RegExp; timeoutMs?: number; nodeArgs?: string[] },
): Promise<NodeProcess> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), path.join(checkout, script), ...(options.args ?? [])], {
    cwd: checkout,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? os.tmpdir(), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk: Buffer): void => {
    output += chunk.toString();
    if (output.length > KEEP_OUTPUT) output = output.slice(-KEEP_OUTPUT);
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const proc: NodeProcess = {
    child,
    pid: child.pid ?? -1,
    output: () => output,
    exited,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const gone = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
      if (!gone) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void proc.stop();
      reject(new Error(`${script} not ready within ${(options.timeoutMs ?? 60_000) / 1000} s:\n${output}`));
    }, options.timeoutMs ?? 60_000);
    const check = (): void => {
      if (!options.ready.test(output)) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      child.stderr!.off('data', check);
      resolve(proc);
    };
    child.stdout!.on('data', check);
    child.stderr!.on('data', check);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${signal ?? code}) before it was ready:\n${output}`));
    });
  });
}

/** Fails with what to run when a checkout has not been built. */
export function assertBuilt(checkout: string): void {
  for (const file of ['dist/src/main.js', 'simulator/dist/cli.js']) {
    if (!existsSync(path.join(checkout, file)))
      throw new Error(`${checkout}/${file} is missing: run npm ci && npm run build && npm run build:simulator there first`);
  }
}

/** The simulator as its own process. */
export interface SimulatorProcess extends NodeProcess {
  /** e.g. `http://127.0.0.1:40123` (the CIS2-like issuer and APIM-like token endpoint live here). */
  origin: string;
  /** `${origin}/FHIR`: what ERS_BASE_URL points at. */
  baseUrl: string;
  /** The directory holding the issuer's signing key (removed by stop()). */
  keysDir: string;
}

/**
 * Starts `simulator/dist/cli.js` of a checkout on a free port, with its issuer key in a fresh
 * temporary directory (not the developer's .ers-graph).
 */
export async function startSimulatorProcess(
  checkout: string,
  options: { latencyMs?: number; seed?: number; args?: string[]; nodeArgs?: string[] } = {},
): Promise<SimulatorProcess> {
  const keysDir = mkdtempSync(path.join(os.tmpdir(), 'ers-graph-bench-keys-'));
  const args = ['--port', '0', '--latency-ms', String(options.latencyMs ?? 0), '--keys-dir', keysDir, ...(options.args ?? [])];
  if (options.seed !== undefined) args.push('--seed', String(options.seed));
  const ready = /e-RS simulator listening: (\S+)/;
  const proc = await startNode(checkout, 'simulator/dist/cli.js', { args, ready, nodeArgs: options.nodeArgs });
  const baseUrl = ready.exec(proc.output())![1];
  const stop = proc.stop;
  return {
    ...proc,
    origin: new URL(baseUrl).origin,
    baseUrl,
    keysDir,
    stop: async () => {
      await stop();
      rmSync(keysDir, { recursive: true, force: true });
    },
  };
}

/** ers-graph as its own process. */
export interface ErsGraphProcess extends NodeProcess {
  /** e.g. `http://127.0.0.1:40124/graphql` */
  graphqlUrl: string;
  /** e.g. `http://127.0.0.1:40124` */
  origin: string;
}

/**
 * Starts `dist/src/main.js` of a checkout on a free port against a simulator process: ERS_BASE_URL
 * at its /FHIR, development identity against its issuer and token endpoint, no rate limit (as
 * with the embedded simulator), logs at warn. `env` adds or overrides variables; an empty value
 * removes one.
 */
export async function startErsGraphProcess(
  checkout: string,
  simulator: SimulatorProcess,
  options: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<ErsGraphProcess> {
  const env: Record<string, string> = {
    HOST: '127.0.0.1',
    PORT: '0',
    ERS_BASE_URL: simulator.baseUrl,
    AUTH_MODE: 'development',
    DEV_IDENTITY_URL: simulator.origin,
    DEV_KEYS_DIR: simulator.keysDir,
    ERS_RATE_LIMIT: '0',
    LOG_LEVEL: 'warn',
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) if (value === '') delete env[name];
  const ready = /ers-graph is ready: (\S+)/;
  const proc = await startNode(checkout, 'dist/src/main.js', { env, ready, nodeArgs: options.nodeArgs });
  const graphqlUrl = ready.exec(proc.output())![1];
  return { ...proc, graphqlUrl, origin: new URL(graphqlUrl).origin };
}

// ---------------------------------------------------------------------------------------------
// CPU and memory of a process (/proc)

let clockTicks: number | undefined;

/** Clock ticks per second of /proc/<pid>/stat's times (`getconf CLK_TCK`, 100 almost everywhere). */
export function clockTicksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU seconds a process has used so far, user + system (all its threads), from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime and stime are fields 14 and 15 of the whole line, 12 and 13 after the name (index 11, 12).
  return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond();
}

/** Resident memory of a process in bytes (VmRSS), or undefined once it has gone. */
export function rssBytes(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** RSS of a process sampled every `intervalMs` (kept: time since start and bytes), for a trend or a peak. */
export class RssSampler {
  readonly samples: Array<{ atMs: number; bytes: number }> = [];
  private readonly started = performance.now();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 1000,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): void {
    const bytes = rssBytes(this.pid);
    if (bytes !== undefined) this.samples.push({ atMs: performance.now() - this.started, bytes });
  }

  get peakBytes(): number {
    return this.samples.reduce((max, s) => Math.max(max, s.bytes), 0);
  }

  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP over a keep-alive agent

/** A keep-alive agent for a load generator or an optimal client: sockets reused, none capped below `maxSockets`. */
export function keepAliveAgent(maxSockets = 256): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });
}

export interface HttpAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request over `agent`; resolves with the whole body as text, rejects on a transport error. */
export function httpRequest(
  agent: http.Agent,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(options.body));
    const req = http.request(url, { agent, method: options.method ?? (options.body === undefined ? 'GET' : 'POST'), headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

/** `httpRequest` for JSON: fails unless the status is 2xx, answers the parsed body. */
export async function httpJson<T = any>(
  agent: http.Agent,
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: unknown } = {},
): Promise<T> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  const headers = body === undefined ? { ...options.headers } : { 'Content-Type': 'application/json', ...options.headers };
  const answer = await httpRequest(agent, url, { method: options.method, headers, body });
  if (answer.status < 200 || answer.status >= 300)
    throw new Error(`${options.method ?? (body === undefined ? 'GET' : 'POST')} ${new URL(url).pathname}: HTTP ${answer.status}`);
  return JSON.parse(answer.body) as T;
}

// ---------------------------------------------------------------------------------------------
// Closed-loop load

export interface LoadResult {
  /** Requests completed (successful or not). */
  requests: number;
  /** Requests whose `run` threw. */
  failures: number;
  /** The first failure's message, if any. */
  firstFailure?: string;
  elapsedMs: number;
  /** Per-request latency in ms, in completion order. */
  latenciesMs: number[];
  requestsPerSecond: number;
}

/**
 * A closed loop: `concurrency` workers each run one request after another (`run(worker, i)`,
 * `i` counting all requests started) until `requests` have been started or `durationMs` has
 * passed, whichever comes first (give at least one). Latency is timed around each `run`.
 */
export async function closedLoop(options: {
  concurrency: number;
  requests?: number;
  durationMs?: number;
  run: (worker: number, index: number) => Promise<void>;
}): Promise<LoadResult> {
  if (options.requests === undefined && options.durationMs === undefined) throw new Error('closedLoop needs requests or durationMs');
  const latenciesMs: number[] = [];
  let started = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  const begin = performance.now();
  const until = options.durationMs === undefined ? Infinity : begin + options.durationMs;
  const limit = options.requests ?? Infinity;
  const worker = async (id: number): Promise<void> => {
    while (started < limit && performance.now() < until) {
      const index = started++;
      const t0 = performance.now();
      try {
        await options.run(id, index);
      } catch (error) {
        failures++;
        firstFailure ??= error instanceof Error ? error.message : String(error);
      }
      latenciesMs.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, id) => worker(id)));
  const elapsedMs = performance.now() - begin;
  return {
    requests: latenciesMs.length,
    failures,
    firstFailure,
    elapsedMs,
    latenciesMs,
    requestsPerSecond: (latenciesMs.length * 1000) / elapsedMs,
  };
}

/** The p-th percentile (0..100) of some values, nearest rank; NaN for none. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// Identity

/** ers-graph's CIS2 client id in development mode: the audience its ID tokens must carry. */
export const DEV_AUDIENCE = 'ers-graph-dev';

/**
 * A fresh ID token for a simulator user from the simulator's development route (what a CIS2
 * sign-in would give; each call a new token: a new sign-in). The token CLI
 * (`npm run -s token -- --user <id> --simulator <origin>`) asks the same route.
 */
export async function idTokenFor(
  agent: http.Agent,
  simulatorOrigin: string,
  userId: string,
  options: { audience?: string; expiresInSeconds?: number } = {},
): Promise<string> {
  const answer = await httpJson<{ id_token?: string }>(agent, `${simulatorOrigin}/oidc/dev/id-token`, {
    body: { userId, audience: options.audience ?? DEV_AUDIENCE, expiresInSeconds: options.expiresInSeconds },
  });
  if (!answer.id_token) throw new Error(`the simulator gave no ID token for user ${userId}`);
  return answer.id_token;
}

/** Users of the simulator's identity world the benchmarks sign in as. */
export const BENCH_USERS = {
  /** REFERRING_CLINICIAN at the GP practice. */
  referrer: '555010000002',
  /** SERVICE_PROVIDER_CLINICIAN at the trust. */
  provider: '555020000002',
} as const;

// ---------------------------------------------------------------------------------------------
// ers-graph over HTTP

/** POSTs a GraphQL query to ers-graph with a bearer token; answers the parsed body, fails on HTTP errors or `errors`. */
export async function graphqlRequest<T = any>(
  agent: http.Agent,
  graphqlUrl: string,
  idToken: string,
  query: string,
  variables?: Record<string, unknown>,
): Promise<{ data: T; extensions?: Record<string, unknown> }> {
  const answer = await httpRequest(agent, graphqlUrl, {
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${idToken}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = JSON.parse(answer.body) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
  if (answer.status !== 200 || body.errors?.length) {
    const first = body.errors?.[0];
    throw new Error(`ers-graph answered HTTP ${answer.status}${first ? `: ${first.extensions?.code ?? ''} ${first.message}` : ''}`);
  }
  return body as { data: T };
}

/**
 * e-RS calls ers-graph has made so far, by endpoint id, from its /metrics
 * (`ers_graph_ers_calls_total`); start it with METRICS_TOKEN and pass the same token.
 */
export async function ersCallCounts(agent: http.Agent, origin: string, metricsToken: string): Promise<Record<string, number>> {
  const answer = await httpRequest(agent, `${origin}/metrics`, { headers: { Authorization: `Bearer ${metricsToken}` } });
  if (answer.status !== 200) throw new Error(`/metrics answered HTTP ${answer.status}`);
  const counts: Record<string, number> = {};
  for (const match of answer.body.matchAll(/^ers_graph_ers_calls_total\{([^}]*)\} (\d+)/gm)) {
    const endpoint = /endpoint="([^"]+)"/.exec(match[1])?.[1] ?? '?';
    counts[endpoint] = (counts[endpoint] ?? 0) + Number(match[2]);
  }
  return counts;
}

/** The calls of `after` not in `before`, by endpoint (zeros left out). */
export function callsBetween(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [endpoint, n] of Object.entries(after)) {
    const delta = n - (before[endpoint] ?? 0);
    if (delta !== 0) out[endpoint] = delta;
  }
  return out;
}
