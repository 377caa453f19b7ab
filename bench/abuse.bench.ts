/**
 * Issue 10's abuse cases, measured against any built checkout of ers-graph, as a black box over
 * HTTP and processes: e-RS calls made, wall time, peak RSS of the ers-graph process, and what the
 * caller got. Run it before and after the fixes; it imports nothing from the checkout.
 *
 *   npm run bench:abuse -- --checkout /tmp/ers-before --out bench/results/abuse-before.json
 *   node dist/bench/abuse.bench.js --checkout <dir> --out <file.json> [--only a,g-stall]
 *        [--cap-seconds 120] [--metrics-token <t>] [--env NAME=VALUE]...
 *
 * Per case it starts, from `<dir>/dist`: the simulator (its own process), a counting proxy (in
 * this process, between ers-graph and the simulator: counts every e-RS call and can replace
 * chosen answers), and ers-graph (its own process, `ERS_BASE_URL` = the proxy, development
 * identity against the simulator), so a crash or a stuck server spoils only its own case.
 * `--env` adds configuration to every ers-graph start (e.g. a metrics token the checkout needs);
 * `--metrics-token` is sent as a bearer token in an extra `/metrics` probe.
 *
 * A benchmark, not a test: nothing here asserts, and `npm test` does not run it. Talks only to
 * 127.0.0.1. The simulator's data is synthetic; 9434765919 is a marker, not a patient.
 */
import { spawn, type ChildProcess, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { getHeapStatistics } from 'node:v8';

// ---------------------------------------------------------------------------------------------
// Options

interface Options {
  checkout: string;
  out: string;
  only: string[];
  capMs: number;
  metricsToken?: string;
  env: Record<string, string>;
}

const USAGE =
  'Usage: node dist/bench/abuse.bench.js --checkout <dir> --out <file.json> [--only a,g-stall] [--cap-seconds 120]\n' +
  '       [--metrics-token <token>] [--env NAME=VALUE]...';

function parseOptions(argv: string[]): Options {
  const options: Partial<Options> & { env: Record<string, string>; only: string[] } = { env: {}, only: [], capMs: 120_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
      return next;
    };
    switch (flag) {
      case '--checkout':
        options.checkout = path.resolve(value());
        break;
      case '--out':
        options.out = path.resolve(value());
        break;
      case '--only':
        options.only = value()
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        break;
      case '--cap-seconds':
        options.capMs = Number(value()) * 1000;
        if (!Number.isFinite(options.capMs) || options.capMs < 10_000) throw new Error('--cap-seconds must be at least 10');
        break;
      case '--metrics-token':
        options.metricsToken = value();
        break;
      case '--env': {
        const pair = value();
        const at = pair.indexOf('=');
        if (at < 1) throw new Error(`--env takes NAME=VALUE, got "${pair}"`);
        options.env[pair.slice(0, at)] = pair.slice(at + 1);
        break;
      }
      case '--help':
      case '-h':
        process.stdout.write(`${USAGE}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`Unknown argument ${flag}\n${USAGE}`);
    }
  }
  if (!options.checkout || !options.out) throw new Error(USAGE);
  for (const file of [simulatorCli(options.checkout), 'dist/src/main.js']) {
    if (!existsSync(path.join(options.checkout, file)))
      throw new Error(`${options.checkout}/${file} is missing: run npm ci && npm run build && npm run build:simulator there first`);
  }
  return options as Options;
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/** The simulator's CLI in a checkout: its own package's dist since it became a workspace, dist/simulator before. */
function simulatorCli(checkout: string): string {
  return existsSync(path.join(checkout, 'simulator', 'package.json')) ? 'simulator/dist/cli.js' : 'dist/simulator/cli.js';
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function mb(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${bytes} B`;
}

function seconds(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))];
}

/** Some text, shortened for a table cell. */
function clip(text: string, max = 100): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

// ---------------------------------------------------------------------------------------------
// HTTP client (node:http: a disconnect is a real socket close, and no client-side timeouts)

interface HttpResult {
  status?: number;
  headers: http.IncomingHttpHeaders;
  /** Bytes of the whole body. */
  bytes: number;
  /** The body as text (the first 64 MB of it). */
  text: string;
  json?: any;
  ms: number;
  /** Transport failure or cap: the caller got no (whole) answer. */
  error?: string;
  timedOut?: boolean;
}

interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: Buffer | string;
  capMs: number;
  /** Called with the request once sent (e.g. to destroy it: a client that goes away). */
  onRequest?: (request: http.ClientRequest) => void;
}

const KEEP_BYTES = 64 * 1024 * 1024;

function request(url: string, options: RequestOptions): Promise<HttpResult> {
  const started = now();
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: Omit<HttpResult, 'ms'>) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve({ ...result, ms: now() - started });
    };
    const body = options.body === undefined ? undefined : Buffer.isBuffer(options.body) ? options.body : Buffer.from(options.body);
    const headers: Record<string, string> = { ...options.headers };
    if (body) headers['Content-Length'] = String(body.length);
    const req = http.request(url, { method: options.method ?? (body ? 'POST' : 'GET'), headers, agent: false });
    let status: number | undefined;
    let responseHeaders: http.IncomingHttpHeaders = {};
    let bytes = 0;
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      req.destroy();
      finish({
        status,
        headers: responseHeaders,
        bytes,
        text: '',
        error: `no answer after ${Math.round(options.capMs / 1000)} s`,
        timedOut: true,
      });
    }, options.capMs);
    req.on('response', (res) => {
      status = res.statusCode;
      responseHeaders = res.headers;
      res.on('data', (chunk: Buffer) => {
        if (bytes < KEEP_BYTES) chunks.push(chunk);
        bytes += chunk.length;
      });
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        if (/json/.test(String(res.headers['content-type'] ?? '')) && bytes <= KEEP_BYTES) {
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
        }
        finish({ status, headers: responseHeaders, bytes, text, json });
      });
      res.on('error', (error) =>
        finish({ status, headers: responseHeaders, bytes, text: '', error: `answer cut off after ${mb(bytes)} (${error.message})` }),
      );
      res.on('aborted', () => finish({ status, headers: responseHeaders, bytes, text: '', error: `answer cut off after ${mb(bytes)}` }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      const failed = () =>
        finish({ status, headers: responseHeaders, bytes, text: '', error: `connection failed (${error.code ?? error.message})` });
      // A server that answers early (e.g. 413) and closes while the body is still being sent: keep its answer.
      if (status !== undefined) setTimeout(failed, 1000);
      else failed();
    });
    options.onRequest?.(req);
    req.end(body);
  });
}

// ---------------------------------------------------------------------------------------------
// The counting proxy between ers-graph and the simulator

interface ProxiedCall {
  method: string;
  /** Path below /FHIR, without the query. */
  path: string;
  at: number;
  /** The e-RS role the call acted in (NHSD-eRS-Business-Function), to tell users apart. */
  role?: string;
  status?: number;
  /** When ers-graph closed the connection before the answer was complete. */
  abandonedAt?: number;
}

/** Answers a call itself instead of forwarding it; returns false to forward. */
type Interceptor = (
  req: http.IncomingMessage,
  res: http.ServerResponse,
  call: ProxiedCall,
  forward: () => Promise<UpstreamAnswer>,
) => Promise<boolean> | boolean;

interface UpstreamAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

class ErsProxy {
  calls: ProxiedCall[] = [];
  /** Every e-RS answer is held this long first (a slow e-RS). */
  delayMs = 0;
  intercept?: Interceptor;
  private server?: http.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly simulatorPort: number) {}

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as net.AddressInfo).port;
  }

  reset(): void {
    this.calls = [];
    this.delayMs = 0;
    this.intercept = undefined;
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const pathOnly = url.split('?')[0];
    const isErs = pathOnly.startsWith('/FHIR/');
    const role = req.headers['nhsd-ers-business-function'];
    const call: ProxiedCall = {
      method: req.method ?? 'GET',
      path: isErs ? pathOnly.slice('/FHIR'.length) : pathOnly,
      at: now(),
      role: typeof role === 'string' ? role : undefined,
    };
    if (isErs) this.calls.push(call);
    let closed = false;
    res.on('close', () => {
      if (!res.writableFinished) {
        closed = true;
        call.abandonedAt = now();
      }
    });
    const requestBody = await readAll(req);
    if (isErs && this.delayMs > 0) {
      const until = Date.now() + this.delayMs;
      while (!closed && Date.now() < until) await sleep(Math.min(200, until - Date.now()));
      if (closed) return;
    }
    const forward = () => this.forward(req, requestBody);
    try {
      if (isErs && this.intercept && (await this.intercept(req, res, call, forward))) return;
      const answer = await forward();
      call.status = answer.status;
      if (closed) return;
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    } catch {
      call.status = 0;
      res.destroy();
    }
  }

  private forward(req: http.IncomingMessage, body: Buffer): Promise<UpstreamAnswer> {
    return new Promise((resolve, reject) => {
      const upstream = http.request(
        { host: '127.0.0.1', port: this.simulatorPort, method: req.method, path: req.url, headers: req.headers, agent: false },
        (res) => {
          readAll(res).then((buffer) => {
            const headers = { ...res.headers };
            delete headers['transfer-encoding'];
            headers['content-length'] = String(buffer.length);
            resolve({ status: res.statusCode ?? 502, headers, body: buffer });
          }, reject);
        },
      );
      upstream.on('error', reject);
      upstream.end(body);
    });
  }
}

function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** "GET /STU3/ReferralRequest/{id}": ids and versions folded, so counts group by endpoint. */
function endpointOf(call: ProxiedCall): string {
  const folded = call.path
    .split('/')
    .map((segment) => (/\d/.test(segment) && !/^(STU3|R4)$/.test(segment) && !segment.startsWith('$') ? '{id}' : segment))
    .join('/');
  return `${call.method} ${folded}${folded === '/R4/PractitionerRole' ? ' (A030)' : ''}`;
}

function callCounts(calls: ProxiedCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const call of calls) counts[endpointOf(call)] = (counts[endpointOf(call)] ?? 0) + 1;
  return counts;
}

// ---------------------------------------------------------------------------------------------
// Processes: the simulator and ers-graph of the checkout

interface Proc {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exited?: { code: number | null; signal: NodeJS.Signals | null; at: number };
  exit: Promise<void>;
}

function startProcess(checkout: string, script: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(process.execPath, [path.join(checkout, script), ...args], {
    cwd: checkout,
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const proc: Proc = { child, stdout: [], stderr: [], exit: Promise.resolve() };
  let stdoutBytes = 0;
  child.stdout!.setEncoding('utf8');
  child.stderr!.setEncoding('utf8');
  // Kept in memory for the logging checks; bounded so a chatty server cannot grow the bench.
  child.stdout!.on('data', (chunk: string) => {
    stdoutBytes += chunk.length;
    if (stdoutBytes < 32 * 1024 * 1024) proc.stdout.push(chunk);
  });
  child.stderr!.on('data', (chunk: string) => {
    proc.stderr.push(chunk);
    if (proc.stderr.length > 200) proc.stderr.splice(0, proc.stderr.length - 200);
  });
  proc.exit = new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      proc.exited = { code, signal, at: now() };
      resolve();
    }),
  );
  return proc;
}

async function stopProcess(proc: Proc | undefined): Promise<void> {
  if (!proc || proc.exited) return;
  proc.child.kill('SIGTERM');
  const killed = await Promise.race([proc.exit.then(() => true), sleep(3000).then(() => false)]);
  if (!killed && !proc.exited) {
    proc.child.kill('SIGKILL');
    await proc.exit;
  }
}

/** Why a process ended, from its exit and the tail of its stderr. */
function crashOf(proc: Proc): string {
  const stderr = proc.stderr.join('');
  const how = proc.exited ? (proc.exited.signal ? `signal ${proc.exited.signal}` : `exit code ${proc.exited.code}`) : 'still running';
  const oom = /JavaScript heap out of memory|Reached heap limit/.exec(stderr);
  const lastLine = stderr.trim().split('\n').filter(Boolean).pop() ?? '';
  return `server crashed (${how}): ${oom ? 'JavaScript heap out of memory' : clip(lastLine, 80) || 'no stderr'}`;
}

/** Peak resident memory of a process: VmHWM, and VmRSS sampled every 50 ms (kept after it exits). */
class RssSampler {
  peakKb = 0;
  private readonly timer: NodeJS.Timeout;
  constructor(private readonly pid: number) {
    this.timer = setInterval(() => this.sample(), 50);
  }
  sample(): void {
    try {
      const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
      for (const name of ['VmHWM', 'VmRSS']) {
        const match = new RegExp(`${name}:\\s+(\\d+) kB`).exec(status);
        if (match) this.peakKb = Math.max(this.peakKb, Number(match[1]));
      }
    } catch {
      // The process has gone: keep the last peak.
    }
  }
  get peakMb(): number {
    return Math.round(this.peakKb / 1024);
  }
  stop(): void {
    this.sample();
    clearInterval(this.timer);
  }
}

async function waitForHttp(url: string, proc: Proc, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (proc.exited) throw new Error(`${crashOf(proc).replace('server crashed', 'process exited at start')}`);
    const result = await request(url, { capMs: 2000 });
    if (result.status !== undefined) return;
    await sleep(200);
  }
  throw new Error(`no answer from ${url} within ${timeoutMs / 1000} s`);
}

// ---------------------------------------------------------------------------------------------
// One world per case: simulator + proxy + ers-graph

const USERS = {
  /** REFERRING_CLINICIAN at the GP practice (the simulator's identity world). */
  referrer: '555010000002',
  /** SERVICE_PROVIDER_CLINICIAN at the trust. */
  provider: '555020000002',
} as const;

/** ers-graph's CIS2 client id in development mode: the audience of the simulator's ID tokens. */
const DEV_AUDIENCE = 'ers-graph-dev';

interface WorldOptions {
  simulatorArgs?: string[];
  env?: Record<string, string>;
  /** Skip the warm-up of these users' tokens and roles (e.g. apim mode). */
  warm?: string[];
}

class World {
  simulator!: Proc;
  server!: Proc;
  proxy!: ErsProxy;
  rss!: RssSampler;
  simulatorPort = 0;
  serverPort = 0;
  private readonly tokens = new Map<string, string>();

  constructor(private readonly options: Options) {}

  get base(): string {
    return `http://127.0.0.1:${this.serverPort}`;
  }

  /** The cap of the stall and slow cases: at most 60 s, to keep the run short. */
  capMs(): number {
    return Math.min(60_000, this.options.capMs);
  }

  async start(world: WorldOptions): Promise<void> {
    this.simulatorPort = await freePort();
    this.simulator = startProcess(
      this.options.checkout,
      simulatorCli(this.options.checkout),
      ['--port', String(this.simulatorPort), ...(world.simulatorArgs ?? [])],
      {},
    );
    await waitForHttp(`http://127.0.0.1:${this.simulatorPort}/health`, this.simulator, 30_000);
    this.proxy = new ErsProxy(this.simulatorPort);
    await this.proxy.start();
    this.serverPort = await freePort();
    const env: Record<string, string> = {
      HOST: '127.0.0.1',
      PORT: String(this.serverPort),
      ERS_BASE_URL: `http://127.0.0.1:${this.proxy.port}/FHIR`,
      AUTH_MODE: 'development',
      DEV_IDENTITY_URL: `http://127.0.0.1:${this.simulatorPort}`,
      LOG_LEVEL: 'info',
      // As on the embedded simulator: no rate limit unless a case sets one (ERS_BASE_URL defaults it to 9).
      ERS_RATE_LIMIT: '0',
      ...world.env,
      ...this.options.env,
    };
    // An empty value removes a variable (e.g. DEV_IDENTITY_URL in apim mode).
    for (const [name, value] of Object.entries(env)) if (value === '') delete env[name];
    this.server = startProcess(this.options.checkout, 'dist/src/main.js', [], env);
    this.rss = new RssSampler(this.server.child.pid!);
    await waitForHttp(`${this.base}/health`, this.server, 60_000);
    for (const user of world.warm ?? [USERS.referrer, USERS.provider]) {
      // The caller's token exchange and role look-up (A030), once, before anything is counted.
      await this.graphql('{ me { activeRole { businessFunction } } }', { user });
    }
    this.proxy.calls = [];
  }

  async stop(): Promise<void> {
    this.rss?.stop();
    await stopProcess(this.server);
    await stopProcess(this.simulator);
    await this.proxy?.close();
  }

  async idToken(userId: string): Promise<string> {
    const cached = this.tokens.get(userId);
    if (cached) return cached;
    const result = await request(`http://127.0.0.1:${this.simulatorPort}/oidc/dev/id-token`, {
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ userId, audience: DEV_AUDIENCE }),
      capMs: 10_000,
    });
    const token = result.json?.id_token as string | undefined;
    if (!token) throw new Error(`the simulator gave no ID token for ${userId} (HTTP ${result.status})`);
    this.tokens.set(userId, token);
    return token;
  }

  async headersFor(user: string | null, extra: Record<string, string> = {}): Promise<Record<string, string>> {
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...extra };
    if (user) headers.Authorization = `Bearer ${await this.idToken(user)}`;
    return headers;
  }

  async graphql(
    query: string,
    options: {
      user?: string | null;
      variables?: Record<string, unknown>;
      headers?: Record<string, string>;
      capMs?: number;
      onRequest?: RequestOptions['onRequest'];
      operationName?: string;
    } = {},
  ): Promise<HttpResult> {
    const headers = await this.headersFor(options.user === undefined ? USERS.referrer : options.user, options.headers);
    return request(`${this.base}/graphql`, {
      headers,
      body: JSON.stringify({ query, variables: options.variables, operationName: options.operationName }),
      capMs: options.capMs ?? this.options.capMs,
      onRequest: options.onRequest,
    });
  }

  /** The caller's view of a failed request: a crash of the server, or the transport error. */
  async failure(result: HttpResult): Promise<string> {
    if (!result.error) return '';
    if (!result.timedOut) await Promise.race([this.server.exit, sleep(3000)]);
    return this.server.exited ? crashOf(this.server) : result.error;
  }

  /** The server's log output so far. */
  log(): string {
    return this.server.stdout.join('');
  }
}

// ---------------------------------------------------------------------------------------------
// What the caller got

function errorSummary(errors: Array<{ message?: string; extensions?: Record<string, unknown> }>): string {
  const counts = new Map<string, number>();
  for (const error of errors) {
    const code = String(error.extensions?.code ?? 'NO_CODE');
    const reason = error.extensions?.reason ?? error.extensions?.transport;
    const key = reason ? `${code}/${String(reason)}` : code;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => (n > 1 ? `${key} x${n}` : key)).join(', ');
}

function describe(result: HttpResult): string {
  if (result.error) return result.error;
  const parts = [`HTTP ${result.status}`];
  const body = result.json;
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const errors = Array.isArray(body.errors) ? body.errors : [];
    if (errors.length > 0) {
      parts.push(`${errors.length} error${errors.length > 1 ? 's' : ''}: ${errorSummary(errors)}`);
      const first = errors[0];
      if (errors.length === 1 && first.extensions?.estimate !== undefined)
        parts.push(`estimate ${first.extensions.estimate} > limit ${first.extensions.limit}`);
      else if (errors.length === 1) parts.push(`"${clip(String(first.message ?? ''), 70)}"`);
    }
    if ('data' in body) {
      const values = body.data && typeof body.data === 'object' ? Object.values(body.data) : [];
      const empty = body.data === null || values.every((value) => value === null);
      parts.push(empty ? 'no data' : errors.length > 0 ? 'partial data' : 'data');
    }
  } else if (result.bytes > 0 && result.json === undefined && result.bytes <= KEEP_BYTES) {
    parts.push(`${String(result.headers['content-type'] ?? 'no content type').split(';')[0]}`);
  }
  parts.push(mb(result.bytes));
  return parts.join(', ');
}

interface Row {
  case: string;
  ersCalls: number | null;
  ms: number | null;
  peakRssMb: number | null;
  got: string;
  /** e-RS calls by method and endpoint, and case-specific numbers. */
  detail?: Record<string, unknown>;
}

// ---------------------------------------------------------------------------------------------
// Discovery: ids the cases need, read through ers-graph from the simulator's seed-1 world

interface Ids {
  /** UBRNs the referrer can read (referrer worklists). */
  referrerUbrns: string[];
  /** A referral of the referrer's with its details. */
  sample: { ubrn: string; nhsNumber: string; commissioningRule: string; specialty: string };
  serviceIds: string[];
  bookableServiceIds: string[];
  /** Binary id of an available attachment the referrer can download. */
  binaryId?: string;
  /** An A&G request the provider clinician reads, with a 3-message conversation. */
  adviceUbrn: string;
  adviceMessages: number;
  /** A referral on the provider's review worklist, with its version (a keyed mutation). */
  review: { ubrn: string; version: string };
  /** UBRNs of the provider's review worklist (fairness: the other user's reads). */
  providerUbrns: string[];
}

async function ok(world: World, query: string, user: string, variables?: Record<string, unknown>): Promise<any> {
  const result = await world.graphql(query, { user, variables, capMs: 60_000 });
  if (!result.json?.data) throw new Error(`discovery query failed: ${describe(result)} ${clip(result.text, 300)}`);
  return result.json.data;
}

async function discover(world: World): Promise<Ids> {
  const referrerUbrns: string[] = [];
  for (const type of ['AWAITING_BOOKING', 'REJECTED_TRIAGE_RESPONSE', 'ASSESSMENT_RETURNED_CANCELLED_DNA', 'LETTERS_OUTSTANDING']) {
    let after: string | null = null;
    for (let page = 0; page < 10; page++) {
      const data: any = await ok(
        world,
        'query($type: ReferralWorklistType!, $after: String) { referralWorklist(type: $type, first: 50, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ubrn } } } }',
        USERS.referrer,
        { type, after },
      );
      for (const edge of data.referralWorklist.edges) if (!referrerUbrns.includes(edge.node.ubrn)) referrerUbrns.push(edge.node.ubrn);
      if (!data.referralWorklist.pageInfo.hasNextPage) break;
      after = data.referralWorklist.pageInfo.endCursor;
    }
  }
  const serviceIds = new Set<string>();
  const bookable = new Set<string>();
  let sample: Ids['sample'] | undefined;
  let binaryId: string | undefined;
  for (const ubrn of referrerUbrns.slice(0, 40)) {
    const data = await ok(
      world,
      'query($u: UBRN!) { referral(ubrn: $u) { patientNhsNumber commissioningRuleOrganisationOdsCode specialty { code } shortlist { id directlyBookable } attachments { url availability } } }',
      USERS.referrer,
      { u: ubrn },
    );
    const referral = data.referral;
    for (const service of referral.shortlist ?? []) {
      if (!service) continue;
      serviceIds.add(service.id);
      if (service.directlyBookable) bookable.add(service.id);
    }
    if (!sample && referral.patientNhsNumber && referral.commissioningRuleOrganisationOdsCode && referral.specialty?.code) {
      sample = {
        ubrn,
        nhsNumber: referral.patientNhsNumber,
        commissioningRule: referral.commissioningRuleOrganisationOdsCode,
        specialty: referral.specialty.code,
      };
    }
    const available = (referral.attachments ?? []).find(
      (a: { url?: string; availability?: string }) => a.url?.startsWith('Binary/') && a.availability === 'AVAILABLE',
    );
    if (!binaryId && available) binaryId = available.url.slice('Binary/'.length);
  }
  if (!sample) throw new Error('discovery: no referral of the referrer with an NHS number, commissioning rule and specialty');

  const advice = await ok(world, '{ adviceAndGuidanceWorklist(first: 50) { edges { node { ubrn } } } }', USERS.provider);
  let adviceUbrn = '';
  let adviceMessages = 0;
  for (const edge of advice.adviceAndGuidanceWorklist.edges) {
    const data = await ok(world, 'query($u: UBRN!) { adviceAndGuidance(ubrn: $u) { conversation { id } } }', USERS.provider, {
      u: edge.node.ubrn,
    });
    const messages = data.adviceAndGuidance?.conversation?.length ?? 0;
    // Three messages: the growth the issue measured (x3 per level); else the longest there is.
    if (messages === 3) {
      adviceUbrn = edge.node.ubrn;
      adviceMessages = 3;
      break;
    }
    if (messages > adviceMessages) {
      adviceUbrn = edge.node.ubrn;
      adviceMessages = messages;
    }
  }
  const review = await ok(
    world,
    '{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 50) { edges { node { ubrn referral { version } } } } }',
    USERS.provider,
  );
  const reviewEdges = review.referralWorklist.edges as Array<{ node: { ubrn: string; referral: { version: string } | null } }>;
  const first = reviewEdges.find((e) => e.node.referral?.version);
  if (!first) throw new Error('discovery: the provider review worklist is empty');
  return {
    referrerUbrns,
    sample,
    serviceIds: [...serviceIds],
    bookableServiceIds: [...bookable],
    binaryId,
    adviceUbrn,
    adviceMessages,
    review: { ubrn: first.node.ubrn, version: first.node.referral!.version },
    providerUbrns: reviewEdges.map((e) => e.node.ubrn),
  };
}

// ---------------------------------------------------------------------------------------------
// Queries

/** The A&G cycle nested `depth` levels: conversation -> adviceAndGuidance -> conversation ... */
function adviceCycle(ubrn: string, depth: number): string {
  let inner = 'id sentAt';
  for (let level = 1; level < depth; level++) inner = `id sentAt adviceAndGuidance { conversation { ${inner} } }`;
  return `query Cycle { adviceAndGuidance(ubrn: "${ubrn}") { conversation { ${inner} } } }`;
}

/**
 * `count` aliases of referral(ubrn:). `distinct`: every alias a different read (the readable
 * UBRNs, then again at versions 1, 2, ...), as a hostile client would do to defeat the
 * per-request loader; otherwise the same UBRNs repeated.
 */
function referralAliases(ubrns: string[], count: number, distinct: boolean): string {
  const fields: string[] = [];
  for (let i = 0; i < count; i++) {
    const ubrn = ubrns[i % ubrns.length];
    const round = Math.floor(i / ubrns.length);
    const version = distinct && round > 0 ? `, version: "${round}"` : '';
    fields.push(`r${i}: referral(ubrn: "${ubrn}"${version}) { ubrn version }`);
  }
  return `query Aliases { ${fields.join(' ')} }`;
}

const WORKLIST_SCREEN = `query ProviderWorklistScreen($after: String) {
  referralWorklist(type: REFERRALS_FOR_REVIEW, first: 50, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      ubrn
      priority
      ... on ReferralForReviewWorklistItem { serviceName specialty { display } pathwayStart }
      referral { patientNhsNumber state { state } availableActions attachments { title availability } }
    } }
  }
}`;

const ONE_REFERRAL = 'query OneReferral($u: UBRN!) { referral(ubrn: $u) { ubrn version state { state } priority } }';

// ---------------------------------------------------------------------------------------------
// Cases

interface CaseContext {
  options: Options;
  ids: Ids;
}

interface CaseDef {
  id: string;
  /** Its own world (simulator + proxy + ers-graph), stopped after the case. */
  world: WorldOptions;
  run(world: World, ctx: CaseContext): Promise<Omit<Row, 'case' | 'peakRssMb'> & { peakRssMb?: number | null }>;
}

/** One GraphQL request measured: calls counted from the proxy, time, what came back. */
async function measured(
  world: World,
  query: string,
  options: Parameters<World['graphql']>[1] = {},
): Promise<Omit<Row, 'case' | 'peakRssMb'>> {
  world.proxy.calls = [];
  const result = await world.graphql(query, options);
  const got = result.error ? await world.failure(result) : describe(result);
  return {
    ersCalls: world.proxy.calls.length,
    ms: Math.round(result.ms),
    got,
    detail: { calls: callCounts(world.proxy.calls), queryBytes: Buffer.byteLength(query) },
  };
}

function adviceCase(depth: number, capFactor = 1): CaseDef {
  return {
    id: `a-cycle-depth-${depth}`,
    world: { warm: [USERS.provider] },
    run: async (world, { ids, options }) => {
      const row = await measured(world, adviceCycle(ids.adviceUbrn, depth), { user: USERS.provider, capMs: options.capMs * capFactor });
      return { ...row, detail: { ...row.detail, adviceUbrn: ids.adviceUbrn, messagesPerLevel: ids.adviceMessages } };
    },
  };
}

function fanOut(id: string, build: (ids: Ids) => string): CaseDef {
  return { id, world: { warm: [USERS.referrer] }, run: (world, { ids }) => measured(world, build(ids), { user: USERS.referrer }) };
}

const CASES: CaseDef[] = [
  adviceCase(8),
  adviceCase(10),
  // Twice the cap: the heap fills in about two minutes where Node's heap limit is 4 GB.
  adviceCase(40, 2),

  fanOut('b-10000-referral-aliases-distinct', (ids) => referralAliases(ids.referrerUbrns, 10_000, true)),
  fanOut('b-10000-referral-aliases-repeated', (ids) => referralAliases(ids.referrerUbrns, 10_000, false)),

  {
    id: 'c-200-aliases-at-production-rate',
    world: { simulatorArgs: ['--rate-limit', '10'], env: { ERS_RATE_LIMIT: '9' } },
    run: async (world, { ids }) => {
      world.proxy.calls = [];
      const alias = world.graphql(referralAliases(ids.referrerUbrns, 200, true), { user: USERS.referrer });
      // Another user's one-referral screen while the aliases hold the trust's limit.
      await sleep(2000);
      const other = await world.graphql(ONE_REFERRAL, { user: USERS.provider, variables: { u: ids.providerUbrns[1] ?? ids.review.ubrn } });
      const result = await alias;
      const got = result.error ? await world.failure(result) : describe(result);
      const mine = world.proxy.calls.filter((c) => c.role !== 'SERVICE_PROVIDER_CLINICIAN');
      return {
        // The aliases' calls; the other user's are in the detail.
        ersCalls: mine.length,
        ms: Math.round(result.ms),
        got: `${got}; other user's one referral: ${seconds(other.ms)} (${other.error ? other.error : describe(other)})`,
        detail: {
          calls: callCounts(mine),
          otherUserCalls: world.proxy.calls.length - mine.length,
          otherUserMs: Math.round(other.ms),
          answered429: world.proxy.calls.filter((c) => c.status === 429).length,
        },
      };
    },
  },

  fanOut(
    'd-1000-healthcareServiceVersion',
    (ids) =>
      `query FanOut { ${Array.from({ length: 1000 }, (_, i) => `v${i}: healthcareServiceVersion(id: "${ids.serviceIds[i % ids.serviceIds.length]}")`).join(' ')} }`,
  ),
  fanOut('d-1000-healthcareServices', (ids) => {
    const list = JSON.stringify(ids.serviceIds.slice(0, 20));
    return `query FanOut { ${Array.from({ length: 1000 }, (_, i) => `s${i}: healthcareServices(ids: ${list}) { id }`).join(' ')} }`;
  }),
  fanOut('d-1000-appointmentSlots', (ids) => {
    // Distinct searches (service x priority x page size), so the per-request loader cannot merge them.
    const fields: string[] = [];
    const services = ids.bookableServiceIds.length > 0 ? ids.bookableServiceIds : ids.serviceIds;
    for (let first = 1; first <= 100 && fields.length < 1000; first++) {
      for (const priority of ['ROUTINE', 'URGENT', 'TWO_WEEK_WAIT']) {
        for (const service of services) {
          if (fields.length >= 1000) break;
          fields.push(
            `s${fields.length}: appointmentSlots(search: { serviceId: "${service}", priority: ${priority}, commissioningRuleOrgOdsCode: "${ids.sample.commissioningRule}" }, first: ${first}) { edges { node { id } } }`,
          );
        }
      }
    }
    return `query FanOut { ${fields.join(' ')} }`;
  }),
  fanOut(
    'd-1000-serviceSearch',
    (ids) =>
      `query FanOut { ${Array.from(
        { length: 1000 },
        (_, i) =>
          `s${i}: serviceSearch(input: { patientNhsNumber: "${ids.sample.nhsNumber}", priority: ROUTINE, specialty: "${ids.sample.specialty}" }) { serviceId }`,
      ).join(' ')} }`,
  ),

  {
    id: 'e-fairness-20-worklist-screens-vs-one-read',
    world: { simulatorArgs: ['--rate-limit', '10'], env: { ERS_RATE_LIMIT: '9' } },
    run: async (world, { ids, options }) => {
      const reads = ids.referrerUbrns;
      let next = 0;
      const readOnce = async () => {
        const result = await world.graphql(ONE_REFERRAL, { user: USERS.referrer, variables: { u: reads[next++ % reads.length] } });
        const codes = (result.json?.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);
        return {
          ms: result.ms,
          rateLimited: codes.includes('RATE_LIMITED'),
          error: result.error ?? (codes.length > 0 ? codes.join(',') : undefined),
        };
      };
      const idle: number[] = [];
      for (let i = 0; i < 3; i++) {
        idle.push((await readOnce()).ms);
        await sleep(300);
      }
      world.proxy.calls = [];
      const started = now();
      const windowMs = 30_000;
      let stopping = false;
      let screens = 0;
      let screenErrors = 0;
      const flood = Array.from({ length: 20 }, async () => {
        while (!stopping) {
          const result = await world.graphql(WORKLIST_SCREEN, { user: USERS.provider, capMs: options.capMs });
          screens++;
          if (result.error || (result.json?.errors ?? []).length > 0) screenErrors++;
          if (result.error && world.server.exited) return;
        }
      });
      const samples: Array<Promise<{ at: number; ms: number; rateLimited: boolean; error?: string }>> = [];
      for (let second = 1; second * 1000 <= windowMs; second++) {
        await sleep(started + second * 1000 - now());
        const at = now() - started;
        samples.push(readOnce().then((r) => ({ ...r, at })));
      }
      stopping = true;
      const answered = await Promise.all(samples);
      const callsInWindow = world.proxy.calls.filter((c) => c.at - started <= windowMs).length;
      // The flood's screens still running end when the server is stopped after the case.
      void Promise.allSettled(flood);
      const latencies = answered.map((s) => s.ms);
      // Refusals come back fast: latency is of the reads that got their referral.
      const served = answered.filter((s) => !s.error).map((s) => s.ms);
      const limited = answered.filter((s) => s.rateLimited);
      const firstLimited = limited.length > 0 ? Math.min(...limited.map((s) => s.at + s.ms)) : undefined;
      const got =
        `B idle p50 ${seconds(percentile(idle, 0.5))}; under the flood ${served.length}/${answered.length} served, p50 ${served.length ? seconds(percentile(served, 0.5)) : '-'}, ` +
        `max ${served.length ? seconds(Math.max(...served)) : '-'}; RATE_LIMITED ${limited.length}/${answered.length}` +
        `${firstLimited !== undefined ? ` (first answered at ${(firstLimited / 1000).toFixed(1)} s)` : ''}; A's screens done ${screens}`;
      return {
        ersCalls: callsInWindow,
        ms: windowMs,
        got,
        detail: {
          calls: callCounts(world.proxy.calls),
          idleMs: idle.map(Math.round),
          bLatenciesMs: latencies.map(Math.round),
          bErrors: answered.map((s) => s.error ?? null),
          screensCompleted: screens,
          screensWithErrors: screenErrors,
        },
      };
    },
  },

  ...redisCases(),

  {
    id: 'g-disconnect-300ms-into-worklist-screen',
    world: { simulatorArgs: ['--latency-ms', '100'], env: { ERS_RATE_LIMIT: '9' }, warm: [USERS.provider] },
    run: async (world) => {
      world.proxy.calls = [];
      let disconnectAt = 0;
      const result = await world.graphql(WORKLIST_SCREEN, {
        user: USERS.provider,
        onRequest: (req) =>
          setTimeout(() => {
            disconnectAt = now();
            req.destroy();
          }, 300),
      });
      // Calls still arriving: wait until e-RS has been quiet for 3 s (at most 60 s).
      const until = now() + 60_000;
      while (now() < until) {
        const last = world.proxy.calls.at(-1)?.at ?? disconnectAt;
        if (now() - Math.max(last, disconnectAt) > 3000) break;
        await sleep(250);
      }
      const after = world.proxy.calls.filter((c) => c.at > disconnectAt);
      const lastAt = after.at(-1)?.at;
      return {
        ersCalls: world.proxy.calls.length,
        ms: Math.round(result.ms),
        got: `client gone at 300 ms; ${after.length} e-RS calls arrived after it${lastAt ? `, the last ${seconds(lastAt - disconnectAt)} later` : ''}`,
        detail: {
          calls: callCounts(world.proxy.calls),
          callsAfterDisconnect: after.length,
          callsBefore: world.proxy.calls.length - after.length,
        },
      };
    },
  },
  {
    id: 'g-slow-ers-every-answer-60s',
    world: { warm: [USERS.referrer] },
    run: async (world, { ids }) => {
      world.proxy.delayMs = 60_000;
      return measured(world, 'query($u: UBRN!) { referral(ubrn: $u) { ubrn state { state } availableActions } }', {
        user: USERS.referrer,
        variables: { u: ids.sample.ubrn },
        capMs: world.capMs(),
      });
    },
  },
  {
    id: 'g-upstream-429-retry-after-40',
    world: { warm: [USERS.referrer] },
    run: async (world, { ids }) => {
      let refused = false;
      world.proxy.intercept = (_req, res, call) => {
        if (refused || !/^\/STU3\/ReferralRequest\/\d{12}$/.test(call.path)) return false;
        refused = true;
        call.status = 429;
        res.writeHead(429, { 'Content-Type': 'application/fhir+json', 'Retry-After': '40' });
        res.end(JSON.stringify(tooManyRequests()));
        return true;
      };
      return measured(world, ONE_REFERRAL, { user: USERS.referrer, variables: { u: ids.sample.ubrn } });
    },
  },
  {
    id: 'g-100mb-worklist-answer',
    world: { warm: [USERS.provider] },
    run: async (world) => {
      world.proxy.intercept = async (_req, res, call, forward) => {
        if (call.path !== '/STU3/ReferralRequest/$ers.fetchworklist') return false;
        const real = await forward();
        call.status = real.status;
        await sendHugeWorklist(res, real, 100 * 1024 * 1024);
        return true;
      };
      return measured(world, '{ referralWorklist(type: REFERRALS_FOR_REVIEW, first: 50) { totalCount edges { node { ubrn } } } }', {
        user: USERS.provider,
      });
    },
  },
  {
    id: 'g-stalled-attachment-download',
    world: { warm: [USERS.referrer] },
    run: async (world, { ids }) => {
      if (!ids.binaryId) return { ersCalls: null, ms: null, got: 'skipped: no available attachment found in the world' };
      let upstreamClosedAt: number | undefined;
      world.proxy.intercept = (_req, res, call) => {
        if (!call.path.startsWith('/R4/Binary/')) return false;
        call.status = 200;
        res.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': String(1024 * 1024) });
        res.write('%PDF-1.4\n%stalled\n');
        res.on('close', () => (upstreamClosedAt = now()));
        return true; // and never another byte
      };
      world.proxy.calls = [];
      const started = now();
      const result = await request(`${world.base}/attachments/${encodeURIComponent(ids.binaryId)}`, {
        headers: await world.headersFor(USERS.referrer),
        capMs: world.capMs(),
      });
      const got = result.timedOut
        ? `download still open after ${Math.round(world.capMs() / 1000)} s, HTTP ${result.status ?? '-'} and ${mb(result.bytes)} received`
        : result.error
          ? `download ended, cut off: HTTP ${result.status ?? '-'} and ${mb(result.bytes)} received`
          : `download ended: ${describe(result)}`;
      return {
        ersCalls: world.proxy.calls.length,
        ms: Math.round(result.ms),
        got: `${got}${upstreamClosedAt ? `; ers-graph dropped the upstream after ${seconds(upstreamClosedAt - started)}` : ''}`,
        detail: { calls: callCounts(world.proxy.calls) },
      };
    },
  },

  {
    id: 'h-apim-junk-token-20-requests',
    world: { env: { AUTH_MODE: 'apim', DEV_IDENTITY_URL: '' }, warm: [] },
    run: async (world, { ids }) => {
      world.proxy.calls = [];
      const started = now();
      const results: HttpResult[] = [];
      for (let i = 0; i < 20; i++) {
        results.push(
          await request(`${world.base}/graphql`, {
            headers: { 'Content-Type': 'application/json', Authorization: 'Bearer junk-token-not-from-apim' },
            body: JSON.stringify({ query: ONE_REFERRAL, variables: { u: ids.sample.ubrn } }),
            capMs: world.capMs(),
          }),
        );
      }
      const a030 = world.proxy.calls.filter((c) => c.path === '/R4/PractitionerRole').length;
      const outcomes = new Map<string, number>();
      for (const r of results)
        outcomes.set(
          describe(r).replace(/, [\d.]+ (B|KB|MB)$/, ''),
          (outcomes.get(describe(r).replace(/, [\d.]+ (B|KB|MB)$/, '')) ?? 0) + 1,
        );
      return {
        ersCalls: world.proxy.calls.length,
        ms: Math.round(now() - started),
        got: `${a030} A030 calls for 20 requests; ${[...outcomes].map(([k, n]) => `${n} x ${k}`).join('; ')}`,
        detail: { calls: callCounts(world.proxy.calls), a030 },
      };
    },
  },

  {
    id: 'i-20-anonymous-multipart-5x5mb',
    world: { warm: [] },
    run: async (world) => {
      const { body, boundary } = multipartFlood();
      world.proxy.calls = [];
      const started = now();
      const results = await Promise.all(
        Array.from({ length: 20 }, () =>
          request(`${world.base}/graphql`, {
            headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
            body,
            capMs: world.capMs(),
          }),
        ),
      );
      const outcomes = new Map<string, number>();
      for (const r of results) {
        const key = r.error ? (world.server.exited ? crashOf(world.server) : r.error) : describe(r).replace(/, [\d.]+ (B|KB|MB)$/, '');
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
      return {
        ersCalls: world.proxy.calls.length,
        ms: Math.round(now() - started),
        got: [...outcomes].map(([k, n]) => `${n} x ${k}`).join('; '),
        detail: { calls: callCounts(world.proxy.calls), bodyBytes: body.length },
      };
    },
  },

  ...inputCases(),
];

/** An STU3 OperationOutcome as e-RS sends with a 429. */
function tooManyRequests(): unknown {
  return {
    resourceType: 'OperationOutcome',
    meta: { profile: ['https://fhir.nhs.uk/STU3/StructureDefinition/eRS-OperationOutcome-1'] },
    issue: [
      {
        severity: 'error',
        code: 'throttled',
        details: {
          coding: [
            { system: 'https://fhir.nhs.uk/STU3/CodeSystem/eRS-APIErrorCode-1', code: 'TOO_MANY_REQUESTS', display: 'Too many requests' },
          ],
        },
      },
    ],
  };
}

/** The real A008 answer, its entries repeated until the body is `size` bytes, streamed. */
async function sendHugeWorklist(res: http.ServerResponse, real: UpstreamAnswer, size: number): Promise<void> {
  const parsed = JSON.parse(real.body.toString('utf8')) as Record<string, unknown>;
  const entries = (Array.isArray(parsed.entry) ? parsed.entry : []) as unknown[];
  const [head, tail] = JSON.stringify({ ...parsed, entry: '__ENTRIES__' }).split('"__ENTRIES__"');
  const entryTexts = entries.length > 0 ? entries.map((e) => JSON.stringify(e)) : ['{}'];
  res.writeHead(200, { 'Content-Type': 'application/fhir+json' });
  let sent = 0;
  const write = async (text: string) => {
    sent += Buffer.byteLength(text);
    if (!res.write(text)) await new Promise<void>((resolve) => res.once('drain', resolve));
  };
  await write(`${head}[`);
  let chunk: string[] = [];
  for (let i = 0; sent < size && !res.destroyed; i++) {
    chunk.push(entryTexts[i % entryTexts.length]);
    if (chunk.length === 200) {
      await write(`${i >= 200 ? ',' : ''}${chunk.join(',')}`);
      chunk = [];
    }
  }
  if (chunk.length > 0) await write(`,${chunk.join(',')}`);
  res.end(`]${tail}`);
}

/** One GraphQL multipart body with 5 files of 5 MB (no token, no CSRF header): sent 20 times. */
function multipartFlood(): { body: Buffer; boundary: string } {
  const boundary = '----abusebench7f3a';
  const files = 5;
  const variables = Object.fromEntries(Array.from({ length: files }, (_, i) => [`f${i}`, null]));
  const query = `mutation(${Array.from({ length: files }, (_, i) => `$f${i}: Upload!`).join(', ')}) { ${Array.from({ length: files }, (_, i) => `u${i}: uploadAttachment(file: $f${i}) { url }`).join(' ')} }`;
  const map = Object.fromEntries(Array.from({ length: files }, (_, i) => [String(i), [`variables.f${i}`]]));
  const file = Buffer.alloc(5 * 1024 * 1024, 0x41);
  file.write('%PDF-1.4\n');
  const parts: Buffer[] = [];
  const field = (name: string, value: string) =>
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  field('operations', JSON.stringify({ query, variables }));
  field('map', JSON.stringify(map));
  for (let i = 0; i < files; i++) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${i}"; filename="letter${i}.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
    );
    parts.push(file, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), boundary };
}

/** f: Redis unreachable (a closed port). */
function redisCases(): CaseDef[] {
  // The closed port is chosen when the case starts; one world answers the three rows.
  const world: WorldOptions = { env: { ERS_RATE_LIMIT: '9' }, warm: [] };
  return [
    {
      id: 'f-redis-down-read',
      world,
      run: async (w, { ids }) => {
        // The first request also pays the token exchange and role look-up: measure a second one too.
        const first = await measured(w, ONE_REFERRAL, { user: USERS.referrer, variables: { u: ids.referrerUbrns[0] } });
        const second = await measured(w, ONE_REFERRAL, { user: USERS.referrer, variables: { u: ids.referrerUbrns[1] } });
        return {
          ersCalls: second.ersCalls,
          ms: second.ms,
          got: `${second.got} (first request, cold: ${seconds(first.ms ?? 0)}, ${first.got})`,
          detail: { ...second.detail, firstMs: first.ms, firstCalls: first.ersCalls },
        };
      },
    },
    {
      id: 'f-redis-down-keyed-mutation',
      world: { ...world, warm: [USERS.provider] },
      run: async (w, { ids }) => {
        // Literals, not variables: the version's type is String before issue 10 and Version after it.
        const input = `{ ubrn: ${JSON.stringify(ids.review.ubrn)}, version: ${JSON.stringify(ids.review.version)}, idempotencyKey: "abuse-bench-1" }`;
        const mutation = `mutation { acceptReferral(input: ${input}) { referral { ubrn } } }`;
        const row = await measured(w, mutation, { user: USERS.provider });
        return { ...row, got: `acceptReferral with idempotencyKey: ${row.got}` };
      },
    },
    {
      id: 'f-redis-down-health-ready',
      world,
      run: async (w) => {
        const health = await request(`${w.base}/health`, { capMs: w.capMs() });
        const ready = await request(`${w.base}/ready`, { capMs: w.capMs() });
        const show = (r: HttpResult) => (r.error ? r.error : `HTTP ${r.status} ${clip(r.text, 80)} (${seconds(r.ms)})`);
        return { ersCalls: null, ms: Math.round(health.ms + ready.ms), got: `/health: ${show(health)}; /ready: ${show(ready)}` };
      },
    },
  ];
}

/** j: inputs and error shapes. */
function inputCases(): CaseDef[] {
  const world: WorldOptions = { warm: [USERS.referrer] };
  const shaped = (r: HttpResult) => Array.isArray(r.json?.errors) && typeof r.json.errors[0]?.message === 'string';
  const firstError = (r: HttpResult) => (r.json?.errors?.[0] ?? {}) as { message?: string; extensions?: Record<string, unknown> };
  const errorText = (r: HttpResult) => {
    if (r.error) return r.error;
    const e = firstError(r);
    return `HTTP ${r.status}, ${String(e.extensions?.code ?? 'no code')}: "${clip(e.message ?? r.text, 90)}"`;
  };
  return [
    {
      id: 'j-healthcareService-id-dotdot',
      world,
      run: async (w) => {
        const row = await measured(w, '{ healthcareService(id: "..") { id name } }', { user: USERS.referrer });
        const paths = [...new Set(w.proxy.calls.map((c) => `${c.method} /FHIR${c.path}`))];
        return { ...row, got: `upstream saw: ${paths.join(', ') || 'nothing'}; ${row.got}` };
      },
    },
    {
      id: 'j-datetime-2024-02-30',
      world,
      run: async (w) => {
        // Everything else is invalid too, so nothing is created when the date is accepted.
        const query =
          'mutation($d: DateTime) { createReferral(input: { patientNhsNumber: "0000000000", priority: ROUTINE, specialty: "CARDIOLOGY", shortlist: [], pathwayStart: $d }) { referral { ubrn } } }';
        w.proxy.calls = [];
        const result = await w.graphql(query, { user: USERS.referrer, variables: { d: '2024-02-30' } });
        const accepted = result.json && 'data' in result.json;
        return {
          ersCalls: w.proxy.calls.length,
          ms: Math.round(result.ms),
          got: `${accepted ? 'accepted (the mutation ran; it then failed on other input)' : 'refused'}: ${errorText(result)}`,
        };
      },
    },
    {
      id: 'j-100000-nested-brackets',
      world,
      run: async (w) => {
        w.proxy.calls = [];
        const result = await w.graphql(`{ referral(ubrn: ${'['.repeat(100_000)} }`, { user: USERS.referrer });
        return { ersCalls: w.proxy.calls.length, ms: Math.round(result.ms), got: errorText(result) };
      },
    },
    {
      id: 'j-invalid-role-header-echo',
      world,
      run: async (w, { ids }) => {
        w.proxy.calls = [];
        const result = await w.graphql(ONE_REFERRAL, {
          user: USERS.referrer,
          variables: { u: ids.sample.ubrn },
          headers: { 'NHSD-eRS-Business-Function': 'CLINICIAN_9434765919' },
        });
        return {
          ersCalls: w.proxy.calls.length,
          ms: Math.round(result.ms),
          got: `${errorText(result)}; header value echoed: ${result.text.includes('9434765919') ? 'yes' : 'no'}`,
        };
      },
    },
    {
      id: 'j-fastify-400-malformed-json',
      world,
      run: async (w) => {
        const result = await request(`${w.base}/graphql`, {
          headers: await w.headersFor(USERS.referrer),
          body: '{"query": "{ __typename }"',
          capMs: w.capMs(),
        });
        return {
          ersCalls: 0,
          ms: Math.round(result.ms),
          got: `HTTP ${result.status}, shaped {errors:[...]}: ${shaped(result) ? 'yes' : 'no'}; ${clip(result.text, 110)}`,
        };
      },
    },
    {
      id: 'j-fastify-415-text-plain',
      world,
      run: async (w) => {
        const result = await request(`${w.base}/graphql`, {
          headers: { ...(await w.headersFor(USERS.referrer)), 'Content-Type': 'text/plain' },
          body: '{ __typename }',
          capMs: w.capMs(),
        });
        return {
          ersCalls: 0,
          ms: Math.round(result.ms),
          got: `HTTP ${result.status}, shaped {errors:[...]}: ${shaped(result) ? 'yes' : 'no'}; ${clip(result.text, 110)}`,
        };
      },
    },
    {
      id: 'j-fastify-415-application-xml',
      world,
      run: async (w) => {
        const result = await request(`${w.base}/graphql`, {
          headers: { ...(await w.headersFor(USERS.referrer)), 'Content-Type': 'application/xml' },
          body: '<query/>',
          capMs: w.capMs(),
        });
        return {
          ersCalls: 0,
          ms: Math.round(result.ms),
          got: `HTTP ${result.status}, shaped {errors:[...]}: ${shaped(result) ? 'yes' : 'no'}; ${clip(result.text, 110)}`,
        };
      },
    },
    {
      id: 'j-operation-name-and-correlation-id-in-logs',
      world,
      run: async (w) => {
        const before = w.log().length;
        const result = await w.graphql('query Op9434765919 { __typename }', {
          user: USERS.referrer,
          operationName: 'Op9434765919',
          headers: { 'X-Correlation-ID': 'corr-9434765919' },
        });
        await sleep(500);
        const log = w.log().slice(before);
        const lines = log.split('\n').filter((line) => line.includes('9434765919'));
        return {
          ersCalls: 0,
          ms: Math.round(result.ms),
          got:
            `HTTP ${result.status}; in the log: operation name ${log.includes('Op9434765919') ? 'yes' : 'no'}, correlation id ${log.includes('corr-9434765919') ? 'yes' : 'no'}` +
            `; X-Correlation-ID answered: ${String(result.headers['x-correlation-id'] ?? '-')}`,
          detail: { logLines: lines.map((line) => clip(line, 300)) },
        };
      },
    },
    {
      id: 'j-html-pdf-polyglot-upload',
      world,
      run: async (w, { ids }) => {
        const boundary = '----abusebenchpoly';
        const content = '%PDF-1.4\n<html><script>alert(1)</script></html>\n';
        const body =
          `--${boundary}\r\nContent-Disposition: form-data; name="referralId"\r\n\r\n${ids.sample.ubrn}\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="letter.pdf"\r\nContent-Type: application/pdf\r\n\r\n${content}\r\n` +
          `--${boundary}--\r\n`;
        w.proxy.calls = [];
        const result = await request(`${w.base}/attachments`, {
          headers: { ...(await w.headersFor(USERS.referrer)), 'Content-Type': `multipart/form-data; boundary=${boundary}` },
          body,
          capMs: w.capMs(),
        });
        const accepted = result.status !== undefined && result.status >= 200 && result.status < 300;
        const e = firstError(result);
        return {
          ersCalls: w.proxy.calls.length,
          ms: Math.round(result.ms),
          got: `${accepted ? 'accepted' : 'refused'}: HTTP ${result.status ?? '-'}${e.extensions ? ` ${String(e.extensions.code)}/${String(e.extensions.reason ?? '')}` : ''}`,
          detail: { calls: callCounts(w.proxy.calls) },
        };
      },
    },
    {
      id: 'j-metrics-main-port-no-credentials',
      world,
      run: async (w, { options }) => {
        const anonymous = await request(`${w.base}/metrics`, { capMs: w.capMs() });
        let got = `HTTP ${anonymous.status}${anonymous.status === 200 ? ` (${mb(anonymous.bytes)} of metrics)` : ''}`;
        if (options.metricsToken) {
          const withToken = await request(`${w.base}/metrics`, {
            headers: { Authorization: `Bearer ${options.metricsToken}` },
            capMs: w.capMs(),
          });
          got += `; with --metrics-token: HTTP ${withToken.status}`;
        }
        return { ersCalls: 0, ms: Math.round(anonymous.ms), got };
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Runner

function selected(options: Options, id: string): boolean {
  if (options.only.length === 0) return true;
  return options.only.some((want) => id === want || id.startsWith(`${want}-`) || id.startsWith(want));
}

function table(rows: Row[]): string {
  const lines = ['| case | e-RS calls | time | peak RSS | what the caller got |', '|---|---|---|---|---|'];
  for (const row of rows) {
    lines.push(
      `| ${row.case} | ${row.ersCalls ?? '-'} | ${row.ms === null ? '-' : seconds(row.ms)} | ${row.peakRssMb === null ? '-' : `${row.peakRssMb} MB`} | ${row.got.replace(/\|/g, '\\|')} |`,
    );
  }
  return lines.join('\n');
}

function commitOf(dir: string): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return undefined;
  }
}

let current: World | undefined;

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  process.stdout.write(`checkout ${options.checkout} (${commitOf(options.checkout) ?? 'no git'}), cap ${options.capMs / 1000} s\n`);

  const discovery = new World(options);
  current = discovery;
  let ids: Ids;
  try {
    await discovery.start({});
    ids = await discover(discovery);
  } finally {
    await discovery.stop();
  }
  process.stdout.write(
    `world: ${ids.referrerUbrns.length} referrals the referrer reads, ${ids.serviceIds.length} services (${ids.bookableServiceIds.length} bookable), ` +
      `A&G ${ids.adviceUbrn} (${ids.adviceMessages} messages), attachment ${ids.binaryId ? 'found' : 'none'}\n`,
  );

  const rows: Row[] = [];
  const write = () => {
    mkdirSync(path.dirname(options.out), { recursive: true });
    const meta = {
      // The commit identifies the checkout; its folder on the measuring machine does not matter.
      checkout: path.basename(path.resolve(options.checkout)),
      commit: commitOf(options.checkout),
      measuredAt: new Date(started).toISOString(),
      node: process.version,
      // Where the deep cycle runs out of memory depends on these (Node's default heap limit follows RAM).
      machine: {
        cpus: os.cpus().length,
        memoryMb: Math.round(os.totalmem() / 1024 / 1024),
        nodeHeapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 1024 / 1024),
      },
      capSeconds: options.capMs / 1000,
      env: options.env,
      world: {
        adviceUbrn: ids.adviceUbrn,
        adviceMessages: ids.adviceMessages,
        referrerUbrns: ids.referrerUbrns.length,
        services: ids.serviceIds.length,
      },
    };
    writeFileSync(options.out, `${JSON.stringify({ meta, rows }, null, 2)}\n`);
  };
  for (const def of CASES.filter((c) => selected(options, c.id))) {
    const world = new World(options);
    current = world;
    const caseStarted = now();
    let row: Row;
    try {
      const worldOptions = { ...def.world };
      if (def.id.startsWith('f-')) worldOptions.env = { ...worldOptions.env, REDIS_URL: `redis://127.0.0.1:${await freePort()}` };
      await world.start(worldOptions);
      const result = await def.run(world, { options, ids });
      world.rss.stop();
      row = { case: def.id, peakRssMb: result.peakRssMb === undefined ? world.rss.peakMb : result.peakRssMb, ...result };
    } catch (error) {
      row = {
        case: def.id,
        ersCalls: null,
        ms: null,
        peakRssMb: world.rss ? world.rss.peakMb : null,
        got: `bench could not run it: ${clip((error as Error).message, 200)}`,
      };
    } finally {
      await world.stop();
    }
    rows.push(row);
    write();
    process.stdout.write(
      `${row.case}: ${row.ersCalls ?? '-'} calls, ${row.ms === null ? '-' : seconds(row.ms)}, ${row.peakRssMb ?? '-'} MB, ${row.got}  [${seconds(now() - caseStarted)}]\n`,
    );
  }
  process.stdout.write(`\n${table(rows)}\n\nwritten to ${options.out} in ${seconds(Date.now() - started)}\n`);
}

const stopCurrent = (signal: string) => {
  process.stderr.write(`${signal}: stopping the processes started by this bench\n`);
  void (current?.stop() ?? Promise.resolve()).finally(() => process.exit(130));
};
process.once('SIGINT', () => stopCurrent('SIGINT'));
process.once('SIGTERM', () => stopCurrent('SIGTERM'));

main().catch(async (error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  await current?.stop();
  process.exit(1);
});
